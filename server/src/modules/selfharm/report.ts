import { type Language, type SelfharmReport, suppressedCells } from '@custodia/domain';
import { inTransaction } from '../../platform/db/database.ts';
import { forbidden } from '../../platform/errors.ts';
import type { ExportFile } from '../../platform/export/attachment.ts';
import { csvDocument, csvMediaType } from '../../platform/export/csv.ts';
import { createPdf } from '../../platform/export/pdf.ts';
import type { Caller } from '../identity/index.ts';
import { inScope, type SelfharmDeps } from './context.ts';

const measures = ['opened', 'openNow', 'missedChecks'] as const;
type Measure = (typeof measures)[number];
const NO_UNIT = '';

/**
 * Open care plans and missed checks per wing (issue 17 item 6, ADR 0041): plans opened in the
 * period, plans open now, and checks recorded after the one due (missed) in the period, per unit of
 * the person's cell now. DAT-6: outside the health service small counts, and those they could be
 * worked out from, are suppressed.
 */
export function createSelfharmReport(deps: SelfharmDeps) {
  const { db, clock, audit, registry } = deps;
  return {
    async report(
      caller: Caller,
      institutionId: string,
      from: string,
      to: string,
      clinicalReader: boolean,
      threshold: number,
    ): Promise<SelfharmReport> {
      if (!inScope(caller.viewer, institutionId)) throw forbidden('You do not work there.');
      return inTransaction(db, async (tx) => {
        const now = clock.now().toISOString();
        const [plans, checks, units] = await Promise.all([
          tx
            .selectFrom('selfharm_plan')
            .select(['id', 'person_id', 'raised_at', 'closed_at'])
            .where('institution_id', '=', institutionId)
            .where((eb) => eb.or([eb('closed_at', 'is', null), eb('raised_at', '>=', from)]))
            .where('raised_at', '<', to)
            .limit(10_000)
            .execute(),
          tx
            .selectFrom('selfharm_check')
            .select([
              'plan_id',
              (eb) => eb.fn.countAll<number>().as('checks'),
              (eb) => eb.fn.sum<number>('late').as('late'),
            ])
            .where('institution_id', '=', institutionId)
            .where('checked_at', '>=', from)
            .where('checked_at', '<', to)
            .groupBy('plan_id')
            .execute(),
          registry.units(tx, institutionId),
        ]);
        const extra = checks.filter((c) => !plans.some((p) => p.id === c.plan_id)).map((c) => c.plan_id);
        const others = extra.length
          ? await tx
              .selectFrom('selfharm_plan')
              .select(['id', 'person_id', 'raised_at', 'closed_at'])
              .where('id', 'in', extra)
              .execute()
          : [];
        const all = [...plans, ...others];
        const places = await registry.custodyPlaces(
          tx,
          all.map((p) => p.person_id),
        );
        const unitOf = new Map(all.map((p) => [p.id, places.get(p.person_id)?.unitId ?? NO_UNIT]));
        const counts = new Map<string, Record<Measure, number>>();
        const row = (unit: string) => {
          let r = counts.get(unit);
          if (!r) {
            r = { opened: 0, openNow: 0, missedChecks: 0 };
            counts.set(unit, r);
          }
          return r;
        };
        for (const u of units) row(u.id);
        let checksTotal = 0;
        for (const p of plans) {
          const r = row(unitOf.get(p.id) ?? NO_UNIT);
          if (p.raised_at >= from) r.opened += 1;
          if (!p.closed_at || p.closed_at > now) r.openNow += p.closed_at ? 0 : 1;
        }
        for (const c of checks) {
          row(unitOf.get(c.plan_id) ?? NO_UNIT).missedChecks += Number(c.late ?? 0);
          checksTotal += Number(c.checks);
        }
        const code = new Map(units.map((u) => [u.id, u.code]));
        const unitRows = [...counts].map(([unitId, r]) => ({
          unitId,
          unitCode: code.get(unitId) ?? '',
          ...r,
        }));
        const totals = {
          opened: unitRows.reduce((n, r) => n + r.opened, 0),
          openNow: unitRows.reduce((n, r) => n + r.openNow, 0),
          missedChecks: unitRows.reduce((n, r) => n + r.missedChecks, 0),
          checks: checksTotal,
        };
        await audit.record(tx, caller.audit, {
          action: 'selfharm.report.read',
          dataClass: 'aggregate',
          outcome: 'allowed',
          resourceType: 'institution',
          resourceId: institutionId,
          details: { from, to },
        });
        const base = { institutionId, from, to };
        if (clinicalReader) return { ...base, units: unitRows, totals, suppression: null };
        // DAT-6: the cells of each measure, a line per measure (the total made of the units).
        const values: Record<string, number> = {};
        const lines = measures.map((m) => {
          values[`total.${m}`] = totals[m];
          for (const r of unitRows) values[`${r.unitId}.${m}`] = r[m];
          return { total: `total.${m}`, parts: unitRows.map((r) => `${r.unitId}.${m}`) };
        });
        values['total.checks'] = totals.checks;
        const hidden = suppressedCells(values, lines, threshold);
        const shown = (key: string, n: number) => (hidden.has(key) ? null : n);
        return {
          ...base,
          units: unitRows.map((r) => ({
            unitId: r.unitId,
            unitCode: r.unitCode,
            opened: shown(`${r.unitId}.opened`, r.opened),
            openNow: shown(`${r.unitId}.openNow`, r.openNow),
            missedChecks: shown(`${r.unitId}.missedChecks`, r.missedChecks),
          })),
          totals: {
            opened: shown('total.opened', totals.opened),
            openNow: shown('total.openNow', totals.openNow),
            missedChecks: shown('total.missedChecks', totals.missedChecks),
            checks: shown('total.checks', totals.checks),
          },
          suppression: { threshold, cells: [...hidden].sort() },
        };
      });
    },
  };
}

