import { createRequire } from 'node:module';
import { instantToWallTime, type Language } from '@custodia/domain';
import PDFDocument from 'pdfkit';

/**
 * The one PDF builder of the server (ADR 0026): every exported document has the same fonts, the
 * same running header (title, institution, period) and footer ("generated at … by …", "page N of M"),
 * flowing text, and tables whose cells wrap between words and whose header repeats on each page.
 */

const require = createRequire(import.meta.url);
// DejaVu Sans has every Azerbaijani and Cyrillic letter; PDF's built-in fonts have neither.
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const labels: Record<Language, { page: (n: number, of: number) => string; generated: string; by: string }> = {
  az: { page: (n, of) => `Səhifə ${n} / ${of}`, generated: 'Hazırlanıb', by: 'hazırlayan' },
  en: { page: (n, of) => `Page ${n} of ${of}`, generated: 'Generated', by: 'by' },
  ru: { page: (n, of) => `Страница ${n} из ${of}`, generated: 'Составлено', by: 'составил(а)' },
};

export interface PdfOptions {
  /** The document's title: its metadata, its first heading and its running header. */
  title: string;
  /** The language of the header and footer words. */
  language: Language;
  /** The institution the document is about, in the document's language. */
  institution?: string | null;
  /** The period it covers, as it should read ("2026-11-01 – 2026-12-01"). */
  period?: string | null;
  /** When it was made (an instant) and by whom; shown in `timeZone`, to the second. */
  generatedAt: string | Date;
  generatedBy: string;
  timeZone: string;
  landscape?: boolean;
}

export interface TextOptions {
  size?: number;
  bold?: boolean;
  indent?: number;
  /** Space before, in lines. */
  before?: number;
}

/** A cell's value: null and undefined are empty. */
export type PdfCell = string | number | boolean | null | undefined;

/** "Generated 2026-11-28 13:00:05 (Asia/Baku) by Aysel Məmmədova" in the document's language. */
export function generatedLine(language: Language, at: string | Date, by: string, timeZone: string): string {
  const l = labels[language];
  return `${l.generated} ${instantToWallTime(at, timeZone).replace('T', ' ')} (${timeZone}), ${l.by} ${by}`;
}

/**
 * The lines of `text` within `width`: broken between words (white space), explicit line breaks
 * kept, and a word wider than the width cut where it must be. Never fewer than one line.
 */
export function wrapText(text: string, width: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      let rest = Array.from(word);
      while (rest.length > 1 && measure(rest.join('')) > width) {
        let n = 1;
        while (n + 1 < rest.length && measure(rest.slice(0, n + 1).join('')) <= width) n++;
        lines.push(rest.slice(0, n).join(''));
        rest = rest.slice(n);
      }
      line = rest.join('');
    }
    lines.push(line);
  }
  return lines;
}

/**
 * The widths of a table's columns within `available` points: each at least its longest word
 * (`minimums`, padding included), so that a cell breaks between words and never inside one; the
 * room a column gains is taken from the columns wider than their longest word, in proportion to what
 * each can spare. Only when the longest words alone do not fit are all columns scaled down together
 * (and a word wider than its column is then cut, as before).
 */
export function fitColumns(
  widths: readonly number[],
  minimums: readonly number[],
  available: number,
): number[] {
  const wanted = widths.map((w, i) => Math.max(w, minimums[i] ?? 0));
  const total = wanted.reduce((a, b) => a + b, 0);
  if (total <= available) {
    // As before: the widths given, scaled down together when they exceed the page.
    const given = widths.reduce((a, b) => a + b, 0);
    const scale = Math.min(1, available / given);
    if (widths.every((w, i) => w * scale >= (minimums[i] ?? 0))) return widths.map((w) => w * scale);
    return wanted;
  }
  const floor = wanted.map((_, i) => minimums[i] ?? 0);
  const floorTotal = floor.reduce((a, b) => a + b, 0);
  if (floorTotal >= available) return floor.map((w) => (w * available) / floorTotal);
  const spare = wanted.map((w, i) => w - (floor[i] as number));
  const spareTotal = spare.reduce((a, b) => a + b, 0);
  const excess = total - available;
  return wanted.map((w, i) => w - ((spare[i] as number) * excess) / spareTotal);
}

export type PdfBuilder = ReturnType<typeof createPdf>;

