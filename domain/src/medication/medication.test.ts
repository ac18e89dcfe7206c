import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/index.ts';
import {
  type AdministrationInput,
  administrationProblems,
  allergyMatches,
  deliveryProblems,
  doseState,
  dueDosesOn,
  duplicateProblem,
  frequencyPerDay,
  missedInARow,
  nearestRound,
  prescriptionEnd,
  prescriptionExpired,
  prnProblem,
  type RecordingPrescription,
  roundOf,
  roundWindow,
  timesOfDay,
} from './rules.ts';
import { administrationInputSchema, prescriptionInputSchema } from './schemas.ts';
import { notGivenCause } from './vocabulary.ts';

const ZONE = 'Asia/Baku';
// 08:00 in Baku is 04:00 UTC.
const clock = fixedClock('2026-12-01T04:30:00.000Z');

const active: RecordingPrescription = {
  frequency: 'twice_daily',
  status: 'active',
  statusSince: '2026-11-20T06:00:00.000Z',
  startAt: '2026-11-20T06:00:00.000Z',
  endAt: '2027-02-18T06:00:00.000Z',
  prn: false,
  delivery: 'supervised',
};

describe('due doses (MDX-2)', () => {
  it('MDX-2: fixed times give one due dose per time of day, in the institution zone', () => {
    expect(dueDosesOn(active, '2026-12-01', ZONE)).toEqual([
      '2026-12-01T04:00:00.000Z',
      '2026-12-01T14:00:00.000Z',
    ]);
  });

  it('MDX-2: every N hours counts from the first time and wraps the day', () => {
    expect(timesOfDay({ frequency: 'every_n_hours', everyHours: 8, firstTime: '06:00' })).toEqual([
      '06:00',
      '14:00',
      '22:00',
    ]);
    expect(frequencyPerDay({ frequency: 'every_n_hours', everyHours: 6, firstTime: '00:00' })).toBe(4);
  });

  it('MDX-2: PRN has no due doses; its frequency per day is its daily maximum', () => {
    expect(dueDosesOn({ ...active, frequency: 'prn' }, '2026-12-01', ZONE)).toEqual([]);
    expect(frequencyPerDay({ frequency: 'prn' }, 3)).toBe(3);
  });

  it('MDX-2: no dose before the start, after the end, or after a pause or stop', () => {
    expect(dueDosesOn({ ...active, startAt: '2026-12-01T10:00:00.000Z' }, '2026-12-01', ZONE)).toEqual([
      '2026-12-01T14:00:00.000Z',
    ]);
    expect(dueDosesOn({ ...active, endAt: '2026-12-01T10:00:00.000Z' }, '2026-12-01', ZONE)).toEqual([
      '2026-12-01T04:00:00.000Z',
    ]);
    expect(
      dueDosesOn(
        { ...active, status: 'stopped', statusSince: '2026-12-01T10:00:00.000Z' },
        '2026-12-01',
        ZONE,
      ),
    ).toEqual(['2026-12-01T04:00:00.000Z']);
  });

  it('MDX-2: due, late after 60 min, missed after 6 h, derived from now; a record ends it', () => {
    const due = '2026-12-01T04:00:00.000Z';
    expect(doseState(due, false, new Date('2026-12-01T03:59:00.000Z'))).toBe('upcoming');
    expect(doseState(due, false, clock.now())).toBe('due');
    expect(doseState(due, false, new Date('2026-12-01T05:00:00.000Z'))).toBe('late');
    expect(doseState(due, false, new Date('2026-12-01T10:00:00.000Z'))).toBe('missed');
    expect(doseState(due, true, new Date('2026-12-01T10:00:00.000Z'))).toBe('recorded');
  });

  it('the round nearest an instant: at 02:00 in Baku, the night round of the day before', () => {
    // 02:00 in Baku on 7 December is 22:00 UTC on 6 December.
    expect(nearestRound(new Date('2026-12-06T22:00:00.000Z'), ZONE)).toEqual({
      date: '2026-12-06',
      round: 'night',
    });
    // 07:00 in Baku: the morning round of the same day.
    expect(nearestRound(new Date('2026-12-07T03:00:00.000Z'), ZONE)).toEqual({
      date: '2026-12-07',
      round: 'morning',
    });
    expect(nearestRound(new Date('2026-12-07T09:00:00.000Z'), ZONE)).toEqual({
      date: '2026-12-07',
      round: 'noon',
    });
  });

  it("MDX-2: every instant whose nearest round is a round lies in that round's window", () => {
    const times = { morning: '07:30', noon: '12:00', evening: '18:00', night: '21:45' };
    const start = Date.parse('2026-03-26T00:00:00.000Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 * 24 * 60 }), fc.boolean(), (minutes, custom) => {
        const at = new Date(start + minutes * 60_000);
        const rt = custom ? times : undefined;
        const n = nearestRound(at, ZONE, rt);
        const w = roundWindow(n.date, n.round, ZONE, rt);
        expect(w).not.toBeNull();
        expect(at.toISOString() >= (w?.from ?? '') && at.toISOString() < (w?.to ?? '')).toBe(true);
      }),
    );
    // The morning round of 7 December in Baku (08:00) runs from the midpoint with the night round
    // before (22:00 on the 6th) to the midpoint with noon (13:00), a minute wider on each side.
    expect(roundWindow('2026-12-07', 'morning', ZONE)).toEqual({
      from: '2026-12-06T22:59:00.000Z',
      to: '2026-12-07T06:31:00.000Z',
    });
  });

  it('a time belongs to the nearest round', () => {
    expect(roundOf('06:00')).toBe('morning');
    expect(roundOf('14:00')).toBe('noon');
    expect(roundOf('20:00')).toBe('evening');
    expect(roundOf('22:00')).toBe('night');
  });
});

