import { z } from 'zod';
import { type ProgrammeProblem, programmeAddDays, YEARLY_SCREEN_DAYS } from './rules.ts';

/**
 * PHC-9 (ADR 0057): staff are eligible for the yearly TB screening too. A staff screening names the
 * staff member (the registry's staff record, which links the account), the day, the method and the
 * result. It is occupational health, not a prisoner's record: only the health manager records and
 * reads it (`programmes.staff_screen.manage`).
 */
export const staffScreenMethods = ['symptom', 'chest_xray', 'igra', 'tst'] as const;
export const staffScreenResults = ['negative', 'positive'] as const;

export const staffScreenSchema = z.object({
  institutionId: z.string().min(1).max(64),
  staffId: z.string().min(1).max(64),
  screenedOn: z.iso.date(),
  method: z.enum(staffScreenMethods),
  result: z.enum(staffScreenResults),
});
export type StaffScreenInput = z.infer<typeof staffScreenSchema>;

export const staffCoverageQuerySchema = z.object({ institutionId: z.string().min(1).max(64) });

/** PHC-9: a staff screening in the future is refused. */
export function staffScreenProblems(
  input: Pick<StaffScreenInput, 'screenedOn'>,
  today: string,
): ProgrammeProblem[] {
  return input.screenedOn > today ? [{ path: 'screenedOn', code: 'in_the_future' }] : [];
}

/**
 * PHC-9: the yearly coverage of the staff — of the active staff members, those with a screening in
 * the last year (`YEARLY_SCREEN_DAYS`) to `today`; the percentage rounded to one decimal (null with
 * no staff).
 */
export function staffCoverage(
  staffIds: readonly string[],
  screens: readonly { staffId: string; screenedOn: string }[],
  today: string,
): { staff: number; screened: number; percent: number | null; screenedIds: Set<string> } {
  const since = programmeAddDays(today, -YEARLY_SCREEN_DAYS);
  const active = new Set(staffIds);
  const screenedIds = new Set(
    screens
      .filter((s) => active.has(s.staffId) && s.screenedOn > since && s.screenedOn <= today)
      .map((s) => s.staffId),
  );
  const staff = active.size;
  return {
    staff,
    screened: screenedIds.size,
    percent: staff ? Math.round((screenedIds.size / staff) * 1000) / 10 : null,
    screenedIds,
  };
}

export const staffCoverageSchema = z.object({
  institutionId: z.string(),
  staff: z.number().int(),
  screened: z.number().int(),
  percent: z.number().nullable(),
  members: z.array(
    z.object({
      staffId: z.string(),
      fullName: z.string(),
      position: z.string(),
      lastScreenedOn: z.string().nullable(),
      lastResult: z.enum(staffScreenResults).nullable(),
      due: z.boolean(),
    }),
  ),
});
export type StaffCoverage = z.infer<typeof staffCoverageSchema>;
