import {
  EXPIRY_WARNING_DAYS,
  type MedicationLimits,
  medicationLimits,
  type ThresholdId,
} from '@custodia/domain';
import type { Executor } from '../../platform/db/database.ts';
import type { MedicationContext } from './context.ts';

/**
 * The medication time limits kept in the rule-threshold table (X-1, X-4; ADR 0045), read in one
 * statement for an institution (its own values where it has them) or, with `''`, the national ones.
 * What the table does not hold (the clock skew a device may have) keeps the domain's value.
 */
const ids = {
  lateMinutes: 'MDX-2.late_minutes',
  missedMinutes: 'MDX-2.missed_minutes',
  expiryDays: 'MDX-1.expiry_days',
  programmeMissedInARow: 'MDX-2.programme_missed_in_a_row',
} as const satisfies Partial<Record<keyof MedicationLimits, ThresholdId>>;

export async function medicationLimitsOf(
  ctx: Pick<MedicationContext, 'thresholds'>,
  executor: Executor,
  institutionId: string,
): Promise<MedicationLimits> {
  const values = await ctx.thresholds(executor, Object.values(ids), institutionId);
  const limits: MedicationLimits = { ...medicationLimits };
  for (const [key, id] of Object.entries(ids) as [keyof typeof ids, ThresholdId][]) {
    const value = values.get(id);
    if (typeof value === 'number') limits[key] = value;
  }
  return limits;
}

/** A list's limits: the institution's own when it covers one institution, else the national ones. */
export const scopeLimitsOf = (
  ctx: Pick<MedicationContext, 'thresholds'>,
  executor: Executor,
  institutionIds: readonly string[],
) => medicationLimitsOf(ctx, executor, institutionIds.length === 1 ? (institutionIds[0] as string) : '');

/** PHC-3: a batch is flagged this many days before its expiry (the institution's, else national). */
export async function expiryWarningDaysOf(
  ctx: Pick<MedicationContext, 'thresholds'>,
  executor: Executor,
  institutionIds: readonly string[],
): Promise<number> {
  const institutionId = institutionIds.length === 1 ? (institutionIds[0] as string) : '';
  const values = await ctx.thresholds(executor, ['PHC-3.expiry_warning_days'], institutionId);
  return values.get('PHC-3.expiry_warning_days') ?? EXPIRY_WARNING_DAYS;
}
