import { describe, expect, it } from 'vitest';
import {
  dayDeadlineState,
  type InjuryRecordInput,
  injuryIndicators,
  injuryRecordProblems,
  reportDueAt,
  reportRequired,
  reportState,
  reprisalReviewDueDay,
  secondReviewDueDay,
  suppress,
  trainedOn,
} from './index.ts';

const BAKU = 'Asia/Baku';
const now = new Date('2026-12-06T09:00:00.000Z'); // 13:00 in Baku

const record = (over: Partial<InjuryRecordInput> = {}): InjuryRecordInput => ({
  context: 'admission',
  sourceId: null,
  examinedAt: '2026-12-06T08:00:00.000Z',
  personsPresent: 'Doctor only',
  interpreter: null,
  outOfHearingAndSight: true,
  presenceReason: null,
  account: { text: 'Fell down the stairs', allegation: false },
  noInjuriesSeen: false,
  lesions: [
    { view: 'front', region: 'head', x: 0.5, y: 0.1, type: 'bruise', lengthCm: 3, estimatedAge: 'days_1_3' },
  ],
  conclusion: 'consistent',
  suggestsIllTreatment: false,
  cause: 'pre_admission',
  ...over,
});

describe('injury records (INJ-1, INJ-2, MED-4)', () => {
  it('INJ-1, INJ-2: a full record has no problems', () => {
    expect(injuryRecordProblems(record(), now)).toEqual([]);
  });
  it('MED-4: custodial staff within hearing or sight need a reason', () => {
    expect(injuryRecordProblems(record({ outOfHearingAndSight: false }), now)).toEqual([
      { path: 'presenceReason', code: 'presence_reason_required' },
    ]);
  });
  it('INJ-1: an allegation says how; findings or "none seen", not both, not neither', () => {
    const p = injuryRecordProblems(
      record({ account: { text: 'Beaten', allegation: true }, lesions: [], noInjuriesSeen: false }),
      now,
    ).map((x) => x.code);
    expect(p).toEqual(['allegation_how_required', 'injuries_or_none_seen']);
    expect(injuryRecordProblems(record({ noInjuriesSeen: true }), now)[0]?.code).toBe(
      'no_injuries_but_injuries_listed',
    );
  });
  it('an examination in the future is refused; force and allegation contexts name their source', () => {
    const codes = injuryRecordProblems(
      record({ examinedAt: '2026-12-06T10:00:00.000Z', context: 'after_use_of_force' }),
      now,
    ).map((x) => x.code);
    expect(codes).toEqual(['in_the_future', 'source_required']);
  });
});

describe('reporting (INJ-4)', () => {
  it('INJ-4: consistent or stronger with an allegation, or suggestive without one, requires a report', () => {
    expect(reportRequired({ allegation: true, conclusion: 'consistent', suggestsIllTreatment: false })).toBe(
      true,
    );
    expect(reportRequired({ allegation: true, conclusion: 'diagnostic', suggestsIllTreatment: false })).toBe(
      true,
    );
    expect(
      reportRequired({ allegation: true, conclusion: 'not_consistent', suggestsIllTreatment: false }),
    ).toBe(false);
    expect(reportRequired({ allegation: false, conclusion: 'consistent', suggestsIllTreatment: false })).toBe(
      false,
    );
    expect(
      reportRequired({ allegation: false, conclusion: 'not_consistent', suggestsIllTreatment: true }),
    ).toBe(true);
  });
  it('INJ-4: the report falls due 24 h after signing and is overdue after', () => {
    const signedAt = '2026-12-05T10:00:00.000Z';
    expect(reportDueAt(signedAt)).toBe('2026-12-06T10:00:00.000Z');
    expect(reportState({ required: true, signedAt, sentAt: null }, now)).toBe('due');
    expect(reportState({ required: true, signedAt, sentAt: null }, new Date('2026-12-06T10:00:01Z'))).toBe(
      'overdue',
    );
    expect(reportState({ required: true, signedAt, sentAt: '2026-12-06T09:59:00.000Z' }, now)).toBe(
      'sent_in_time',
    );
    expect(reportState({ required: true, signedAt, sentAt: '2026-12-06T11:00:00.000Z' }, now)).toBe(
      'sent_late',
    );
    expect(reportState({ required: false, signedAt, sentAt: null }, now)).toBe('not_required');
  });
  it('INJ-4: the reprisal review falls due 14 days after sending, counted in the institution’s zone', () => {
    // 22:30 UTC on 5 Dec is 02:30 on 6 Dec in Baku: the review is due on 20 Dec, not 19 Dec.
    expect(reprisalReviewDueDay('2026-12-05T22:30:00.000Z', BAKU)).toBe('2026-12-20');
    expect(dayDeadlineState('2026-12-20', new Date('2026-12-20T19:59:00Z'), BAKU)).toBe('due');
    expect(dayDeadlineState('2026-12-20', new Date('2026-12-20T20:00:00Z'), BAKU)).toBe('overdue');
  });
});

describe('training and second review (INJ-9)', () => {
  it('INJ-9: training is valid on the examination’s day in the institution’s zone', () => {
    // 21:00 UTC on 6 Dec is 7 Dec in Baku: training until 6 Dec no longer covers it.
    expect(trainedOn('2026-12-06', '2026-12-06T19:00:00.000Z', BAKU)).toBe(true);
    expect(trainedOn('2026-12-06', '2026-12-06T21:00:00.000Z', BAKU)).toBe(false);
    expect(trainedOn(null, '2026-12-06T08:00:00.000Z', BAKU)).toBe(false);
  });
  it('INJ-9: the second review is due three days after signing (zone days)', () => {
    expect(secondReviewDueDay('2026-12-06T21:00:00.000Z', BAKU)).toBe('2026-12-10');
    expect(dayDeadlineState('2026-12-10', now, BAKU)).toBe('due');
  });
});

describe('register (INJ-6, DAT-6)', () => {
  it('INJ-6: indicators split pre-admission and in prison per 100 admissions', () => {
    const base = {
      context: 'admission' as const,
      lesionCount: 1,
      photoCount: 1,
      allegation: false,
      conclusion: 'consistent' as const,
      reportRequired: false,
      signedAt: '2026-12-01T08:00:00.000Z',
      reportSentAt: null,
      noInjuriesSeen: false,
    };
    const i = injuryIndicators(
      [
        { ...base, cause: 'pre_admission' },
        { ...base, cause: 'staff_force', allegation: true, reportSentAt: '2026-12-01T09:00:00.000Z' },
        { ...base, cause: 'self_harm', photoCount: 0, allegation: true },
      ],
      50,
    );
    expect(i.preAdmissionPer100).toBe(2);
    expect(i.inPrisonPer100).toBe(4);
    expect(i.withChartAndPhotosPct).toBe(66.7);
    expect(i.reportedInTimePct).toBe(50);
  });
  it('DAT-6: counts from 1 to 4 are suppressed, 0 and 5 shown', () => {
    expect([0, 1, 4, 5].map(suppress)).toEqual([0, '<5', '<5', 5]);
  });
});
