import { describe, expect, it } from 'vitest';
import {
  apri,
  type BbvTestFact,
  bbvDueStatus,
  bbvEpisodeFor,
  bbvOfferDueOn,
  bbvOfferProblems,
  bbvReofferOn,
  bbvResultProblems,
  cascadeLines,
  daaEndOn,
  fib4,
  fibrosisAssessment,
  fibrosisClass,
  hcvCureProblems,
  hivSchedule,
  releaseLinkage,
  svr12DueOn,
} from './bbv.ts';
import { bbvThresholds } from './bbv-thresholds.ts';

const vl = (sampleOn: string, value: number): BbvTestFact => ({
  test: 'hiv_vl',
  sampleOn,
  resultOn: sampleOn,
  result: null,
  value,
});

describe('BBV-1: offers at entry and after a refusal', () => {
  it('BBV-1: the entry offer is due 7 days after admission and the re-offer 180 days after a refusal (thresholds)', () => {
    expect(bbvThresholds['BBV-1.offer_days'].defaultValue).toBe(7);
    expect(bbvThresholds['BBV-1.reoffer_days'].defaultValue).toBe(180);
    expect(bbvOfferDueOn('2026-12-04', 7)).toBe('2026-12-11');
    expect(bbvReofferOn('2026-12-05', 180)).toBe('2027-06-03');
    expect(bbvReofferOn('2026-12-05', 30)).toBe('2027-01-04');
  });

  it('BBV-1: due status by the injected day', () => {
    expect(bbvDueStatus('2026-12-11', '2026-12-06', 0)).toBe('upcoming');
    expect(bbvDueStatus('2026-12-11', '2026-12-11', 0)).toBe('due');
    expect(bbvDueStatus('2026-12-11', '2026-12-12', 0)).toBe('overdue');
  });

  it('BBV-1: accepted needs pre-test counselling and a test; a refusal needs neither', () => {
    const today = '2026-12-06';
    expect(
      bbvOfferProblems(
        { decision: 'accepted', offeredOn: today, tests: [], preTestCounselling: false },
        today,
      ).map((p) => p.code),
    ).toEqual(['pre_test_counselling_required', 'no_test_chosen']);
    expect(
      bbvOfferProblems(
        { decision: 'refused', offeredOn: today, tests: [], preTestCounselling: false },
        today,
      ),
    ).toEqual([]);
    expect(
      bbvOfferProblems(
        { decision: 'refused', offeredOn: '2026-12-07', tests: [], preTestCounselling: false },
        today,
      ),
    ).toEqual([{ path: 'offeredOn', code: 'in_the_future' }]);
  });
});

describe('results', () => {
  it('a result before its sample, a value out of range, a wrong answer are refused', () => {
    const today = '2026-12-06';
    expect(
      bbvResultProblems('hiv', { resultOn: '2026-12-01', result: 'reactive' }, '2026-12-02', today),
    ).toEqual([{ path: 'resultOn', code: 'result_before_sample' }]);
    expect(bbvResultProblems('cd4', { resultOn: today, value: 99_999 }, today, today)).toEqual([
      { path: 'value', code: 'value_out_of_range' },
    ]);
    expect(bbvResultProblems('platelets', { resultOn: today }, today, today)).toEqual([
      { path: 'value', code: 'value_required' },
    ]);
    expect(bbvResultProblems('hcv_rna', { resultOn: today, result: 'reactive' }, today, today)).toEqual([
      { path: 'result', code: 'result_does_not_fit_test' },
    ]);
  });

  it('the episode opens on reactive HIV, reactive HBsAg or detected HCV RNA (not on the antibody alone)', () => {
    expect(bbvEpisodeFor('hiv', 'reactive')).toBe('hiv');
    expect(bbvEpisodeFor('hbsag', 'reactive')).toBe('hbv');
    expect(bbvEpisodeFor('hcv_ab', 'reactive')).toBeNull();
    expect(bbvEpisodeFor('hcv_rna', 'detected')).toBe('hcv');
    expect(bbvEpisodeFor('hcv_rna', 'not_detected')).toBeNull();
  });
});