describe('recording a dose (MDX-2, bad input)', () => {
  const ctx = { now: clock.now(), timeZone: ZONE, alreadyRecorded: false };
  const given: AdministrationInput = {
    dueAt: '2026-12-01T04:00:00.000Z',
    outcome: 'given',
    mouthCheck: true,
    givenAt: clock.now().toISOString(),
  };
  const codes = (p: RecordingPrescription, input = given, c = ctx) =>
    administrationProblems(p, input, c).map((x) => x.code);

  it('MDX-2: a supervised dose at its due time with a mouth check is accepted', () => {
    expect(codes(active)).toEqual([]);
  });
  it('MDX-2: twice for the same due time is refused', () => {
    expect(codes(active, given, { ...ctx, alreadyRecorded: true })).toContain('already_recorded');
  });
  it('MDX-2: a time that is not a due time, or one not yet due, is refused', () => {
    expect(codes(active, { ...given, dueAt: '2026-12-01T05:00:00.000Z' })).toContain('not_a_due_time');
    expect(codes(active, { ...given, dueAt: '2026-12-01T14:00:00.000Z' })).toContain('not_yet_due');
  });
  it('MDX-2: a stopped, paused, future or expired prescription takes no dose', () => {
    expect(codes({ ...active, status: 'stopped', statusSince: '2026-11-30T00:00:00.000Z' })).toContain(
      'prescription_stopped',
    );
    expect(codes({ ...active, status: 'paused', statusSince: '2026-11-30T00:00:00.000Z' })).toContain(
      'prescription_paused',
    );
    expect(codes({ ...active, startAt: '2026-12-02T00:00:00.000Z' })).toContain('before_start');
    expect(codes({ ...active, endAt: '2026-12-01T00:00:00.000Z' })).toContain('prescription_expired');
  });
  it('MDX-2: not given needs a coded reason; a refusal needs a note', () => {
    expect(codes(active, { ...given, outcome: 'not_given', mouthCheck: false })).toContain('reason_required');
    expect(codes(active, { ...given, outcome: 'not_given', reason: 'refused', mouthCheck: false })).toContain(
      'note_required',
    );
    expect(
      codes(active, {
        ...given,
        outcome: 'not_given',
        reason: 'refused',
        note: 'Counselled on TB treatment',
      }),
    ).toEqual([]);
  });
  it('issue 15 item 5: a supervised dose given needs the mouth check', () => {
    expect(codes(active, { ...given, mouthCheck: false })).toContain('mouth_check_required');
    expect(codes({ ...active, delivery: 'in_possession' }, { ...given, mouthCheck: false })).toEqual([]);
  });
  it('a dose given in the future is refused', () => {
    expect(codes(active, { ...given, givenAt: '2026-12-01T06:00:00.000Z' })).toContain('in_the_future');
  });
  it('a negative or non-numeric dose is refused by the schema', () => {
    expect(administrationInputSchema.safeParse({ outcome: 'given_partial', doseGiven: -1 }).success).toBe(
      false,
    );
    expect(administrationInputSchema.safeParse({ outcome: 'given_partial', doseGiven: 'two' }).success).toBe(
      false,
    );
  });
});

