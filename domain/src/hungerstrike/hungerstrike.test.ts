import { describe, expect, it } from 'vitest';
import {
  dailyRecordProblems,
  deteriorationNoticeContent,
  deteriorationNoticeProblems,
  type HungerFacts,
  hungerDailyDue,
  hungerDayRecordSchema,
  hungerDurationBand,
  hungerEpisodeState,
  hungerInterventionSchema,
  hungerMedian,
  interventionProblem,
  measurementsDue,
  measurementsDueFrom,
  NOTICE_STATEMENT,
  reconfirmationState,
  refeedingRisk,
  refeedingStepProblems,
  refeedingSteps,
  strikeDay,
} from './index.ts';

const ZONE = 'Asia/Baku';
/** 2026-12-02 10:00 in Baku. */
const START = '2026-12-02T06:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(START) + hours * 3_600_000);
const facts = (over: Partial<HungerFacts> = {}): HungerFacts => ({
  startedAt: START,
  type: 'food',
  endedAt: null,
  days: [],
  ...over,
});

describe('HUN-5: daily offers, and weight and vital signs past 72 h or on fluid refusal', () => {
  it('HUN-5: a food strike needs measurements only from 72 hours after its start', () => {
    expect(measurementsDueFrom(facts())).toBe('2026-12-05T06:00:00.000Z');
    expect(measurementsDue(facts(), at(71.9))).toBe(false);
    expect(measurementsDue(facts(), at(72))).toBe(true);
  });

  it('HUN-5: a refusal of fluids (by type, or a day without fluids) needs them at once', () => {
    expect(measurementsDue(facts({ type: 'fluids' }), at(1))).toBe(true);
    expect(measurementsDue(facts({ type: 'both' }), at(1))).toBe(true);
    expect(measurementsDue(facts({ days: [{ day: '2026-12-02', fluidsTaken: false }] }), at(20))).toBe(true);
    expect(measurementsDue(facts({ type: 'partial' }), at(20))).toBe(false);
  });

  it('HUN-5: the daily offer is due each local day until recorded; missed days are counted', () => {
    const day5 = at(4 * 24 + 1); // 2026-12-06 11:00 in Baku
    const due = hungerDailyDue(facts({ days: [{ day: '2026-12-02', fluidsTaken: true }] }), day5, ZONE);
    expect(due).toMatchObject({ day: '2026-12-06', dayNumber: 5, offerDue: true, measurementsDue: true });
    expect(due?.missedDays).toBe(3);
    expect(due?.dueAt).toBe('2026-12-06T20:00:00.000Z');
    const recorded = hungerDailyDue(facts({ days: [{ day: '2026-12-06', fluidsTaken: true }] }), day5, ZONE);
    expect(recorded?.offerDue).toBe(false);
    expect(hungerDailyDue(facts({ endedAt: at(30).toISOString() }), day5, ZONE)).toBeNull();
  });

  it('HUN-5: the strike day counts local days (a start late in the evening is day 1)', () => {
    expect(strikeDay('2026-12-02T19:30:00.000Z', '2026-12-02T20:30:00.000Z', ZONE)).toBe(2);
    expect(strikeDay(START, START, ZONE)).toBe(1);
  });

  it('HUN-5: past 72 h a record must say done or refused for weight and vital signs — never left out', () => {
    const body = hungerDayRecordSchema.parse({ offeredAt: at(80).toISOString(), assessment: 'refused' });
    expect(dailyRecordProblems(body, facts(), at(81))).toEqual([
      { path: 'weight', code: 'measurement_required' },
      { path: 'vitals', code: 'measurement_required' },
    ]);
    const refused = hungerDayRecordSchema.parse({
      offeredAt: at(80).toISOString(),
      assessment: 'done',
      weight: { status: 'refused' },
      vitals: { status: 'done', pulse: 80, systolic: 110, diastolic: 70, temperature: 36.6 },
    });
    expect(dailyRecordProblems(refused, facts(), at(81))).toEqual([]);
    const early = hungerDayRecordSchema.parse({ offeredAt: at(10).toISOString(), assessment: 'done' });
    expect(dailyRecordProblems(early, facts(), at(11))).toEqual([]);
    // A day without fluids switches at once.
    expect(dailyRecordProblems({ ...early, fluidsTaken: false }, facts(), at(11))).toHaveLength(2);
    expect(dailyRecordProblems(early, facts(), at(9))).toEqual([{ path: 'offeredAt', code: 'in_future' }]);
  });

  it('HUN-5: a "normal" value is not a status: the schema takes done with a value, or refused', () => {
    expect(
      hungerDayRecordSchema.safeParse({ offeredAt: START, assessment: 'done', weight: { status: 'normal' } })
        .success,
    ).toBe(false);
    expect(
      hungerDayRecordSchema.safeParse({ offeredAt: START, assessment: 'done', weight: { status: 'done' } })
        .success,
    ).toBe(false);
  });
});

