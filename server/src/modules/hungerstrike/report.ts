import {
  addDays,
  type HungerReport,
  hungerDurationBand,
  hungerDurationBands,
  hungerMedian,
  type Language,
  strikeDay,
  suppressedCells,
  wallTimeToInstant,
} from '@custodia/domain';
import { inTransaction } from '../../platform/db/database.ts';
import type { ExportFile } from '../../platform/export/attachment.ts';
import { csvDocument, csvMediaType } from '../../platform/export/csv.ts';
import { createPdf } from '../../platform/export/pdf.ts';
import type { Caller } from '../identity/index.ts';
import { type HungerDeps, zonesOf } from './context.ts';

const DAY_MS = 86_400_000;

/**
 * Hunger strikes by duration (issue 17 item 6): the episodes of an institution that ran on some day
 * of the period, by how long they lasted (to their end, or to the period's end when still going),
 * ongoing and ended, the median length and how many had their capacity assessed within 24 hours
 * (DOMAIN §6.1 indicators). Counts only; DAT-6 suppression for readers outside the health service.
 */
export function createHungerReport(deps: HungerDeps) {
  return {
    async report(
      caller: Caller,
      query: { institutionId: string; from: string; to: string },
      threshold: number,
    ): Promise<HungerReport> {
      const zones = await zonesOf(deps);
      const zone = zones.zone(query.institutionId);
      const start = wallTimeToInstant(`${query.from}T00:00:00`, zone) ?? `${query.from}T00:00:00.000Z`;
      const end = wallTimeToInstant(`${addDays(query.to, 1)}T00:00:00`, zone) ?? `${query.to}T00:00:00.000Z`;
      const v = caller.viewer;
      const reach = v.national || v.institutionIds.includes(query.institutionId);
      return inTransaction(deps.db, async (tx) => {
        const episodes = reach
          ? await tx
              .selectFrom('hunger_strike_episode as e')
              .leftJoin(
                (eb) =>
                  eb
                    .selectFrom('hunger_strike_entry')
                    .select(['episode_id', (x) => x.fn.min('at').as('first_at')])
                    .where('kind', '=', 'capacity')
                    .groupBy('episode_id')
                    .as('c'),
                (join) => join.onRef('c.episode_id', '=', 'e.id'),
              )
              .select(['e.started_at', 'e.ended_at', 'c.first_at'])
              .where('e.institution_id', '=', query.institutionId)
              .where('e.started_at', '<', end)
              .where((eb) => eb.or([eb('e.ended_at', 'is', null), eb('e.ended_at', '>=', start)]))
              .execute()
          : [];
        await deps.audit.record(tx, caller.audit, {
          action: 'hungerstrike.report.read',
          dataClass: 'aggregate',
          outcome: 'allowed',
          resourceType: 'hunger_strike_episode',
          details: { institutionId: query.institutionId, from: query.from, to: query.to },
        });
        const now = deps.clock.now().toISOString();
        const cut = [now, end].sort()[0] as string;
        const lengths = episodes.map((e) => {
          const until = e.ended_at && e.ended_at < cut ? e.ended_at : cut;
          return strikeDay(
            e.started_at,
            new Date(Math.max(Date.parse(until) - 1, Date.parse(e.started_at))),
            zone,
          );
        });
        const values: Record<string, number> = Object.fromEntries(hungerDurationBands.map((b) => [b, 0]));
        for (const n of lengths) values[hungerDurationBand(n)] = (values[hungerDurationBand(n)] ?? 0) + 1;
        values.total = episodes.length;
        values.ongoing = episodes.filter((e) => !e.ended_at || e.ended_at >= end).length;
        values.ended = values.total - values.ongoing;
        values.capacityWithin24h = episodes.filter(
          (e) => e.first_at && Date.parse(String(e.first_at)) - Date.parse(e.started_at) <= DAY_MS,
        ).length;
        const clinical = caller.has('clinical.record.read');
        const suppressed = clinical
          ? new Set<string>()
          : suppressedCells(
              values,
              [
                { total: 'total', parts: [...hungerDurationBands] },
                { total: 'total', parts: ['ongoing', 'ended'] },
                { total: 'total', parts: ['capacityWithin24h'] },
              ],
              threshold,
            );
        const cell = (k: string) => (suppressed.has(k) ? null : (values[k] ?? 0));
        const smallTotal = !clinical && values.total > 0 && values.total < threshold;
        return {
          institutionId: query.institutionId,
          from: query.from,
          to: query.to,
          bands: hungerDurationBands.map((band) => ({ band, count: cell(band) })),
          ongoing: cell('ongoing'),
          ended: cell('ended'),
          total: cell('total'),
          medianDays: smallTotal || suppressed.has('total') ? null : hungerMedian(lengths),
          capacityWithin24h: cell('capacityWithin24h'),
          suppression: clinical ? null : { threshold, cells: [...suppressed].sort() },
        };
      });
    },
  };
}