describe('PRN limits', () => {
  const limits = { minIntervalHours: 4, maxPerDay: 3 };
  it('PRN: a dose inside the minimum interval is refused', () => {
    expect(prnProblem(['2026-12-01T02:00:00.000Z'], '2026-12-01T04:30:00.000Z', limits)?.code).toBe(
      'prn_min_interval',
    );
    expect(prnProblem(['2026-12-01T00:00:00.000Z'], '2026-12-01T04:30:00.000Z', limits)).toBeNull();
  });
  it('PRN: more than the maximum in 24 hours is refused', () => {
    const given = ['2026-11-30T08:00:00.000Z', '2026-11-30T14:00:00.000Z', '2026-11-30T20:00:00.000Z'];
    expect(prnProblem(given, '2026-12-01T04:30:00.000Z', limits)?.code).toBe('prn_max_per_day');
    expect(prnProblem(given, '2026-12-01T08:30:00.000Z', limits)).toBeNull();
  });
});

describe('prescribing', () => {
  it('MDX-4: the same drug and route overlapping an active order is refused unless it replaces it', () => {
    const existing = [
      { id: 'p1', drugId: 'd1', route: 'oral', status: 'active' as const, endAt: '2027-01-01T00:00:00.000Z' },
    ];
    const order = { drugId: 'd1', route: 'oral', startAt: '2026-12-01T00:00:00.000Z' };
    expect(duplicateProblem(order, existing)?.code).toBe('duplicate_active');
    expect(duplicateProblem({ ...order, replacesId: 'p1' }, existing)).toBeNull();
    expect(duplicateProblem({ ...order, route: 'im' }, existing)).toBeNull();
    expect(duplicateProblem(order, [{ ...existing[0]!, status: 'stopped' }])).toBeNull();
    expect(duplicateProblem(order, [{ ...existing[0]!, endAt: '2026-11-01T00:00:00.000Z' }])).toBeNull();
  });

  it('MDX-5: programme and high-risk drugs are supervised only; in-possession needs a risk assessment and a review date not in the past', () => {
    const plain = { highRisk: false, programme: null, supervisedOnly: false };
    expect(deliveryProblems({ ...plain, programme: 'tb' }, { delivery: 'in_possession' })[0]?.code).toBe(
      'supervised_only',
    );
    expect(deliveryProblems({ ...plain, highRisk: true }, { delivery: 'in_possession' })[0]?.code).toBe(
      'supervised_only',
    );
    expect(deliveryProblems(plain, { delivery: 'in_possession' }).map((p) => p.code)).toEqual([
      'risk_assessment_required',
      'review_date_required',
    ]);
    expect(
      deliveryProblems(plain, {
        delivery: 'in_possession',
        riskAssessment: 'Stable, no self-harm',
        reviewDate: '2027-01-01',
      }),
    ).toEqual([]);
    expect(
      deliveryProblems(
        plain,
        { delivery: 'in_possession', riskAssessment: 'Stable', reviewDate: '2026-11-27' },
        '2026-11-28',
      ),
    ).toEqual([{ path: 'reviewDate', code: 'review_date_past' }]);
    expect(deliveryProblems({ ...plain, programme: 'ost' }, { delivery: 'supervised' })).toEqual([]);
  });

  it('expiry: a prescription lapses after 90 days unless it ends earlier', () => {
    expect(prescriptionEnd('2026-12-01T00:00:00.000Z', null)).toBe('2027-03-01T00:00:00.000Z');
    expect(prescriptionEnd('2026-12-01T00:00:00.000Z', '2026-12-10T00:00:00.000Z')).toBe(
      '2026-12-10T00:00:00.000Z',
    );
    expect(prescriptionEnd('2026-12-01T00:00:00.000Z', '2027-12-10T00:00:00.000Z')).toBe(
      '2027-03-01T00:00:00.000Z',
    );
    clock.set('2027-03-01T00:00:00.000Z');
    expect(prescriptionExpired('2027-03-01T00:00:00.000Z', clock.now())).toBe(true);
    clock.set('2027-02-28T23:59:00.000Z');
    expect(prescriptionExpired('2027-03-01T00:00:00.000Z', clock.now())).toBe(false);
  });

  it('MDX-1: a PRN order needs its condition, minimum interval and daily maximum; every N hours its interval', () => {
    const base = {
      drugId: 'd1',
      dose: 500,
      doseUnit: 'mg',
      route: 'oral',
      delivery: 'supervised',
      startAt: '2026-12-01T00:00:00.000Z',
      indication: 'Pain',
    };
    const prn = prescriptionInputSchema.safeParse({ ...base, frequency: 'prn' });
    expect(prn.success).toBe(false);
    expect(prn.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'prnCondition',
      'prnMaxPerDay',
      'prnMinIntervalHours',
    ]);
    expect(prescriptionInputSchema.safeParse({ ...base, frequency: 'every_n_hours' }).success).toBe(false);
    expect(prescriptionInputSchema.safeParse({ ...base, frequency: 'twice_daily', dose: -5 }).success).toBe(
      false,
    );
    expect(prescriptionInputSchema.safeParse({ ...base, frequency: 'twice_daily' }).success).toBe(true);
  });

  it('allergy check: a recorded substance matching the drug in any script is found', () => {
    expect(allergyMatches(['Amoxicillin', 'Амоксициллин'], ['amoxicillin', 'peanuts'])).toEqual([
      'amoxicillin',
    ]);
    expect(
      allergyMatches(['Co-trimoxazole', 'Sulfamethoxazole + trimethoprim'], ['Sulfamethoxazole']),
    ).toEqual(['Sulfamethoxazole']);
    expect(allergyMatches(['Paracetamol'], ['Penicillin'])).toEqual([]);
  });

  it('MDX-3: regime lockdown is a custodial cause, stock a pharmacy one', () => {
    expect(notGivenCause.regime_lockdown).toBe('custodial');
    expect(notGivenCause.not_available_stock).toBe('stock');
    expect(notGivenCause.refused).toBe('person');
  });
});

describe('supervised programme doses missed in a row (issue 15 item 5)', () => {
  const now = new Date('2026-12-03T12:00:00.000Z');
  const day = (d: number) => `2026-12-0${d}T04:00:00.000Z`;
  it('counts not-given and unrecorded-past-the-window doses back to the last one given', () => {
    expect(
      missedInARow(
        [
          { dueAt: day(1), outcome: 'given' },
          { dueAt: day(2), outcome: 'not_given' },
          { dueAt: day(3), outcome: null },
        ],
        now,
      ),
    ).toBe(2);
    expect(
      missedInARow(
        [
          { dueAt: day(2), outcome: 'given_partial' },
          { dueAt: day(3), outcome: 'not_given' },
        ],
        now,
      ),
    ).toBe(1);
  });
  it('leaves out a dose that may still be given (late, not yet missed)', () => {
    const late = new Date('2026-12-03T06:00:00.000Z');
    expect(
      missedInARow(
        [
          { dueAt: day(2), outcome: 'not_given' },
          { dueAt: day(3), outcome: null },
        ],
        late,
      ),
    ).toBe(1);
  });
});
