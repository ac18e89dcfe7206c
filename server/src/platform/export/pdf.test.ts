import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../test/pdf-text.ts';
import { createPdf, fitColumns, generatedLine, wrapText } from './pdf.ts';

interface Word {
  page: number;
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
}

/** Every word of a PDF with its page and position, as poppler's `pdftotext -bbox` reads them. */
function pdfWords(pdf: Buffer): Word[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    fs.writeFileSync(file, pdf);
    const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    const words: Word[] = [];
    let page = 0;
    for (const m of html.matchAll(
      /<page [^>]*>|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g,
    )) {
      if (m[0].startsWith('<page')) page++;
      else
        words.push({
          page,
          text: (m[4] as string)
            .replaceAll('&amp;', '&')
            .replaceAll('&lt;', '<')
            .replaceAll('&gt;', '>')
            .replaceAll('&quot;', '"'),
          xMin: Number(m[1]),
          yMin: Number(m[2]),
          xMax: Number(m[3]),
        });
    }
    return words;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const base = {
  title: 'Test register',
  language: 'en' as const,
  institution: 'Pilot prison No. 1',
  period: '2026-11-01 – 2026-12-01',
  generatedAt: '2026-11-28T09:00:05.123Z',
  generatedBy: 'Aysel Məmmədova',
  timeZone: 'Asia/Baku',
};

describe('platform PDF builder', () => {
  it('wraps text between words, keeps line breaks, cuts only a word wider than the width', () => {
    const measure = (s: string) => s.length;
    expect(wrapText('alpha beta gamma delta', 11, measure)).toEqual(['alpha beta', 'gamma delta']);
    expect(wrapText('one\ntwo three', 20, measure)).toEqual(['one', 'two three']);
    expect(wrapText('abcdefghij', 4, measure)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('', 4, measure)).toEqual(['']);
  });

  it('widens a column to its longest word and takes the room from columns that can spare it', () => {
    // Fits as given: unchanged.
    expect(fitColumns([100, 100], [20, 20], 300)).toEqual([100, 100]);
    // Too wide for the page, every column still above its longest word: scaled together, as before.
    expect(fitColumns([200, 200], [20, 20], 300)).toEqual([150, 150]);
    // A narrow column holding a long word gets its width from the others, in proportion to their spare.
    const fitted = fitColumns([30, 135, 135], [60, 20, 20], 300);
    expect(fitted[0]).toBe(60);
    expect(fitted[1]).toBeCloseTo(120);
    expect(fitted[2]).toBeCloseTo(120);
    expect(fitted.reduce((a, b) => a + b, 0)).toBeCloseTo(300);
    // Longest words that cannot all fit: scaled together (a word is then cut, the only way left).
    expect(fitColumns([10, 10], [200, 200], 300)).toEqual([150, 150]);
  });

  it('a table cell breaks between words, never inside one, even in a column given too narrow', async () => {
    const pdf = createPdf({ ...base, landscape: true });
    pdf.table(
      ['n', 'end reason', 'note'],
      [
        [1, 'Переведён в психиатрическое учреждение', 'short'],
        [2, 'Transferred to a psychiatric facility', 'x'],
      ],
      [20, 20, 600],
      { size: 7 },
    );
    const text = pdfText(await pdf.end());
    for (const word of [
      'Переведён',
      'психиатрическое',
      'учреждение',
      'Transferred',
      'psychiatric',
      'facility',
    ])
      expect(text).toContain(word);
  });

  it('says when, in the time zone and to the second, and by whom, in each language', () => {
    expect(generatedLine('en', base.generatedAt, 'A B', 'Asia/Baku')).toBe(
      'Generated 2026-11-28 13:00:05 (Asia/Baku), by A B',
    );
    expect(generatedLine('ru', base.generatedAt, 'A B', 'Asia/Baku')).toContain('2026-11-28 13:00:05');
    expect(generatedLine('az', base.generatedAt, 'A B', 'Asia/Baku')).toContain('Hazırlanıb');
  });

  it('has a header with institution and period, "page N of M" and "generated at … by …" on every page, and a table whose header repeats and whose cells wrap', async () => {
    const pdf = createPdf(base);
    pdf.text('Ümumi məlumat: Азербайджан, Şəki, Gəncə.');
    const long = 'Bruise on the left forearm about three centimetres wide, seen at admission';
    const rows = Array.from({ length: 80 }, (_, i) => [`P-${i + 1}`, i === 0 ? long : 'Cəfərov Test', i]);
    pdf.table(['Prison number', 'Description', 'Minutes'], rows, [80, 120, 50]);
    const bytes = await pdf.end();
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

    const text = pdfText(bytes);
    expect(text).toContain('Ümumi məlumat: Азербайджан, Şəki, Gəncə.');
    const words = pdfWords(bytes);
    const pages = Math.max(...words.map((w) => w.page));
    expect(pages).toBeGreaterThan(1);
    for (let page = 1; page <= pages; page++) {
      const on = words.filter((w) => w.page === page);
      const line = on.map((w) => w.text).join(' ');
      expect(line).toContain('Test register · Pilot prison No. 1 · 2026-11-01 – 2026-12-01');
      expect(line).toContain(`Page ${page} of ${pages}`);
      expect(line).toContain('Generated 2026-11-28 13:00:05 (Asia/Baku), by Aysel Məmmədova');
      // The table's header on every page, above its rows.
      const header = on.find((w) => w.text === 'Description');
      expect(header, `header on page ${page}`).toBeDefined();
      const firstRow = on.find((w) => /^P-\d+$/.test(w.text));
      expect(firstRow).toBeDefined();
      expect((header as Word).yMin).toBeLessThan((firstRow as Word).yMin);
    }
    expect(text).toContain('P-80');

    // The long cell is on several lines of its column, broken between words, never past its edge.
    const cellWords = long.split(' ');
    const placed = words.filter((w) => w.page === 1 && cellWords.includes(w.text));
    expect(placed.map((w) => w.text)).toEqual(cellWords);
    expect(new Set(placed.map((w) => Math.round(w.yMin))).size).toBeGreaterThan(1);
    const column = words.find((w) => w.page === 1 && w.text === 'Description') as Word;
    for (const w of placed) {
      expect(w.xMin).toBeGreaterThanOrEqual(column.xMin - 0.5);
      expect(w.xMax).toBeLessThanOrEqual(column.xMin + 120);
    }
    // The row after it starts below the wrapped cell's last line.
    const next = words.find((w) => w.page === 1 && w.text === 'P-2') as Word;
    expect(next.yMin).toBeGreaterThan(Math.max(...placed.map((w) => w.yMin)));
  });

  it('a row taller than a page goes on over the next page, under the repeated header, with nothing lost', async () => {
    const pdf = createPdf({ ...base, language: 'ru', period: null });
    const words = Array.from({ length: 600 }, (_, i) => `слово${i}`);
    pdf.table(['Поле', 'Текст'], [['A', words.join(' ')]], [60, 60]);
    const bytes = await pdf.end();
    const text = pdfText(bytes);
    expect(text).toContain('Страница 2 из');
    expect(text).not.toContain('2026-11-01');
    const placed = pdfWords(bytes);
    const read = placed.filter((w) => w.text.startsWith('слово')).map((w) => w.text);
    expect(read.length === words.length && read.every((w, i) => w === words[i])).toBe(true);
    const pages = Math.max(...placed.map((w) => w.page));
    expect(pages).toBeGreaterThan(1);
    for (let page = 1; page <= pages; page++)
      expect(placed.some((w) => w.page === page && w.text === 'Текст')).toBe(true);
  });
});
