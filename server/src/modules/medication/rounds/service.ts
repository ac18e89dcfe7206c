import {
  type AdministrationOutcome,
  addDaysToDate,
  calendarDateIn,
  type DoseOutcome,
  type DoseRecord,
  dueDosesOn,
  isRegimeCaused,
  type MedicationProgramme,
  missedInARow,
  type NotBrought,
  type NotBroughtInput,
  type NotGivenReason,
  nearestRound,
  newId,
  notBroughtProblems,
  type ReportColumn,
  type RoundName,
  type RoundReport,
  type RoundReportQuery,
  rememberedInstants,
  reportColumnOf,
  reportColumns,
  SMALL_CELL_THRESHOLD,
  suppressedCells,
  wallTimeToInstant,
} from '@custodia/domain';
import { type Executor, inTransaction } from '../../../platform/db/database.ts';
import { notFound, ruleRefused } from '../../../platform/errors.ts';
import type { ExportFile } from '../../../platform/export/attachment.ts';
import { csvDocument, csvMediaType } from '../../../platform/export/csv.ts';
import { createPdf } from '../../../platform/export/pdf.ts';
import type { Caller } from '../../identity/index.ts';
import { type MedicationContext, medicationRules } from '../context.ts';
import { medicationLimitsOf, scopeLimitsOf } from '../limits.ts';
import { dosing, roundTimesOf } from '../round.ts';
import type { MedicationNotBroughtTable } from '../tables.ts';
import { personAccess } from '../views.ts';

const DAY = 86_400_000;

const notBroughtView = (r: MedicationNotBroughtTable, names: Map<string, string>): NotBrought => ({
  id: r.id,
  personId: r.person_id,
  institutionId: r.institution_id,
  date: r.round_date,
  round: r.round as RoundName,
  roundAt: r.round_at,
  note: r.note,
  markedBy: names.get(r.marked_by) ?? '',
  markedAt: r.marked_at,
});

/**
 * ADR 0046: the officer's "not brought to the round (regime)" mark (MDX-3, MED-3), the other record
 * of a dose a queued offline record conflicts with, and the round reports (issue 15 item 8).
 */
