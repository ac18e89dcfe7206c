import {
  type AdministrationOutcome,
  calendarDateIn,
  type DeliveryMode,
  defaultRoundTimes,
  doseState,
  dueDosesOn,
  type FrequencyCode,
  instantToWallTime,
  type NotGivenReason,
  nearestRound,
  type PrescriptionStatus,
  type Round,
  type RoundName,
  type RoundQuery,
  type RoundRow,
  rememberedInstants,
  roundNames,
  roundOf,
  roundWindow,
  wallTimeToInstant,
} from '@custodia/domain';
import type { Executor } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import type { Caller } from '../identity/index.ts';
import type { RegistryService } from '../registry/index.ts';
import type { MedicationContext } from './context.ts';
import { medicationLimitsOf, scopeLimitsOf } from './limits.ts';
import type { MedicationPrescriptionTable } from './tables.ts';
import { drugsById, drugView } from './views.ts';

const DAY = 86_400_000;

/** The calendar day after a day (YYYY-MM-DD). */
const nextDate = (date: string) =>
  new Date(Date.parse(`${date}T12:00:00.000Z`) + DAY).toISOString().slice(0, 10);

/** What the dose rules read of a prescription row. */
const timingColumns = [
  'frequency',
  'times_of_day',
  'every_hours',
  'status',
  'status_since',
  'start_at',
  'end_at',
] as const;

/** What a round reads of a prescription: its timing, and what a row of the round shows. */
const roundColumns = [
  ...timingColumns,
  'prescription_id',
  'version',
  'person_id',
  'institution_id',
  'drug_id',
  'dose',
  'dose_unit',
  'route',
  'delivery',
] as const;

/** A prescription row as the dose rules read it. */
export function dosing(row: Pick<MedicationPrescriptionTable, (typeof timingColumns)[number]>) {
  const times = JSON.parse(row.times_of_day) as string[];
  return {
    frequency: row.frequency as FrequencyCode,
    timesOfDay: times,
    everyHours: row.every_hours,
    firstTime: times[0] ?? null,
    status: row.status as PrescriptionStatus,
    statusSince: row.status_since,
    startAt: row.start_at,
    endAt: row.end_at,
  };
}

/** The round times of an institution: its own where set, the defaults otherwise (configurable). */
export async function roundTimesOf(
  executor: Executor,
  institutionId: string,
): Promise<Record<RoundName, string>> {
  return (await roundTimesIn(executor, [institutionId])).get(institutionId) ?? { ...defaultRoundTimes };
}

/** The round times of several institutions in one statement (the defaults where none are set). */
export async function roundTimesIn(
  executor: Executor,
  institutionIds: readonly string[],
): Promise<Map<string, Record<RoundName, string>>> {
  const rows = institutionIds.length
    ? await executor
        .selectFrom('medication_round_time')
        .select(['institution_id', 'round', 'time_of_day'])
        .where('institution_id', 'in', [...institutionIds])
        .execute()
    : [];
  const all = new Map(institutionIds.map((id) => [id, { ...defaultRoundTimes }]));
  for (const r of rows) {
    const times = all.get(r.institution_id);
    if (times && (roundNames as readonly string[]).includes(r.round))
      times[r.round as RoundName] = r.time_of_day;
  }
  return all;
}

/**
 * The prescriptions with scheduled doses that may fall between two instants (current versions, not
 * PRN), of some institutions, or of the people a registry subquery names (one unit's round).
 */
function scheduledBetween(
  executor: Executor,
  institutionIds: readonly string[],
  from: string,
  to: string,
  people?: ReturnType<RegistryService['personIdsInUnit']>,
) {
  let q = executor
    .selectFrom('medication_prescription')
    .select(roundColumns)
    .where('institution_id', 'in', [...institutionIds])
    .where('current', '=', 1)
    .where('prn', '=', 0)
    .where('start_at', '<', to)
    .where('end_at', '>', from)
    .where((eb) => eb.or([eb('status', '=', 'active'), eb('status_since', '>', from)]));
  if (people) q = q.where('person_id', 'in', people);
  return q.execute();
}

