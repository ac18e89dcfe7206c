import {
  calendarDateIn,
  dosesMissedToday,
  dueDosesOn,
  frequencyPerDay,
  type MedicationLimits,
  newId,
  prescriptionEnd,
  rememberedInstants,
  timesOfDay,
} from '@custodia/domain';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { type AllergyReader, allergyProblemsOf } from './allergy-check.ts';
import { dosing } from './round.ts';

/**
 * What the programme registers (issue 16; ADR 0044) need from medication, narrow and batched, in the
 * caller's transaction: a regimen prescribed as supervised-only doses (MDX-5, PHC-7: DOT), the
 * adherence the supervised doses show, and the programme drugs a regimen template names. The rest of
 * medication (the round, the MAR, stock) treats these prescriptions like any other.
 */

/** One line of a regimen: a formulary drug by code, its dose, once daily under supervision. */
export interface RegimenLine {
  drugCode: string;
  dose: number;
  doseUnit: string;
}

/**
 * A refused regimen line: `unknown_drug` (not in the formulary), `duplicate_order` (MDX-4), or
 * `allergy_override_required` (a drug matches a recorded allergy and no override reason was given;
 * `drugCode` is then empty and `substances` names the matched allergies).
 */
export interface RegimenProblem {
  drugCode: string;
  code: 'unknown_drug' | 'duplicate_order' | 'allergy_override_required';
  substances?: string;
}

/**
 * Prescribes the lines of a regimen phase, once daily at the morning round, delivery `supervised`
 * (every dose directly observed, PHC-7), in the caller's transaction. Refuses (answers the problems,
 * writes nothing) a drug missing from the formulary or already on an active order of the person
 * (MDX-4), and a drug matching a recorded allergy of the person without an override reason — the
 * same allergy check as every prescription (`allergyProblemsOf`, ADR 0050). Four statements for the
 * whole regimen.
 */
export async function prescribeSupervisedRegimen(
  tx: Tx,
  order: {
    personId: string;
    institutionId: string;
    prescriberId: string;
    startAt: string;
    endAt: string;
    indication: string;
    lines: readonly RegimenLine[];
    now: string;
    /** The medical record's allergies (clinical's `allergySubstances`): the allergy check. */
    allergies: AllergyReader;
    /** Why the regimen is prescribed despite a matching allergy (kept on each prescription). */
    allergyOverrideReason?: string | null;
  },
): Promise<{ ids: string[]; problems: RegimenProblem[] }> {
  const codes = [...new Set(order.lines.map((l) => l.drugCode))];
  const drugs = codes.length
    ? await tx
        .selectFrom('medication_drug')
        .select(['id', 'code', 'route', 'inn', 'name_az', 'name_en', 'name_ru'])
        .where('code', 'in', codes)
        .execute()
    : [];
  const byCode = new Map(drugs.map((d) => [d.code, d]));
  const active = drugs.length
    ? await tx
        .selectFrom('medication_prescription')
        .select('drug_id')
        .where('person_id', '=', order.personId)
        .where('current', '=', 1)
        .where('status', '!=', 'stopped')
        .where('end_at', '>', order.startAt)
        .where(
          'drug_id',
          'in',
          drugs.map((d) => d.id),
        )
        .execute()
    : [];
  const taken = new Set(active.map((a) => a.drug_id));
  const problems: RegimenProblem[] = [];
  for (const line of order.lines) {
    const drug = byCode.get(line.drugCode);
    if (!drug) problems.push({ drugCode: line.drugCode, code: 'unknown_drug' });
    else if (taken.has(drug.id)) problems.push({ drugCode: line.drugCode, code: 'duplicate_order' });
  }
  if (problems.length) return { ids: [], problems };
  const allergic = await allergyProblemsOf(
    order.allergies,
    tx,
    order.personId,
    order.lines.map((l) => byCode.get(l.drugCode)).filter((d) => d !== undefined),
    order.allergyOverrideReason,
  );
  if (allergic.length)
    return {
      ids: [],
      problems: allergic.map((a) => ({ drugCode: '', code: a.code, substances: a.message })),
    };
  const override = order.allergyOverrideReason?.trim() || null;
  const timing = { frequency: 'once_daily' as const, timesOfDay: ['08:00'] };
  const rows = order.lines.map((line) => {
    const drug = byCode.get(line.drugCode) as { id: string; route: string };
    return {
      id: newId(),
      prescription_id: newId(),
      version: 1,
      current: 1,
      action: 'prescribe',
      person_id: order.personId,
      institution_id: order.institutionId,
      drug_id: drug.id,
      dose: line.dose,
      dose_unit: line.doseUnit,
      route: drug.route,
      frequency: timing.frequency,
      times_of_day: JSON.stringify(timesOfDay(timing)),
      every_hours: null,
      frequency_per_day: frequencyPerDay(timing),
      prn: 0,
      prn_condition: null,
      prn_min_interval_hours: null,
      prn_max_per_day: null,
      delivery: 'supervised',
      risk_assessment: null,
      review_date: null,
      start_at: order.startAt,
      end_at: prescriptionEnd(order.startAt, order.endAt),
      indication: order.indication,
      status: 'active',
      status_since: order.now,
      status_reason: null,
      allergy_override_reason: override,
      replaces_id: null,
      prescriber_id: order.prescriberId,
      created_at: order.now,
    };
  });
  if (rows.length) await tx.insertInto('medication_prescription').values(rows).execute();
  return { ids: rows.map((r) => r.prescription_id), problems: [] };
}