describe('HUN-6: weekly reconfirmation of advance instructions', () => {
  const given = { at: START };
  it('HUN-6: due seven days after they were given, overdue after', () => {
    expect(reconfirmationState(given, [], at(24 * 6))).toEqual({
      lastConfirmedAt: START,
      dueAt: '2026-12-09T06:00:00.000Z',
      overdue: false,
    });
    expect(reconfirmationState(given, [], at(24 * 7 + 1))?.overdue).toBe(true);
  });
  it('HUN-6: a reconfirmation (or a change) restarts the week; a withdrawal ends it', () => {
    const r = [{ at: at(24 * 6).toISOString(), outcome: 'reconfirmed' as const }];
    expect(reconfirmationState(given, r, at(24 * 8))?.dueAt).toBe('2026-12-15T06:00:00.000Z');
    expect(
      reconfirmationState(given, [{ at: at(24).toISOString(), outcome: 'withdrawn' }], at(24 * 9)),
    ).toBeNull();
    expect(reconfirmationState(null, [], at(1))).toBeNull();
  });
});

describe('HUN-10: refeeding risk (NICE CG32) and its protocol', () => {
  const base = {
    weightKg: 70,
    heightCm: 175,
    baselineKg: 72,
    priorLossPercent: null,
    daysLittleIntake: 4,
    lowElectrolytes: false,
    alcoholOrDrugs: false,
  };
  it('HUN-10: one major criterion is high risk, starting at 10 kcal/kg/day', () => {
    expect(refeedingRisk({ ...base, daysLittleIntake: 11 })).toMatchObject({
      level: 'high',
      criteria: ['little_intake_over_10_days', 'little_intake_over_5_days'],
      startKcalPerKgDay: 10,
    });
    expect(refeedingRisk({ ...base, lowElectrolytes: true }).level).toBe('high');
    expect(refeedingRisk({ ...base, weightKg: 48 }).criteria).toContain('bmi_below_16');
    expect(refeedingRisk({ ...base, weightKg: 60 }).criteria).toContain('loss_over_15');
  });
  it('HUN-10: two minor criteria are high risk; one is not', () => {
    expect(refeedingRisk({ ...base, daysLittleIntake: 6 }).level).toBe('not_high');
    expect(refeedingRisk({ ...base, daysLittleIntake: 6, alcoholOrDrugs: true }).level).toBe('high');
    expect(refeedingRisk({ ...base, weightKg: 56, baselineKg: 56 }).criteria).toEqual(['bmi_below_18_5']);
    expect(refeedingRisk(base)).toMatchObject({ level: 'not_high', startKcalPerKgDay: 20, bmi: 22.9 });
  });
  it('HUN-10: BMI below 14 or no intake beyond 15 days starts at 5 kcal/kg/day', () => {
    expect(refeedingRisk({ ...base, daysLittleIntake: 16 }).startKcalPerKgDay).toBe(5);
    expect(refeedingRisk({ ...base, weightKg: 42, baselineKg: 42 }).startKcalPerKgDay).toBe(5);
  });
  it('HUN-10: the steps: thiamine and electrolytes before feeding, then monitoring, the 10-day course', () => {
    const steps = refeedingSteps('2026-12-06T08:00:00.000Z');
    expect(steps.map((s) => s.kind)).toEqual([
      'electrolytes_baseline',
      'thiamine_first_dose',
      'feeding_start',
      'electrolytes_day_1',
      'electrolytes_day_2',
      'electrolytes_day_3',
      'feeding_review',
      'thiamine_course_end',
    ]);
    expect(steps.at(-1)?.dueAt).toBe('2026-12-16T08:00:00.000Z');
    expect(refeedingStepProblems('feeding_start', new Set())).toEqual([
      { path: '', code: 'thiamine_before_feeding' },
    ]);
    expect(refeedingStepProblems('feeding_start', new Set(['thiamine_first_dose']))).toEqual([]);
  });
});

describe('HUN-9: the deterioration notice carries no clinical detail without consent', () => {
  const who = { person: 'Test Person', prisonNumber: 'P-1', institution: 'Pilot 1' };
  it('HUN-9: without consent the notice says only the statement; detail is refused', () => {
    const input = { at: START, authority: 'Penitentiary Service', consentToClinicalDetail: false };
    const sent = deteriorationNoticeContent(input, who);
    expect(sent).toEqual({ ...who, statement: NOTICE_STATEMENT, clinicalDetail: null });
    expect(JSON.stringify(sent)).not.toMatch(/kg|BMI|pulse|capacity/i);
    expect(deteriorationNoticeProblems({ ...input, clinicalDetail: 'Weight 51 kg' })).toEqual([
      { path: 'clinicalDetail', code: 'clinical_detail_without_consent' },
    ]);
  });
  it('HUN-9: with consent the detail travels', () => {
    const input = {
      at: START,
      authority: 'X',
      consentToClinicalDetail: true,
      clinicalDetail: 'Weight 51 kg',
    };
    expect(deteriorationNoticeProblems(input)).toEqual([]);
    expect(deteriorationNoticeContent(input, who).clinicalDetail).toBe('Weight 51 kg');
  });
});

