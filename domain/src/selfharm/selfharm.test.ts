import { describe, expect, it } from 'vitest';
import {
  badNewsPromptFor,
  badNewsSchema,
  checkProblems,
  checkState,
  officerSchedule,
  type PlanFacts,
  type PlanReviewInput,
  planDue,
  planStatus,
  postClosureDueAt,
  preReleasePromptFor,
  promptState,
  rescreenPromptFor,
  reviewInputProblems,
  segregationPromptFor,
} from './index.ts';

const NOW = new Date('2026-12-06T09:00:00.000Z');
const minutesBefore = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();
const hoursBefore = (h: number) => minutesBefore(h * 60);

const facts = (over: Partial<PlanFacts> = {}): PlanFacts => ({
  raisedAt: hoursBefore(10),
  assessedAt: null,
  firstReviewAt: null,
  observation: null,
  nextReviewAt: null,
  closedAt: null,
  postClosureDueAt: null,
  postClosureDoneAt: null,
  lastCheckAt: null,
  incidents: [],
  ...over,
});

const review = (over: Partial<PlanReviewInput> = {}): PlanReviewInput => ({
  reviewedAt: minutesBefore(5),
  participants: [
    { name: 'A Psychologist', discipline: 'psychologist' },
    { name: 'An Officer', discipline: 'custodial' },
  ],
  decision: 'continue',
  riskLevel: 'raised',
  mode: 'intermittent',
  intervalMinutes: 15,
  observerName: null,
  exceptionReason: null,
  conversationsPerDay: 3,
  careMap: { triggers: [], protective: [], actions: [] },
  nextReviewAt: new Date(NOW.getTime() + 3 * 86_400_000).toISOString(),
  note: null,
  version: 1,
  ...over,
});

const observed = (lastCheckMinutesAgo: number | null, interval = 15): Partial<PlanFacts> => ({
  assessedAt: hoursBefore(9),
  firstReviewAt: hoursBefore(8),
  observation: { mode: 'intermittent', intervalMinutes: interval, since: hoursBefore(8) },
  lastCheckAt: lastCheckMinutesAgo === null ? null : minutesBefore(lastCheckMinutesAgo),
  nextReviewAt: new Date(NOW.getTime() + 2 * 86_400_000).toISOString(),
});