const words: Record<
  Language,
  {
    title: string;
    unit: string;
    noUnit: string;
    total: string;
    opened: string;
    openNow: string;
    missedChecks: string;
    checks: string;
    suppressed: string;
    note: (n: number) => string;
  }
> = {
  az: {
    title: 'Özünə zərər qayğı planları və buraxılmış yoxlamalar',
    unit: 'Bölmə',
    noUnit: 'Kamerasız',
    total: 'Cəmi',
    opened: 'Açılmış planlar',
    openNow: 'İndi açıq',
    missedChecks: 'Buraxılmış yoxlamalar',
    checks: 'Yoxlamalar',
    suppressed: '<5',
    note: (n) => `Kiçik saylar (1–${n - 1}) və onlardan hesablana bilənlər gizlədilib (DAT-6).`,
  },
  en: {
    title: 'Self-harm care plans and missed checks',
    unit: 'Unit',
    noUnit: 'No cell',
    total: 'Total',
    opened: 'Plans opened',
    openNow: 'Open now',
    missedChecks: 'Missed checks',
    checks: 'Checks',
    suppressed: '<5',
    note: (n) => `Small counts (1–${n - 1}) and those they could be worked out from are suppressed (DAT-6).`,
  },
  ru: {
    title: 'Планы ухода при риске самоповреждения и пропущенные проверки',
    unit: 'Отделение',
    noUnit: 'Без камеры',
    total: 'Всего',
    opened: 'Открыто планов',
    openNow: 'Открыты сейчас',
    missedChecks: 'Пропущенные проверки',
    checks: 'Проверки',
    suppressed: '<5',
    note: (n) => `Малые числа (1–${n - 1}) и те, из которых их можно вычислить, скрыты (DAT-6).`,
  },
};

function table(report: SelfharmReport, language: Language) {
  const w = words[language];
  const cell = (n: number | null) => (n === null ? w.suppressed : n);
  const header = [w.unit, w.opened, w.openNow, w.missedChecks];
  const rows = [
    ...report.units.map((u) => [
      u.unitCode || w.noUnit,
      cell(u.opened),
      cell(u.openNow),
      cell(u.missedChecks),
    ]),
    [w.total, cell(report.totals.opened), cell(report.totals.openNow), cell(report.totals.missedChecks)],
  ];
  return { header, rows };
}

const fileName = (r: SelfharmReport, ext: string) =>
  `selfharm-report-${r.from.slice(0, 10)}-${r.to.slice(0, 10)}.${ext}`;

/** The report as CSV, in words, its suppression stated. */
export function reportCsv(report: SelfharmReport, language: Language): ExportFile {
  const { header, rows } = table(report, language);
  const note = report.suppression ? [[words[language].note(report.suppression.threshold)]] : [];
  return {
    filename: fileName(report, 'csv'),
    contentType: csvMediaType,
    body: csvDocument([header, ...rows, ...note]),
  };
}

/** The report as PDF, in words, its suppression stated. */
export async function reportPdf(
  report: SelfharmReport,
  language: Language,
  context: {
    institutionName: string;
    period: string;
    generatedAt: string;
    generatedBy: string;
    timeZone: string;
  },
): Promise<ExportFile> {
  const { header, rows } = table(report, language);
  const pdf = createPdf({
    title: words[language].title,
    language,
    institution: context.institutionName,
    period: context.period,
    generatedAt: context.generatedAt,
    generatedBy: context.generatedBy,
    timeZone: context.timeZone,
  });
  if (report.suppression) pdf.text(words[language].note(report.suppression.threshold), { size: 8 });
  pdf.table(header, rows, [160, 110, 110, 110], { size: 9 });
  return { filename: fileName(report, 'pdf'), contentType: 'application/pdf', body: await pdf.end() };
}
