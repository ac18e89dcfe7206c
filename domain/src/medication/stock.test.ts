import { describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/index.ts';
import {
  addDaysToDate,
  countDifference,
  EXPIRY_WARNING_DAYS,
  expiryState,
  stockDispenseInputSchema,
  stockWriteOffInputSchema,
  withdrawalProblems,
  witnessProblem,
} from './stock.ts';

const ZONE = 'Asia/Baku';
// 00:30 on 1 December in Baku is still 30 November in UTC (20:30Z): the day is the institution's.
const clock = fixedClock('2026-11-30T20:30:00.000Z');

describe('pharmacy stock rules (ADR 0040), with an injected clock in the institution’s zone', () => {
  it('a batch is usable up to and including its expiry date, on the institution’s calendar', () => {
    const now = clock.now();
    expect(expiryState('2026-12-01', now, ZONE)).toBe('expiring');
    // In UTC it would still be 30 November; in Baku 30 November is yesterday: expired.
    expect(expiryState('2026-11-30', now, ZONE)).toBe('expired');
    expect(expiryState('2026-11-30', now, 'UTC')).toBe('expiring');
  });

  it('expiry within 60 days is flagged; the 61st day is not', () => {
    const now = clock.now();
    expect(EXPIRY_WARNING_DAYS).toBe(60);
    expect(expiryState(addDaysToDate('2026-12-01', 60), now, ZONE)).toBe('expiring');
    expect(expiryState(addDaysToDate('2026-12-01', 61), now, ZONE)).toBe('ok');
    expect(addDaysToDate('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('stock never goes below zero; an expired batch cannot be withdrawn unless written off', () => {
    const now = clock.now();
    const batch = { quantity: 10, expiryDate: '2027-01-31' };
    expect(withdrawalProblems(batch, 10, { now, timeZone: ZONE })).toEqual([]);
    expect(withdrawalProblems(batch, 11, { now, timeZone: ZONE })).toEqual([
      { path: 'quantity', code: 'stock_below_zero' },
    ]);
    const expired = { quantity: 10, expiryDate: '2026-11-30' };
    expect(withdrawalProblems(expired, 1, { now, timeZone: ZONE })).toEqual([
      { path: 'batchId', code: 'batch_expired' },
    ]);
    expect(withdrawalProblems(expired, 1, { now, timeZone: ZONE, allowExpired: true })).toEqual([]);
  });

  it('a controlled drug needs a witness who is a different user; other drugs need none', () => {
    expect(witnessProblem(true, 'u1', null)).toBe('witness_required');
    expect(witnessProblem(true, 'u1', 'u1')).toBe('witness_same_user');
    expect(witnessProblem(true, 'u1', 'u2')).toBeNull();
    expect(witnessProblem(false, 'u1', null)).toBeNull();
  });

  it('the daily count balances at zero difference; a shortfall is negative, a surplus positive', () => {
    expect(countDifference(480, 480)).toBe(0);
    expect(countDifference(480, 465)).toBe(-15);
    expect(countDifference(480, 490)).toBe(10);
  });

  it('quantities are whole positive units; a write-off takes a reason', () => {
    const base = { batchId: 'b', prescriptionId: 'p', supply: 'in_possession' };
    expect(stockDispenseInputSchema.safeParse({ ...base, quantity: 0 }).success).toBe(false);
    expect(stockDispenseInputSchema.safeParse({ ...base, quantity: 1.5 }).success).toBe(false);
    expect(stockDispenseInputSchema.safeParse({ ...base, quantity: 14 }).success).toBe(true);
    expect(stockWriteOffInputSchema.safeParse({ batchId: 'b', kind: 'destroy', quantity: 1 }).success).toBe(
      false,
    );
  });
});