export function createRoundExtras(ctx: MedicationContext) {
  const { db, clock, audit, registry, identity, timeZone } = ctx;
  const access = personAccess(registry, audit);
  const inScope = (viewer: Caller['viewer'], institutionId: string) =>
    viewer.national || viewer.institutionIds.includes(institutionId);
  const dayStart = (date: string) => wallTimeToInstant(`${date}T00:00`, timeZone) ?? `${date}T00:00:00.000Z`;

  /** The scheduled (not PRN) current prescriptions of an institution overlapping a period: one query. */
  function scheduled(
    executor: Executor,
    where: { institutionId: string; personId?: string },
    start: string,
    end: string,
  ) {
    let q = executor
      .selectFrom('medication_prescription')
      .selectAll()
      .where('institution_id', '=', where.institutionId)
      .where('current', '=', 1)
      .where('prn', '=', 0)
      .where('start_at', '<', end)
      .where('end_at', '>', start)
      .where((eb) => eb.or([eb('status', '=', 'active'), eb('status_since', '>', start)]));
    if (where.personId) q = q.where('person_id', '=', where.personId);
    return q.execute();
  }

  return {
    /**
     * MDX-3, MED-3: an officer marks that a person was not brought to a dose round for a regime
     * reason. The officer names the due time their worklist line showed; the round is the one nearest
     * it. The person must have a dose in that round; a second mark of the same round answers the first.
     * No drug is read into the answer (the officer holds no medication permission).
     */
    async markNotBrought(caller: Caller, input: NotBroughtInput): Promise<NotBrought> {
      return inTransaction(db, async (tx) => {
        const now = clock.now();
        const places = await registry.custodyPlaces(tx, [input.personId]);
        const institutionId = places.get(input.personId)?.institutionId;
        if (!institutionId || !inScope(caller.viewer, institutionId))
          throw notFound('No such person in custody.');
        const roundTimes = await roundTimesOf(tx, institutionId);
        const { date, round } = nearestRound(new Date(input.dueAt), timeZone, roundTimes);
        const roundAt = wallTimeToInstant(`${date}T${roundTimes[round]}`, timeZone) ?? input.dueAt;
        const existing = await tx
          .selectFrom('medication_not_brought')
          .selectAll()
          .where('person_id', '=', input.personId)
          .where('round_date', '=', date)
          .where('round', '=', round)
          .executeTakeFirst();
        if (existing) return notBroughtView(existing, await identity.displayNames(tx, [existing.marked_by]));
        // The window is the dose's the officer's line showed (a dose may fall between round times).
        const problems = notBroughtProblems(
          input.dueAt,
          now,
          await medicationLimitsOf(ctx, tx, institutionId),
        );
        const from = new Date(Date.parse(roundAt) - DAY).toISOString();
        const to = new Date(Date.parse(roundAt) + DAY).toISOString();
        const rows = await scheduled(tx, { institutionId, personId: input.personId }, from, to);
        const inRound = rows.some((row) =>
          [-1, 0, 1]
            .map((shift) => addDaysToDate(date, shift))
            .flatMap((d) => dueDosesOn(dosing(row), d, timeZone))
            .some((dueAt) => {
              const n = nearestRound(new Date(dueAt), timeZone, roundTimes);
              return n.date === date && n.round === round;
            }),
        );
        if (!inRound) problems.push({ path: 'dueAt', code: 'no_dose_in_round' });
        if (problems.length) throw ruleRefused(problems, medicationRules);
        const row: MedicationNotBroughtTable = {
          id: newId(),
          person_id: input.personId,
          institution_id: institutionId,
          round_date: date,
          round,
          round_at: roundAt,
          note: input.note ?? null,
          marked_by: caller.userId,
          marked_at: now.toISOString(),
        };
        await tx.insertInto('medication_not_brought').values(row).execute();
        await audit.record(tx, caller.audit, {
          action: 'medication.not_brought.record',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'medication_not_brought',
          resourceId: row.id,
          personId: input.personId,
          details: { date, round },
        });
        return notBroughtView(row, new Map([[caller.userId, caller.user.displayName]]));
      });
    },

    /** The nurse's view of a round's marks: who was not brought, by whom and when (one audit record). */
    async notBroughtOn(
      caller: Caller,
      query: { institutionId: string; date: string; round: RoundName },
    ): Promise<NotBrought[]> {
      if (!inScope(caller.viewer, query.institutionId)) throw notFound('No such institution.');
      return inTransaction(db, async (tx) => {
        const rows = await tx
          .selectFrom('medication_not_brought')
          .selectAll()
          .where('institution_id', '=', query.institutionId)
          .where('round_date', '=', query.date)
          .where('round', '=', query.round)
          .orderBy('marked_at')
          .limit(1000)
          .execute();
        await audit.record(tx, caller.audit, {
          action: 'medication.not_brought.read',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'medication_round',
          resourceId: query.institutionId,
          details: { date: query.date, round: query.round, rows: rows.length },
        });
        const names = await identity.displayNames(tx, [...new Set(rows.map((r) => r.marked_by))]);
        return rows.map((r) => notBroughtView(r, names));
      });
    },

    /**
     * The record of a due dose, with who recorded it: what a nurse whose queued (offline) record was
     * refused as already recorded is shown, so the conflict is never silently dropped.
     */
    async doseRecord(caller: Caller, prescriptionId: string, dueAt: string): Promise<DoseRecord> {
      return inTransaction(db, async (tx) => {
        const record = await tx
          .selectFrom('medication_administration')
          .select(['person_id', 'outcome', 'reason', 'given_at', 'recorded_at', 'recorded_by'])
          .where('prescription_id', '=', prescriptionId)
          .where('due_at', '=', new Date(dueAt).toISOString())
          .executeTakeFirst();
        if (!record) throw notFound('No record of this dose.');
        await access(tx, caller.viewer, caller.audit, record.person_id, {
          action: 'medication.dose_record.read',
          resourceType: 'medication_administration',
          resourceId: prescriptionId,
        });
        const names = await identity.displayNames(tx, [record.recorded_by]);
        return {
          outcome: record.outcome as AdministrationOutcome,
          reason: record.reason as NotGivenReason | null,
          givenAt: record.given_at,
          recordedAt: record.recorded_at,
          recordedBy: names.get(record.recorded_by) ?? '',
        };
      });
    },

    /**
     * Issue 15 item 5: supervised programme drugs (TB, OST, HIV, HCV) whose latest due doses were
     * missed in a row (MDX-2.programme_missed_in_a_row, default 2), for the prescriber and the programme's nurse.
     * Set-based over the last three days: the supervised programme prescriptions (joined with their
     * drug), their records, and the names of those listed — three statements whatever the count.
     */
    async programmeDosesMissed(scope: { institutionIds: string[]; national: boolean }, limit: number) {
      const now = clock.now();
      const institutionIds = scope.national ? await registry.institutionIds(db) : scope.institutionIds;
      if (!institutionIds.length) return [];
      const dates = [2, 1, 0].map((back) => calendarDateIn(new Date(now.getTime() - back * DAY), timeZone));
      const start = dayStart(dates[0] as string);
      const end = now.toISOString();
      const limits = await scopeLimitsOf(ctx, db, institutionIds);
      const rows = await db
        .selectFrom('medication_prescription as p')
        .innerJoin('medication_drug as d', 'd.id', 'p.drug_id')
        .selectAll('p')
        .select('d.inn')
        .where('p.institution_id', 'in', institutionIds)
        .where('p.current', '=', 1)
        .where('p.prn', '=', 0)
        .where('p.status', '=', 'active')
        .where('p.delivery', '=', 'supervised')
        .where('d.programme', 'is not', null)
        .where('p.start_at', '<', end)
        .where('p.end_at', '>', start)
        .execute();
      if (!rows.length) return [];
      const records = await db
        .selectFrom('medication_administration')
        .select(['prescription_id', 'due_at', 'outcome'])
        .where(
          'prescription_id',
          'in',
          rows.map((r) => r.prescription_id),
        )
        .where('due_at', '>=', start)
        .where('due_at', '<=', end)
        .execute();
      const outcome = new Map(records.map((r) => [`${r.prescription_id}|${r.due_at}`, r.outcome]));
      const instantOf = rememberedInstants(timeZone);
      const missed = rows
        .map((row) => {
          const timing = dosing(row);
          const doses: DoseOutcome[] = dates.flatMap((date) =>
            dueDosesOn(timing, date, timeZone, instantOf).map((dueAt) => ({
              dueAt,
              outcome:
                (outcome.get(`${row.prescription_id}|${dueAt}`) as AdministrationOutcome | undefined) ?? null,
            })),
          );
          return { row, count: missedInARow(doses, now, limits) };
        })
        .filter((m) => m.count >= limits.programmeMissedInARow)
        .slice(0, limit);
      if (!missed.length) return [];
      const labels = await registry.personLabels(
        db,
        missed.map((m) => m.row.person_id),
      );
      return missed.map((m) => ({
        personId: m.row.person_id,
        institutionId: m.row.institution_id,
        prescriptionId: m.row.prescription_id,
        label: `${labels.get(m.row.person_id)?.name ?? ''} (${labels.get(m.row.person_id)?.prisonNumber ?? ''}) · ${m.row.inn} · ${m.count}`,
      }));
    },

    /**
     * Issue 15 item 8: for an institution and up to 31 days, the doses due / given / not given by
     * reason per unit and day, supervised programme adherence per person, and the regime-caused
     * missed doses (MDX-3). Set-based: the period's prescriptions, dose records and marks are three
     * queries whatever the size (no query per row); the due doses are derived from the prescriptions
     * (MDX-2: never stored). A reader without clinical permission (the governor) gets only the regime
     * counts per unit and day, without drugs or persons, small counts suppressed (DAT-6).
     */
    async roundReport(caller: Caller, query: RoundReportQuery): Promise<RoundReport> {
      if (!inScope(caller.viewer, query.institutionId)) throw notFound('No such institution.');
      const clinical = caller.has('medication.report.read');
      return inTransaction(db, async (tx) => {
        const start = dayStart(query.from);
        const end = dayStart(addDaysToDate(query.to, 1));
        const [prescriptions, records, marks, units, drugs] = await Promise.all([
          scheduled(tx, { institutionId: query.institutionId }, start, end),
          tx
            .selectFrom('medication_administration')
            .select(['prescription_id', 'due_at', 'outcome', 'reason'])
            .where('institution_id', '=', query.institutionId)
            .where('due_at', '>=', start)
            .where('due_at', '<', end)
            .execute(),
          tx
            .selectFrom('medication_not_brought')
            .select(['person_id', 'round_date', 'round'])
            .where('institution_id', '=', query.institutionId)
            .where('round_at', '>=', new Date(Date.parse(start) - DAY).toISOString())
            .where('round_at', '<', new Date(Date.parse(end) + DAY).toISOString())
            .execute(),
          registry.units(tx, query.institutionId),
          tx
            .selectFrom('medication_drug')
            .select(['id', 'programme'])
            .where('programme', 'is not', null)
            .execute(),
        ]);
        const roundTimes = await roundTimesOf(tx, query.institutionId);
        const recorded = new Map(records.map((r) => [`${r.prescription_id}|${r.due_at}`, r]));
        const marked = new Set(marks.map((m) => `${m.person_id}|${m.round_date}|${m.round}`));
        const programmeOf = new Map(drugs.map((d) => [d.id, d.programme as MedicationProgramme]));
        const personIds = [...new Set(prescriptions.map((p) => p.person_id))];
        const places = await registry.custodyPlaces(tx, personIds);
        const unitCode = new Map(units.map((u) => [u.id, u.code]));
        const days: string[] = [];
        for (let d = query.from; d <= query.to; d = addDaysToDate(d, 1)) days.push(d);

        type Cell = {
          date: string;
          unitId: string | null;
          due: number;
          counts: Record<ReportColumn, number>;
        };
        const cells = new Map<string, Cell>();
        const adherence = new Map<
          string,
          { personId: string; programme: MedicationProgramme; due: number; given: number; regime: number }
        >();
        // The zone arithmetic once per distinct wall time and due time, not per dose.
        const instantOf = rememberedInstants(timeZone);
        const roundAt = new Map<string, ReturnType<typeof nearestRound>>();
        const roundOfDose = (dueAt: string) => {
          let n = roundAt.get(dueAt);
          if (!n) {
            n = nearestRound(new Date(dueAt), timeZone, roundTimes);
            roundAt.set(dueAt, n);
          }
          return n;
        };
        for (const p of prescriptions) {
          const unitId = places.get(p.person_id)?.unitId ?? null;
          const programme = p.delivery === 'supervised' ? programmeOf.get(p.drug_id) : undefined;
          const timing = dosing(p);
          for (const date of days)
            for (const dueAt of dueDosesOn(timing, date, timeZone, instantOf)) {
              const record = recorded.get(`${p.prescription_id}|${dueAt}`);
              const n = roundOfDose(dueAt);
              const column = reportColumnOf(
                record
                  ? {
                      outcome: record.outcome as AdministrationOutcome,
                      reason: record.reason as NotGivenReason | null,
                    }
                  : null,
                marked.has(`${p.person_id}|${n.date}|${n.round}`),
              );
              const key = `${date}|${unitId ?? ''}`;
              const cell =
                cells.get(key) ??
                ({
                  date,
                  unitId,
                  due: 0,
                  counts: Object.fromEntries(reportColumns.map((c) => [c, 0])),
                } as Cell);
              cell.due += 1;
              cell.counts[column] += 1;
              cells.set(key, cell);
              if (programme) {
                const akey = `${p.person_id}|${programme}`;
                const a = adherence.get(akey) ?? {
                  personId: p.person_id,
                  programme,
                  due: 0,
                  given: 0,
                  regime: 0,
                };
                a.due += 1;
                if (column === 'given' || column === 'given_partial') a.given += 1;
                if (isRegimeCaused(column)) a.regime += 1;
                adherence.set(akey, a);
              }
            }
        }
        const sorted = [...cells.values()].sort(
          (a, b) =>
            a.date.localeCompare(b.date) ||
            (unitCode.get(a.unitId ?? '') ?? '~').localeCompare(unitCode.get(b.unitId ?? '') ?? '~'),
        );
        // MDX-3: the regime counts; DAT-6 for a reader outside the health service.
        const regimeOf = (c: Cell) => c.counts.regime_lockdown;
        const values: Record<string, number> = {};
        sorted.forEach((c, i) => {
          values[`c${i}`] = regimeOf(c);
        });
        const total = sorted.reduce((s, c) => s + regimeOf(c), 0);
        values.total = total;
        const hidden = clinical
          ? new Set<string>()
          : suppressedCells(values, [{ total: 'total', parts: sorted.map((_, i) => `c${i}`) }]);
        const labels = clinical
          ? await registry.personLabels(tx, [...new Set([...adherence.values()].map((a) => a.personId))])
          : new Map();
        await audit.record(tx, caller.audit, {
          action: 'medication.round_report.read',
          dataClass: clinical ? 'clinical' : 'aggregate',
          outcome: 'allowed',
          resourceType: 'medication_round_report',
          resourceId: query.institutionId,
          details: { from: query.from, to: query.to },
        });
        return {
          institutionId: query.institutionId,
          from: query.from,
          to: query.to,
          days: clinical
            ? sorted.map((c) => ({
                date: c.date,
                unitId: c.unitId,
                unitCode: c.unitId ? (unitCode.get(c.unitId) ?? null) : null,
                due: c.due,
                counts: c.counts,
              }))
            : [],
          adherence: clinical
            ? [...adherence.values()]
                .map((a) => ({
                  ...a,
                  name: labels.get(a.personId)?.name ?? '',
                  prisonNumber: labels.get(a.personId)?.prisonNumber ?? '',
                }))
                .sort((a, b) => a.name.localeCompare(b.name) || a.programme.localeCompare(b.programme))
            : [],
          regime: sorted.map((c, i) => ({
            date: c.date,
            unitCode: c.unitId ? (unitCode.get(c.unitId) ?? null) : null,
            doses: hidden.has(`c${i}`) ? null : regimeOf(c),
          })),
          regimeTotal: hidden.has('total') ? null : total,
          clinical,
          suppressionThreshold: clinical ? null : SMALL_CELL_THRESHOLD,
        };
      });
    },

    /** The report as a file: CSV or PDF through the platform's writers (ADR 0026). */
    async roundReportFile(caller: Caller, report: RoundReport, format: 'csv' | 'pdf'): Promise<ExportFile> {
      const dash = (n: number | null) => (n === null ? `<${SMALL_CELL_THRESHOLD}` : n);
      const dayColumns = ['date', 'unit', 'due', ...reportColumns];
      const dayLines = report.days.map((d) => [
        d.date,
        d.unitCode ?? '—',
        d.due ?? 0,
        ...reportColumns.map((c) => d.counts[c] ?? 0),
      ]);
      const adherenceColumns = [
        'person',
        'prison number',
        'programme',
        'due',
        'given',
        'regime-caused',
        'adherence %',
      ];
      const adherenceLines = report.adherence.map((a) => [
        a.name,
        a.prisonNumber,
        a.programme,
        a.due,
        a.given,
        a.regime,
        a.due ? Math.round((100 * a.given) / a.due) : 0,
      ]);
      const regimeColumns = ['date', 'unit', 'regime-caused missed doses'];
      const regimeLines = report.regime.map((r) => [r.date, r.unitCode ?? '—', dash(r.doses)]);
      const name = `dose-rounds-${report.from}-${report.to}`;
      if (format === 'csv') {
        const rows = report.clinical
          ? [
              dayColumns,
              ...dayLines,
              [],
              adherenceColumns,
              ...adherenceLines,
              [],
              regimeColumns,
              ...regimeLines,
            ]
          : [regimeColumns, ...regimeLines, ['total', '', dash(report.regimeTotal)]];
        return { filename: `${name}.csv`, contentType: csvMediaType, body: csvDocument(rows) };
      }
      const now = clock.now();
      const pdf = createPdf({
        title: report.clinical ? 'Dose rounds' : 'Regime-caused missed doses',
        language: 'en',
        institution: report.institutionId,
        period: `${report.from} – ${report.to}`,
        generatedAt: now.toISOString(),
        generatedBy: caller.user.displayName,
        timeZone,
        landscape: true,
      });
      if (report.clinical) {
        pdf.text('Doses due, given and not given by reason, per unit and day.', { size: 8 });
        pdf.table(
          dayColumns,
          dayLines,
          dayColumns.map((_, i) => (i < 2 ? 55 : 40)),
          { size: 6 },
        );
        pdf.text('Supervised programme doses per person.', { size: 8 });
        pdf.table(adherenceColumns, adherenceLines, [140, 70, 60, 45, 45, 70, 60], { size: 7 });
      }
      pdf.text(
        `Regime-caused missed doses (MDX-3): ${dash(report.regimeTotal)}.${report.clinical ? '' : ` Counts from 1 to ${SMALL_CELL_THRESHOLD - 1} are not shown (DAT-6).`}`,
        { size: 8 },
      );
      pdf.table(regimeColumns, regimeLines, [80, 80, 140], { size: 7 });
      return { filename: `${name}.pdf`, contentType: 'application/pdf', body: await pdf.end() };
    },
  };
}

export type RoundExtras = ReturnType<typeof createRoundExtras>;
