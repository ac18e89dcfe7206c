import { describe, expect, it } from 'vitest';
import {
  type CohortEpisode,
  classifyResistance,
  contactsFromStays,
  dsCohort,
  inCohort,
  isolationPlacementProblem,
  ltfuProposal,
  monitoringSchedule,
  needsAirborneIsolation,
  notificationLines,
  notificationTable,
  openEpisodeProblem,
  outcomeCohortOf,
  outcomeProblems,
  outcomeTable,
  programmeAddMonths,
  quarterBounds,
  registrationProblems,
  resistanceFromTests,
  resultDateProblems,
  successRate,
  suppressTable,
  type TestFacts,
  yearlyScreenDueOn,
} from '../index.ts';

/** The injected "today" of the rules (Asia/Baku calendar date). */
const TODAY = '2026-12-06';

describe('programme engine (DOMAIN §0.4)', () => {
  it('refuses two open episodes of the same programme for a person', () => {
    expect(openEpisodeProblem([{ id: 'a', programme: 'tb', outcome: null }], 'tb')?.code).toBe(
      'episode_already_open',
    );
    expect(openEpisodeProblem([{ id: 'a', programme: 'tb', outcome: 'cured' }], 'tb')).toBeNull();
  });
  it('refuses a result dated before its sample, or in the future', () => {
    expect(resultDateProblems('2026-12-01', '2026-11-30', TODAY).map((p) => p.code)).toEqual([
      'result_before_sample',
    ]);
    expect(resultDateProblems('2026-12-01', '2026-12-07', TODAY).map((p) => p.code)).toEqual([
      'in_the_future',
    ]);
    expect(resultDateProblems('2026-12-01', '2026-12-01', TODAY)).toEqual([]);
  });
  it('adds months clamped to the end of the month', () => {
    expect(programmeAddMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(programmeAddMonths('2026-11-15', 2)).toBe('2027-01-15');
  });
});

describe('TB-1: WHO classes (2021 definitions)', () => {
  it('TB-1: classifies RR, MDR, pre-XDR, XDR and Hr from the resistant drugs', () => {
    const c = (...r: ('rifampicin' | 'isoniazid' | 'fluoroquinolone' | 'bedaquiline' | 'linezolid')[]) =>
      classifyResistance(new Set(r), new Set());
    expect(c('rifampicin')).toBe('rr');
    expect(c('rifampicin', 'isoniazid')).toBe('mdr');
    expect(c('rifampicin', 'isoniazid', 'fluoroquinolone')).toBe('pre_xdr');
    expect(c('rifampicin', 'fluoroquinolone', 'linezolid')).toBe('xdr');
    expect(c('isoniazid')).toBe('hr');
    expect(c()).toBe('unknown');
    expect(classifyResistance(new Set(), new Set(['rifampicin']))).toBe('susceptible');
  });
  it('TB-1: reads rifampicin resistance from Xpert and DST results', () => {
    const tests: TestFacts[] = [
      {
        test: 'xpert',
        sampleOn: '2026-11-01',
        resultOn: '2026-11-02',
        result: 'detected',
        rifampicin: 'detected',
      },
      {
        test: 'dst',
        sampleOn: '2026-11-01',
        resultOn: '2026-11-20',
        result: null,
        dst: { isoniazid: 'resistant' },
      },
    ];
    expect(resistanceFromTests(tests)).toBe('mdr');
  });
  it('TB-1: bacteriologically confirmed needs a positive result; MDR needs the result that shows it', () => {
    const reg = {
      category: 'new' as const,
      bacteriology: 'bacteriologically_confirmed' as const,
      site: 'pulmonary' as const,
      resistance: 'mdr' as const,
      diagnosedOn: '2026-12-01',
      registeredOn: '2026-12-02',
    };
    expect(registrationProblems(reg, [], TODAY).map((p) => p.code)).toEqual([
      'no_positive_result',
      'no_resistance_result',
    ]);
    const pos: TestFacts = {
      test: 'xpert',
      sampleOn: '2026-11-30',
      resultOn: '2026-12-01',
      result: 'detected',
      rifampicin: 'detected',
    };
    expect(registrationProblems(reg, [pos], TODAY)).toEqual([]);
  });
});

describe('monitoring schedule (WHO; injected clock)', () => {
  it('susceptible TB: sputum smear at the end of months 2, 5 and 6, due and overdue by date', () => {
    const s = monitoringSchedule(
      { startOn: '2026-06-01', months: 6, resistance: 'susceptible' },
      [{ test: 'smear', sampleOn: '2026-08-03' }],
      TODAY,
    );
    expect(s.map((i) => [i.month, i.dueOn, i.state])).toEqual([
      [2, '2026-08-01', 'done'],
      [5, '2026-11-01', 'overdue'],
      [6, '2026-12-01', 'due'],
    ]);
  });
  it('MDR-TB: a culture every month of treatment', () => {
    const s = monitoringSchedule({ startOn: '2026-11-10', months: 6, resistance: 'mdr' }, [], TODAY);
    expect(s).toHaveLength(6);
    expect(s[0]).toMatchObject({ month: 1, test: 'culture', dueOn: '2026-12-10', state: 'due' });
    expect(s[1]?.state).toBe('upcoming');
  });
});

describe('TB-2: interruption → lost to follow-up proposal (injected clock)', () => {
  it('TB-2: proposed after 2 consecutive months without a supervised dose, not before', () => {
    expect(ltfuProposal({ startOn: '2026-06-01', outcome: null }, '2026-10-06', TODAY)).toEqual({
      interruptedSince: '2026-10-06',
    });
    expect(ltfuProposal({ startOn: '2026-06-01', outcome: null }, '2026-10-07', TODAY)).toBeNull();
    expect(ltfuProposal({ startOn: '2026-10-01', outcome: null }, null, TODAY)).toEqual({
      interruptedSince: '2026-10-01',
    });
    expect(ltfuProposal({ startOn: '2026-06-01', outcome: 'cured' }, null, TODAY)).toBeNull();
  });
});

describe('PHC-8: WHO outcome checks', () => {
  const registration = {
    bacteriology: 'bacteriologically_confirmed' as const,
    site: 'pulmonary' as const,
    registeredOn: '2026-05-20',
  };
  const neg = (sampleOn: string): TestFacts => ({
    test: 'smear',
    sampleOn,
    resultOn: sampleOn,
    result: 'negative',
  });
  it('PHC-8: cured needs the negative results at the end and earlier', () => {
    const e = { registration, treatmentStartOn: '2026-06-01' };
    expect(
      outcomeProblems({ outcome: 'cured', outcomeOn: '2026-12-01' }, e, [], TODAY).map((p) => p.code),
    ).toEqual(['cured_needs_negative_results']);
    expect(
      outcomeProblems(
        { outcome: 'cured', outcomeOn: '2026-12-01' },
        e,
        [neg('2026-08-01'), neg('2026-11-25')],
        TODAY,
      ),
    ).toEqual([]);
  });
  it('PHC-8: cured needs bacteriological confirmation; failed needs its reason; completed needs a treatment', () => {
    const clinical = {
      registration: { ...registration, bacteriology: 'clinically_diagnosed' as const },
      treatmentStartOn: '2026-06-01',
    };
    expect(
      outcomeProblems(
        { outcome: 'cured', outcomeOn: '2026-12-01' },
        clinical,
        [neg('2026-08-01'), neg('2026-11-25')],
        TODAY,
      ).map((p) => p.code),
    ).toEqual(['cured_needs_confirmation']);
    expect(
      outcomeProblems({ outcome: 'treatment_failed', outcomeOn: '2026-12-01' }, clinical, [], TODAY).map(
        (p) => p.code,
      ),
    ).toEqual(['failure_reason_required']);
    expect(
      outcomeProblems(
        { outcome: 'treatment_completed', outcomeOn: '2026-12-01' },
        { registration, treatmentStartOn: null },
        [],
        TODAY,
      ).map((p) => p.code),
    ).toEqual(['no_treatment']);
  });
});

describe('TB-3: cohorts by quarter of registration, notifications by date of diagnosis', () => {
  const e = (over: Partial<CohortEpisode>): CohortEpisode => ({
    category: 'new',
    bacteriology: 'bacteriologically_confirmed',
    site: 'pulmonary',
    resistance: 'susceptible',
    diagnosedOn: '2025-10-20',
    registeredOn: '2025-10-22',
    treatmentStartOn: '2025-10-22',
    outcome: 'cured',
    ...over,
  });
  it('TB-3: the outcome cohort of 2026-Q4 is the one registered in 2025-Q4', () => {
    expect(outcomeCohortOf('2026-Q4')).toBe('2025-Q4');
    expect(quarterBounds('2025-Q4')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(inCohort('2025-12-31', '2025-Q4')).toBe(true);
    expect(inCohort('2026-01-01', '2025-Q4')).toBe(false);
  });
  it('TB-3: counts notifications by date of diagnosis into the WHO cells', () => {
    const t = notificationTable(
      [
        e({}),
        e({ diagnosedOn: '2025-09-30', registeredOn: '2025-10-02' }),
        e({ site: 'extrapulmonary', category: 'after_ltfu' }),
      ],
      '2025-Q4',
    );
    expect(t['pulmonary_bc.new']).toBe(1);
    expect(t['extrapulmonary.previously_treated']).toBe(1);
    expect(t['total.total']).toBe(2);
  });
  it('TB-3: outcome table and success rate; the DS cohort leaves out RR/MDR', () => {
    const all = [e({}), e({ outcome: 'died' }), e({ resistance: 'mdr' }), e({ registeredOn: '2026-01-02' })];
    const cohort = dsCohort(all, '2025-Q4');
    expect(cohort).toHaveLength(2);
    expect(outcomeTable(cohort)['total.cohort']).toBe(2);
    expect(successRate(cohort)).toBe(50);
  });
  it('DAT-6: small counts and those they could be worked out from are suppressed', () => {
    const t = notificationTable([e({}), e({})], '2025-Q4');
    const s = suppressTable(t, notificationLines(), 5);
    expect(s.cells['pulmonary_bc.new']).toBeNull();
    expect(s.cells['total.total']).toBeNull();
    expect(s.cells['extrapulmonary.new']).toBe(0);
  });
});

describe('PHC-9, TB-5, ADM-6', () => {
  it('PHC-9: yearly screening due a year after the last one, at admission when never screened', () => {
    expect(yearlyScreenDueOn('2025-12-06', '2025-01-01')).toBe('2026-12-06');
    expect(yearlyScreenDueOn(null, '2026-03-01')).toBe('2026-03-01');
  });
  it('TB-5: contacts from the placement history: shared cell outranks shared unit, overlap clipped to the window', () => {
    const window = { from: '2026-09-06T00:00:00.000Z', to: '2026-12-06T00:00:00.000Z' };
    const index = [{ personId: 'I', cellId: 'c1', unitId: 'u1', from: '2026-08-01T00:00:00.000Z', to: null }];
    const others = [
      {
        personId: 'A',
        cellId: 'c1',
        unitId: 'u1',
        from: '2026-10-01T00:00:00.000Z',
        to: '2026-11-01T00:00:00.000Z',
      },
      { personId: 'A', cellId: 'c2', unitId: 'u1', from: '2026-11-01T00:00:00.000Z', to: null },
      { personId: 'B', cellId: 'c3', unitId: 'u1', from: '2026-05-01T00:00:00.000Z', to: null },
      {
        personId: 'C',
        cellId: 'c1',
        unitId: 'u1',
        from: '2026-01-01T00:00:00.000Z',
        to: '2026-09-01T00:00:00.000Z',
      },
      { personId: 'D', cellId: 'c9', unitId: 'u9', from: '2026-10-01T00:00:00.000Z', to: null },
    ];
    const contacts = contactsFromStays('I', index, others, window);
    expect(contacts.map((c) => [c.personId, c.setting])).toEqual([
      ['A', 'cell'],
      ['B', 'unit'],
    ]);
    expect(contacts[0]?.overlapTo).toBe(window.to);
    expect(contacts[1]?.overlapFrom).toBe(window.from);
  });
  it('ADM-6: airborne isolation while presumed or pulmonary; a shared ordinary cell needs a reason', () => {
    expect(
      needsAirborneIsolation({ registered: false, site: null, closed: false, isolationEndedOn: null }),
    ).toBe(true);
    expect(
      needsAirborneIsolation({
        registered: true,
        site: 'extrapulmonary',
        closed: false,
        isolationEndedOn: null,
      }),
    ).toBe(false);
    expect(isolationPlacementProblem({ cellType: 'standard', certifiedCapacity: 4 }, 0, null)?.code).toBe(
      'airborne_isolation_shared_cell',
    );
    expect(
      isolationPlacementProblem(
        { cellType: 'standard', certifiedCapacity: 4 },
        0,
        'Only free bed, doctor agreed',
      ),
    ).toBeNull();
    expect(
      isolationPlacementProblem({ cellType: 'infectious_isolation', certifiedCapacity: 1 }, 0, null),
    ).toBeNull();
    expect(isolationPlacementProblem({ cellType: 'standard', certifiedCapacity: 1 }, 0, null)).toBeNull();
  });
});
