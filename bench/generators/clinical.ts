import {
  bodyMassIndex,
  completeScreening,
  contentFor,
  dueAfter,
  type EncounterContent,
  type EncounterType,
  ICD10_SYSTEM,
  LOINC_SYSTEM,
  labTests,
  thresholdDefinitions,
  type VitalSign,
  vitalSigns,
} from '@custodia/domain';
import { type Insertable, sql } from 'kysely';
import { contentHash } from '../../server/src/modules/clinical/records.ts';
import type {
  AllergyTable,
  ClinicalCorrectionTable,
  ClinicalTaskTable,
  EncounterTable,
  HealthAlertTable,
  ObservationTable,
  ProblemTable,
} from '../../server/src/modules/clinical/tables.ts';
import { demoConceptRows, upsertConcepts } from '../../server/src/modules/clinical/terminology.ts';
import { bulkInsert } from '../lib/bulk-insert.ts';
import { benchId, pick, pickWeighted } from '../lib/ids.ts';
import { BENCH_ADMIN } from './identity.ts';
import type { GeneratorContext, GeneratorPart } from './index.ts';

/**
 * The medical record's history (issue 5): for every stay in custody of every person, present and
 * released, an admission screening task (most screened and signed, some late, some never) and
 * routine encounters with vital signs and lab results, at a rate that makes `params.clinicalEvents`
 * encounters and observations in all; problems, allergies and health alerts for some people; one
 * person in custody with 5,000 encounters; a bench doctor who signs drafts in the load scenario.
 *
 * Rows are signed and hashed as the service writes them. The append-only triggers (migration 0007)
 * fire only on UPDATE and DELETE, so these INSERTs pass them.
 */

/** A doctor in one institution (the heavy person's): the sign scenario's author and signer. */
export const BENCH_DOCTOR = 'bench.doctor';
/** system_setting key holding {@link ClinicalBenchFacts} as JSON, read by the load scenarios. */
export const CLINICAL_FACTS = 'bench_clinical';
/** Encounters of the one person with a long record. */
export const HEAVY_ENCOUNTERS = 5_000;