/** Supervised doses of a set of prescriptions: how many fell due until `now`, how many were given, the last one. */
export interface SupervisedAdherence {
  due: number;
  given: number;
  lastGivenAt: string | null;
}

/**
 * PHC-7, TB-2: adherence from the supervised doses of each group of prescriptions (a treatment's
 * regimen): doses due from each start to its end, stop or `now` (frequency per day × days), and the
 * doses recorded given. Two statements for any number of groups.
 */
export async function supervisedAdherence(
  executor: Executor,
  groups: ReadonlyMap<string, readonly string[]>,
  now: Date,
): Promise<Map<string, SupervisedAdherence>> {
  const ids = [...new Set([...groups.values()].flat())];
  const result = new Map<string, SupervisedAdherence>();
  for (const key of groups.keys()) result.set(key, { due: 0, given: 0, lastGivenAt: null });
  if (!ids.length) return result;
  const prescriptions = await executor
    .selectFrom('medication_prescription')
    .select(['prescription_id', 'start_at', 'end_at', 'status', 'status_since', 'frequency_per_day'])
    .where('prescription_id', 'in', ids)
    .where('current', '=', 1)
    .execute();
  const doses = await executor
    .selectFrom('medication_administration')
    .select((eb) => ['prescription_id', eb.fn.countAll<number>().as('n'), eb.fn.max('given_at').as('last')])
    .where('prescription_id', 'in', ids)
    .where('outcome', 'in', ['given', 'given_partial'])
    .groupBy('prescription_id')
    .execute();
  const t = now.toISOString();
  const duePer = new Map<string, number>();
  for (const p of prescriptions) {
    let end = [p.end_at, t].sort()[0] as string;
    if (p.status === 'stopped' && p.status_since < end) end = p.status_since;
    const days = Math.max(0, Math.floor((Date.parse(end) - Date.parse(p.start_at)) / 86_400_000));
    duePer.set(p.prescription_id, days * p.frequency_per_day);
  }
  const givenPer = new Map(
    doses.map((d) => [d.prescription_id, { n: Number(d.n), last: d.last as string | null }]),
  );
  for (const [key, members] of groups) {
    const a = result.get(key) as SupervisedAdherence;
    // A regimen's doses are given together: its adherence is that of its first drug's slots.
    const first = members[0];
    if (!first) continue;
    a.due = duePer.get(first) ?? 0;
    a.given = Math.min(givenPer.get(first)?.n ?? 0, a.due || Number.POSITIVE_INFINITY);
    for (const m of members) {
      const last = givenPer.get(m)?.last ?? null;
      if (last && (!a.lastGivenAt || last > a.lastGivenAt)) a.lastGivenAt = last;
    }
  }
  return result;
}

