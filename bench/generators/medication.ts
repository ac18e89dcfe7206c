import {
  calendarDateIn,
  dueDosesOn,
  type FrequencyCode,
  frequencyPerDay,
  rememberedInstants,
  timesOfDay,
  wallTimeToInstant,
} from '@custodia/domain';
import { demoFormulary } from '../../server/src/modules/medication/formulary.ts';
import type {
  MedicationAdministrationTable,
  MedicationDrugTable,
  MedicationPrescriptionTable,
} from '../../server/src/modules/medication/tables.ts';
import { bulkInsert, bulkInsertValues, withoutSecondaryIndexes } from '../lib/bulk-insert.ts';
import { benchId, benchIdFrom, benchIdTime, pickWeighted } from '../lib/ids.ts';
import type { GeneratorPart } from './index.ts';

/** system_setting key holding {@link MedicationBenchFacts} as JSON, read by the load scenarios. */
export const MEDICATION_FACTS = 'bench_medication';

export interface MedicationBenchFacts {
  /** The bench doctor's institution and its unit with most people on the morning round. */
  institutionId: string;
  unitId: string;
  /** People of that unit with a dose in today's morning round. */
  unitPeople: number;
  /** Today in the institution's zone. */
  today: string;
  /** A person with two years of doses (the person's medication page). */
  heavyPersonId: string;
  /** Prescriptions every 4 h whose last 14 days of doses are left unrecorded (the recording scenario). */
  recording: { prescriptionId: string; firstDueAt: string }[];
  everyHours: number;
  recordingDays: number;
}

const ZONE = 'Asia/Baku';
const DAY = 86_400_000;
const MINUTE = 60_000;
/** Two years of dose records (issue 15, Performance). */
const HISTORY_DAYS = 2 * 365;
/** A prescription lapses after 90 days (ADR 0027): a long course is a chain of renewals. */
const COURSE_DAYS = 90;
/** Dose rows per transaction: one transaction per chunk of multi-row INSERTs (bulkInsertValues inside). */
const CHUNK = 50_000;
/** The dose record's columns, in the order the generator lays out each row's values (ADR 0055). */
const DOSE_COLUMNS = [
  'id',
  'prescription_id',
  'prescription_version',
  'person_id',
  'institution_id',
  'due_at',
  'given_at',
  'outcome',
  'reason',
  'note',
  'dose_given',
  'mouth_check',
  'recorded_by',
  'recorded_at',
] as const satisfies readonly (keyof MedicationAdministrationTable)[];
const WIDTH = DOSE_COLUMNS.length;
const RECORDING_PRESCRIPTIONS = 1_000;
const RECORDING_EVERY_HOURS = 4;
const RECORDING_DAYS = 14;
/** People of the bench unit on its morning round (issue 15: "a unit of about 150 people"). */
const ROUND_PEOPLE = 150;

/** What a person in custody is on: most one or two scheduled drugs, some none. */
const regimens: readonly (readonly [readonly [string, FrequencyCode, 'supervised'][], number])[] = [
  [[], 3],
  [[['rhze', 'once_daily', 'supervised']], 1],
  [[['methadone', 'once_daily', 'supervised']], 1],
  [[['tld', 'once_daily', 'supervised']], 1],
  [[['amlodipine', 'once_daily', 'supervised']], 2],
  [
    [
      ['metformin', 'twice_daily', 'supervised'],
      ['amlodipine', 'once_daily', 'supervised'],
    ],
    1.5,
  ],
  [[['sertraline', 'once_daily', 'supervised']], 1],
  [[['olanzapine', 'twice_daily', 'supervised']], 0.5],
];
const outcomes: readonly (readonly [{ outcome: string; reason: string | null }, number])[] = [
  [{ outcome: 'given', reason: null }, 92],
  [{ outcome: 'not_given', reason: 'refused' }, 3],
  [{ outcome: 'not_given', reason: 'not_available_stock' }, 1],
  [{ outcome: 'not_given', reason: 'regime_lockdown' }, 1],
  [{ outcome: 'not_given', reason: 'away_court' }, 1],
  [{ outcome: 'not_given', reason: 'asleep' }, 1],
  [{ outcome: 'given_partial', reason: null }, 1],
];

