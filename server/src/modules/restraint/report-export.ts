import { type Language, type RestraintMonthlyCountsShown, restraintTypes } from '@custodia/domain';
import type { ExportFile } from '../../platform/export/attachment.ts';
import { csvDocument, csvMediaType } from '../../platform/export/csv.ts';
import { createPdf } from '../../platform/export/pdf.ts';
import { reportWords, typeWords } from './export-labels.ts';

/** The monthly report as released to the reader: counts suppressed or not (DAT-6). */
export interface MonthlyReportShown {
  total: RestraintMonthlyCountsShown;
  units: (RestraintMonthlyCountsShown & { unitCode: string })[];
  suppression: { threshold: number; cells: string[] } | null;
}

/** The report's table in the reader's language: header, the institution's line, one line per unit. */
function reportTable(report: MonthlyReportShown, language: Language) {
  const w = reportWords[language];
  const header = [
    w.unit,
    w.episodes,
    ...restraintTypes.map((t) => typeWords[language][t]),
    w.people,
    w.median,
    w.longest,
    w.over30,
    w.over4h,
    w.over24h,
    w.repeat,
    w.open,
  ];
  // A suppressed count is written as "suppressed" in words, never as an empty or zero cell.
  const cell = (n: number | null) => (n === null ? w.suppressed : n);
  const line = (unit: string, c: RestraintMonthlyCountsShown) => [
    unit,
    cell(c.episodes),
    ...restraintTypes.map((t) => cell(c.byType[t])),
    cell(c.people),
    c.medianMinutes ?? '',
    c.maxMinutes ?? '',
    cell(c.beyondSoftAlert),
    cell(c.beyondSecondDoctor),
    cell(c.beyondEscalation),
    cell(c.repeatPeople),
    cell(c.stillOpen),
  ];
  const note = report.suppression
    ? w.suppressedNote(report.suppression.threshold - 1, report.suppression.cells.length)
    : w.notSuppressed;
  return {
    header,
    lines: [line(w.institution, report.total), ...report.units.map((u) => line(u.unitCode, u))],
    note,
  };
}

/** RST-15: the monthly report as CSV, in the reader's language, with its small-cell suppression stated (DAT-6). */
export function monthlyReportCsv(report: MonthlyReportShown, month: string, language: Language): ExportFile {
  const { header, lines, note } = reportTable(report, language);
  return {
    filename: `restraint-report-${month}.csv`,
    contentType: csvMediaType,
    body: csvDocument([[`${reportWords[language].title} ${month}`], [note], header, ...lines]),
  };
}

/** RST-15: the monthly report as PDF (the platform's builder, ADR 0026), in the reader's language. */
export async function monthlyReportPdf(
  report: MonthlyReportShown,
  month: string,
  language: Language,
  context: { institution: string | null; timeZone: string; generatedAt: string; generatedBy: string },
): Promise<ExportFile> {
  const { header, lines, note } = reportTable(report, language);
  const pdf = createPdf({
    title: reportWords[language].title,
    language,
    institution: context.institution,
    period: month,
    generatedAt: context.generatedAt,
    generatedBy: context.generatedBy,
    timeZone: context.timeZone,
    landscape: true,
  });
  pdf.text(note, { size: 8 });
  pdf.table(header, lines, [70, 50, 55, 60, 55, 55, 45, 55, 55, 50, 50, 50, 70, 50], { size: 8 });
  return {
    filename: `restraint-report-${month}.pdf`,
    contentType: 'application/pdf',
    body: await pdf.end(),
  };
}
