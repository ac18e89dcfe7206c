import { gad7, phq9, scoreInstrument } from '@custodia/domain';
import type {
  MhAssessmentTable,
  MhAttendanceTable,
  MhCourseTable,
  MhEnrolmentTable,
  MhReferralTable,
  MhResponseTable,
  MhSessionTable,
} from '../../server/src/modules/mentalhealth/tables.ts';
import type { SelfharmCheckTable, SelfharmPlanTable } from '../../server/src/modules/selfharm/tables.ts';
import { bulkInsert } from '../lib/bulk-insert.ts';
import { benchId, pickWeighted } from '../lib/ids.ts';
import type { GeneratorPart } from './index.ts';

/** system_setting key holding {@link MentalhealthBenchFacts} as JSON, read by the load scenarios. */
export const MENTALHEALTH_FACTS = 'bench_mentalhealth';

export interface MentalhealthBenchFacts {
  /** The bench doctor's institution: its ward check list holds {@link WARD_OPEN_PLANS} open plans. */
  institutionId: string;
  /** The open plans of that institution (the check-recording scenario spreads its checks over them). */
  openPlanIds: string[];
  /** The current month (YYYY-MM): the therapy outcome report's month. */
  month: string;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Two years of self-harm plans and therapy courses (the history the reports read). */
const YEARS = 2;
/** SSH-1: about 5 % of the people in custody have a care plan opened in a year. */
const PLANS_PER_PERSON_YEAR = 0.05;
/** The bench institution's wing: 10 open plans (issue 17, Performance). */
const WARD_OPEN_PLANS = 10;
const OPEN_ELSEWHERE = 2;
/** MHS-2: about one group course per 100 people in custody a quarter, 8 members, 10 weekly sessions. */
const COURSES_PER_PERSON_YEAR = 0.04;
const COURSE_MEMBERS = 8;
const COURSE_SESSIONS = 10;
/** MHT-1: about a third of everyone admitted completes a PHQ-9 and a GAD-7 at reception. */
const SCREENED_SHARE = 0.3;
/** Rows per transaction. */
const CHUNK = 20_000;

const attendance = [
  ['attended', 80],
  ['did_not_attend', 6],
  ['cancelled_by_person', 4],
  ['cancelled_by_service', 3],
  ['prevented_by_regime', 4],
  ['in_segregation', 1],
  ['transferred_or_released', 2],
] as const;
const interventions = [
  ['cbt_group', 3],
  ['psychoeducation', 2],
  ['occupational_therapy', 2],
  ['art_group', 1],
  ['sport_group', 1],
] as const;
const seenCodes = [
  ['settled', 55],
  ['asleep_breathing', 30],
  ['low_withdrawn', 10],
  ['agitated', 5],
] as const;

/** Answers of an instrument summing about `target` (each item 0–3), scored as the service would. */
function answersFor(
  def: typeof phq9,
  target: number,
  random: () => number,
): { answers: Record<string, number>; total: number; band: string | null; risk: MhResponseTable['risk'] } {
  const answers: Record<string, number> = {};
  // A trigger item (PHQ-9 item 9) stays 0: a positive answer opens a referral (MHT-2), not bench data.
  const triggered = new Set(def.triggers.map((t) => t.item));
  for (const id of triggered) answers[id] = 0;
  const items = def.items.filter((i) => i.scored && !triggered.has(i.id));
  let left = Math.max(0, Math.min(target, items.length * 3));
  items.forEach((item, i) => {
    const share = Math.round(left / (items.length - i) + (random() - 0.5));
    const value = Math.max(0, Math.min(3, share, left));
    answers[item.id] = value;
    left -= value;
  });
  const { score } = scoreInstrument(def, answers);
  if (!score) throw new Error(`generated ${def.code} answers do not score`);
  return { answers, total: score.total, band: score.band, risk: score.risk };
}

/**
 * Mental health and self-harm (issue 17, Performance; ADR 0051): for every institution two years of
 * self-harm care plans (5 % of its people a year, 1–10 days each, intermittent checks every 15 or
 * 30 minutes for their whole duration, some late), open plans now with their checks since the
 * observation began — 10 in the bench institution, one of them with a missed check; PHQ-9 and GAD-7
 * at reception for a third of the historical and present population; group courses with weekly
 * sessions, coded attendance, a referral and assessment per member and PHQ-9 / GAD-7 before and after.
 */
export const mentalhealthPart: GeneratorPart = {
  module: 'mentalhealth',
  async run({ db, dialect, random, now, log, params }) {
    const doctor = await db
      .selectFrom('user_account as u')
      .innerJoin('user_institution as ui', 'ui.user_id', 'u.id')
      .select(['u.id', 'ui.institution_id'])
      .where('u.username', '=', 'bench.doctor')
      .executeTakeFirst();
    if (!doctor) throw new Error('the mentalhealth part needs the clinical part (bench.doctor)');
    const nowMs = now.getTime();
    const span = Math.min(YEARS * 365, params.historyDays) * DAY;
    const iso = (ms: number) => new Date(ms).toISOString();

    const institutions = await db.selectFrom('institution').select('id').orderBy('id').execute();
    // The historical population (released, transferred out): spread over the institutions for screening.
    const released = (
      await db.selectFrom('person').select('id').where('status', '!=', 'in_custody').orderBy('id').execute()
    ).map((p) => p.id);

    let plans = 0;
    let checks = 0;
    let responses = 0;
    let courses = 0;
    let sessions = 0;
    let openPlanIds: string[] = [];
    const flush = async <T extends 'selfharm_check' | 'mh_response' | 'mh_attendance'>(
      table: T,
      rows: unknown[],
      force = false,
    ) => {
      if (!rows.length || (!force && rows.length < CHUNK)) return;
      const batch = rows.splice(0, rows.length);
      await db
        .transaction()
        .execute((tx) => bulkInsert(tx, dialect, table, batch as Parameters<typeof bulkInsert<T>>[3]));
    };

    for (const [index, institution] of institutions.entries()) {
      const people = (
        await db
          .selectFrom('person')
          .select('id')
          .where('institution_id', '=', institution.id)
          .where('status', '=', 'in_custody')
          .orderBy('id')
          .execute()
      ).map((p) => p.id);
      if (!people.length) continue;
      const isBench = institution.id === doctor.institution_id;
      const history = released.filter((_, i) => i % institutions.length === index);

      // ---------------------------------------------------------------- self-harm plans and checks
      const planRows: SelfharmPlanTable[] = [];
      const checkRows: SelfharmCheckTable[] = [];
      const historical = Math.round(people.length * PLANS_PER_PERSON_YEAR * (span / (365 * DAY)));
      const open = Math.min(people.length, isBench ? WARD_OPEN_PLANS : OPEN_ELSEWHERE);
      const opened: string[] = [];
      for (let i = 0; i < historical + open; i++) {
        const isOpen = i >= historical;
        const personId = isOpen
          ? (people[i - historical] as string)
          : (people[Math.floor(random() * people.length)] as string);
        const interval = random() < 0.7 ? 15 : 30;
        const length = (1 + Math.floor(random() * 10)) * DAY;
        // An open plan was raised one to three days ago, so its observation (20 h later) has begun.
        const raised = isOpen
          ? nowMs - DAY - Math.floor(random() * 2 * DAY) - 2 * HOUR
          : nowMs - 2 * DAY - length - Math.floor(random() * (span - length - 2 * DAY));
        const since = raised + 20 * HOUR;
        const closed = isOpen ? null : raised + length;
        const id = benchId(random, raised);
        // Checks at irregular times, at most the interval apart; 2 % late (a missed check).
        const end = closed ?? nowMs;
        // The bench wing's last open plan misses its latest check (red on the ward list).
        const missed = isOpen && isBench && i === historical + open - 1;
        let at = since;
        let last: number | null = null;
        while (true) {
          const late = random() < 0.02;
          at += late
            ? interval * MINUTE + Math.floor(random() * 10) * MINUTE
            : Math.floor((0.4 + random() * 0.6) * interval * MINUTE);
          if (at > end - (missed ? (interval + 10) * MINUTE : 0)) break;
          checkRows.push({
            id: benchId(random, at),
            plan_id: id,
            institution_id: institution.id,
            checked_at: iso(at),
            seen: pickWeighted(random, seenCodes),
            conversation: random() < 0.1 ? 1 : 0,
            late: late ? 1 : 0,
            recorded_by: doctor.id,
            recorded_at: iso(at + 30_000),
          });
          last = at;
        }
        const careMap = JSON.stringify({
          triggers: [{ text: 'Letters from home', shareWithOfficers: true }],
          protective: ['Contact with his sister'],
          actions: [],
        });
        planRows.push({
          id,
          person_id: personId,
          institution_id: institution.id,
          context: 'said_or_wrote',
          seen_or_heard: 'Said he sees no point in going on',
          immediate_action: 'Stayed with him, informed health care',
          raised_at: iso(raised),
          raised_by: doctor.id,
          recorded_at: iso(raised + 5 * MINUTE),
          assessed_at: iso(raised + 12 * HOUR),
          assessed_by: doctor.id,
          assessment: 'Low mood after news from home; no plan stated.',
          working_diagnosis: null,
          first_review_at: iso(since),
          risk_level: random() < 0.2 ? 'high' : 'raised',
          mode: 'intermittent',
          interval_minutes: interval,
          observer_name: null,
          conversations_per_day: 2,
          observation_since: iso(since),
          care_map: careMap,
          next_review_at: isOpen ? iso(nowMs + 2 * DAY) : null,
          last_check_at: last === null ? null : iso(last),
          closed_at: closed === null ? null : iso(closed),
          post_closure_due_at: closed === null ? null : iso(closed + 7 * DAY),
          post_closure_done_at: closed === null ? null : iso(closed + 6 * DAY),
          post_closure_outcome: closed === null ? null : 'no_further_action',
          post_closure_note: null,
          version: closed === null ? 3 : 5,
        });
        if (isOpen) opened.push(id);
        if (checkRows.length >= CHUNK) {
          await db.transaction().execute((tx) => bulkInsert(tx, dialect, 'selfharm_plan', planRows));
          plans += planRows.length;
          planRows.length = 0;
          checks += checkRows.length;
          await flush('selfharm_check', checkRows, true);
        }
      }
      await db.transaction().execute((tx) => bulkInsert(tx, dialect, 'selfharm_plan', planRows));
      plans += planRows.length;
      checks += checkRows.length;
      await flush('selfharm_check', checkRows, true);
      if (isBench) openPlanIds = opened;

      // ---------------------------------------------------------------- PHQ-9 / GAD-7 at reception
      const responseRows: MhResponseTable[] = [];
      const respond = (
        personId: string,
        def: typeof phq9,
        target: number,
        at: number,
        courseId: string | null,
      ) => {
        const a = answersFor(def, target, random);
        responseRows.push({
          id: benchId(random, at),
          person_id: personId,
          institution_id: institution.id,
          instrument_code: def.code,
          instrument_version: def.version,
          language: 'az',
          mode: 'clinician',
          answers: JSON.stringify(a.answers),
          total: a.total,
          band: a.band,
          risk: a.risk,
          course_id: courseId,
          completed_at: iso(at),
          recorded_by: doctor.id,
        });
      };
      for (const personId of [...people, ...history]) {
        if (random() >= SCREENED_SHARE) continue;
        const at = nowMs - Math.floor(random() * span) - DAY;
        respond(personId, phq9, Math.floor(random() * 14), at, null);
        respond(personId, gad7, Math.floor(random() * 11), at + 10 * MINUTE, null);
        if (responseRows.length >= CHUNK) {
          responses += responseRows.length;
          await flush('mh_response', responseRows, true);
        }
      }

      // ---------------------------------------------------------------- therapy courses
      const courseRows: MhCourseTable[] = [];
      const enrolmentRows: MhEnrolmentTable[] = [];
      const referralRows: MhReferralTable[] = [];
      const assessmentRows: MhAssessmentTable[] = [];
      const sessionRows: MhSessionTable[] = [];
      const attendanceRows: MhAttendanceTable[] = [];
      const courseCount = Math.max(
        2,
        Math.round(people.length * COURSES_PER_PERSON_YEAR * (span / (365 * DAY))),
      );
      for (let c = 0; c < courseCount; c++) {
        // The last course of each institution is running now (its sessions reach this month).
        const startMs =
          c === courseCount - 1
            ? nowMs - (COURSE_SESSIONS - 2) * 7 * DAY
            : nowMs -
              2 * DAY -
              COURSE_SESSIONS * 7 * DAY -
              Math.floor(random() * (span - COURSE_SESSIONS * 7 * DAY));
        const courseId = benchId(random, startMs - 7 * DAY);
        courseRows.push({
          id: courseId,
          institution_id: institution.id,
          intervention: pickWeighted(random, interventions),
          mode: 'group',
          title: `Group ${c + 1}`,
          facilitator_ids: JSON.stringify([doctor.id]),
          capacity: 10,
          planned_sessions: COURSE_SESSIONS,
          starts_on: iso(startMs).slice(0, 10),
          created_by: doctor.id,
          created_at: iso(startMs - 7 * DAY),
          version: 1,
        });
        const members: { enrolmentId: string; personId: string }[] = [];
        const chosen = new Set<string>();
        while (chosen.size < Math.min(COURSE_MEMBERS, people.length))
          chosen.add(people[Math.floor(random() * people.length)] as string);
        for (const personId of chosen) {
          const enrolled = startMs - 3 * DAY;
          const referred = enrolled - 6 * DAY;
          const referralId = benchId(random, referred);
          const assessed = referred + 40 * HOUR;
          referralRows.push({
            id: referralId,
            person_id: personId,
            institution_id: institution.id,
            source: 'staff',
            urgency: 'h72',
            reason: 'Low mood, poor sleep',
            rule: null,
            referred_at: iso(referred),
            due_at: iso(referred + 72 * HOUR),
            referred_by: doctor.id,
            screening_task_id: null,
            health_request_id: null,
            response_id: null,
            assessed_at: iso(assessed),
            version: 2,
          });
          assessmentRows.push({
            id: benchId(random, assessed),
            referral_id: referralId,
            person_id: personId,
            institution_id: institution.id,
            assessed_at: iso(assessed),
            assessed_by: doctor.id,
            history: 'No earlier contact with services.',
            mental_state: 'Low mood, reactive affect, no psychotic features.',
            risk_formulation: 'Low risk; protective family contact.',
            risk_level: 'low',
            diagnosis_code: null,
            diagnosis_text: null,
            outcome: 'care_plan',
            care_plan: null,
            recorded_at: iso(assessed + 10 * MINUTE),
          });
          const enrolmentId = benchId(random, enrolled);
          enrolmentRows.push({
            id: enrolmentId,
            course_id: courseId,
            person_id: personId,
            institution_id: institution.id,
            goal: 'Sleep better, fewer low days',
            enrolled_at: iso(enrolled),
            enrolled_by: doctor.id,
          });
          members.push({ enrolmentId, personId });
          // Before the course, and after it (the running course: not yet after).
          const phqBefore = 8 + Math.floor(random() * 12);
          const gadBefore = 6 + Math.floor(random() * 10);
          respond(personId, phq9, phqBefore, enrolled - DAY, courseId);
          respond(personId, gad7, gadBefore, enrolled - DAY + 10 * MINUTE, courseId);
          const endMs = startMs + (COURSE_SESSIONS - 1) * 7 * DAY + HOUR;
          if (endMs < nowMs) {
            respond(personId, phq9, Math.max(0, phqBefore - Math.floor(random() * 9)), endMs, courseId);
            respond(
              personId,
              gad7,
              Math.max(0, gadBefore - Math.floor(random() * 7)),
              endMs + 10 * MINUTE,
              courseId,
            );
          }
        }
        for (let s = 0; s < COURSE_SESSIONS; s++) {
          const held = startMs + s * 7 * DAY;
          if (held > nowMs) break;
          const sessionId = benchId(random, held);
          sessionRows.push({
            id: sessionId,
            course_id: courseId,
            institution_id: institution.id,
            held_at: iso(held),
            duration_minutes: 90,
            note: null,
            recorded_by: doctor.id,
            recorded_at: iso(held + 2 * HOUR),
          });
          for (const m of members)
            attendanceRows.push({
              id: benchId(random, held),
              session_id: sessionId,
              enrolment_id: m.enrolmentId,
              person_id: m.personId,
              code: pickWeighted(random, attendance),
              measure_taken: 0,
            });
        }
      }
      await db.transaction().execute(async (tx) => {
        await bulkInsert(tx, dialect, 'mh_course', courseRows);
        await bulkInsert(tx, dialect, 'mh_referral', referralRows);
        await bulkInsert(tx, dialect, 'mh_assessment', assessmentRows);
        await bulkInsert(tx, dialect, 'mh_enrolment', enrolmentRows);
        await bulkInsert(tx, dialect, 'mh_session', sessionRows);
      });
      courses += courseRows.length;
      sessions += sessionRows.length;
      await flush('mh_attendance', attendanceRows, true);
      responses += responseRows.length;
      await flush('mh_response', responseRows, true);
    }

    const facts: MentalhealthBenchFacts = {
      institutionId: doctor.institution_id,
      openPlanIds,
      month: iso(nowMs).slice(0, 7),
    };
    await bulkInsert(db, dialect, 'system_setting', [
      { key: MENTALHEALTH_FACTS, value: JSON.stringify(facts), updated_at: now.toISOString() },
    ]);
    log(`${plans} plans, ${checks} checks, ${responses} instrument responses`);
    return `${plans} self-harm plans (${openPlanIds.length} open in the bench wing), ${checks} checks, ${responses} PHQ-9 / GAD-7 responses, ${courses} therapy courses with ${sessions} sessions`;
  },
};
