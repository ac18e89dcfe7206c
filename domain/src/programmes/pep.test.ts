import { describe, expect, it } from 'vitest';
import {
  hepBDoseProblems,
  hepBDoseState,
  hepBNextDose,
  pepExposureProblems,
  pepFollowUpDueDates,
  pepStartProblems,
  pepState,
  pepWithin72h,
} from './index.ts';

const EXPOSED = '2026-12-05T03:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(EXPOSED) + hours * 3_600_000);

describe('BBV-2: post-exposure prophylaxis with an injected clock', () => {
  it('BBV-2: no alert before 24 h, an overdue alert from 24 h, missed after 72 h without a first dose', () => {
    const facts = { exposedAt: EXPOSED, firstDoseAt: null, closure: null };
    expect(pepState(facts, at(23.9)).alert).toBe('due');
    expect(pepState(facts, at(24)).alert).toBe('overdue');
    expect(pepState(facts, at(30)).alert).toBe('overdue');
    expect(pepState(facts, at(72)).alert).toBe('missed');
    expect(pepState(facts, at(30)).deadlineAt).toBe(at(72).toISOString());
    expect(pepState({ ...facts, closure: 'declined' }, at(30)).alert).toBe('none');
  });

  it('BBV-2: a first dose ends the alert, counts within 72 h and starts a 28-day course', () => {
    const s = pepState({ exposedAt: EXPOSED, firstDoseAt: at(30).toISOString(), closure: null }, at(40));
    expect(s.alert).toBe('none');
    expect(s.withinLimit).toBe(true);
    expect(s.courseEndsAt).toBe(at(30 + 28 * 24).toISOString());
    expect(s.courseComplete).toBe(false);
    const done = pepState(
      { exposedAt: EXPOSED, firstDoseAt: at(30).toISOString(), closure: null },
      at(30 + 28 * 24),
    );
    expect(done.courseComplete).toBe(true);
  });

  it('BBV-2: the 72 h limit: a later first dose needs a reason; before the exposure or in the future is refused', () => {
    const facts = { exposedAt: EXPOSED, firstDoseAt: null, closure: null };
    const now = at(100);
    expect(pepStartProblems(facts, { firstDoseAt: at(72).toISOString() }, now)).toEqual([]);
    expect(pepStartProblems(facts, { firstDoseAt: at(73).toISOString() }, now)).toEqual([
      { path: 'lateReason', code: 'pep_after_72h_needs_reason' },
    ]);
    expect(
      pepStartProblems(facts, { firstDoseAt: at(73).toISOString(), lateReason: 'reported late' }, now),
    ).toEqual([]);
    expect(pepStartProblems(facts, { firstDoseAt: at(-1).toISOString() }, now)[0]?.code).toBe(
      'before_exposure',
    );
    expect(pepStartProblems(facts, { firstDoseAt: at(101).toISOString() }, now)[0]?.code).toBe(
      'in_the_future',
    );
    expect(pepExposureProblems({ exposedAt: at(2).toISOString() }, at(1))[0]?.code).toBe('in_the_future');
    expect(pepState({ ...facts, firstDoseAt: at(80).toISOString() }, now).withinLimit).toBe(false);
  });

  it('BBV-2: follow-up tests at baseline, 6 weeks, 3 and 6 months', () => {
    expect(pepFollowUpDueDates('2026-12-05').map((f) => f.dueOn)).toEqual([
      '2026-12-05',
      '2027-01-16',
      '2027-03-05',
      '2027-06-05',
    ]);
  });

  it('BBV-2: PEP within 72 h is the share of exposures started within 72 h, with the median delay', () => {
    const r = pepWithin72h([
      { exposedAt: EXPOSED, firstDoseAt: at(2).toISOString(), closure: null },
      { exposedAt: EXPOSED, firstDoseAt: at(80).toISOString(), closure: null },
      { exposedAt: EXPOSED, firstDoseAt: null, closure: 'declined' },
      { exposedAt: EXPOSED, firstDoseAt: at(10).toISOString(), closure: null },
    ]);
    expect(r).toEqual({ exposures: 4, started: 3, within72h: 2, percent: 50, medianHours: 10 });
  });
});