/**
 * Medication (issue 15, Performance): the formulary; for every person in custody the prescriptions
 * of their regimen over the last two years (90-day prescriptions renewed, ADR 0027) with a dose
 * record for every due dose until yesterday — tens of millions of administrations at national scale,
 * written with multi-row INSERTs in one transaction per chunk of 20,000 rows — and today's doses left
 * for the round. 150 people of the bench institution's largest unit are on the morning round; a
 * thousand four-hourly prescriptions elsewhere in that institution keep their last 14 days unrecorded
 * for the recording scenario.
 */
export const medicationPart: GeneratorPart = {
  module: 'medication',
  async run({ db, dialect, random, now, log }) {
    const nowMs = now.getTime();
    const created = new Date(nowMs - HISTORY_DAYS * DAY).toISOString();
    const drugRows: MedicationDrugTable[] = demoFormulary.map((d) => ({
      id: benchId(random, nowMs - HISTORY_DAYS * DAY),
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
      programme: d.programme ?? null,
      supervised_only: d.supervisedOnly ? 1 : 0,
      observe_after: d.observeAfter ? 1 : 0,
      controlled: ['methadone', 'buprenorphine', 'morphine'].includes(d.code) ? 1 : 0,
      created_at: created,
    }));
    await db.transaction().execute((tx) => bulkInsert(tx, dialect, 'medication_drug', drugRows));
    const drugs = new Map(drugRows.map((d) => [d.code, d]));

    const doctor = await db
      .selectFrom('user_account as u')
      .innerJoin('user_institution as ui', 'ui.user_id', 'u.id')
      .select(['u.id', 'ui.institution_id'])
      .where('u.username', '=', 'bench.doctor')
      .executeTakeFirst();
    if (!doctor) throw new Error('the medication part needs the clinical part (bench.doctor)');
    const nurses = (
      await db.selectFrom('user_role').select('user_id').where('role', '=', 'nurse').limit(200).execute()
    ).map((n) => n.user_id);
    if (!nurses.length) nurses.push(doctor.id);

    const people = await db
      .selectFrom('person')
      .leftJoin('cell', 'cell.id', 'person.cell_id')
      .select(['person.id', 'person.institution_id', 'cell.unit_id'])
      .where('person.status', '=', 'in_custody')
      .orderBy('person.id')
      .execute();
    // The bench institution's largest unit: everyone there is on the morning round.
    const unitCounts = new Map<string, number>();
    for (const p of people)
      if (p.institution_id === doctor.institution_id && p.unit_id)
        unitCounts.set(p.unit_id, (unitCounts.get(p.unit_id) ?? 0) + 1);
    const [benchUnit] = [...unitCounts.entries()].sort(
      (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
    )[0] ?? [''];

    const today = calendarDateIn(now, ZONE);
    const todayStart = Date.parse(wallTimeToInstant(`${today}T00:00`, ZONE) ?? `${today}T00:00:00Z`);
    let prescriptionBuffer: MedicationPrescriptionTable[] = [];
    // The dose rows, flat: row after row of DOSE_COLUMNS values (no object per dose; ADR 0055).
    let doseValues: unknown[] = [];
    let prescriptions = 0;
    let doses = 0;
    const flush = async (force = false) => {
      if (!force && doseValues.length < CHUNK * WIDTH && prescriptionBuffer.length < CHUNK) return;
      const [p, d] = [prescriptionBuffer, doseValues];
      prescriptionBuffer = [];
      doseValues = [];
      await db.transaction().execute(async (tx) => {
        if (p.length) await bulkInsert(tx, dialect, 'medication_prescription', p);
        if (d.length) await bulkInsertValues(tx, dialect, 'medication_administration', DOSE_COLUMNS, d);
      });
      prescriptions += p.length;
      doses += d.length / WIDTH;
      if (doses % 1_000_000 < d.length / WIDTH)
        log(`  medication: ${prescriptions} prescriptions, ${doses} doses`);
    };

    // Zone arithmetic once, not per dose: the institution's calendar date of each day, and the due
    // instants of a date for each distinct times-of-day pattern (the domain's dueDosesOn with the
    // wall times remembered), reused by every course on that day.
    const instants = rememberedInstants(ZONE);
    const dates = new Map<number, string>();
    const dateOf = (day: number) => {
      let date = dates.get(day);
      if (date === undefined) {
        date = calendarDateIn(new Date(day + 12 * 3_600_000), ZONE);
        dates.set(day, date);
      }
      return date;
    };
    /**
     * For a due instant, what each of the 40 minutes after it gives: the instant given, its id's time
     * part, and the record's time a minute later (ISO strings made once, not per dose).
     */
    interface GivenMinute {
      given: string;
      idTime: string;
      recorded: string;
    }
    const dueOfDay = new Map<string, { ms: number[]; iso: string[]; minutes: GivenMinute[][] }>();
    const dueOn = (frequency: FrequencyCode, times: readonly string[], timesKey: string, date: string) => {
      const key = `${date}|${frequency}|${timesKey}`;
      let due = dueOfDay.get(key);
      if (!due) {
        const iso = dueDosesOn(
          {
            frequency,
            timesOfDay: [...times],
            everyHours: null,
            firstTime: null,
            status: 'active',
            statusSince: '0001-01-01T00:00:00.000Z',
            startAt: '0001-01-01T00:00:00.000Z',
            endAt: '9999-12-31T00:00:00.000Z',
          },
          date,
          ZONE,
          instants,
        );
        const ms = iso.map((i) => Date.parse(i));
        due = {
          ms,
          iso,
          minutes: ms.map((m) =>
            Array.from({ length: 40 }, (_, k) => {
              const given = m + k * MINUTE;
              return {
                given: new Date(given).toISOString(),
                idTime: benchIdTime(given),
                recorded: new Date(given + MINUTE).toISOString(),
              };
            }),
          ),
        };
        dueOfDay.set(key, due);
      }
      return due;
    };

    const prescription = (
      personId: string,
      institutionId: string,
      drug: MedicationDrugTable,
      frequency: FrequencyCode,
      delivery: string,
      start: number,
      end: number,
      everyHours: number | null,
      firstTime: string | null,
    ): MedicationPrescriptionTable => {
      const timing = { frequency, everyHours, firstTime };
      const times = timesOfDay(timing);
      const id = benchId(random, start);
      return {
        id,
        prescription_id: id,
        version: 1,
        current: 1,
        action: 'prescribe',
        person_id: personId,
        institution_id: institutionId,
        drug_id: drug.id,
        dose: 1,
        dose_unit: 'tablet',
        route: drug.route,
        frequency,
        times_of_day: JSON.stringify(times),
        every_hours: everyHours,
        frequency_per_day: frequencyPerDay(timing),
        prn: 0,
        prn_condition: null,
        prn_min_interval_hours: null,
        prn_max_per_day: null,
        delivery,
        risk_assessment: null,
        review_date: null,
        start_at: new Date(start).toISOString(),
        end_at: new Date(end).toISOString(),
        indication: 'Bench regimen',
        status: 'active',
        status_since: new Date(start).toISOString(),
        status_reason: null,
        allergy_override_reason: null,
        replaces_id: null,
        prescriber_id: doctor.id,
        created_at: new Date(start).toISOString(),
      };
    };

    let heavyPersonId = '';
    let roundPeople = 0;
    const recording: MedicationBenchFacts['recording'] = [];
    // The bulk load without the two tables' secondary indexes, built once afterwards (ADR 0055).
    await withoutSecondaryIndexes(
      db,
      dialect,
      ['medication_prescription', 'medication_administration'],
      async () => {
        for (const person of people) {
          if (!person.institution_id) continue;
          // The round is a unit's morning round of 150 people: that many of the largest unit
          // are on it with two years of history; the unit's others take no scheduled medicine, so the
          // round holds the 150 (ADR 0056) however many the unit houses.
          const ofBenchUnit = person.unit_id === benchUnit && person.institution_id === doctor.institution_id;
          const inBenchUnit = ofBenchUnit && roundPeople++ < ROUND_PEOPLE;
          let regimen = pickWeighted(random, regimens);
          if (inBenchUnit && !regimen.length) regimen = [['amlodipine', 'once_daily', 'supervised']];
          if (ofBenchUnit && !inBenchUnit) regimen = [];
          // When the regimen began: up to two years ago (the bench unit's all two years: the heavy history).
          const began =
            todayStart - (inBenchUnit ? HISTORY_DAYS : 7 + Math.floor(random() * (HISTORY_DAYS - 7))) * DAY;
          if (inBenchUnit && !heavyPersonId) heavyPersonId = person.id;
          for (const [code, frequency, delivery] of regimen) {
            const drug = drugs.get(code) ?? (drugRows[0] as MedicationDrugTable);
            for (let start = began; start < todayStart + DAY; start += COURSE_DAYS * DAY) {
              const row = prescription(
                person.id,
                person.institution_id,
                drug,
                frequency,
                delivery,
                start,
                start + COURSE_DAYS * DAY,
                null,
                null,
              );
              prescriptionBuffer.push(row);
              const times = JSON.parse(row.times_of_day) as string[];
              const timesKey = times.join(',');
              const courseEnd = Date.parse(row.end_at);
              const mouthCheck = delivery === 'supervised' ? 1 : 0;
              // Every due dose of the course until yesterday (today's are the round's to record).
              for (let day = start; day < Math.min(start + COURSE_DAYS * DAY, todayStart); day += DAY) {
                const due = dueOn(frequency, times, timesKey, dateOf(day));
                for (let k = 0; k < due.ms.length; k++) {
                  const dueMs = due.ms[k] as number;
                  // dueDosesOn's period: from the course's start, before its end.
                  if (dueMs < start || dueMs >= courseEnd || dueMs >= todayStart) continue;
                  const o = pickWeighted(random, outcomes);
                  const given = (due.minutes[k] as GivenMinute[])[Math.floor(random() * 40)] as GivenMinute;
                  const id = benchIdFrom(random, given.idTime);
                  doseValues.push(
                    id,
                    row.prescription_id,
                    1,
                    person.id,
                    person.institution_id,
                    due.iso[k],
                    given.given,
                    o.outcome,
                    o.reason,
                    o.reason === 'refused' ? 'Refused; counselled' : null,
                    o.outcome === 'given' ? 1 : o.outcome === 'given_partial' ? 0.5 : null,
                    o.outcome !== 'not_given' ? mouthCheck : 0,
                    nurses[Math.floor(random() * nurses.length)] as string,
                    given.recorded,
                  );
                }
              }
              await flush();
            }
          }
        }

        // The recording scenario's doses: four-hourly prescriptions in the bench institution, the last 14
        // days unrecorded (each POST records one of them; 84,000 in all).
        // Outside the round's unit, so that the round holds what a nurse's trolley holds.
        const benchPeople = people.filter(
          (p) => p.institution_id === doctor.institution_id && p.unit_id !== benchUnit,
        );
        const recordStart = todayStart - RECORDING_DAYS * DAY;
        for (let i = 0; i < RECORDING_PRESCRIPTIONS && benchPeople.length; i++) {
          const person = benchPeople[i % benchPeople.length] as (typeof benchPeople)[number];
          const row = prescription(
            person.id,
            doctor.institution_id,
            drugs.get('paracetamol') ?? (drugRows[0] as MedicationDrugTable),
            'every_n_hours',
            'supervised',
            recordStart,
            recordStart + COURSE_DAYS * DAY,
            RECORDING_EVERY_HOURS,
            '02:00',
          );
          prescriptionBuffer.push(row);
          recording.push({
            prescriptionId: row.prescription_id,
            firstDueAt:
              wallTimeToInstant(
                `${calendarDateIn(new Date(recordStart + 12 * 3_600_000), ZONE)}T02:00`,
                ZONE,
              ) ?? row.start_at,
          });
        }
        await flush(true);
      },
      log,
    );

    const facts: MedicationBenchFacts = {
      institutionId: doctor.institution_id,
      unitId: benchUnit,
      unitPeople: unitCounts.get(benchUnit) ?? 0,
      today,
      heavyPersonId,
      recording,
      everyHours: RECORDING_EVERY_HOURS,
      recordingDays: RECORDING_DAYS,
    };
    await db
      .transaction()
      .execute((tx) =>
        bulkInsert(tx, dialect, 'system_setting', [
          { key: MEDICATION_FACTS, value: JSON.stringify(facts), updated_at: now.toISOString() },
        ]),
      );
    return `${drugRows.length} drugs, ${prescriptions} prescriptions, ${doses} dose records; the round unit holds ${facts.unitPeople} people, ${Math.min(roundPeople, ROUND_PEOPLE)} of them on its morning round`;
  },
};
