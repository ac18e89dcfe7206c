import { describe, expect, it } from 'vitest';
import { plannedReleaseProblem } from '../registry/index.ts';
import { resistanceHousingProblem, tbHousingGroup } from './housing.ts';
import { isolationReviewDueOn, isolationReviewProblems } from './isolation.ts';
import { releaseScreenState } from './release.ts';

describe('ADR 0050: the planned release date and what hangs on it', () => {
  it('a planned release date is refused before the admission day and outside custody', () => {
    const held = { status: 'in_custody' as const, admittedOn: '2026-09-01' };
    expect(plannedReleaseProblem(held, '2026-08-31')).toBe('planned_release_before_admission');
    expect(plannedReleaseProblem(held, '2026-09-01')).toBeNull();
    expect(plannedReleaseProblem(held, null)).toBeNull();
    expect(plannedReleaseProblem({ status: 'released', admittedOn: '2026-09-01' }, '2027-01-01')).toBe(
      'planned_release_not_in_custody',
    );
  });

  it('PHC-9: the release screening is due from the threshold days before the planned release, overdue after it, done by a screening inside the window', () => {
    // The injected day is the third argument: no clock is read.
    expect(releaseScreenState('2027-01-31', null, '2026-12-31', 30)).toBe('not_yet');
    expect(releaseScreenState('2027-01-31', null, '2027-01-01', 30)).toBe('due');
    expect(releaseScreenState('2027-01-31', null, '2027-02-01', 30)).toBe('overdue');
    expect(releaseScreenState('2027-01-31', '2027-01-05', '2027-01-20', 30)).toBe('done');
    // A release screening before the window opened was for an earlier plan: it does not count.
    expect(releaseScreenState('2027-01-31', '2026-12-01', '2027-01-20', 30)).toBe('due');
    expect(releaseScreenState('2027-01-31', null, '2027-01-20', 7)).toBe('not_yet');
  });

  it('PHC-7: an RR/MDR-TB patient does not share a cell with a drug-susceptible TB patient without a reason', () => {
    const mdr = tbHousingGroup({ registered: true, resistance: 'mdr', closed: false });
    const ds = tbHousingGroup({ registered: true, resistance: 'susceptible', closed: false });
    expect(mdr).toBe('drug_resistant');
    expect(ds).toBe('drug_susceptible');
    expect(tbHousingGroup({ registered: true, resistance: 'unknown', closed: false })).toBe(
      'drug_susceptible',
    );
    expect(tbHousingGroup({ registered: false, resistance: null, closed: false })).toBeNull();
    expect(tbHousingGroup({ registered: true, resistance: 'rr', closed: true })).toBeNull();
    expect(resistanceHousingProblem(mdr, [ds], null)).toEqual({
      path: 'placementGuardReason',
      code: 'resistance_profile_shared_cell',
    });
    expect(resistanceHousingProblem(ds, [null, mdr], '')).not.toBeNull();
    expect(resistanceHousingProblem(mdr, [mdr, null], null)).toBeNull();
    expect(resistanceHousingProblem(null, [ds, mdr], null)).toBeNull();
    expect(resistanceHousingProblem(mdr, [ds], 'Only isolation room; doctor agreed')).toBeNull();
  });

  it('PHC-6: an isolation is reviewed every 14 days from its start or last review; the infectious period cannot end before the review', () => {
    expect(isolationReviewDueOn('2026-11-16', null)).toBe('2026-11-30');
    expect(isolationReviewDueOn('2026-11-16', '2026-12-06')).toBe('2026-12-20');
    const today = '2026-12-06';
    expect(
      isolationReviewProblems({ reviewedOn: today, infectiousUntil: '2026-12-20' }, '2026-11-16', today),
    ).toEqual([]);
    const late = isolationReviewProblems(
      { reviewedOn: '2026-12-07', infectiousUntil: '2026-12-01' },
      '2026-12-02',
      today,
    );
    expect(late.map((p) => p.code)).toEqual(['in_the_future', 'infectious_until_before_review']);
    const early = isolationReviewProblems(
      { reviewedOn: '2026-11-01', infectiousUntil: '2026-12-01' },
      '2026-11-16',
      today,
    );
    expect(early[0]?.code).toBe('review_before_isolation');
  });
});
