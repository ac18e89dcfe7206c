import { describe, expect, it } from 'vitest';
import { thresholdDefinitions } from '../platform/thresholds.ts';
import {
  countersignDueAt,
  countersignState,
  releaseNear,
  renewalDue,
  renewedEnd,
  verbalOrderDecisionSchema,
} from './orders.ts';

const at = (iso: string) => new Date(iso);

describe('verbal orders (MDX-1, issue 15 item 2)', () => {
  it('MDX-1: a verbal order is due for countersignature 24 h after it was recorded, then overdue', () => {
    const due = countersignDueAt('2026-12-01T10:00:00.000Z', 24);
    expect(due).toBe('2026-12-02T10:00:00.000Z');
    expect(countersignState(due, at('2026-12-02T09:59:59.000Z'))).toBe('due');
    expect(countersignState(due, at('2026-12-02T10:00:00.000Z'))).toBe('overdue');
  });
  it('MDX-1: an institution’s shorter countersignature time moves the deadline', () => {
    expect(countersignDueAt('2026-12-01T10:00:00.000Z', 4)).toBe('2026-12-01T14:00:00.000Z');
  });
  it('a rejection needs a reason; a countersignature does not', () => {
    expect(verbalOrderDecisionSchema.safeParse({ decision: 'reject' }).success).toBe(false);
    expect(verbalOrderDecisionSchema.safeParse({ decision: 'countersign' }).success).toBe(true);
  });
});

describe('renewal and expiry (MDX-1)', () => {
  const end = '2026-12-20T08:00:00.000Z';
  it('MDX-1: the renewal is due 7 days before the end, not earlier', () => {
    expect(renewalDue(end, at('2026-12-13T07:59:00.000Z'), 7)).toBe(false);
    expect(renewalDue(end, at('2026-12-13T08:00:00.000Z'), 7)).toBe(true);
  });
  it('MDX-1: a lapsed prescription stays due for renewal', () => {
    expect(renewalDue(end, at('2027-01-05T00:00:00.000Z'), 7)).toBe(true);
  });
  it('MDX-1: a renewal runs 90 days from now', () => {
    expect(renewedEnd(at('2026-12-01T00:00:00.000Z'), 90)).toBe('2027-03-01T00:00:00.000Z');
  });
});

describe('release preparation (TRC-6)', () => {
  it('TRC-6: a release within the lead days (28) needs preparing', () => {
    expect(releaseNear('2027-01-10', '2026-12-13', 28)).toBe(true);
    expect(releaseNear('2027-01-11', '2026-12-13', 28)).toBe(false);
    expect(releaseNear('2027-01-10', '2026-12-13', 27)).toBe(false);
  });
});

describe('thresholds (X-1, X-4)', () => {
  it('X-1: the medication limits are in the rule-threshold table with their defaults', () => {
    expect(thresholdDefinitions['MDX-2.late_minutes'].defaultValue).toBe(60);
    expect(thresholdDefinitions['MDX-2.missed_minutes'].defaultValue).toBe(360);
    expect(thresholdDefinitions['MDX-1.expiry_days'].defaultValue).toBe(90);
    expect(thresholdDefinitions['MDX-1.renewal_lead_days'].defaultValue).toBe(7);
    expect(thresholdDefinitions['MDX-1.countersign_hours'].defaultValue).toBe(24);
    expect(thresholdDefinitions['MDX-2.programme_missed_in_a_row'].defaultValue).toBe(2);
    expect(thresholdDefinitions['PHC-3.expiry_warning_days'].defaultValue).toBe(60);
  });
});