/**
 * PHC-7 (ADR 0057): the supervised doses of these prescriptions due today (the institution's day)
 * and missed at `now` (`dosesMissedToday`: recorded not given, or unrecorded past the missed window;
 * MDX-2, derived, never stored). Answers the missed due times per prescription, only for those with
 * one. Two statements for any number of prescriptions.
 */
export async function supervisedDosesMissedToday(
  executor: Executor,
  prescriptionIds: readonly string[],
  now: Date,
  timeZone: string,
  limits?: Pick<MedicationLimits, 'lateMinutes' | 'missedMinutes'>,
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  const ids = [...new Set(prescriptionIds)];
  if (!ids.length) return result;
  const date = calendarDateIn(now, timeZone);
  const dayStart = new Date(now.getTime() - 36 * 3_600_000).toISOString();
  const [rows, records] = await Promise.all([
    executor
      .selectFrom('medication_prescription')
      .selectAll()
      .where('prescription_id', 'in', ids)
      .where('current', '=', 1)
      .where('prn', '=', 0)
      .where('delivery', '=', 'supervised')
      .execute(),
    executor
      .selectFrom('medication_administration')
      .select(['prescription_id', 'due_at', 'outcome'])
      .where('prescription_id', 'in', ids)
      .where('due_at', '>=', dayStart)
      .where('due_at', '<=', now.toISOString())
      .execute(),
  ]);
  const outcome = new Map(records.map((r) => [`${r.prescription_id}|${r.due_at}`, r.outcome]));
  const instantOf = rememberedInstants(timeZone);
  for (const row of rows) {
    const doses = dueDosesOn(dosing(row), date, timeZone, instantOf).map((dueAt) => ({
      dueAt,
      outcome: outcome.get(`${row.prescription_id}|${dueAt}`) ?? null,
    }));
    const missed = dosesMissedToday(doses, now, timeZone, limits);
    if (missed.length) result.set(row.prescription_id, missed);
  }
  return result;
}

/** A programme drug a regimen template names, for the formulary when it is missing (demo, templates). */
export interface ProgrammeDrug {
  code: string;
  inn: string;
  az: string;
  en: string;
  ru: string;
  strength: string;
  form: string;
  route: string;
  atc: string | null;
  highRisk: boolean;
}

/** Adds to the formulary the TB programme drugs it lacks (by code); those present stay as they are. */
export async function addProgrammeDrugs(
  tx: Tx,
  drugs: readonly ProgrammeDrug[],
  now: string,
): Promise<number> {
  if (!drugs.length) return 0;
  const present = new Set(
    (
      await tx
        .selectFrom('medication_drug')
        .select('code')
        .where(
          'code',
          'in',
          drugs.map((d) => d.code),
        )
        .execute()
    ).map((r) => r.code),
  );
  const missing = drugs.filter((d) => !present.has(d.code));
  if (!missing.length) return 0;
  await tx
    .insertInto('medication_drug')
    .values(
      missing.map((d) => ({
        id: newId(),
        code: d.code,
        inn: d.inn,
        name_az: d.az,
        name_en: d.en,
        name_ru: d.ru,
        strength: d.strength,
        form: d.form,
        route: d.route,
        atc_code: d.atc,
        high_risk: d.highRisk ? 1 : 0,
        programme: 'tb',
        supervised_only: 1,
        observe_after: 0,
        controlled: 0,
        created_at: now,
      })),
    )
    .execute();
  return missing.length;
}