const en = {
  title: 'Hunger strikes by duration',
  line: 'Line',
  count: 'Count',
  up_to_3: 'Up to 3 days',
  days_4_7: '4–7 days',
  days_8_14: '8–14 days',
  days_15_28: '15–28 days',
  over_28: 'More than 28 days',
  ongoing: 'Still going at the end of the period',
  ended: 'Ended in the period',
  total: 'Total',
  median: 'Median duration (days)',
  capacity: 'Capacity assessed within 24 hours (HUN-2)',
  suppressed: 'suppressed',
  note: 'Counts from 1 to {n} are suppressed (DAT-6), with the cells they could be worked out from: {c} cells.',
  none: 'No count is suppressed.',
};
const words: Record<Language, typeof en> = {
  en,
  az: {
    title: 'Aclıq aksiyaları müddətinə görə',
    line: 'Sətir',
    count: 'Say',
    up_to_3: '3 günə qədər',
    days_4_7: '4–7 gün',
    days_8_14: '8–14 gün',
    days_15_28: '15–28 gün',
    over_28: '28 gündən çox',
    ongoing: 'Dövrün sonunda davam edir',
    ended: 'Dövr ərzində bitib',
    total: 'Cəmi',
    median: 'Median müddət (gün)',
    capacity: 'Qabiliyyət 24 saat ərzində qiymətləndirilib (HUN-2)',
    suppressed: 'gizlədilib',
    note: '1-dən {n}-ə qədər saylar gizlədilib (DAT-6), onları hesablamağa imkan verən xanalarla birlikdə: {c} xana.',
    none: 'Heç bir say gizlədilməyib.',
  },
  ru: {
    title: 'Голодовки по продолжительности',
    line: 'Строка',
    count: 'Число',
    up_to_3: 'До 3 дней',
    days_4_7: '4–7 дней',
    days_8_14: '8–14 дней',
    days_15_28: '15–28 дней',
    over_28: 'Более 28 дней',
    ongoing: 'Продолжаются на конец периода',
    ended: 'Завершены в периоде',
    total: 'Всего',
    median: 'Медиана продолжительности (дни)',
    capacity: 'Дееспособность оценена в течение 24 часов (HUN-2)',
    suppressed: 'скрыто',
    note: 'Числа от 1 до {n} скрыты (DAT-6) вместе с ячейками, по которым их можно вычислить: {c} ячеек.',
    none: 'Ни одно число не скрыто.',
  },
};

/** The report as CSV or PDF via the platform's export helpers, in the reader's language (DAT-6 stated). */
export async function hungerReportExport(
  report: HungerReport,
  format: 'csv' | 'pdf',
  language: Language,
  context: { institution: string; timeZone: string; generatedAt: string; generatedBy: string },
): Promise<ExportFile> {
  const w = words[language];
  const cell = (n: number | null) => (n === null ? w.suppressed : n);
  const lines: (string | number)[][] = [
    ...report.bands.map((b) => [w[b.band], cell(b.count)]),
    [w.ongoing, cell(report.ongoing)],
    [w.ended, cell(report.ended)],
    [w.total, cell(report.total)],
    [w.median, report.medianDays ?? w.suppressed],
    [w.capacity, cell(report.capacityWithin24h)],
  ];
  const note = report.suppression
    ? w.note
        .replace('{n}', String(report.suppression.threshold - 1))
        .replace('{c}', String(report.suppression.cells.length))
    : w.none;
  const name = `hunger-strikes-${report.from}-${report.to}`;
  if (format === 'csv')
    return {
      filename: `${name}.csv`,
      contentType: csvMediaType,
      body: csvDocument([[w.line, w.count], ...lines, [note]]),
    };
  const pdf = createPdf({
    title: w.title,
    language,
    institution: context.institution,
    period: `${report.from} – ${report.to}`,
    generatedAt: context.generatedAt,
    generatedBy: context.generatedBy,
    timeZone: context.timeZone,
  });
  pdf.text(note, { size: 8 });
  pdf.table([w.line, w.count], lines, [340, 120], { size: 9 });
  return { filename: `${name}.pdf`, contentType: 'application/pdf', body: await pdf.end() };
}
