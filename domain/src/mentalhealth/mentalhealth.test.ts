import { describe, expect, it } from 'vitest';
import {
  assessedInTime,
  courseCompleted,
  courseOutcome,
  cssrsScreen,
  definitionProblems,
  gad7,
  instrumentDefinitionSchema,
  maximumScore,
  phq9,
  referralDueAt,
  referralEscalation,
  scoreInstrument,
  transferState,
  triggerUrgency,
} from './index.ts';

const ZONE = 'Asia/Baku';
const all = (prefix: string, n: number, v: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}_${i + 1}`, v]));
const phq = (total: number) => {
  // Spreads a total over items 1–8, item 9 kept at 0.
  const a: Record<string, number> = all('phq9', 9, 0);
  let left = total;
  for (let i = 1; i <= 8 && left > 0; i++) {
    a[`phq9_${i}`] = Math.min(3, left);
    left -= Math.min(3, left);
  }
  return a;
};

describe('MHT-1: instruments scored by the system', () => {
  it('MHT-1: the built-in definitions are valid with their licence recorded', () => {
    for (const def of [phq9, gad7, cssrsScreen]) {
      expect(instrumentDefinitionSchema.parse(def)).toBeTruthy();
      expect(definitionProblems(def)).toEqual([]);
      expect(def.licence.name.length).toBeGreaterThan(2);
    }
    expect(maximumScore(phq9)).toBe(27);
    expect(maximumScore(gad7)).toBe(21);
  });

  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'moderately_severe'],
    [19, 'moderately_severe'],
    [20, 'severe'],
    [24, 'severe'],
  ])('MHT-1: PHQ-9 total %i is %s (band boundaries)', (total, band) => {
    const { score } = scoreInstrument(phq9, phq(total));
    expect(score?.total).toBe(total);
    expect(score?.band).toBe(band);
  });

  it('MHT-1: PHQ-9 all at 3 is 27, severe', () => {
    expect(scoreInstrument(phq9, all('phq9', 9, 3)).score).toMatchObject({ total: 27, band: 'severe' });
  });

  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'severe'],
    [21, 'severe'],
  ])('MHT-1: GAD-7 total %i is %s', (total, band) => {
    const a = all('gad7', 7, 0);
    let left = total;
    for (let i = 1; i <= 7; i++) {
      a[`gad7_${i}`] = Math.min(3, left);
      left -= Math.min(3, left);
    }
    expect(scoreInstrument(gad7, a).score).toMatchObject({ total, band });
  });

  it('MHT-1: an answer out of range, a missing or an unknown item is refused by name', () => {
    expect(scoreInstrument(phq9, { ...all('phq9', 9, 0), phq9_3: 4 }).problems).toEqual([
      { path: 'answers.phq9_3', code: 'answer_out_of_range' },
    ]);
    const { phq9_9: _, ...eight } = all('phq9', 9, 0);
    expect(scoreInstrument(phq9, eight).problems).toEqual([
      { path: 'answers.phq9_9', code: 'answer_missing' },
    ]);
    expect(scoreInstrument(phq9, { ...all('phq9', 9, 0), x: 1 }).problems[0]?.code).toBe('item_unknown');
  });

  it('MHT-2: PHQ-9 item 9 above 0 triggers a same-day referral; at 0 it does not', () => {
    expect(scoreInstrument(phq9, all('phq9', 9, 0)).score?.triggers).toEqual([]);
    const positive = scoreInstrument(phq9, { ...all('phq9', 9, 0), phq9_9: 1 }).score;
    expect(positive?.triggers).toEqual([{ item: 'phq9_9', urgency: 'same_day', rule: 'MHT-2' }]);
    expect(triggerUrgency('same_day')).toEqual({ urgency: 'h24', sameDay: true });
  });

  it('MHT-1: the C-SSRS screen is read by its answers; follow-ups only when asked', () => {
    const none = { cssrs_1: 0, cssrs_2: 0, cssrs_6: 0 };
    expect(scoreInstrument(cssrsScreen, none).score).toMatchObject({ risk: null, triggers: [] });
    expect(scoreInstrument(cssrsScreen, { cssrs_1: 1, cssrs_2: 0, cssrs_6: 0 }).score?.risk).toBe('low');
    const intent = { cssrs_1: 1, cssrs_2: 1, cssrs_3: 1, cssrs_4: 1, cssrs_5: 0, cssrs_6: 0 };
    const high = scoreInstrument(cssrsScreen, intent).score;
    expect(high?.risk).toBe('high');
    expect(high?.triggers[0]?.urgency).toBe('immediate');
    expect(scoreInstrument(cssrsScreen, { ...none, cssrs_3: 1 }).problems[0]?.code).toBe('item_not_asked');
    expect(
      scoreInstrument(cssrsScreen, { cssrs_1: 0, cssrs_2: 1, cssrs_6: 0 }).problems.map((p) => p.path),
    ).toEqual(['answers.cssrs_3', 'answers.cssrs_4', 'answers.cssrs_5']);
  });

  it('MHT-1: a no-derivatives licence (CORE-10) needs approved translations; a claimed language needs its wording', () => {
    const core = instrumentDefinitionSchema.parse({
      ...gad7,
      code: 'core10_test',
      licence: { ...gad7.licence, noDerivatives: true, approvedTranslations: false },
    });
    expect(definitionProblems(core).map((p) => p.code)).toContain('approved_translation_required');
    const enOnly = instrumentDefinitionSchema.parse({
      ...gad7,
      code: 'x_test',
      languages: ['en'],
      title: { en: 'Test' },
      licence: { ...gad7.licence, translations: { en: 'original' } },
    });
    expect(definitionProblems(enOnly)).toEqual([]);
    const missing = { ...enOnly, languages: ['en', 'ru'] as ('en' | 'ru')[], title: { en: 'Test' } };
    expect(definitionProblems(missing).map((p) => p.code)).toContain('wording_missing');
  });
});

describe('MHS-1: referral urgency, due dates and escalation', () => {
  const at = '2026-12-06T09:00:00.000Z'; // 13:00 in Baku
  it('MHS-1: immediate 2 h, 24 h and 72 h after the referral', () => {
    expect(referralDueAt(at, 'immediate', ZONE)).toBe('2026-12-06T11:00:00.000Z');
    expect(referralDueAt(at, 'h24', ZONE)).toBe('2026-12-07T09:00:00.000Z');
    expect(referralDueAt(at, 'h72', ZONE)).toBe('2026-12-09T09:00:00.000Z');
  });

  it('MHT-2: a same-day assessment is due at midnight in Baku, at least 4 h ahead', () => {
    expect(referralDueAt(at, 'h24', ZONE, true)).toBe('2026-12-06T20:00:00.000Z');
    // 22:30 in Baku: midnight is too close, 4 h it is.
    expect(referralDueAt('2026-12-06T18:30:00.000Z', 'h24', ZONE, true)).toBe('2026-12-06T22:30:00.000Z');
  });

  it('MHS-1: due, overdue, escalated once late by as long again, none when assessed', () => {
    const r = { referredAt: at, dueAt: referralDueAt(at, 'h24', ZONE), assessedAt: null };
    expect(referralEscalation(r, new Date('2026-12-07T08:59:00.000Z'))).toBe('due');
    expect(referralEscalation(r, new Date('2026-12-07T09:01:00.000Z'))).toBe('overdue');
    expect(referralEscalation(r, new Date('2026-12-08T09:01:00.000Z'))).toBe('escalated');
    expect(referralEscalation({ ...r, assessedAt: '2026-12-07T10:00:00.000Z' }, new Date())).toBe('none');
    expect(assessedInTime({ ...r, assessedAt: '2026-12-07T10:00:00.000Z' }, new Date())).toBe(false);
    expect(assessedInTime(r, new Date('2026-12-06T10:00:00.000Z'))).toBeNull();
  });

  it('MHS-5: a transfer waits 14 days, is overdue after, escalated after 28', () => {
    const t = { requestedAt: at, transferredAt: null, cancelledAt: null };
    expect(transferState(t, new Date('2026-12-20T08:00:00.000Z'))).toBe('waiting');
    expect(transferState(t, new Date('2026-12-21T10:00:00.000Z'))).toBe('overdue');
    expect(transferState(t, new Date('2027-01-04T10:00:00.000Z'))).toBe('escalated');
    expect(transferState({ ...t, transferredAt: at }, new Date())).toBe('transferred');
  });
});

describe('MHS-2: completion and outcomes', () => {
  it.each([
    [9, 12, true],
    [8, 12, false],
    [3, 4, true],
    [2, 4, false],
    [0, 0, false],
  ])('MHS-2: %i attended of %i planned: completed %s (≥ 75 %)', (attended, planned, done) => {
    expect(courseCompleted(attended, planned)).toBe(done);
  });

  it('MHS-2: reliable improvement is PHQ-9 −6 or GAD-7 −4, neither reliably worse', () => {
    expect(courseOutcome({ phq9: { first: 16, last: 10 }, gad7: null }).reliableImprovement).toBe(true);
    expect(courseOutcome({ phq9: { first: 16, last: 11 }, gad7: null }).reliableImprovement).toBe(false);
    expect(courseOutcome({ phq9: null, gad7: { first: 12, last: 8 } }).reliableImprovement).toBe(true);
    expect(courseOutcome({ phq9: { first: 16, last: 8 }, gad7: { first: 5, last: 10 } })).toMatchObject({
      reliableImprovement: false,
      reliableDeterioration: true,
    });
  });

  it('MHS-2: recovery moves from caseness (PHQ-9 ≥ 10 or GAD-7 ≥ 8) to below both', () => {
    expect(courseOutcome({ phq9: { first: 12, last: 9 }, gad7: { first: 9, last: 7 } }).recovered).toBe(true);
    expect(courseOutcome({ phq9: { first: 12, last: 9 }, gad7: { first: 9, last: 8 } }).recovered).toBe(
      false,
    );
    expect(courseOutcome({ phq9: { first: 8, last: 2 }, gad7: { first: 5, last: 1 } })).toMatchObject({
      atCaseness: false,
      recovered: false,
    });
  });
});
