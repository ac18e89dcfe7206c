import {
  type AttendanceCode,
  type CourseCreateInput,
  type CourseRow,
  type CourseView,
  courseCompleted,
  type Intervention,
  newId,
  type SessionRecordInput,
  womenOnlyInterventions,
} from '@custodia/domain';
import { type Executor, inTransaction } from '../../platform/db/database.ts';
import { forbidden, notFound, ruleRefused } from '../../platform/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import { decodeCursor, keysetAfter, toPage } from '../../platform/http/paging.ts';
import type { Caller } from '../identity/index.ts';
import { inScope, type MentalhealthDeps, PAGE_LIMIT, scopeOf } from './context.ts';
import type { Referrals } from './referrals.ts';
import type { MhCourseTable } from './tables.ts';

/**
 * MHS-2, MHS-9, MHT-3: non-drug therapy courses (a group with facilitators, capacity and planned
 * sessions, or individual work), enrolment with a goal, and session registers with attendance
 * coded so that the regime's causes stand apart from the person's own; notes restricted.
 */
export function createTherapies(deps: MentalhealthDeps, referrals: Referrals) {
  const { db, clock, audit, registry, identity } = deps;

  async function rowsOf(executor: Executor, courses: MhCourseTable[]): Promise<CourseRow[]> {
    const ids = courses.map((c) => c.id);
    const [enrolled, held] = ids.length
      ? await Promise.all([
          executor
            .selectFrom('mh_enrolment')
            .select(['course_id', (eb) => eb.fn.countAll<number>().as('n')])
            .where('course_id', 'in', ids)
            .groupBy('course_id')
            .execute(),
          executor
            .selectFrom('mh_session')
            .select(['course_id', (eb) => eb.fn.countAll<number>().as('n')])
            .where('course_id', 'in', ids)
            .groupBy('course_id')
            .execute(),
        ])
      : [[], []];
    const names = await identity.displayNames(
      executor,
      courses.flatMap((c) => JSON.parse(c.facilitator_ids) as string[]),
    );
    const count = (list: { course_id: string; n: number }[], id: string) =>
      Number(list.find((x) => x.course_id === id)?.n ?? 0);
    return courses.map((c) => ({
      id: c.id,
      institutionId: c.institution_id,
      intervention: c.intervention as Intervention,
      mode: c.mode as 'group' | 'individual',
      title: c.title,
      capacity: c.capacity,
      plannedSessions: c.planned_sessions,
      startsOn: c.starts_on,
      enrolled: count(enrolled, c.id),
      sessionsHeld: count(held, c.id),
      facilitators: (JSON.parse(c.facilitator_ids) as string[]).map((id) => names.get(id) ?? ''),
    }));
  }

  async function courseIn(executor: Executor, caller: Caller, id: string) {
    const course = await executor.selectFrom('mh_course').selectAll().where('id', '=', id).executeTakeFirst();
    if (!course || !inScope(caller.viewer, course.institution_id)) throw notFound('No such course.');
    return course;
  }

  return {
    /** MHS-2: a course (group or individual work) with its facilitators, capacity and planned sessions. */
    async create(caller: Caller, input: CourseCreateInput) {
      return inTransaction(db, async (tx) => {
        if (!inScope(caller.viewer, input.institutionId)) throw forbidden('You do not work there.');
        if (input.mode === 'individual' && input.capacity !== 1)
          throw ruleRefused([{ path: 'capacity', code: 'individual_capacity_one' }]);
        const id = newId();
        await tx
          .insertInto('mh_course')
          .values({
            id,
            institution_id: input.institutionId,
            intervention: input.intervention,
            mode: input.mode,
            title: input.title,
            facilitator_ids: JSON.stringify(input.facilitatorIds),
            capacity: input.capacity,
            planned_sessions: input.plannedSessions,
            starts_on: input.startsOn,
            created_by: caller.userId,
            created_at: clock.now().toISOString(),
            version: 1,
          })
          .execute();
        await audit.record(tx, caller.audit, {
          action: 'mentalhealth.course.create',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'mh_course',
          resourceId: id,
          details: { intervention: input.intervention, mode: input.mode },
        });
        return { id };
      });
    },

    /** MHS-2: the courses where the viewer works, newest first; paged. */
    async list(caller: Caller, query: { institutionId?: string; cursor?: string; limit?: number }) {
      const limit = Math.min(query.limit ?? PAGE_LIMIT, PAGE_LIMIT);
      const institutions = scopeOf(caller.viewer, query.institutionId);
      return inTransaction(db, async (tx) => {
        let rows: MhCourseTable[] = [];
        if (!institutions || institutions.length) {
          let q = tx
            .selectFrom('mh_course')
            .selectAll()
            .orderBy('starts_on', 'desc')
            .orderBy('id', 'desc')
            .limit(limit + 1);
          if (institutions) q = q.where('institution_id', 'in', institutions);
          const after = decodeCursor(query.cursor, 2);
          if (after) q = q.where(keysetAfter(['starts_on', 'id'], after, 'desc'));
          rows = await q.execute();
        }
        const page = toPage(
          rows,
          limit,
          (r) => [r.starts_on, r.id],
          (r) => r,
        );
        const items = await rowsOf(tx, page.items);
        await audit.record(tx, caller.audit, {
          action: 'mentalhealth.course.list',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'mh_course',
          details: { count: items.length },
        });
        return { items, nextCursor: page.nextCursor };
      });
    },

    /** MHS-2: a course with its enrolment list and session registers; notes for restricted readers only. */
    async get(caller: Caller, id: string): Promise<CourseView> {
      return inTransaction(db, async (tx) => {
        const course = await courseIn(tx, caller, id);
        const [row] = await rowsOf(tx, [course]);
        const enrolments = await tx
          .selectFrom('mh_enrolment')
          .selectAll()
          .where('course_id', '=', id)
          .orderBy('enrolled_at')
          .limit(60)
          .execute();
        const sessions = await tx
          .selectFrom('mh_session')
          .selectAll()
          .where('course_id', '=', id)
          .orderBy('held_at')
          .limit(100)
          .execute();
        const attendance = sessions.length
          ? await tx
              .selectFrom('mh_attendance')
              .selectAll()
              .where(
                'session_id',
                'in',
                sessions.map((s) => s.id),
              )
              .execute()
          : [];
        const labels = await registry.personLabels(
          tx,
          enrolments.map((e) => e.person_id),
        );
        const names = await identity.displayNames(
          tx,
          sessions.map((s) => s.recorded_by),
        );
        const restricted = caller.has('mentalhealth.assess');
        await audit.record(tx, caller.audit, {
          action: 'mentalhealth.course.read',
          dataClass: restricted ? 'restricted_clinical' : 'clinical',
          outcome: 'allowed',
          resourceType: 'mh_course',
          resourceId: id,
        });
        const attendedBy = (enrolmentId: string) =>
          attendance.filter((a) => a.enrolment_id === enrolmentId && a.code === 'attended').length;
        return {
          ...(row as CourseRow),
          version: course.version,
          enrolments: enrolments.map((e) => ({
            id: e.id,
            personId: e.person_id,
            prisonNumber: labels.get(e.person_id)?.prisonNumber ?? '',
            name: labels.get(e.person_id)?.name ?? '',
            goal: e.goal,
            enrolledAt: e.enrolled_at,
            attended: attendedBy(e.id),
            completed: courseCompleted(attendedBy(e.id), course.planned_sessions),
          })),
          sessions: sessions.map((s) => ({
            id: s.id,
            heldAt: s.held_at,
            durationMinutes: s.duration_minutes,
            recordedBy: names.get(s.recorded_by) ?? '',
            ...(restricted ? { note: s.note } : {}),
            attendance: attendance
              .filter((a) => a.session_id === s.id)
              .map((a) => ({
                enrolmentId: a.enrolment_id,
                code: a.code as AttendanceCode,
                measureTaken: a.measure_taken === 1,
              })),
          })),
        };
      });
    },

    /** MHS-2: a person enrolled with their goal, within capacity; MHS-9: women-only work for women. */
    async enrol(caller: Caller, courseId: string, input: { personId: string; goal: string }) {
      return inTransaction(db, async (tx) => {
        const course = await courseIn(tx, caller, courseId);
        const person = await referrals.personInCustody(tx, caller.viewer, input.personId);
        const problems: { path: string; code: string }[] = [];
        if (person.institutionId !== course.institution_id)
          problems.push({ path: 'personId', code: 'other_institution' });
        const enrolled = await tx
          .selectFrom('mh_enrolment')
          .select(['person_id'])
          .where('course_id', '=', courseId)
          .execute();
        if (enrolled.some((e) => e.person_id === input.personId))
          problems.push({ path: 'personId', code: 'already_enrolled' });
        if (enrolled.length >= course.capacity) problems.push({ path: '', code: 'course_full' });
        if (womenOnlyInterventions.has(course.intervention as Intervention)) {
          const sex = (await registry.personSummaries(tx, [input.personId])).get(input.personId)?.sex;
          if (sex !== 'female') problems.push({ path: 'personId', code: 'women_only' });
        }
        if (problems.length) throw ruleRefused(problems);
        const id = newId();
        await tx
          .insertInto('mh_enrolment')
          .values({
            id,
            course_id: courseId,
            person_id: input.personId,
            institution_id: course.institution_id,
            goal: input.goal,
            enrolled_at: clock.now().toISOString(),
            enrolled_by: caller.userId,
          })
          .execute();
        await audit.record(tx, caller.audit, {
          action: 'mentalhealth.enrolment.add',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'mh_enrolment',
          resourceId: id,
          personId: input.personId,
        });
        return { id };
      });
    },

    /**
     * MHS-2, MHT-3: a session's register: every enrolled person once, with their attendance code
     * (prevented by the regime and in segregation apart from the person's own reasons), whether the
     * outcome measure was taken, and the restricted note. Not in the future; nothing written when refused.
     */
    async recordSession(caller: Caller, courseId: string, input: SessionRecordInput, key?: string) {
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `mentalhealth:session:${courseId}`, body: input },
          async () => {
            const course = await courseIn(tx, caller, courseId);
            const enrolments = await tx
              .selectFrom('mh_enrolment')
              .select(['id', 'person_id'])
              .where('course_id', '=', courseId)
              .execute();
            const byId = new Map(enrolments.map((e) => [e.id, e.person_id]));
            const problems: { path: string; code: string }[] = [];
            if (Date.parse(input.heldAt) > clock.now().getTime() + 60_000)
              problems.push({ path: 'heldAt', code: 'in_the_future' });
            if (input.heldAt.slice(0, 10) < course.starts_on)
              problems.push({ path: 'heldAt', code: 'before_course' });
            const seen = new Set<string>();
            input.attendance.forEach((a, i) => {
              if (!byId.has(a.enrolmentId))
                problems.push({ path: `attendance.${i}.enrolmentId`, code: 'not_enrolled' });
              if (seen.has(a.enrolmentId))
                problems.push({ path: `attendance.${i}.enrolmentId`, code: 'twice_in_register' });
              seen.add(a.enrolmentId);
            });
            if (problems.length) throw ruleRefused(problems);
            const id = newId();
            await tx
              .insertInto('mh_session')
              .values({
                id,
                course_id: courseId,
                institution_id: course.institution_id,
                held_at: input.heldAt,
                duration_minutes: input.durationMinutes,
                note: input.note ?? null,
                recorded_by: caller.userId,
                recorded_at: clock.now().toISOString(),
              })
              .execute();
            await tx
              .insertInto('mh_attendance')
              .values(
                input.attendance.map((a) => ({
                  id: newId(),
                  session_id: id,
                  enrolment_id: a.enrolmentId,
                  person_id: byId.get(a.enrolmentId) as string,
                  code: a.code,
                  measure_taken: a.measureTaken ? 1 : 0,
                })),
              )
              .execute();
            await audit.record(tx, caller.audit, {
              action: 'mentalhealth.session.record',
              dataClass: input.note ? 'restricted_clinical' : 'clinical',
              outcome: 'allowed',
              resourceType: 'mh_session',
              resourceId: id,
              details: { attendance: input.attendance.length },
            });
            return { id };
          },
        ),
      );
    },
  };
}
