import { type RestraintMonthlyCountsShown, restraintTypes } from '@custodia/domain';
import type { ExportFile } from '../../platform/export/attachment.ts';
import { csvDocument, csvMediaType } from '../../platform/export/csv.ts';

/** The monthly report as released to the reader: counts suppressed or not (DAT-6). */
export interface MonthlyReportShown {
  total: RestraintMonthlyCountsShown;
  units: (RestraintMonthlyCountsShown & { unitCode: string })[];
  suppression: { threshold: number; cells: string[] } | null;
}

/** RST-15: the monthly report as CSV, with its small-cell suppression stated (DAT-6). */
export function monthlyReportCsv(report: MonthlyReportShown, month: string): ExportFile {
  const header = [
    'unit',
    'episodes',
    ...restraintTypes,
    'people',
    'median minutes',
    'longest minutes',
    'over 30 min',
    'over 4 h',
    'over 24 h',
    'people with repeat use',
    'still open',
  ];
  // A suppressed count is written as "suppressed", never as an empty or zero cell.
  const cell = (n: number | null) => (n === null ? 'suppressed' : n);
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
    ? `DAT-6: counts from 1 to ${report.suppression.threshold - 1}, and the counts from which they could be worked out, are suppressed (${report.suppression.cells.length} cells).`
    : 'Within the health service: no count is suppressed.';
  return {
    filename: `restraint-report-${month}.csv`,
    contentType: csvMediaType,
    body: csvDocument([
      [`Restraint monthly report ${month}`],
      [note],
      header,
      line('institution', report.total),
      ...report.units.map((u) => line(u.unitCode, u)),
    ]),
  };
}