export interface ClinicalBenchFacts {
  /** The institution of the heavy person and of the bench doctor. */
  institutionId: string;
  /** In custody, exactly HEAVY_ENCOUNTERS encounters. */
  heavyPersonId: string;
  /** People with a chart (at least one encounter), across institutions, present and released. */
  chartPersonIds: string[];
  /** In-custody people of `institutionId` the bench doctor may write drafts for. */
  draftPersonIds: string[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** People per write transaction (their tasks, encounters, observations...). */
const PEOPLE_PER_BATCH = 5_000;
const CHART_SAMPLE = 200;

// ---------------------------------------------------------------- what one visit records

/** P(a visit records vital signs), and which signs: the four every time, the rest sometimes. */
const P_VITALS = 0.65;
const P_SPO2 = 0.5;
const P_RESPIRATORY = 0.3;
const P_WEIGHT = 0.3;
const P_HEIGHT_WITH_WEIGHT = 0.25;
/** P(a visit orders lab tests), and one or two tests then. */
const P_LABS = 0.15;
const P_SECOND_LAB = 0.4;

/** Expected encounter + observation rows per routine visit, from the probabilities above. */
const ROWS_PER_VISIT =
  1 +
  P_VITALS * (4 + P_SPO2 + P_RESPIRATORY + P_WEIGHT * (1 + P_HEIGHT_WITH_WEIGHT * 2)) +
  P_LABS * (1 + P_SECOND_LAB);

const visitTypes: readonly (readonly [EncounterType, number])[] = [
  ['routine', 45],
  ['follow_up', 25],
  ['on_request', 22],
  ['emergency', 6],
  ['release_examination', 2],
];

const notes = {
  subjective: [
    'Baş ağrısından şikayət edir, iki gündür.',
    'Şikayəti yoxdur, planlı müayinə.',
    'Öskürək, bəlğəm ifrazı yoxdur.',
    'Mədə nahiyəsində ağrı, yeməkdən sonra artır.',
    'Yuxusuzluq, narahatlıq.',
    'Bel ağrısı, fiziki işdən sonra.',
    'Dərman qəbulunu davam etdirir, yan təsir yoxdur.',
  ],
  objective: [
    'Ümumi vəziyyəti kafidir. Dəri örtükləri təmizdir.',
    'Ağciyərlərdə vezikulyar tənəffüs, xırıltı yoxdur.',
    'Qarın yumşaq, epiqastriumda həssaslıq.',
    'Ürək tonları ritmik, küy yoxdur.',
    'Boğaz hiperemiyalıdır, limfa düyünləri böyüməyib.',
  ],
  assessment: [
    'Vəziyyəti stabildir.',
    'Kəskin respirator infeksiya.',
    'Arterial hipertenziya, nəzarət altında.',
    'Qastrit şübhəsi.',
    'Lumbalgiya.',
  ],
  plan: [
    'Müşahidə, bir həftədən sonra təkrar baxış.',
    'Müalicə təyin edildi, qəbul izah olundu.',
    'Analizlər təyin edildi.',
    'Psixoloq məsləhəti tövsiyə olundu.',
    'Təzyiqin gündəlik ölçülməsi.',
  ],
};

const conditions = ['I10', 'J45.9', 'E11.9', 'F11.2', 'B18.2', 'F32.1', 'A15.0', 'B20.0'] as const;
/** Sensitive diagnoses are recorded as restricted (author and restricted readers only). */
const restrictedConditions = new Set(['B18.2', 'B20.0', 'F11.2', 'F32.1']);

const allergies: readonly { substance: string; category: string; reaction: string }[] = [
  { substance: 'Penisillin', category: 'medication', reaction: 'Səpgi' },
  { substance: 'Ampisillin', category: 'medication', reaction: 'Övrə' },
  { substance: 'Aspirin', category: 'medication', reaction: 'Bronxospazm' },
  { substance: 'Qoz-fındıq', category: 'food', reaction: 'Dodaqların şişməsi' },
  { substance: 'Lateks', category: 'environment', reaction: 'Dermatit' },
];

const alertDetails = [
  { kind: 'special_diet', diet: 'diabetic' },
  { kind: 'mobility_aid', aid: 'lower_bunk' },
  { kind: 'fitness', area: 'work', result: 'fit_with_restrictions' },
  { kind: 'infection_control', precaution: 'airborne' },
  { kind: 'not_fit_for_segregation' },
] as const;

// ---------------------------------------------------------------- stays

interface Person {
  id: string;
  sex: string;
  status: string;
  institutionId: string | null;
}

/** One stay in one institution, begun by an admission or a transfer in (each opens a screening). */
interface Stay {
  institutionId: string;
  start: number;
  /** The release or transfer out; null while the person is still there. */
  end: number | null;
  triggerEventId: string;
}

interface Screening {
  /** Hours after arrival it was screened; null when never. */
  after: number | null;
}

/** Reads the stays of a batch of people from their custody events. */
async function staysOf({ db }: GeneratorContext, ids: string[], stays: Map<string, Stay[]>): Promise<void> {
  const events = await db
    .selectFrom('custody_event')
    .select(['id', 'person_id', 'type', 'occurred_at', 'institution_id'])
    .where('person_id', 'in', ids)
    .where('type', 'in', ['admission', 'transfer_in', 'transfer_out', 'release'])
    .orderBy('person_id')
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
  for (const e of events) {
    let list = stays.get(e.person_id);
    if (!list) {
      list = [];
      stays.set(e.person_id, list);
    }
    const at = Date.parse(e.occurred_at);
    const open = list.at(-1);
    if (e.type === 'admission' || e.type === 'transfer_in') {
      if (open && open.end === null) open.end = at;
      if (e.institution_id)
        list.push({ institutionId: e.institution_id, start: at, end: null, triggerEventId: e.id });
    } else if (open && open.end === null) {
      open.end = at;
    }
  }
}

// ---------------------------------------------------------------- the part

export const clinicalPart: GeneratorPart = {
  module: 'clinical',
  async run(context) {
    const { db, dialect, params, random, now, log } = context;
    const nowMs = now.getTime();
    const at = now.toISOString();
    const iso = (ms: number) => new Date(ms).toISOString();
    const historyStart = nowMs - params.historyDays * DAY;
    if (dialect === 'sqlite') {
      // A larger page cache for the generating connection only: the primary keys are random UUIDs.
      await sql`pragma cache_size = -524288`.execute(db);
    }

    await db.transaction().execute((tx) => upsertConcepts(tx, demoConceptRows(at)));
    const display = new Map(
      demoConceptRows(at)
        .filter((r) => r.language === 'en')
        .map((r) => [r.code, r.display]),
    );

    // Clinicians among the generated staff: authors of notes, readings and screenings.
    const clinicians = await db
      .selectFrom('user_account as u')
      .innerJoin('user_role as r', 'r.user_id', 'u.id')
      .select(['u.id', 'u.display_name', 'r.role'])
      .where('r.role', 'in', ['doctor', 'nurse', 'feldsher'])
      .where('u.username', 'like', 'staff.%')
      .orderBy('u.id')
      .execute();
    const doctors = clinicians.filter((c) => c.role === 'doctor');
    const nurses = clinicians.filter((c) => c.role !== 'doctor');
    if (!doctors.length || !nurses.length)
      throw new Error('the clinical part needs generated doctors and nurses');

    // People and their stays.
    const persons: Person[] = (
      await db.selectFrom('person').select(['id', 'sex', 'status', 'institution_id']).orderBy('id').execute()
    ).map((p) => ({ id: p.id, sex: p.sex, status: p.status, institutionId: p.institution_id }));
    const stays = new Map<string, Stay[]>();
    for (let i = 0; i < persons.length; i += PEOPLE_PER_BATCH) {
      await staysOf(
        context,
        persons.slice(i, i + PEOPLE_PER_BATCH).map((p) => p.id),
        stays,
      );
    }

    // The screening of each stay, decided first so the visit rate can leave room for them.
    const screeningLimit = thresholdDefinitions['ADM-1.screening_due_minutes'].defaultValue;
    const screenings = new Map<Stay, Screening>();
    let screenedCount = 0;
    let stayDays = 0;
    for (const p of persons) {
      for (const s of stays.get(p.id) ?? []) {
        const age = nowMs - s.start;
        const roll = random();
        let after: number | null =
          age < 30 * HOUR ? null : roll < 0.86 ? 1 + random() * 20 : roll < 0.96 ? 25 + random() * 40 : null;
        // Not screened before they left: the task was closed unscreened.
        if (after !== null && (s.start + after * HOUR > (s.end ?? nowMs) || s.start + after * HOUR > nowMs))
          after = null;
        if (after !== null) screenedCount++;
        screenings.set(s, { after });
        stayDays += (Math.min(s.end ?? nowMs, nowMs) - Math.max(s.start, historyStart)) / DAY;
      }
    }

    // The institution with the most people in custody: the bench doctor's and the heavy person's.
    const inCustodyBy = new Map<string, Person[]>();
    for (const p of persons) {
      if (p.status !== 'in_custody' || !p.institutionId) continue;
      const list = inCustodyBy.get(p.institutionId) ?? [];
      list.push(p);
      inCustodyBy.set(p.institutionId, list);
    }
    const [institutionId, institutionPeople] = [...inCustodyBy.entries()].sort(
      (a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1),
    )[0] ?? ['', []];
    if (!institutionId) throw new Error('the clinical part needs people in custody');
    const custodyDays = (p: Person) =>
      (stays.get(p.id) ?? []).reduce((sum, s) => sum + ((s.end ?? nowMs) - s.start), 0);
    const heavy = [...institutionPeople].sort(
      (a, b) => custodyDays(b) - custodyDays(a) || (a.id < b.id ? -1 : 1),
    )[0] as Person;
    const heavyStays = stays.get(heavy.id) ?? [];
    const heavyScreened = heavyStays.filter((s) => screenings.get(s)?.after != null).length;
    const heavyVisits = HEAVY_ENCOUNTERS - heavyScreened;
    const draftPersonIds = institutionPeople
      .filter((p) => p !== heavy)
      .slice(0, 200)
      .map((p) => p.id);

    // Visits per day of stay, so that encounters + observations come to params.clinicalEvents (1% over).
    const heavyRows = heavyVisits * ROWS_PER_VISIT;
    const visitRate = Math.max(
      0,
      (params.clinicalEvents * 1.01 - screenedCount - heavyRows) / ROWS_PER_VISIT / Math.max(1, stayDays),
    );
    log(
      `${persons.length.toLocaleString('en-US')} people, ${screenings.size.toLocaleString('en-US')} stays ` +
        `(${screenedCount.toLocaleString('en-US')} screened), ${Math.round(stayDays).toLocaleString('en-US')} days in custody; ` +
        `${visitRate.toFixed(4)} visits per day of custody`,
    );

    // The bench doctor: a doctor account in the heavy person's institution, with a staff record.
    const admin = await db
      .selectFrom('user_account')
      .selectAll()
      .where('username', '=', BENCH_ADMIN)
      .executeTakeFirstOrThrow();
    const doctorId = benchId(random, nowMs - 400 * DAY);
    await db.transaction().execute(async (tx) => {
      await bulkInsert(tx, dialect, 'user_account', [
        {
          ...admin,
          id: doctorId,
          username: BENCH_DOCTOR,
          display_name: 'Bench · Doctor',
          staff_id: 'S-BENCH-DOCTOR',
        },
      ]);
      await bulkInsert(tx, dialect, 'user_role', [{ user_id: doctorId, role: 'doctor' }]);
      await bulkInsert(tx, dialect, 'user_institution', [
        { user_id: doctorId, institution_id: institutionId },
      ]);
      await bulkInsert(tx, dialect, 'staff_member', [
        {
          id: benchId(random, nowMs - 400 * DAY),
          institution_id: institutionId,
          full_name: 'Bench Doctor',
          sex: 'male',
          position: 'Həkim',
          user_id: doctorId,
          active: 1,
          version: 1,
          created_at: admin.created_at,
        },
      ]);
    });

    // ------------------------------------------------------------ writing, a batch of people at a time
    const totals = {
      tasks: 0,
      openTasks: 0,
      screenings: 0,
      encounters: 0,
      vitals: 0,
      labs: 0,
      problems: 0,
      allergies: 0,
      alerts: 0,
      corrections: 0,
    };
    let tasks: Insertable<ClinicalTaskTable>[] = [];
    let encounters: Insertable<EncounterTable>[] = [];
    let observations: Insertable<ObservationTable>[] = [];
    let problems: Insertable<ProblemTable>[] = [];
    let allergyRows: Insertable<AllergyTable>[] = [];
    let alerts: Insertable<HealthAlertTable>[] = [];
    let corrections: Insertable<ClinicalCorrectionTable>[] = [];
    const flush = async () => {
      await db.transaction().execute(async (tx) => {
        await bulkInsert(tx, dialect, 'encounter', encounters);
        await bulkInsert(tx, dialect, 'clinical_task', tasks);
        await bulkInsert(tx, dialect, 'observation', observations);
        await bulkInsert(tx, dialect, 'problem', problems);
        await bulkInsert(tx, dialect, 'allergy', allergyRows);
        await bulkInsert(tx, dialect, 'health_alert', alerts);
        await bulkInsert(tx, dialect, 'clinical_correction', corrections);
      });
      tasks = [];
      encounters = [];
      observations = [];
      problems = [];
      allergyRows = [];
      alerts = [];
      corrections = [];
    };

    const signedEncounter = (
      personId: string,
      institution: string,
      type: EncounterType,
      startedAt: number,
      author: { id: string; display_name: string },
      signer: string,
      extra: { structured?: unknown; taskId?: string; restricted?: boolean; soap?: boolean } = {},
    ) => {
      const id = benchId(random, startedAt);
      const signedMs = Math.min(startedAt + (20 + random() * 100) * MINUTE, nowMs);
      const content: EncounterContent = {
        ...contentFor(type, iso(startedAt), author.display_name),
        restricted: extra.restricted ?? false,
      };
      if (extra.soap) {
        content.subjective = pick(random, notes.subjective);
        content.objective = pick(random, notes.objective);
        content.assessment = pick(random, notes.assessment);
        content.plan = pick(random, notes.plan);
      }
      const signedAt = iso(signedMs);
      const structured = extra.structured ?? null;
      encounters.push({
        id,
        person_id: personId,
        institution_id: institution,
        type,
        started_at: iso(startedAt),
        author_id: author.id,
        status: 'signed',
        content: JSON.stringify(content),
        structured: structured === null ? null : JSON.stringify(structured),
        restricted: content.restricted ? 1 : 0,
        task_id: extra.taskId ?? null,
        content_hash: contentHash({
          id,
          personId,
          content,
          structured,
          authorId: author.id,
          signedBy: signer,
          signedAt,
        }),
        signed_at: signedAt,
        signed_by: signer,
        version: structured === null ? 2 : 3,
        created_at: iso(startedAt),
        updated_at: signedAt,
      });
      return id;
    };

    const observation = (
      personId: string,
      encounterId: string,
      authorId: string,
      takenAt: number,
      row: Pick<
        ObservationTable,
        'category' | 'test' | 'code_system' | 'code' | 'value_number' | 'value_code' | 'unit'
      >,
    ) => {
      observations.push({
        id: benchId(random, takenAt),
        person_id: personId,
        encounter_id: encounterId,
        ...row,
        note: null,
        effective_at: iso(takenAt),
        restricted: 0,
        author_id: authorId,
        recorded_at: iso(Math.min(takenAt + 5 * MINUTE, nowMs)),
      });
    };

    const vital = (name: VitalSign, value: number) => ({
      category: 'vital-signs' as const,
      test: name,
      code_system: LOINC_SYSTEM,
      code: vitalSigns[name].loinc,
      value_number: value,
      value_code: null,
      unit: vitalSigns[name].unit,
    });

    const labNames = Object.keys(labTests) as (keyof typeof labTests)[];
    const labWeights = labNames.map(
      (n) => [n, n === 'pregnancy_test' ? 0.3 : n === 'cd4' ? 0.5 : 1] as const,
    );

    /** One routine visit: a signed note, and sometimes vital signs and lab tests. */
    const visit = (p: Person, institution: string, start: number) => {
      const doctor = random() < 0.7;
      const author = doctor ? pick(random, doctors) : pick(random, nurses);
      const restricted = random() < 0.02;
      const encounterId = signedEncounter(
        p.id,
        institution,
        pickWeighted(random, visitTypes),
        start,
        author,
        author.id,
        { restricted, soap: true },
      );
      totals.encounters++;
      if (random() < P_VITALS) {
        const takenAt = start + 5 * MINUTE;
        const readings: [VitalSign, number][] = [
          ['systolic', 105 + Math.floor(random() * 60)],
          ['diastolic', 65 + Math.floor(random() * 30)],
          ['pulse', 55 + Math.floor(random() * 45)],
          ['temperature', Math.round((36.2 + random() * 1.8) * 10) / 10],
        ];
        if (random() < P_SPO2) readings.push(['spo2', 93 + Math.floor(random() * 7)]);
        if (random() < P_RESPIRATORY) readings.push(['respiratoryRate', 12 + Math.floor(random() * 10)]);
        if (random() < P_WEIGHT) {
          const weight = Math.round((55 + random() * 50) * 10) / 10;
          readings.push(['weight', weight]);
          if (random() < P_HEIGHT_WITH_WEIGHT) {
            const height = 155 + Math.floor(random() * 40);
            readings.push(['height', height]);
            readings.push(['bmi', bodyMassIndex(weight, height) as number]);
          }
        }
        for (const [name, value] of readings)
          observation(p.id, encounterId, author.id, takenAt, vital(name, value));
        totals.vitals += readings.length;
      }
      if (random() < P_LABS) {
        const count = random() < P_SECOND_LAB ? 2 : 1;
        const resultAt = Math.min(start + (1 + random() * 2) * DAY, nowMs - MINUTE);
        for (let n = 0; n < count; n++) {
          const name = pickWeighted(random, labWeights);
          if (name === 'pregnancy_test' && p.sex !== 'female') continue;
          const test = labTests[name];
          const numeric = test.coded.length === 0 || (test.coded.length === 1 && random() < 0.4);
          observation(p.id, encounterId, author.id, resultAt, {
            category: 'laboratory',
            test: name,
            code_system: test.system,
            code: test.code,
            value_number: numeric
              ? name === 'cd4'
                ? 200 + Math.floor(random() * 900)
                : 50 + Math.floor(random() * 5000)
              : null,
            value_code: numeric ? null : random() < 0.9 ? (test.coded[0] ?? null) : pick(random, test.coded),
            unit: 'unit' in test ? test.unit : null,
          });
          totals.labs++;
        }
      }
    };

    const chartPersonIds: string[] = [];
    const followUpsLeft = new Map<string, number>();
    let written = 0;
    let lastLog = 0;
    for (const p of persons) {
      const personStays = stays.get(p.id) ?? [];
      const isHeavy = p === heavy;
      // Screenings: a task per arrival, and the signed screening when it was done.
      for (const s of personStays) {
        const taskId = benchId(random, s.start);
        const screening = screenings.get(s) as Screening;
        let completedAt: string | null = null;
        let encounterId: string | null = null;
        let completedBy: string | null = null;
        if (screening.after !== null) {
          const doneMs = s.start + screening.after * HOUR;
          const nurse = pick(random, nurses);
          const female = p.sex === 'female';
          const form = completeScreening(
            female
              ? {
                  women: {
                    pregnancy: 'not_pregnant',
                    violenceBeforeAdmission: 'declined_to_answer',
                    femaleClinicianRequested: false,
                  },
                }
              : {},
          );
          encounterId = signedEncounter(
            p.id,
            s.institutionId,
            'admission_screening',
            doneMs,
            nurse,
            pick(random, doctors).id,
            { structured: form, taskId },
          );
          completedAt = iso(doneMs);
          completedBy = nurse.id;
          totals.screenings++;
        } else if (s.end !== null && nowMs - s.start > 30 * HOUR) {
          completedAt = iso(Math.min(s.start + 48 * HOUR, s.end, nowMs));
        }
        if (completedAt === null) totals.openTasks++;
        tasks.push({
          id: taskId,
          person_id: p.id,
          institution_id: s.institutionId,
          kind: 'admission_screening',
          source_ref: 'ADM-1',
          trigger_event_id: s.triggerEventId,
          source_encounter_id: null,
          triggered_at: iso(s.start),
          due_at: dueAfter(iso(s.start), screeningLimit),
          completed_at: completedAt,
          completed_by: completedBy,
          encounter_id: encounterId,
          version: 1,
          created_at: iso(s.start),
        });
        totals.tasks++;
      }

      // Routine visits, spread over the days in custody (the heavy person: a fixed number).
      const starts: [string, number][] = [];
      const spans = personStays.map((s) => ({
        institution: s.institutionId,
        from: Math.max(s.start, historyStart) + 2 * HOUR,
        to: Math.min(s.end ?? nowMs, nowMs) - 2 * HOUR,
      }));
      if (isHeavy) {
        const total = spans.reduce((sum, s) => sum + Math.max(0, s.to - s.from), 0);
        for (let n = 0; n < heavyVisits; n++) {
          let offset = random() * total;
          let placed = false;
          for (const s of spans) {
            const length = Math.max(0, s.to - s.from);
            if (offset <= length) {
              starts.push([s.institution, s.from + offset]);
              placed = true;
              break;
            }
            offset -= length;
          }
          const last = spans.at(-1);
          if (!placed && last) starts.push([last.institution, last.to]);
        }
      } else {
        for (const s of spans) {
          if (s.to <= s.from) continue;
          const expected = ((s.to - s.from) / DAY) * visitRate;
          const count = Math.floor(expected + random());
          for (let n = 0; n < count; n++) starts.push([s.institution, s.from + random() * (s.to - s.from)]);
        }
      }
      starts.sort((a, b) => a[1] - b[1]);
      for (const [institution, start] of starts) visit(p, institution, start);

      const lastStay = personStays.at(-1);
      const inCustody = p.status === 'in_custody' && lastStay && lastStay.end === null;
      if (starts.length && !isHeavy && lastStay && random() < CHART_SAMPLE / persons.length)
        chartPersonIds.push(p.id);

      // Problems, allergies, alerts.
      if (lastStay && (isHeavy || random() < 0.25)) {
        const count = isHeavy ? 40 : 1 + Math.floor(random() * random() * 3);
        for (let n = 0; n < count; n++) {
          const stay = pick(random, personStays);
          const recordedMs = stay.start + random() * (Math.min(stay.end ?? nowMs, nowMs) - stay.start);
          const code = pick(random, conditions);
          const id = benchId(random, recordedMs);
          problems.push({
            id,
            person_id: p.id,
            code_system: ICD10_SYSTEM,
            code,
            display: display.get(code) ?? code,
            onset_date: null,
            note: null,
            restricted: restrictedConditions.has(code) ? 1 : 0,
            encounter_id: null,
            author_id: pick(random, doctors).id,
            recorded_at: iso(recordedMs),
          });
          totals.problems++;
          if (random() < 0.3) {
            const createdMs = Math.min(recordedMs + random() * 200 * DAY, nowMs);
            const row = {
              id: benchId(random, createdMs),
              person_id: p.id,
              entry_type: 'problem',
              entry_id: id,
              kind: 'resolved' as const,
              reason: 'Sağalıb',
              text: null,
              author_id: pick(random, doctors).id,
              created_at: iso(createdMs),
            };
            corrections.push({ ...row, content_hash: contentHash({ ...row, against: null }) });
            totals.corrections++;
          }
        }
      }
      if (lastStay && (isHeavy || random() < 0.06)) {
        const count = isHeavy ? 5 : 1;
        for (let n = 0; n < count; n++) {
          const allergy = pick(random, allergies);
          const recordedMs =
            lastStay.start + random() * (Math.min(lastStay.end ?? nowMs, nowMs) - lastStay.start);
          allergyRows.push({
            id: benchId(random, recordedMs),
            person_id: p.id,
            substance: allergy.substance,
            category: allergy.category,
            type: 'allergy',
            reaction: allergy.reaction,
            severity: pick(random, ['mild', 'moderate', 'severe']),
            author_id: pick(random, doctors).id,
            recorded_at: iso(recordedMs),
          });
          totals.allergies++;
        }
      }
      if (lastStay && (isHeavy || random() < 0.05)) {
        const detail = pick(random, alertDetails);
        const startsMs =
          lastStay.start + random() * (Math.min(lastStay.end ?? nowMs, nowMs) - lastStay.start);
        const creator = pick(random, doctors).id;
        alerts.push({
          id: benchId(random, startsMs),
          person_id: p.id,
          kind: detail.kind,
          detail: JSON.stringify(detail),
          starts_at: iso(startsMs),
          ends_at: lastStay.end === null ? null : iso(lastStay.end),
          source_ref: 'MED-3',
          source_encounter_id: null,
          created_by: creator,
          created_at: iso(startsMs),
          ended_by: lastStay.end === null ? null : creator,
          version: lastStay.end === null ? 1 : 2,
        });
        totals.alerts++;
      }

      // Three follow-ups due within hours in every institution: the worklist has due items as well.
      if (inCustody && lastStay && !isHeavy) {
        const left = followUpsLeft.get(lastStay.institutionId) ?? 3;
        if (left > 0 && random() < 0.05) {
          followUpsLeft.set(lastStay.institutionId, left - 1);
          const triggered = nowMs - (1 + random() * 8) * HOUR;
          const kind = pick(random, ['prescriber_review', 'mental_health_referral'] as const);
          tasks.push({
            id: benchId(random, triggered),
            person_id: p.id,
            institution_id: lastStay.institutionId,
            kind,
            source_ref: kind === 'prescriber_review' ? 'ADM-8' : 'ADM-9',
            trigger_event_id: null,
            source_encounter_id: null,
            triggered_at: iso(triggered),
            due_at: iso(triggered + 12 * HOUR),
            completed_at: null,
            completed_by: null,
            encounter_id: null,
            version: 1,
            created_at: iso(triggered),
          });
          totals.tasks++;
          totals.openTasks++;
        }
      }

      if (encounters.length + observations.length >= 60_000) {
        written += encounters.length + observations.length;
        await flush();
        if (written - lastLog >= 500_000) {
          lastLog = written;
          log(`${written.toLocaleString('en-US')} encounters and observations written`);
        }
      }
    }
    await flush();

    const facts: ClinicalBenchFacts = {
      institutionId,
      heavyPersonId: heavy.id,
      chartPersonIds,
      draftPersonIds,
    };
    await bulkInsert(db, dialect, 'system_setting', [
      { key: CLINICAL_FACTS, value: JSON.stringify(facts), updated_at: at },
    ]);
    if (dialect === 'sqlite') await sql`pragma cache_size = -2000`.execute(db);

    const n = (value: number) => value.toLocaleString('en-US');
    const events = totals.screenings + totals.encounters + totals.vitals + totals.labs;
    log(
      `tasks ${n(totals.tasks)} (${n(totals.openTasks)} open), encounters ${n(totals.screenings + totals.encounters)} ` +
        `(${n(totals.screenings)} screenings), vital signs ${n(totals.vitals)}, lab results ${n(totals.labs)}, ` +
        `problems ${n(totals.problems)} (${n(totals.corrections)} resolved), allergies ${n(totals.allergies)}, alerts ${n(totals.alerts)}`,
    );
    return (
      `${n(events)} encounters, observations and lab results; person ${heavy.id} has ${n(HEAVY_ENCOUNTERS)} encounters; ` +
      `${BENCH_DOCTOR} in institution ${institutionId}; ${n(chartPersonIds.length)} charts sampled for the scenarios`
    );
  },
};
