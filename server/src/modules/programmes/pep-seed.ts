import {
  calendarDateIn,
  type HepBDoseFact,
  type HepBSchedule,
  hepBNextDose,
  newId,
  pepFollowUpDueDates,
  pepRegimens,
  pepState,
  programmeAddDays,
  programmeAddMonths,
} from '@custodia/domain';
import type { Tx } from '../../platform/db/database.ts';
import type { AuditRecorder } from '../audit/index.ts';
import { programmeApi } from '../medication/index.ts';
import type { ProgrammesDeps } from './context.ts';

const ZONE = 'Asia/Baku';

/**
 * PEP and hepatitis B vaccination demo data (ADR 0049): at the first institution, an exposure
 * reported about 30 h ago with no first dose (the "PEP deadline" alert is on the worklist), one on
 * its 28-day course, and vaccination courses with a dose due today (standard and accelerated), one
 * overdue and one complete.
 */
export async function seedPepAndVaccination(
  tx: Tx,
  input: {
    now: Date;
    people: readonly { id: string; institutionId: string }[];
    doctor: string;
    nurse: string;
    audit: AuditRecorder;
    /** The demo doctor's institution (the seed's first), where the cases are made. */
    institutionId: string | undefined;
    /** The medical record's allergies: the course goes through medication's allergy check (ADR 0050). */
    allergies: ProgrammesDeps['allergies'];
  },
): Promise<string> {
  const { now, doctor, nurse } = input;
  const at = now.toISOString();
  const today = calendarDateIn(now, ZONE);
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
  // The demo doctor's institution (the first pilot prison), so the doctor and the nurse find the
  // work on first sign-in.
  const first = input.institutionId ?? input.people[0]?.institutionId;
  const here = input.people.filter((p) => p.institutionId === first).slice(-8);
  if (here.length < 7) return 'no PEP or vaccination demo (too few people)';
  const [open, started, ...vaccinated] = here as [
    { id: string; institutionId: string },
    { id: string; institutionId: string },
    ...{ id: string; institutionId: string }[],
  ];

  const exposure = (p: { id: string; institutionId: string }, exposedAt: string, type: string) => ({
    id: newId(),
    person_id: p.id,
    institution_id: p.institutionId,
    exposed_at: exposedAt,
    exposure_type: type,
    source_status: 'unknown',
    description: null,
    reported_by: nurse,
    reported_at: new Date(Date.parse(exposedAt) + 3_600_000).toISOString(),
    first_dose_at: null as string | null,
    regimen_code: null as string | null,
    late_reason: null,
    prescription_ids: null as string | null,
    started_by: null as string | null,
    closure: null,
    closed_on: null,
    closure_note: null,
    version: 1,
  });
  const pending = exposure(open, hoursAgo(30), 'needlestick');
  const onCourse = exposure(started, hoursAgo(24 * 10 + 6), 'bite_fight');
  const regimen = pepRegimens[0];
  const firstDoseAt = hoursAgo(24 * 10);
  const rx = await programmeApi.prescribeSupervisedRegimen(tx, {
    personId: started.id,
    institutionId: started.institutionId,
    prescriberId: doctor,
    startAt: firstDoseAt,
    endAt: pepState({ exposedAt: onCourse.exposed_at, firstDoseAt, closure: null }, now)
      .courseEndsAt as string,
    indication: `PEP ${regimen.code}`,
    lines: regimen.lines,
    now: at,
    allergies: input.allergies,
  });
  if (!rx.problems.length)
    Object.assign(onCourse, {
      first_dose_at: firstDoseAt,
      regimen_code: regimen.code,
      prescription_ids: JSON.stringify(rx.ids),
      started_by: doctor,
    });
  const cases = [pending, onCourse];
  await tx.insertInto('programme_pep').values(cases).execute();
  await tx
    .insertInto('programme_pep_followup')
    .values(
      cases.flatMap((c) =>
        pepFollowUpDueDates(calendarDateIn(new Date(c.exposed_at), ZONE)).map((f) => {
          const done = f.dueOn < today;
          return {
            id: newId(),
            pep_id: c.id,
            person_id: c.person_id,
            institution_id: c.institution_id,
            timepoint: f.timepoint,
            due_on: f.dueOn,
            done_on: done ? f.dueOn : null,
            hiv: done ? 'negative' : null,
            hbv: done ? 'negative' : null,
            hcv: done ? 'negative' : null,
            recorded_by: done ? nurse : null,
            recorded_at: done ? at : null,
          };
        }),
      ),
    )
    .execute();

  // Vaccination: [schedule, offered on, doses given on].
  const plans: [HepBSchedule, string, string[]][] = [
    ['standard', programmeAddMonths(today, -1), [programmeAddMonths(today, -1)]],
    ['accelerated', programmeAddDays(today, -7), [programmeAddDays(today, -7)]],
    ['standard', today, []],
    ['standard', programmeAddMonths(today, -3), [programmeAddMonths(today, -3)]],
    [
      'standard',
      programmeAddMonths(today, -8),
      [programmeAddMonths(today, -8), programmeAddMonths(today, -7), programmeAddMonths(today, -2)],
    ],
  ];
  let due = 0;
  for (const [i, [schedule, offeredOn, given]] of plans.entries()) {
    const p = vaccinated[i];
    if (!p) break;
    const courseId = newId();
    const facts: HepBDoseFact[] = given.map((on, n) => ({ doseNumber: n + 1, outcome: 'given', on }));
    const next = hepBNextDose(schedule, offeredOn, facts);
    if (next && next.dueOn <= today) due++;
    await tx
      .insertInto('programme_hepb_course')
      .values({
        id: courseId,
        person_id: p.id,
        institution_id: p.institutionId,
        schedule,
        immunity: i % 2 ? 'unknown' : 'non_immune',
        decision: 'accepted',
        offered_on: offeredOn,
        note: null,
        next_due_on: next?.dueOn ?? null,
        complete: next ? 0 : 1,
        created_by: nurse,
        created_at: `${offeredOn}T06:00:00.000Z`,
      })
      .execute();
    if (facts.length)
      await tx
        .insertInto('programme_hepb_dose')
        .values(
          facts.map((f) => ({
            id: newId(),
            course_id: courseId,
            person_id: p.id,
            dose_number: f.doseNumber,
            outcome: 'given',
            given_on: f.on,
            batch: `HBV-${f.on.slice(0, 7).replace('-', '')}`,
            note: null,
            recorded_by: nurse,
            recorded_at: `${f.on}T07:00:00.000Z`,
          })),
        )
        .execute();
  }
  for (const c of cases)
    await input.audit.record(
      tx,
      { userId: null, username: 'seed', role: null, clientAddress: null },
      {
        action: 'programmes.pep.report',
        dataClass: 'clinical',
        outcome: 'allowed',
        resourceType: 'programme_pep',
        resourceId: c.id,
        personId: c.person_id,
        details: { demo: true },
      },
    );
  return `2 PEP cases (one at 30 h without a first dose), ${plans.length} hepatitis B courses (${due} with a dose due)`;
}
