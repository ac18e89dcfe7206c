import { describe, expect, it } from 'vitest';
import { healthAlertInputSchema, isolationOrderProblems, isolationReasons } from './alerts.ts';

const until = '2026-12-21T09:00:00.000Z';

describe('PHC-6: an isolation order carries a coded infectious reason and a period (ADR 0057)', () => {
  it('PHC-6: an infectious reason with the end of the infectious period is accepted', () => {
    for (const reason of isolationReasons)
      expect(isolationOrderProblems({ isolationReason: reason, endsAt: until })).toEqual([]);
  });

  it('PHC-6: an HIV-positive status is never a reason for isolation, whatever its spelling', () => {
    for (const reason of ['hiv', 'HIV', ' hiv ', 'hiv_positive', 'positive hiv status'])
      expect(isolationOrderProblems({ isolationReason: reason, endsAt: until })).toEqual([
        { path: 'isolationReason', code: 'hiv_never_a_reason_for_isolation' },
      ]);
    expect(isolationReasons).not.toContain('hiv');
    // The schema lets the code through, so the refusal names it rather than a generic "invalid".
    const parsed = healthAlertInputSchema.safeParse({
      detail: { kind: 'infection_control', precaution: 'contact' },
      startsAt: '2026-12-07T09:00:00.000Z',
      endsAt: until,
      isolationReason: 'hiv',
    });
    expect(parsed.success).toBe(true);
  });

  it('PHC-6: no reason, a reason that is not infectious, or no infectious period is refused', () => {
    expect(isolationOrderProblems({ isolationReason: null, endsAt: null })).toEqual([
      { path: 'isolationReason', code: 'isolation_reason_required' },
      { path: 'endsAt', code: 'infectious_period_required' },
    ]);
    expect(isolationOrderProblems({ isolationReason: 'hepatitis_c', endsAt: until })).toEqual([
      { path: 'isolationReason', code: 'isolation_reason_not_infectious' },
    ]);
  });
});
