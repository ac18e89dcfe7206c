import { z } from 'zod';
import { type ProgrammeProblem, programmeAddDays } from './rules.ts';

/** PHC-6: an airborne isolation is reviewed by a clinician at least this often (days). */
export const ISOLATION_REVIEW_DAYS = 14;

/**
 * PHC-6 (ADR 0050): the day the isolation's next review is due — `ISOLATION_REVIEW_DAYS` after the
 * last review, or after the isolation began (the presumption of TB) when never reviewed.
 */
export function isolationReviewDueOn(
  startedOn: string,
  lastReviewedOn: string | null,
  days: number = ISOLATION_REVIEW_DAYS,
): string {
  return programmeAddDays(lastReviewedOn ?? startedOn, days);
}

/**
 * PHC-6: a review of an airborne isolation order: the day of the review, the infectious period the
 * clinician defines (isolation stays in force until it ends or is ended with a reason), a note.
 */
export const isolationReviewSchema = z.object({
  reviewedOn: z.iso.date(),
  infectiousUntil: z.iso.date(),
  note: z.string().trim().max(2000).nullish(),
});
export type IsolationReviewInput = z.infer<typeof isolationReviewSchema>;

/** PHC-6: why an isolation review is refused (dates), or none. */
export function isolationReviewProblems(
  input: Pick<IsolationReviewInput, 'reviewedOn' | 'infectiousUntil'>,
  startedOn: string,
  today: string,
): ProgrammeProblem[] {
  const problems: ProgrammeProblem[] = [];
  if (input.reviewedOn > today) problems.push({ path: 'reviewedOn', code: 'in_the_future' });
  if (input.reviewedOn < startedOn) problems.push({ path: 'reviewedOn', code: 'review_before_isolation' });
  if (input.infectiousUntil < input.reviewedOn)
    problems.push({ path: 'infectiousUntil', code: 'infectious_until_before_review' });
  return problems;
}