describe('PHC-11: hepatitis B vaccination due doses', () => {
  it('PHC-11: the standard schedule 0, 1, 6 months from the doses given', () => {
    expect(hepBNextDose('standard', '2026-01-10', [])).toEqual({ doseNumber: 1, dueOn: '2026-01-10' });
    const d1 = { doseNumber: 1, outcome: 'given' as const, on: '2026-01-12' };
    expect(hepBNextDose('standard', '2026-01-10', [d1])).toEqual({ doseNumber: 2, dueOn: '2026-02-12' });
    const d2 = { doseNumber: 2, outcome: 'given' as const, on: '2026-02-12' };
    expect(hepBNextDose('standard', '2026-01-10', [d1, d2])).toEqual({ doseNumber: 3, dueOn: '2026-07-12' });
    // A late second dose pushes the third: never sooner than the schedule's gap after it.
    const late = { doseNumber: 2, outcome: 'given' as const, on: '2026-05-01' };
    expect(hepBNextDose('standard', '2026-01-10', [d1, late])?.dueOn).toBe('2026-10-01');
    const d3 = { doseNumber: 3, outcome: 'given' as const, on: '2026-07-12' };
    expect(hepBNextDose('standard', '2026-01-10', [d1, d2, d3])).toBeNull();
  });

  it('PHC-11: the accelerated schedule 0, 7, 21 days + 12 months', () => {
    const g = (n: number, on: string) => ({ doseNumber: n, outcome: 'given' as const, on });
    expect(hepBNextDose('accelerated', '2026-03-01', [g(1, '2026-03-01')])?.dueOn).toBe('2026-03-08');
    expect(hepBNextDose('accelerated', '2026-03-01', [g(1, '2026-03-01'), g(2, '2026-03-08')])?.dueOn).toBe(
      '2026-03-22',
    );
    expect(
      hepBNextDose('accelerated', '2026-03-01', [g(1, '2026-03-01'), g(2, '2026-03-08'), g(3, '2026-03-22')]),
    ).toEqual({ doseNumber: 4, dueOn: '2027-03-01' });
  });

  it('PHC-11: a refused dose is offered again 28 days later; due and overdue by the day', () => {
    const refused = { doseNumber: 1, outcome: 'refused' as const, on: '2026-01-10' };
    expect(hepBNextDose('standard', '2026-01-10', [refused])?.dueOn).toBe('2026-02-07');
    expect(hepBDoseState('2026-02-07', '2026-02-06')).toBe('upcoming');
    expect(hepBDoseState('2026-02-07', '2026-02-07')).toBe('due');
    expect(hepBDoseState('2026-02-07', '2026-02-15')).toBe('overdue');
  });

  it('PHC-11: a dose dated before the previous one, in the future or without a batch is refused', () => {
    const course = { startOn: '2026-01-10', schedule: 'standard' as const, closed: false };
    const d1 = [{ doseNumber: 1, outcome: 'given' as const, on: '2026-02-01' }];
    expect(
      hepBDoseProblems(course, d1, { on: '2026-01-20', outcome: 'given', batch: 'B1' }, '2026-03-01')[0]
        ?.code,
    ).toBe('before_previous_dose');
    expect(
      hepBDoseProblems(course, d1, { on: '2026-03-02', outcome: 'given', batch: 'B1' }, '2026-03-01')[0]
        ?.code,
    ).toBe('in_the_future');
    expect(hepBDoseProblems(course, d1, { on: '2026-03-01', outcome: 'given' }, '2026-03-01')[0]?.code).toBe(
      'batch_required',
    );
    expect(
      hepBDoseProblems(course, d1, { on: '2026-03-01', outcome: 'given', batch: 'B1' }, '2026-03-01'),
    ).toEqual([]);
  });
});