describe('HIV schedule (WHO 2021: VL at 6 and 12 months, then yearly; CD4 at baseline)', () => {
  const day = '2026-12-06';
  it('CD4 is due at diagnosis until a baseline count exists', () => {
    expect(hivSchedule({ diagnosedOn: '2026-12-01', artStartOn: null }, [], day)).toEqual([
      { test: 'cd4', dueOn: '2026-12-01', status: 'due' },
    ]);
  });
  it('viral load 6 months after ART start, then at 12 months, then yearly; 3 months after an unsuppressed one', () => {
    const cd4: BbvTestFact = {
      test: 'cd4',
      sampleOn: '2026-01-10',
      resultOn: '2026-01-10',
      result: null,
      value: 400,
    };
    const ep = { diagnosedOn: '2026-01-10', artStartOn: '2026-01-15' };
    expect(hivSchedule(ep, [cd4], day)).toEqual([{ test: 'hiv_vl', dueOn: '2026-07-15', status: 'overdue' }]);
    expect(hivSchedule(ep, [cd4, vl('2026-07-14', 40)], day)).toEqual([
      { test: 'hiv_vl', dueOn: '2027-01-15', status: 'upcoming' },
    ]);
    expect(hivSchedule(ep, [cd4, vl('2026-07-14', 40), vl('2027-01-15', 20)], '2027-02-01')).toEqual([
      { test: 'hiv_vl', dueOn: '2028-01-15', status: 'upcoming' },
    ]);
    expect(hivSchedule(ep, [cd4, vl('2026-07-14', 5000)], day)).toEqual([
      { test: 'hiv_vl', dueOn: '2026-10-14', status: 'overdue' },
    ]);
  });
});

describe('BBV-3: hepatitis C fibrosis, SVR12 and release linkage', () => {
  it('APRI (Wai 2003): AST 60 U/L, ULN 40, platelets 150 → 1.0; AST 120, ULN 40, platelets 100 → 3.0', () => {
    expect(apri({ ast: 60, astUpperLimit: 40, platelets: 150 })).toBe(1);
    expect(apri({ ast: 120, astUpperLimit: 40, platelets: 100 })).toBe(3);
  });
  it('FIB-4 (Sterling 2006): age 50, AST 40, ALT 25, platelets 200 → 2.0; age 60, AST 90, ALT 36, platelets 100 → 9.0', () => {
    expect(fib4({ ageYears: 50, ast: 40, alt: 25, platelets: 200 })).toBe(2);
    expect(fib4({ ageYears: 60, ast: 90, alt: 36, platelets: 100 })).toBe(9);
  });
  it('WHO cut-offs: APRI > 2 cirrhosis; FIB-4 > 3.25 advanced; FIB-4 < 1.45 and APRI < 1 none; elastography > 12.5 kPa cirrhosis', () => {
    expect(fibrosisClass({ apri: 2.1, fib4: 1, kPa: null })).toBe('cirrhosis');
    expect(fibrosisClass({ apri: 0.8, fib4: 3.5, kPa: null })).toBe('advanced');
    expect(fibrosisClass({ apri: 0.4, fib4: 1.2, kPa: null })).toBe('no_advanced');
    expect(fibrosisClass({ apri: 0.8, fib4: 2, kPa: null })).toBe('indeterminate');
    expect(fibrosisClass({ apri: null, fib4: null, kPa: 14 })).toBe('cirrhosis');
    expect(fibrosisClass({ apri: null, fib4: null, kPa: null })).toBeNull();
  });
  it('the assessment takes the latest AST, ALT and platelets and the age on the day', () => {
    const lab = (test: 'ast' | 'alt' | 'platelets', value: number): BbvTestFact => ({
      test,
      sampleOn: '2026-12-01',
      resultOn: '2026-12-02',
      result: null,
      value,
    });
    expect(fibrosisAssessment([lab('ast', 40), lab('alt', 25), lab('platelets', 200)], '1976-05-10')).toEqual(
      {
        apri: 0.5,
        fib4: 2,
        kPa: null,
        class: 'indeterminate',
        on: '2026-12-01',
      },
    );
  });
  it('BBV-3: a 12-week course ends 84 days after the start; SVR12 is due 12 weeks later; cured needs it', () => {
    expect(daaEndOn('2026-12-06', 12)).toBe('2027-02-28');
    expect(svr12DueOn('2027-02-28')).toBe('2027-05-23');
    const rna = (sampleOn: string, result: string): BbvTestFact => ({
      test: 'hcv_rna',
      sampleOn,
      resultOn: sampleOn,
      result,
      value: null,
    });
    expect(hcvCureProblems('2027-02-28', [rna('2027-05-01', 'not_detected')])).toEqual([
      { path: 'outcome', code: 'cure_without_svr12' },
    ]);
    expect(hcvCureProblems('2027-02-28', [rna('2027-05-23', 'not_detected')])).toEqual([]);
    expect(hcvCureProblems(null, [])).toEqual([{ path: 'outcome', code: 'cure_without_treatment' }]);
  });
  it('BBV-3: a release before the end of the course or before SVR12 needs a release linkage', () => {
    expect(releaseLinkage('2027-01-10', '2027-02-28')).toBe('treatment');
    expect(releaseLinkage('2027-04-01', '2027-02-28')).toBe('svr12');
    expect(releaseLinkage('2027-06-01', '2027-02-28')).toBeNull();
    expect(releaseLinkage(null, '2027-02-28')).toBeNull();
  });
  it('DAT-6: each cascade step is a part of the one before, the difference hidden', () => {
    expect(cascadeLines('hiv', ['tested', 'positive'])).toEqual([
      { total: 'hiv.tested', parts: ['hiv.positive', 'hiv.tested_not_positive'] },
    ]);
  });
});
