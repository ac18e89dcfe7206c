import { describe, expect, it } from 'vitest';
import { type BbvTestFact, bbvLoinc, bbvResultProblems } from './bbv.ts';
import { bbvThresholds } from './bbv-thresholds.ts';
import {
  hcvLetterProblems,
  hepBOfferPrompt,
  stiAssessmentProblems,
  stiDerivedRisks,
  stiTreatmentProblems,
} from './sti.ts';

const today = '2026-12-06';
const fact = (test: BbvTestFact['test'], result: string | null, on: string): BbvTestFact => ({
  test,
  sampleOn: on,
  resultOn: on,
  result,
  value: null,
});

describe('ADM-7, WOM-3: chlamydia and gonorrhoea by risk (ADR 0054)', () => {
  it('ADM-7: the record gives young age (under the threshold, default 25) and a woman at entry', () => {
    expect(bbvThresholds['BBV-1.sti_age_under'].defaultValue).toBe(25);
    expect(stiDerivedRisks({ birthDate: '2002-12-07', sex: 'male' }, today, 25)).toEqual(['under_age']);
    expect(stiDerivedRisks({ birthDate: '2001-12-06', sex: 'male' }, today, 25)).toEqual([]);
    expect(stiDerivedRisks({ birthDate: '1980-01-01', sex: 'female' }, today, 25)).toEqual([
      'woman_on_entry',
    ]);
    expect(stiDerivedRisks({ birthDate: '2005-01-01', sex: 'male' }, today, 18)).toEqual([]);
  });

  it('ADM-7: an offer needs a risk; "not indicated" with a risk is refused; accepted needs pre-test counselling and a test; the sample not before the assessment', () => {
    const base = { assessedOn: today, risks: [], tests: [], preTestCounselling: false } as const;
    expect(stiAssessmentProblems({ ...base, decision: 'accepted' }, [], today).map((p) => p.code)).toEqual([
      'sti_no_risk',
      'pre_test_counselling_required',
      'no_test_chosen',
    ]);
    expect(stiAssessmentProblems({ ...base, decision: 'not_indicated' }, ['under_age'], today)).toEqual([
      expect.objectContaining({ code: 'sti_risk_present' }),
    ]);
    expect(stiAssessmentProblems({ ...base, decision: 'not_indicated' }, [], today)).toEqual([]);
    expect(stiAssessmentProblems({ ...base, decision: 'refused', risks: ['symptoms'] }, [], today)).toEqual(
      [],
    );
    expect(
      stiAssessmentProblems(
        {
          ...base,
          decision: 'accepted',
          risks: ['sex_work'],
          tests: ['ct_naat'],
          preTestCounselling: true,
          sampleOn: '2026-12-05',
        },
        [],
        today,
      ).map((p) => p.code),
    ).toEqual(['sample_before_offer']);
    expect(
      stiAssessmentProblems({ ...base, assessedOn: '2026-12-07', decision: 'not_indicated' }, [], today).map(
        (p) => p.code,
      ),
    ).toEqual(['in_the_future']);
  });

  it('ADM-7: the NAAT results are detected / not detected, never before the sample, with LOINC codes', () => {
    expect(bbvLoinc.ct_naat?.code).toBe('43304-5');
    expect(bbvLoinc.ng_naat?.code).toBe('43305-2');
    expect(bbvLoinc.anti_hbs?.code).toBe('22322-2');
    expect(bbvResultProblems('ct_naat', { result: 'detected', resultOn: today }, today, today)).toEqual([]);
    expect(
      bbvResultProblems('ng_naat', { result: 'reactive', resultOn: '2026-12-01' }, '2026-12-02', today).map(
        (p) => p.code,
      ),
    ).toEqual(['result_before_sample', 'result_does_not_fit_test']);
  });

  it('ADM-7: a treatment is for a detected result, a regimen of that infection, not before the sample, once', () => {
    const ct = fact('ct_naat', 'detected', '2026-12-01');
    expect(stiTreatmentProblems(ct, { regimenCode: 'doxycycline_7d', givenOn: today }, false, today)).toEqual(
      [],
    );
    expect(
      stiTreatmentProblems(ct, { regimenCode: 'ceftriaxone_1g_im', givenOn: today }, false, today).map(
        (p) => p.code,
      ),
    ).toEqual(['regimen_does_not_fit_infection']);
    expect(
      stiTreatmentProblems(
        fact('ng_naat', 'not_detected', today),
        { regimenCode: 'ceftriaxone_1g_im', givenOn: today },
        false,
        today,
      ).map((p) => p.code),
    ).toEqual(['sti_not_detected']);
    expect(
      stiTreatmentProblems(ct, { regimenCode: 'azithromycin_1g', givenOn: '2026-11-30' }, true, today).map(
        (p) => p.code,
      ),
    ).toEqual(['treatment_before_sample', 'treatment_already_recorded']);
  });
});

describe('PHC-11: hepatitis B vaccination prompted by a non-immune result (ADR 0054)', () => {
  const negative = fact('hbsag', 'non_reactive', '2026-11-01');
  it('PHC-11: a non-reactive HBsAg with no course prompts the offer, due 28 days, overdue after (injected day)', () => {
    expect(hepBOfferPrompt([negative], [], '2026-11-10')).toEqual({
      resultOn: '2026-11-01',
      dueOn: '2026-11-29',
      status: 'due',
    });
    expect(hepBOfferPrompt([negative], [], '2026-11-30')?.status).toBe('overdue');
  });

  it('PHC-11: no prompt when reactive, immune (anti-HBs reactive), a course accepted, or an offer refused since the result', () => {
    expect(hepBOfferPrompt([fact('hbsag', 'reactive', '2026-11-01')], [], today)).toBeNull();
    expect(hepBOfferPrompt([negative, fact('anti_hbs', 'reactive', '2026-11-01')], [], today)).toBeNull();
    expect(
      hepBOfferPrompt([negative, fact('anti_hbs', 'non_reactive', '2026-11-01')], [], today),
    ).not.toBeNull();
    expect(
      hepBOfferPrompt([negative], [{ decision: 'accepted', offeredOn: '2025-01-01' }], today),
    ).toBeNull();
    expect(
      hepBOfferPrompt([negative], [{ decision: 'declined', offeredOn: '2026-11-02' }], today),
    ).toBeNull();
    // A refusal before this result does not answer it.
    expect(
      hepBOfferPrompt([negative], [{ decision: 'declined', offeredOn: '2026-10-01' }], today),
    ).not.toBeNull();
    expect(hepBOfferPrompt([], [], today)).toBeNull();
  });
});

describe('BBV-3: the hepatitis C referral letter (ADR 0054)', () => {
  it('BBV-3: an open hepatitis C episode and a planned release date; otherwise refused in words', () => {
    expect(hcvLetterProblems({ programme: 'hcv', outcome: null }, '2027-01-20')).toEqual([]);
    expect(hcvLetterProblems({ programme: 'hcv', outcome: null }, null).map((p) => p.code)).toEqual([
      'letter_without_release_date',
    ]);
    expect(hcvLetterProblems({ programme: 'hiv', outcome: null }, '2027-01-20').map((p) => p.code)).toEqual([
      'letter_not_hepatitis_c',
    ]);
    expect(
      hcvLetterProblems({ programme: 'hcv', outcome: 'cured' }, '2027-01-20').map((p) => p.code),
    ).toEqual(['episode_closed']);
  });
});