/** The dose round (MAR) and what the worklists read of it. */
export function createRounds(ctx: MedicationContext) {
  const { db, clock, audit, registry, clinical, timeZone } = ctx;
  const dayBounds = (date: string) => {
    const start = wallTimeToInstant(`${date}T00:00`, timeZone) ?? `${date}T00:00:00.000Z`;
    return { start, end: new Date(Date.parse(start) + DAY).toISOString() };
  };
  const timeOf = (instant: string) => instantToWallTime(instant, timeZone).slice(11, 16);

  /**
   * Every due dose of some consecutive days in some institutions (or of the people of one unit),
   * with its record if any (MDX-2).
   */
  function dosesOn(
    executor: Executor,
    institutionIds: readonly string[],
    dates: readonly string[],
    people?: ReturnType<RegistryService['personIdsInUnit']>,
  ) {
    const first = dates[0];
    const last = dates[dates.length - 1];
    if (!first || !last) return Promise.resolve([]);
    return dosesBetween(executor, institutionIds, dayBounds(first).start, dayBounds(last).end, people);
  }

  /**
   * Every due dose from one instant to another (a round's window, whole days), with its record if
   * any (MDX-2): one read of the prescriptions and one of the records for the whole span, and the
   * zone arithmetic done once per distinct wall time.
   */
  async function dosesBetween(
    executor: Executor,
    institutionIds: readonly string[],
    start: string,
    end: string,
    people?: ReturnType<RegistryService['personIdsInUnit']>,
  ) {
    const dates: string[] = [];
    const lastDate = calendarDateIn(new Date(Date.parse(end) - 1), timeZone);
    for (let d = calendarDateIn(new Date(start), timeZone); d <= lastDate; d = nextDate(d)) dates.push(d);
    const rows = await scheduledBetween(executor, institutionIds, start, end, people);
    const instantOf = rememberedInstants(timeZone);
    const doses = rows.flatMap((row) => {
      const timing = dosing(row);
      return dates.flatMap((date) =>
        dueDosesOn(timing, date, timeZone, instantOf)
          .filter((dueAt) => dueAt >= start && dueAt < end)
          .map((dueAt) => ({ row, dueAt })),
      );
    });
    const ids = [...new Set(doses.map((d) => d.row.prescription_id))];
    const records = ids.length
      ? await executor
          .selectFrom('medication_administration')
          .select(['prescription_id', 'due_at', 'outcome', 'reason', 'given_at'])
          .where('prescription_id', 'in', ids)
          .where('due_at', '>=', start)
          .where('due_at', '<', end)
          .execute()
      : [];
    const recorded = new Map(records.map((r) => [`${r.prescription_id}|${r.due_at}`, r]));
    return doses.map((d) => ({ ...d, record: recorded.get(`${d.row.prescription_id}|${d.dueAt}`) ?? null }));
  }

  return {
    /**
     * The round: for an institution (or one of its units), a day and a round time, one row per due
     * dose (MDX-2) with the person, the cell and what to watch for. One audit record for the list.
     */
    async round(caller: Caller, query: RoundQuery): Promise<Round> {
      const { viewer } = caller;
      if (!viewer.national && !viewer.institutionIds.includes(query.institutionId))
        throw notFound('No such institution.');
      return inTransaction(db, async (tx) => {
        const now = clock.now();
        const [roundTimes, limits] = await Promise.all([
          roundTimesOf(tx, query.institutionId),
          medicationLimitsOf(ctx, tx, query.institutionId),
        ]);
        const at = query.at ? new Date(query.at) : now;
        // Without a day: the round nearest the instant, with its day (at 02:00, last night's round).
        const nearest = nearestRound(at, timeZone, roundTimes);
        const date = query.date ?? nearest.date;
        const round =
          query.round ?? (query.date ? roundOf(timeOf(at.toISOString()), roundTimes) : nearest.round);
        // A dose belongs to the round nearest its time: 23:30 and 01:30 to the night round of 22:00.
        // Only the round's window is read (midpoint to midpoint with its neighbours), and the exact
        // nearest-round test below settles a dose on its edge.
        const window = roundWindow(date, round, timeZone, roundTimes);
        // Which round a due time falls in, worked out once per distinct time: doses share a few
        // times of day, and the zone arithmetic per dose was most of the round's time at pilot scale.
        const inRound = new Map<string, boolean>();
        const isInRound = (dueAt: string) => {
          let found = inRound.get(dueAt);
          if (found === undefined) {
            const n = nearestRound(new Date(dueAt), timeZone, roundTimes);
            found = n.date === date && n.round === round;
            inRound.set(dueAt, found);
          }
          return found;
        };
        // A unit's round reads that unit's people's prescriptions only (the registry names them).
        const ofUnit = query.unitId
          ? registry.personIdsInUnit(tx, query.institutionId, query.unitId)
          : undefined;
        const doses = window
          ? (await dosesBetween(tx, [query.institutionId], window.from, window.to, ofUnit)).filter((d) =>
              isInRound(d.dueAt),
            )
          : [];
        const personIds = [...new Set(doses.map((d) => d.row.person_id))];
        // Place, photo and names in one statement (ADR 0059).
        const [places, allergies, drugs, units] = await Promise.all([
          registry.custodyPlaces(tx, personIds),
          clinical.allergySubstances(tx, personIds),
          drugsById(
            tx,
            doses.map((d) => d.row.drug_id),
          ),
          registry.units(tx, query.institutionId),
        ]);
        const rows: RoundRow[] = [];
        for (const d of doses) {
          const person = places.get(d.row.person_id);
          const drug = drugs.get(d.row.drug_id);
          // Only people held here now (a transfer moves them off this round), of the unit asked for.
          if (!person || person.institutionId !== query.institutionId || !drug) continue;
          if (query.unitId && person.unitId !== query.unitId) continue;
          rows.push({
            personId: d.row.person_id,
            prisonNumber: person.prisonNumber,
            surname: person.surnameLatin ?? person.surnameCyrillic ?? '',
            givenName: person.givenNameLatin ?? person.givenNameCyrillic ?? '',
            cellCode: person.cellCode,
            unitId: person.unitId,
            photoId: person.photoId,
            allergies: allergies.get(d.row.person_id) ?? [],
            observeAfter: drug.observe_after === 1,
            prescriptionId: d.row.prescription_id,
            version: d.row.version,
            drugId: drug.id,
            dose: Number(d.row.dose),
            doseUnit: d.row.dose_unit as RoundRow['doseUnit'],
            route: d.row.route as RoundRow['route'],
            delivery: d.row.delivery as DeliveryMode,
            dueAt: d.dueAt,
            state: doseState(d.dueAt, d.record !== null, now, limits),
            record: d.record
              ? {
                  outcome: d.record.outcome as AdministrationOutcome,
                  reason: d.record.reason as NotGivenReason | null,
                  givenAt: d.record.given_at,
                }
              : null,
          });
        }
        rows.sort(
          (a, b) =>
            (a.cellCode ?? '').localeCompare(b.cellCode ?? '') ||
            a.surname.localeCompare(b.surname) ||
            a.dueAt.localeCompare(b.dueAt) ||
            (drugs.get(a.drugId)?.inn ?? '').localeCompare(drugs.get(b.drugId)?.inn ?? ''),
        );
        await audit.record(tx, caller.audit, {
          action: 'medication.round.read',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'medication_round',
          resourceId: query.institutionId,
          details: { date, round, rows: rows.length },
        });
        return {
          institutionId: query.institutionId,
          date,
          round,
          roundTime: roundTimes[round],
          roundTimes,
          units: units.map((u) => ({ id: u.id, code: u.code })).sort((a, b) => a.code.localeCompare(b.code)),
          drugs: [...new Set(rows.map((r) => r.drugId))].flatMap((id) => {
            const drug = drugs.get(id);
            return drug ? [drugView(drug)] : [];
          }),
          rows,
        };
      });
    },

    /**
     * The nurse's worklist: people with a dose due or overdue today and not yet recorded (MDX-2),
     * one line per person, the earliest dose first.
     */
    async dueToday(scope: { institutionIds: string[]; national: boolean }, limit: number) {
      const now = clock.now();
      const date = calendarDateIn(now, timeZone);
      const institutionIds = scope.national ? await registry.institutionIds(db) : scope.institutionIds;
      if (!institutionIds.length) return [];
      const [rows, limits] = await Promise.all([
        dosesOn(db, institutionIds, [date]),
        scopeLimitsOf(ctx, db, institutionIds),
      ]);
      const doses = rows
        .map((d) => ({ ...d, state: doseState(d.dueAt, d.record !== null, now, limits) }))
        .filter((d) => d.state === 'due' || d.state === 'late' || d.state === 'missed');
      const byPerson = new Map<string, (typeof doses)[number]>();
      for (const d of doses.sort((a, b) => a.dueAt.localeCompare(b.dueAt)))
        if (!byPerson.has(d.row.person_id)) byPerson.set(d.row.person_id, d);
      const firsts = [...byPerson.values()].slice(0, limit);
      const labels = await registry.personLabels(
        db,
        firsts.map((d) => d.row.person_id),
      );
      return firsts.map((d) => ({
        personId: d.row.person_id,
        institutionId: d.row.institution_id,
        overdue: d.state !== 'due',
        dueAt: d.dueAt,
        label: `${labels.get(d.row.person_id)?.name ?? ''} (${labels.get(d.row.person_id)?.prisonNumber ?? ''}) · ${timeOf(d.dueAt)}`,
      }));
    },

    /**
     * MED-3: what custodial staff see of medication: that a person must be brought to the dose round
     * at a time ("medication supervised"), never the drug. One line per person with a supervised dose
     * still to come today.
     */
    async attendanceToday(scope: { institutionIds: string[] }, limit: number) {
      if (!scope.institutionIds.length) return [];
      const now = clock.now();
      const date = calendarDateIn(now, timeZone);
      const [rows, limits] = await Promise.all([
        dosesOn(db, scope.institutionIds, [date]),
        scopeLimitsOf(ctx, db, scope.institutionIds),
      ]);
      const doses = rows
        .filter((d) => d.row.delivery === 'supervised' && d.record === null)
        .filter(
          (d) =>
            doseState(d.dueAt, false, now, limits) === 'upcoming' ||
            doseState(d.dueAt, false, now, limits) === 'due',
        );
      const next = new Map<string, string>();
      for (const d of doses.sort((a, b) => a.dueAt.localeCompare(b.dueAt)))
        if (!next.has(d.row.person_id)) next.set(d.row.person_id, d.dueAt);
      const people = [...next.entries()].slice(0, limit);
      const [labels, roundTimes] = await Promise.all([
        registry.personLabels(
          db,
          people.map(([id]) => id),
        ),
        roundTimesIn(db, scope.institutionIds),
      ]);
      const institutionOf = new Map(doses.map((d) => [d.row.person_id, d.row.institution_id]));
      return people.map(([personId, dueAt]) => {
        const rt = roundTimes.get(institutionOf.get(personId) ?? '') ?? defaultRoundTimes;
        const at = rt[nearestRound(new Date(dueAt), timeZone, rt).round];
        return {
          personId,
          institutionId: institutionOf.get(personId) ?? null,
          dueAt,
          label: `${labels.get(personId)?.name ?? ''} (${labels.get(personId)?.prisonNumber ?? ''}) · ${at}`,
        };
      });
    },
  };
}