/** A PDF document in A4 with the platform's fonts, header and footer; `end()` gives its bytes. */
export function createPdf(options: PdfOptions) {
  const side = options.landscape ? 30 : 40;
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.landscape ? 'landscape' : 'portrait',
    margins: { top: 48, bottom: 48, left: side, right: side },
    bufferPages: true,
    info: { Title: options.title, Producer: 'Custodia' },
  });
  doc.registerFont('regular', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = () => doc.page.margins.left;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const usable = () => doc.page.width - doc.page.margins.left - doc.page.margins.right;

  const text = (value: string, o: TextOptions = {}) => {
    if (o.before) doc.moveDown(o.before);
    doc
      .font(o.bold ? 'bold' : 'regular')
      .fontSize(o.size ?? 9)
      .text(value, left() + (o.indent ?? 0), doc.y, { width: usable() - (o.indent ?? 0) });
    return builder;
  };

  /**
   * A table: `widths` in points (scaled down together when they exceed the page), cells wrapped
   * between words, a row that does not fit moved to the next page, and the header repeated on
   * every page the table reaches. A row taller than a page goes on across pages, line by line.
   */
  const table = (
    headers: readonly string[],
    rows: Iterable<readonly PdfCell[]>,
    widths: readonly number[],
    o: { size?: number } = {},
  ) => {
    const size = o.size ?? 8;
    const body = [...rows];
    // Each column at least as wide as its longest word (header in bold), so cells break between words.
    const longestWord = (cells: readonly PdfCell[], i: number) => {
      const cell = cells[i];
      if (cell === null || cell === undefined) return 0;
      return Math.max(
        0,
        ...String(cell)
          .split(/\s+/)
          .map((word) => doc.widthOfString(word)),
      );
    };
    const minimums = widths.map((_, i) => {
      doc.font('bold').fontSize(size);
      let widest = longestWord(headers, i);
      doc.font('regular').fontSize(size);
      for (const row of body) widest = Math.max(widest, longestWord(row, i));
      return Math.ceil(widest) + 5;
    });
    const columns = fitColumns(widths, minimums, usable());
    const lineHeight = doc.font('regular').fontSize(size).currentLineHeight(true);
    const linesOf = (cells: readonly PdfCell[], font: 'regular' | 'bold') => {
      doc.font(font).fontSize(size);
      return columns.map((w, i) => {
        const cell = cells[i];
        const value = cell === null || cell === undefined ? '' : String(cell);
        return wrapText(value, w - 4, (s) => doc.widthOfString(s));
      });
    };
    const headerLines = linesOf(headers, 'bold');
    const headerHeight = Math.max(...headerLines.map((l) => l.length)) * lineHeight + 4;
    const draw = (lines: string[][], k: number, y: number, font: 'regular' | 'bold') => {
      doc.font(font).fontSize(size);
      let x = left();
      lines.forEach((cell, i) => {
        const line = cell[k];
        if (line) doc.text(line, x, y, { width: (columns[i] as number) - 4, lineBreak: false });
        x += columns[i] as number;
      });
    };
    let y = doc.y + 4;
    const drawHeader = () => {
      const rows = Math.max(...headerLines.map((l) => l.length));
      for (let k = 0; k < rows; k++) draw(headerLines, k, y + k * lineHeight, 'bold');
      const rule = y + rows * lineHeight + 1;
      doc
        .moveTo(left(), rule)
        .lineTo(left() + columns.reduce((a, b) => a + b, 0), rule)
        .lineWidth(0.5)
        .stroke();
      y += headerHeight;
    };
    const newPage = () => {
      doc.addPage();
      y = doc.page.margins.top;
      drawHeader();
    };
    if (y + headerHeight + lineHeight > bottom()) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    drawHeader();
    for (const row of body) {
      const lines = linesOf(row, 'regular');
      const height = Math.max(...lines.map((l) => l.length)) * lineHeight;
      // A row that fits on a fresh page starts on one rather than being split.
      if (y + height > bottom() && height <= bottom() - doc.page.margins.top - headerHeight) newPage();
      const count = Math.max(...lines.map((l) => l.length));
      for (let k = 0; k < count; k++) {
        if (y + lineHeight > bottom()) newPage();
        draw(lines, k, y, 'regular');
        y += lineHeight;
      }
      y += 3;
    }
    doc.x = left();
    doc.y = y;
    return builder;
  };

  const builder = {
    /** The pdfkit document, for drawing what the builder does not offer. */
    doc,
    /** A paragraph of flowing text (9 pt unless said). */
    text,
    /** A section heading. */
    heading: (value: string, size = 12) => text(value, { bold: true, size, before: 1 }),
    /** Vertical space, in lines. */
    space: (lines = 1) => {
      doc.moveDown(lines);
      return builder;
    },
    table,
    /** Writes every page's header and footer and gives the document's bytes. */
    end(): Promise<Buffer> {
      const range = doc.bufferedPageRange();
      const header = [options.title, options.institution, options.period].filter(Boolean).join(' · ');
      const footer = generatedLine(
        options.language,
        options.generatedAt,
        options.generatedBy,
        options.timeZone,
      );
      for (let i = 0; i < range.count; i++) {
        doc.switchToPage(range.start + i);
        const margins = doc.page.margins;
        const width = doc.page.width - margins.left - margins.right;
        // Header and footer sit in the margins: pdfkit must not take them for overflowing text.
        const keep = margins.bottom;
        margins.bottom = 0;
        doc.font('regular').fontSize(7).fillColor('#444444');
        doc.text(header, margins.left, 24, { width, lineBreak: false });
        const y = doc.page.height - keep + 16;
        doc.text(footer, margins.left, y, { width: width - 90, lineBreak: false });
        doc.text(labels[options.language].page(i + 1, range.count), margins.left, y, {
          width,
          align: 'right',
          lineBreak: false,
        });
        margins.bottom = keep;
        doc.fillColor('black');
      }
      doc.end();
      return done;
    },
  };

  doc.font('bold').fontSize(15).text(options.title);
  doc.moveDown(0.3);
  return builder;
}
