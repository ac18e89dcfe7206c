import { z } from 'zod';
import { type ProgrammeProblem, programmeAddDays, programmeAddMonths } from './rules.ts';

/**
 * Hepatitis B vaccination courses (PHC-11, BBV-2's neighbour; DOMAIN.md §4.1 "HBV: vaccination doses
 * with due dates"; ADR 0049). A course follows a schedule, which is data: the standard 0, 1, 6
 * months, or the accelerated 0, 7, 21 days + 12 months (the schedule for people in prison, where a
 * short stay loses the later doses). Due doses are derived from the doses given; pure, the day is
 * the caller's.
 */

/** A dose's offset from the first dose: days and months (added in that order). */
export interface HepBScheduleDose {
  days: number;
  months: number;
}

/** The schedules (data): each dose's offset from the first dose. */
export const hepBSchedules = {
  standard: [
    { days: 0, months: 0 },
    { days: 0, months: 1 },
    { days: 0, months: 6 },
  ],
  accelerated: [
    { days: 0, months: 0 },
    { days: 7, months: 0 },
    { days: 21, months: 0 },
    { days: 0, months: 12 },
  ],
} as const satisfies Record<string, readonly HepBScheduleDose[]>;
export type HepBSchedule = keyof typeof hepBSchedules;
export const hepBScheduleCodes = Object.keys(hepBSchedules) as HepBSchedule[];

/** Immunity found before the offer (the offer is to the non-immune; unknown counts as non-immune). */
export const hepBImmunity = ['non_immune', 'unknown'] as const;
export const hepBDecisions = ['accepted', 'declined'] as const;
export const hepBDoseOutcomes = ['given', 'refused'] as const;

/** After a refused dose, the dose is offered again this many days later. */
export const HEPB_REOFFER_DAYS = 28;

/** A dose recorded on a course. */
export interface HepBDoseFact {
  doseNumber: number;
  outcome: 'given' | 'refused';
  on: string;
}

const offset = (from: string, d: HepBScheduleDose) =>
  programmeAddMonths(programmeAddDays(from, d.days), d.months);

/**
 * The next due dose of a course, or null when the course is complete. Dose 1 is due on the course's
 * start; a later dose is due at its offset from the first given dose, and never sooner after the
 * previous given dose than the schedule's gap between the two (a late dose pushes the next one).
 * A refused dose is offered again 28 days after the refusal.
 */
export function hepBNextDose(
  schedule: HepBSchedule,
  startOn: string,
  doses: readonly HepBDoseFact[],
): { doseNumber: number; dueOn: string } | null {
  const plan = hepBSchedules[schedule];
  const given = doses.filter((d) => d.outcome === 'given').sort((a, b) => a.on.localeCompare(b.on));
  const n = given.length;
  if (n >= plan.length) return null;
  const first = given[0];
  let dueOn: string;
  if (!first) dueOn = startOn;
  else {
    const previous = given[n - 1] as HepBDoseFact;
    const byFirst = offset(first.on, plan[n] as HepBScheduleDose);
    // The gap between the schedule's doses n-1 and n, from the previous dose actually given.
    const a = plan[n] as HepBScheduleDose;
    const b = plan[n - 1] as HepBScheduleDose;
    const byPrevious = offset(previous.on, { days: a.days - b.days, months: a.months - b.months });
    dueOn = [byFirst, byPrevious].sort()[1] as string;
  }
  const lastRefusal = doses
    .filter((d) => d.outcome === 'refused' && d.doseNumber === n + 1)
    .map((d) => d.on)
    .sort()
    .at(-1);
  if (lastRefusal) {
    const again = programmeAddDays(lastRefusal, HEPB_REOFFER_DAYS);
    if (again > dueOn) dueOn = again;
  }
  return { doseNumber: n + 1, dueOn };
}