describe('self-harm care plans (SSH-1, MHS-3, MHS-4, MHS-8)', () => {
  it('SSH-1: the assessment and the first review fall due within 24 h of the concern, overdue after', () => {
    expect(planDue(facts(), NOW).map((d) => d.alert)).toEqual(['assessment_due', 'first_review_due']);
    expect(planDue(facts({ raisedAt: hoursBefore(25) }), NOW).map((d) => [d.alert, d.overdue])).toEqual([
      ['assessment_overdue', true],
      ['first_review_overdue', true],
    ]);
    const due = planDue(facts({ raisedAt: hoursBefore(10) }), NOW)[0];
    expect(due?.dueAt).toBe(new Date(Date.parse(hoursBefore(10)) + 24 * 3_600_000).toISOString());
  });

  it('SSH-1: the status is derived from the facts: awaiting assessment, review, open, post-closure, closed', () => {
    expect(planStatus(facts())).toBe('awaiting_assessment');
    expect(planStatus(facts({ assessedAt: hoursBefore(9) }))).toBe('awaiting_review');
    expect(planStatus(facts(observed(5)))).toBe('open');
    expect(planStatus(facts({ ...observed(5), closedAt: hoursBefore(1) }))).toBe('post_closure');
    expect(
      planStatus(facts({ ...observed(5), closedAt: hoursBefore(1), postClosureDoneAt: minutesBefore(1) })),
    ).toBe('closed');
  });

  it('MHS-3: the next check is due the interval after the last check (or the start), missed once past it, from now', () => {
    expect(checkState(facts(observed(10)), NOW)).toEqual({
      nextCheckDueAt: minutesBefore(-5),
      status: 'ok',
      minutesLate: 0,
    });
    expect(checkState(facts(observed(20)), NOW)).toEqual({
      nextCheckDueAt: minutesBefore(5),
      status: 'missed',
      minutesLate: 5,
    });
    // No check since the review 8 h ago: due 15 minutes after it, long missed.
    expect(checkState(facts(observed(null)), NOW)?.status).toBe('escalated');
    // Before the first review (no observation) and after closure there is no schedule.
    expect(checkState(facts(), NOW)).toBeNull();
    expect(checkState(facts({ ...observed(20), closedAt: minutesBefore(1) }), NOW)).toBeNull();
  });

  it('SSH-1, MHS-3: a missed check escalates (health team) once more than 15 minutes late, and is on the plan’s due list', () => {
    expect(checkState(facts(observed(30)), NOW)?.status).toBe('missed');
    expect(checkState(facts(observed(31)), NOW)?.status).toBe('escalated');
    expect(planDue(facts(observed(20)), NOW).map((d) => d.alert)).toEqual(['check_missed']);
    expect(planDue(facts(observed(40)), NOW).map((d) => d.alert)).toEqual(['check_escalated']);
    expect(planDue(facts(observed(5)), NOW)).toEqual([]);
  });

  it('SSH-1: a review sets the next one; it is due the day before and overdue after', () => {
    const next = new Date(NOW.getTime() + 3 * 3_600_000).toISOString();
    expect(planDue(facts({ ...observed(5), nextReviewAt: next }), NOW)).toEqual([
      { alert: 'review_due', dueAt: next, overdue: false },
    ]);
    expect(planDue(facts({ ...observed(5), nextReviewAt: minutesBefore(1) }), NOW)[0]?.alert).toBe(
      'review_overdue',
    );
  });

  it('SSH-1: after closure the post-closure review is due 7 days later, then overdue; done, nothing is due', () => {
    expect(postClosureDueAt('2026-12-01T10:00:00.000Z')).toBe('2026-12-08T10:00:00.000Z');
    const closed = { ...observed(5), closedAt: hoursBefore(6.5 * 24) };
    const due = planDue(facts({ ...closed, postClosureDueAt: postClosureDueAt(closed.closedAt) }), NOW);
    expect(due.map((d) => [d.alert, d.overdue])).toEqual([['post_closure_due', false]]);
    const late = planDue(facts({ ...closed, postClosureDueAt: minutesBefore(1) }), NOW);
    expect(late.map((d) => d.alert)).toEqual(['post_closure_overdue']);
    expect(
      planDue(
        facts({ ...closed, postClosureDueAt: minutesBefore(1), postClosureDoneAt: minutesBefore(0) }),
        NOW,
      ),
    ).toEqual([]);
  });

  it('MHS-8: serious self-harm opens a post-incident review due in 7 days; done, it leaves the list', () => {
    const incident = { id: 'i1', occurredAt: hoursBefore(6.5 * 24), reviewedAt: null };
    expect(planDue(facts({ ...observed(5), incidents: [incident] }), NOW)).toEqual([
      expect.objectContaining({ alert: 'post_incident_review_due', incidentId: 'i1' }),
    ]);
    expect(
      planDue(
        facts({ ...observed(5), incidents: [{ ...incident, occurredAt: hoursBefore(8 * 24) }] }),
        NOW,
      )[0]?.alert,
    ).toBe('post_incident_review_overdue');
    expect(
      planDue(facts({ ...observed(5), incidents: [{ ...incident, reviewedAt: minutesBefore(1) }] }), NOW),
    ).toEqual([]);
  });

  it('MHS-3: intermittent checks at most 15 minutes apart; up to 30 only with a recorded exception', () => {
    expect(reviewInputProblems(review(), NOW)).toEqual([]);
    expect(reviewInputProblems(review({ intervalMinutes: 20 }), NOW)).toEqual([
      { path: 'exceptionReason', code: 'observation_exception_reason_required' },
    ]);
    expect(
      reviewInputProblems(
        review({ intervalMinutes: 30, exceptionReason: 'Sleeps through the night, settled' }),
        NOW,
      ),
    ).toEqual([]);
    expect(
      reviewInputProblems(
        review({ intervalMinutes: 45, exceptionReason: 'Sleeps through the night, settled' }),
        NOW,
      ),
    ).toEqual([{ path: 'intervalMinutes', code: 'observation_interval_too_long' }]);
  });

  it('MHS-3: constant observation names its observer; a review is multidisciplinary with health care', () => {
    expect(reviewInputProblems(review({ mode: 'constant', intervalMinutes: 15 }), NOW)).toEqual([
      { path: 'observerName', code: 'observer_required' },
    ]);
    expect(
      reviewInputProblems(
        review({
          participants: [
            { name: 'One Officer', discipline: 'custodial' },
            { name: 'Other Officer', discipline: 'custodial' },
          ],
        }),
        NOW,
      ),
    ).toEqual([{ path: 'participants', code: 'review_not_multidisciplinary' }]);
    expect(
      reviewInputProblems(
        review({
          participants: [
            { name: 'One Officer', discipline: 'custodial' },
            { name: 'A Social worker', discipline: 'social_work' },
          ],
        }),
        NOW,
      ),
    ).toEqual([{ path: 'participants', code: 'review_without_health_care' }]);
  });

  it('SSH-1: a review that keeps the plan open sets the next review; one that closes needs none; never in the future', () => {
    expect(reviewInputProblems(review({ nextReviewAt: null }), NOW)).toEqual([
      { path: 'nextReviewAt', code: 'next_review_required' },
    ]);
    expect(
      reviewInputProblems(review({ decision: 'close', nextReviewAt: null, intervalMinutes: 60 }), NOW),
    ).toEqual([]);
    expect(reviewInputProblems(review({ reviewedAt: minutesBefore(-10) }), NOW)).toEqual([
      { path: 'reviewedAt', code: 'in_the_future' },
    ]);
  });

  it('SSH-1, MHS-3: a check is refused for a closed plan, before the observation, or in the future', () => {
    expect(checkProblems(facts(observed(5)), minutesBefore(1), NOW)).toEqual([]);
    expect(
      checkProblems(facts({ ...observed(5), closedAt: minutesBefore(2) }), minutesBefore(1), NOW),
    ).toEqual([{ path: '', code: 'plan_closed' }]);
    expect(checkProblems(facts(), minutesBefore(1), NOW)).toEqual([{ path: '', code: 'no_observation_yet' }]);
    expect(checkProblems(facts(observed(5)), minutesBefore(-5), NOW)).toEqual([
      { path: 'checkedAt', code: 'in_the_future' },
    ]);
    expect(checkProblems(facts(observed(5)), hoursBefore(8.5), NOW)).toEqual([
      { path: 'checkedAt', code: 'before_observation' },
    ]);
  });

  it('MHS-4: admission (72 h), transfer in and court (24 h) prompt a re-screening; other events do not', () => {
    const at = '2026-12-06T09:00:00.000Z';
    expect(rescreenPromptFor({ type: 'admission', occurredAt: at })).toEqual({
      moment: 'admission',
      dueAt: '2026-12-09T09:00:00.000Z',
    });
    expect(rescreenPromptFor({ type: 'transfer_in', occurredAt: at })?.dueAt).toBe(
      '2026-12-07T09:00:00.000Z',
    );
    expect(rescreenPromptFor({ type: 'absence_out', absenceKind: 'court', occurredAt: at })?.moment).toBe(
      'court',
    );
    expect(rescreenPromptFor({ type: 'absence_out', absenceKind: 'hospital', occurredAt: at })).toBeNull();
    expect(rescreenPromptFor({ type: 'placement', occurredAt: at })).toBeNull();
    expect(promptState({ dueAt: '2026-12-07T09:00:00.000Z', doneAt: null }, NOW)).toBe('due');
    expect(promptState({ dueAt: '2026-12-05T09:00:00.000Z', doneAt: null }, NOW)).toBe('overdue');
    expect(promptState({ dueAt: '2026-12-05T09:00:00.000Z', doneAt: '2026-12-05T08:00:00.000Z' }, NOW)).toBe(
      'done',
    );
  });

  it('MHS-4: segregation and bad news prompt a re-screening within 24 h; bad news is coded', () => {
    expect(segregationPromptFor('2026-12-06T09:00:00.000Z')).toEqual({
      moment: 'segregation',
      dueAt: '2026-12-07T09:00:00.000Z',
    });
    expect(badNewsPromptFor('2026-12-06T20:30:00.000Z')).toEqual({
      moment: 'bad_news',
      dueAt: '2026-12-07T20:30:00.000Z',
    });
    expect(badNewsSchema.safeParse({ kind: 'appeal_refused' }).success).toBe(true);
    expect(badNewsSchema.safeParse({ kind: 'lottery_win' }).success).toBe(false);
  });

  it('MHS-4: the weeks before release: shown from 4 weeks before the planned date, due 2 weeks before, none after it', () => {
    const at = (iso: string) => new Date(iso);
    expect(preReleasePromptFor('2027-01-20', at('2026-12-22T23:59:00.000Z'))).toBeNull();
    expect(preReleasePromptFor('2027-01-20', at('2026-12-23T00:00:00.000Z'))).toEqual({
      moment: 'pre_release',
      occurredAt: '2026-12-23T00:00:00.000Z',
      dueAt: '2027-01-06T00:00:00.000Z',
    });
    expect(preReleasePromptFor('2027-01-20', at('2027-01-20T12:00:00.000Z'))?.moment).toBe('pre_release');
    expect(preReleasePromptFor('2027-01-20', at('2027-01-21T00:00:00.000Z'))).toBeNull();
    expect(preReleasePromptFor('not a date', NOW)).toBeNull();
  });

  it('SSH-1, MED-3: officers get the schedule and the triggers shared with them, never the level or the rest', () => {
    const schedule = officerSchedule(
      { mode: 'intermittent', intervalMinutes: 15, observerName: 'ignored' },
      {
        triggers: [
          { text: 'Calls from home', shareWithOfficers: true },
          { text: 'A private matter', shareWithOfficers: false },
        ],
        protective: ['Sister'],
        actions: [],
      },
      3,
    );
    expect(schedule).toEqual({
      mode: 'intermittent',
      intervalMinutes: 15,
      observerName: null,
      conversationsPerDay: 3,
      triggers: ['Calls from home'],
    });
  });
});