describe('HUN-7: there is no force-feeding order type', () => {
  const intervention = (kind: string, consent = true) =>
    hungerInterventionSchema.parse({ at: START, kind, consent });
  it('HUN-7: a kind naming feeding against the will is refused in words; any unknown kind is refused', () => {
    expect(interventionProblem(intervention('force_feeding'))).toEqual({
      error: 'force_feeding_not_permitted',
    });
    expect(interventionProblem(intervention('nasogastric_tube_without_consent'))).toEqual({
      error: 'force_feeding_not_permitted',
    });
    expect(interventionProblem(intervention('restrain_and_feed'))).toEqual({
      error: 'force_feeding_not_permitted',
    });
    expect(interventionProblem(intervention('something_else'))).toEqual({
      error: 'intervention_kind_unknown',
    });
  });
  it('HUN-7: every intervention needs consent', () => {
    expect(interventionProblem(intervention('intravenous_fluids', false))).toEqual({
      problems: [{ path: 'consent', code: 'intervention_without_consent' }],
    });
    expect(interventionProblem(intervention('oral_supplement'))).toBeNull();
  });
});

describe('HUN-7: feeding a person without capacity (second sentence)', () => {
  const withDecision = (kind: string, considered = true) =>
    hungerInterventionSchema.parse({
      at: START,
      kind,
      consent: false,
      incapacityDecision: {
        interestReason: 'Cannot weigh information; at risk of death',
        advanceInstructionsConsidered: considered,
      },
    });
  const impaired = { capacity: 'impaired' as const, advanceRefusesFeeding: false };
  it('HUN-7: allowed only for artificial feeding of a person found without capacity, the advance instructions considered', () => {
    expect(interventionProblem(withDecision('artificial_nutrition'), impaired)).toBeNull();
    expect(interventionProblem(withDecision('intravenous_fluids'), impaired)).toBeNull();
    expect(interventionProblem(withDecision('hospital_transfer'), impaired)).toEqual({
      problems: [{ path: 'consent', code: 'intervention_without_consent' }],
    });
    expect(interventionProblem(withDecision('artificial_nutrition', false), impaired)).toEqual({
      problems: [
        {
          path: 'incapacityDecision.advanceInstructionsConsidered',
          code: 'advance_instructions_not_considered',
        },
      ],
    });
  });
  it('HUN-7: never for a capable person (force-feeding), nor before capacity is assessed, nor against valid advance instructions', () => {
    expect(
      interventionProblem(withDecision('artificial_nutrition'), {
        capacity: 'has_capacity',
        advanceRefusesFeeding: false,
      }),
    ).toEqual({ error: 'force_feeding_not_permitted' });
    expect(
      interventionProblem(withDecision('artificial_nutrition'), {
        capacity: null,
        advanceRefusesFeeding: false,
      }),
    ).toEqual({ problems: [{ path: '', code: 'capacity_not_assessed_impaired' }] });
    expect(
      interventionProblem(withDecision('artificial_nutrition'), {
        capacity: 'impaired',
        advanceRefusesFeeding: true,
      }),
    ).toEqual({ problems: [{ path: '', code: 'advance_refusal_in_force' }] });
  });
});

describe('states and report', () => {
  it('HUN-2: impaired capacity moves the case to mental-health care; the state is derived', () => {
    const s = { endedAt: null, endManner: null, daysRecorded: 0, refeedingOpen: 0, refeedingTotal: 0 };
    expect(hungerEpisodeState({ ...s, capacity: null })).toBe('declared');
    expect(hungerEpisodeState({ ...s, capacity: 'impaired' })).toBe('moved_to_mental_health');
    expect(hungerEpisodeState({ ...s, capacity: 'has_capacity' })).toBe('assessed');
    expect(hungerEpisodeState({ ...s, capacity: 'has_capacity', daysRecorded: 2 })).toBe('ongoing');
    const ended = { ...s, endedAt: START, endManner: 'stopped' as const, capacity: 'has_capacity' as const };
    expect(hungerEpisodeState({ ...ended, refeedingOpen: 3, refeedingTotal: 8 })).toBe('refeeding');
    expect(hungerEpisodeState({ ...ended, refeedingOpen: 0, refeedingTotal: 8 })).toBe('closed');
  });
  it('bands and median of durations', () => {
    expect([1, 3, 4, 7, 8, 14, 15, 28, 29].map(hungerDurationBand)).toEqual([
      'up_to_3',
      'up_to_3',
      'days_4_7',
      'days_4_7',
      'days_8_14',
      'days_8_14',
      'days_15_28',
      'days_15_28',
      'over_28',
    ]);
    expect(hungerMedian([5, 1, 9])).toBe(5);
    expect(hungerMedian([])).toBeNull();
  });
});