/** A recorded dose: not in the future, not before the course's start, not before the previous dose. */
export function hepBDoseProblems(
  course: { startOn: string; schedule: HepBSchedule; closed: boolean },
  doses: readonly HepBDoseFact[],
  input: { on: string; outcome: 'given' | 'refused'; batch?: string | null },
  today: string,
): ProgrammeProblem[] {
  if (course.closed) return [{ path: '', code: 'course_closed' }];
  if (!hepBNextDose(course.schedule, course.startOn, doses)) return [{ path: '', code: 'course_complete' }];
  if (input.on > today) return [{ path: 'on', code: 'in_the_future' }];
  if (input.on < course.startOn) return [{ path: 'on', code: 'before_course_start' }];
  const last = doses
    .map((d) => d.on)
    .sort()
    .at(-1);
  if (last && input.on < last) return [{ path: 'on', code: 'before_previous_dose' }];
  if (input.outcome === 'given' && !input.batch?.trim()) return [{ path: 'batch', code: 'batch_required' }];
  return [];
}

/** Where a dose stands on a day: due from its date, overdue a week after (the worklist's severity). */
export const HEPB_OVERDUE_AFTER_DAYS = 7;
export function hepBDoseState(dueOn: string, today: string): 'upcoming' | 'due' | 'overdue' {
  if (today < dueOn) return 'upcoming';
  return today > programmeAddDays(dueOn, HEPB_OVERDUE_AFTER_DAYS) ? 'overdue' : 'due';
}

const date = z.iso.date();
const text = z.string().trim().max(2000);

export const hepBCourseOpenSchema = z.object({
  schedule: z.enum(hepBScheduleCodes as [HepBSchedule, ...HepBSchedule[]]),
  immunity: z.enum(hepBImmunity),
  decision: z.enum(hepBDecisions),
  offeredOn: date,
  note: text.optional(),
});
export type HepBCourseOpenInput = z.infer<typeof hepBCourseOpenSchema>;

export const hepBDoseSchema = z.object({
  outcome: z.enum(hepBDoseOutcomes),
  on: date,
  batch: z.string().trim().max(60).optional(),
  note: text.optional(),
});
export type HepBDoseInput = z.infer<typeof hepBDoseSchema>;

export const hepBCourseSchema = z.object({
  id: z.string(),
  schedule: z.enum(hepBScheduleCodes as [HepBSchedule, ...HepBSchedule[]]),
  immunity: z.enum(hepBImmunity),
  decision: z.enum(hepBDecisions),
  offeredOn: z.string(),
  complete: z.boolean(),
  doses: z.array(
    z.object({
      id: z.string(),
      doseNumber: z.number(),
      outcome: z.enum(hepBDoseOutcomes),
      on: z.string(),
      batch: z.string().nullable(),
      givenBy: z.string().nullable(),
    }),
  ),
  next: z
    .object({
      doseNumber: z.number(),
      dueOn: z.string(),
      state: z.enum(['upcoming', 'due', 'overdue']),
    })
    .nullable(),
  plannedDoses: z.number(),
});
export type HepBCourse = z.infer<typeof hepBCourseSchema>;
export const personHepBSchema = z.object({ items: z.array(hepBCourseSchema) });
export type PersonHepB = z.infer<typeof personHepBSchema>;

/**
 * PHC-11 (ADR 0057): the hepatitis B vaccination offer prompted by the admission, unless the person is
 * already vaccinated or being vaccinated (a course accepted, ever), immune (anti-HBs reactive) or
 * infected (HBsAg reactive: vaccination is not indicated, the hepatitis B programme follows them).
 * An offer refused before (with its reason) does not stop a new entry's offer: a new custody, a new offer.
 */
export function hepBEntryOfferNeeded(
  courses: readonly { decision: string }[],
  tests: readonly { test: string; result: string | null }[],
): boolean {
  if (courses.some((c) => c.decision === 'accepted')) return false;
  return !tests.some((t) => (t.test === 'anti_hbs' || t.test === 'hbsag') && t.result === 'reactive');
}
