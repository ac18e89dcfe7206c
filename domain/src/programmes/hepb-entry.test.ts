import { describe, expect, it } from 'vitest';
import { hepBEntryOfferNeeded } from './vaccination.ts';

describe('PHC-11: the admission prompts the hepatitis B vaccination offer (ADR 0057)', () => {
  it('PHC-11: offered at entry unless vaccinated, immune or infected', () => {
    expect(hepBEntryOfferNeeded([], [])).toBe(true);
    // A refusal in an earlier custody does not stop a new entry's offer.
    expect(hepBEntryOfferNeeded([{ decision: 'declined' }], [])).toBe(true);
    expect(hepBEntryOfferNeeded([{ decision: 'accepted' }], [])).toBe(false);
    expect(hepBEntryOfferNeeded([], [{ test: 'anti_hbs', result: 'reactive' }])).toBe(false);
    expect(hepBEntryOfferNeeded([], [{ test: 'hbsag', result: 'reactive' }])).toBe(false);
    expect(
      hepBEntryOfferNeeded(
        [],
        [
          { test: 'hbsag', result: 'non_reactive' },
          { test: 'anti_hbs', result: 'non_reactive' },
        ],
      ),
    ).toBe(true);
  });
});
