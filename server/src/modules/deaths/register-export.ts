import {
  type DeathsRegister,
  deathManners,
  instantToWallTime,
  type SuppressionLine,
  suppressedCells,
} from '@custodia/domain';
import type { ExportFile } from '../../platform/export/attachment.ts';
import { csvDocument, csvMediaType } from '../../platform/export/csv.ts';
import { createPdf } from '../../platform/export/pdf.ts';

type Indicators = DeathsRegister['indicators'];

/**
 * DAT-6, ADR 0016: the register's counts released outside the health service: counts from 1 to
 * threshold − 1, and those they could be worked out from, are left out (null) and named. The lines:
 * deaths = its manners; deaths = with an autopsy + without (hidden); deaths = investigated within
 * 24 h + not (hidden); recommendations = implemented + not (hidden). A rate goes with its count.
 */
export function suppressRegister(
  indicators: Indicators,
  threshold: number,
): { indicators: Indicators; suppression: DeathsRegister['suppression'] } {
  const deaths = indicators.deaths ?? 0;
  const values: Record<string, number> = {
    deaths,
    withAutopsy: indicators.withAutopsy ?? 0,
    withoutAutopsy: deaths - (indicators.withAutopsy ?? 0),
    investigationWithin24h: indicators.investigationWithin24h ?? 0,
    investigationLater: deaths - (indicators.investigationWithin24h ?? 0),
    recommendations: indicators.recommendations ?? 0,
    implemented: indicators.implemented ?? 0,
    notImplemented: (indicators.recommendations ?? 0) - (indicators.implemented ?? 0),
  };
  for (const m of deathManners) values[`manner:${m}`] = indicators.byManner[m] ?? 0;
  const lines: SuppressionLine[] = [
    { total: 'deaths', parts: deathManners.map((m) => `manner:${m}`) },
    { total: 'deaths', parts: ['withAutopsy', 'withoutAutopsy'] },
    { total: 'deaths', parts: ['investigationWithin24h', 'investigationLater'] },
    { total: 'recommendations', parts: ['implemented', 'notImplemented'] },
  ];
  const hidden = new Set(['withoutAutopsy', 'investigationLater', 'notImplemented']);
  const cells = suppressedCells(values, lines, threshold, hidden);
  const keep = (key: string, v: number | null) => (cells.has(key) ? null : v);
  return {
    indicators: {
      population: indicators.population,
      deaths: keep('deaths', indicators.deaths),
      byManner: Object.fromEntries(
        deathManners.map((m) => [m, keep(`manner:${m}`, indicators.byManner[m] ?? 0)]),
      ),
      ratePer10000ByManner: Object.fromEntries(
        deathManners.map((m) => [
          m,
          cells.has(`manner:${m}`) ? null : (indicators.ratePer10000ByManner[m] ?? 0),
        ]),
      ),
      withAutopsy: keep('withAutopsy', indicators.withAutopsy),
      investigationWithin24h: keep('investigationWithin24h', indicators.investigationWithin24h),
      recommendations: keep('recommendations', indicators.recommendations),
      implemented: keep('implemented', indicators.implemented),
    },
    suppression: { threshold, cells: [...cells].sort() },
  };
}

const columns = [
  'found',
  'prison number',
  'person',
  'setting',
  'manner',
  'next of kin told',
  'investigation',
  'investigation opened',
  'recommendations',
  'implemented',
  'closed',
  'cause (ICD-10)',
  'cause',
  'autopsy',
];
const widths = [62, 52, 80, 62, 50, 62, 62, 62, 40, 40, 62, 40, 70, 50];

/** DAT-7: the deaths register of an institution for a month or a year, CSV or PDF (ADR 0026). */
export async function deathsRegisterExport(
  register: DeathsRegister,
  query: { institutionName: string; format: 'csv' | 'pdf' },
  context: { timeZone: string; generatedAt: string; generatedBy: string; clinical: boolean },
): Promise<ExportFile> {
  const zone = context.timeZone;
  const local = (iso: string | null) =>
    iso ? instantToWallTime(iso, zone).replace('T', ' ').slice(0, 16) : '';
  const shown = context.clinical ? columns : columns.slice(0, 11);
  const lineOf = (l: DeathsRegister['lines'][number]) =>
    [
      local(l.foundAt),
      l.prisonNumber,
      l.name,
      l.setting ?? '',
      l.manner ?? '',
      local(l.nextOfKinAt),
      l.investigationReference ?? '',
      local(l.investigationOpenedAt),
      l.recommendations,
      l.implemented,
      local(l.closedAt),
      l.causeCode ?? '',
      l.causeText ?? '',
      l.autopsy ?? '',
    ].slice(0, shown.length);
  const period = register.month
    ? `${register.year}-${String(register.month).padStart(2, '0')}`
    : `${register.year}`;
  const name = `deaths-register-${period}`;
  const i = register.indicators;
  const shownCount = (v: number | null) => (v === null ? '•' : String(v));
  const summary = [
    ['people held (denominator)', String(i.population)],
    ['deaths', shownCount(i.deaths)],
    ...deathManners.map((m) => [
      `${m} (per 10,000)`,
      `${shownCount(i.byManner[m] ?? null)} (${i.ratePer10000ByManner[m] ?? '•'})`,
    ]),
    ['with an autopsy', shownCount(i.withAutopsy)],
    ['independent investigation opened within 24 h', shownCount(i.investigationWithin24h)],
    ['recommendations', shownCount(i.recommendations)],
    ['recommendations implemented', shownCount(i.implemented)],
  ];
  const note = register.suppression
    ? `Counts from 1 to ${register.suppression.threshold - 1}, and those they could be worked out from, are left out (•).`
    : '';
  if (query.format === 'csv') {
    const header = shown.map((c) =>
      ['found', 'next of kin told', 'investigation opened', 'closed'].includes(c) ? `${c} (${zone})` : c,
    );
    return {
      filename: `${name}.csv`,
      contentType: csvMediaType,
      body: csvDocument([header, ...register.lines.map(lineOf), [], ...summary, ...(note ? [[note]] : [])]),
    };
  }
  const pdf = createPdf({
    title: 'Deaths in custody register',
    language: 'en',
    institution: query.institutionName,
    period,
    generatedAt: context.generatedAt,
    generatedBy: context.generatedBy,
    timeZone: zone,
    landscape: true,
  });
  pdf.text(`${register.lines.length} deaths. Times in ${zone}.`, { size: 8 });
  pdf.table(shown, register.lines.map(lineOf), widths.slice(0, shown.length), { size: 7 });
  pdf.heading('Indicators', 10);
  pdf.table(['indicator', 'value'], summary, [300, 120], { size: 8 });
  if (note) pdf.text(note, { size: 8 });
  return { filename: `${name}.pdf`, contentType: 'application/pdf', body: await pdf.end() };
}
