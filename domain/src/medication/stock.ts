import { z } from 'zod';
import { calendarDateIn, monthSchema, pageSchema } from '../platform/index.ts';
import { drugSchema } from './responses.ts';
import { roundNames } from './vocabulary.ts';

/**
 * Pharmacy and stock (issue 15 item 3; ADR 0040): batches per institution and drug, an append-only
 * ledger of movements, the controlled-drug book with its daily count, and the pharmacy's tasks
 * (MDX-3). Pure rules; `now` and the institution's zone are passed in.
 */

/** The kinds of ledger line (DOMAIN.md §1.1): in (+) or out (−) of the pharmacy's store. */
export const stockMovementKinds = [
  'receipt',
  'issue_round',
  'dispense_person',
  'return',
  'waste',
  'destroy',
] as const;
export type StockMovementKind = (typeof stockMovementKinds)[number];

/** A supply to a person: in-possession, or the supply given at release (TRC-*). */
export const supplyKinds = ['in_possession', 'release'] as const;
export type SupplyKind = (typeof supplyKinds)[number];

/** Write-offs: wastage (broken, spilt, expired) or destruction; both need a witness for a controlled drug. */
export const writeOffKinds = ['waste', 'destroy'] as const;
export type WriteOffKind = (typeof writeOffKinds)[number];

/** MDX-3: how the pharmacy closes a stock task. */
export const stockTaskResolutions = ['received', 'substituted', 'prescriber_informed'] as const;
export type StockTaskResolution = (typeof stockTaskResolutions)[number];

/** Expiry within this many days is flagged on the pharmacist's worklist (issue 15 item 3). */
export const EXPIRY_WARNING_DAYS = 60;

/** The field codes of refused stock rules (ADR 0021), translated in the web locale's `errors`. */
export const stockRuleCodes = [
  'stock_below_zero',
  'batch_expired',
  'batch_not_found',
  'expiry_in_the_past',
  'witness_required',
  'witness_same_user',
  'witness_not_allowed',
  'no_active_prescription',
  'not_controlled',
  'already_counted',
  'already_resolved',
  'out_of_scope',
] as const;
export type StockRuleCode = (typeof stockRuleCodes)[number];

const DAY = 86_400_000;

/** Adds days to a calendar date (YYYY-MM-DD), in UTC arithmetic (no zone: a date has none). */
export function addDaysToDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/**
 * A batch's expiry state on the institution's calendar: a batch may be used up to and including its
 * expiry date; `expiring` when the date falls within the warning days (`PHC-3.expiry_warning_days`,
 * default EXPIRY_WARNING_DAYS) of today.
 */
export function expiryState(
  expiryDate: string,
  now: Date,
  timeZone: string,
  warningDays = EXPIRY_WARNING_DAYS,
): 'expired' | 'expiring' | 'ok' {
  const today = calendarDateIn(now, timeZone);
  if (expiryDate < today) return 'expired';
  if (expiryDate <= addDaysToDate(today, warningDays)) return 'expiring';
  return 'ok';
}

/** A withdrawal from a batch: refused when it would take the batch below zero or the batch is expired. */
export function withdrawalProblems(
  batch: { quantity: number; expiryDate: string },
  quantity: number,
  context: { now: Date; timeZone: string; allowExpired?: boolean },
): { path: string; code: StockRuleCode }[] {
  const problems: { path: string; code: StockRuleCode }[] = [];
  if (quantity > batch.quantity) problems.push({ path: 'quantity', code: 'stock_below_zero' });
  if (!context.allowExpired && expiryState(batch.expiryDate, context.now, context.timeZone) === 'expired')
    problems.push({ path: 'batchId', code: 'batch_expired' });
  return problems;
}

/**
 * A witness for a controlled drug: required, and a different user from the one recording it.
 * Returns the problem, or null.
 */
export function witnessProblem(
  controlled: boolean,
  recorderId: string,
  witnessId: string | null | undefined,
): StockRuleCode | null {
  if (!controlled) return null;
  if (!witnessId) return 'witness_required';
  if (witnessId === recorderId) return 'witness_same_user';
  return null;
}

/** The daily count against the book: the difference (counted − book), zero when it balances. */
export function countDifference(bookBalance: number, counted: number): number {
  return counted - bookBalance;
}

// ---------------------------------------------------------------- schemas (requests)

const quantity = z.number().int().positive().max(1_000_000);
const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const username = z.string().trim().min(1).max(100);

export const stockQuerySchema = z.object({ institutionId: z.string().min(1) });

export const stockReceiptInputSchema = z.object({
  institutionId: z.string().min(1),
  drugId: z.string().min(1),
  batchNumber: text(1, 60),
  expiryDate: z.iso.date(),
  quantity,
  supplier: text(2, 200),
  reference: text(1, 100).nullish(),
});
export type StockReceiptInput = z.infer<typeof stockReceiptInputSchema>;

/** Ward stock for a round: issued from the pharmacy to a unit's trolley (ADR 0040). */
export const stockIssueInputSchema = z.object({
  batchId: z.string().min(1),
  quantity,
  unitId: z.string().min(1).nullish(),
  round: z.enum(roundNames),
  note: text(1, 500).nullish(),
});
export type StockIssueInput = z.infer<typeof stockIssueInputSchema>;

/** A supply to a person against their active prescription (MedicationDispense). */
export const stockDispenseInputSchema = z.object({
  batchId: z.string().min(1),
  prescriptionId: z.string().min(1),
  supply: z.enum(supplyKinds),
  quantity,
  note: text(1, 500).nullish(),
});
export type StockDispenseInput = z.infer<typeof stockDispenseInputSchema>;

export const stockReturnInputSchema = z.object({
  batchId: z.string().min(1),
  quantity,
  reason: text(3, 500),
});
export type StockReturnInput = z.infer<typeof stockReturnInputSchema>;

export const stockWriteOffInputSchema = z.object({
  batchId: z.string().min(1),
  kind: z.enum(writeOffKinds),
  quantity,
  reason: text(3, 500),
  /** A controlled drug: the witness's username (a different user who may witness). */
  witness: username.nullish(),
});
export type StockWriteOffInput = z.infer<typeof stockWriteOffInputSchema>;

export const stockTaskResolveInputSchema = z.object({
  resolution: z.enum(stockTaskResolutions),
  note: text(3, 1000),
});
export type StockTaskResolveInput = z.infer<typeof stockTaskResolveInputSchema>;

export const controlledCountInputSchema = z.object({
  institutionId: z.string().min(1),
  drugId: z.string().min(1),
  counted: z.number().int().min(0).max(10_000_000),
  witness: username,
  note: text(1, 1000).nullish(),
});
export type ControlledCountInput = z.infer<typeof controlledCountInputSchema>;

export const incidentResolveInputSchema = z.object({ explanation: text(5, 2000) });

export const movementQuerySchema = z.object({
  institutionId: z.string().min(1),
  drugId: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().optional(),
});

export const stockReportQuerySchema = z.object({
  institutionId: z.string().min(1),
  month: monthSchema,
  format: z.enum(['csv', 'pdf']),
});

// ---------------------------------------------------------------- responses

export const stockBatchSchema = z.object({
  id: z.string(),
  batchNumber: z.string(),
  expiryDate: z.string(),
  quantity: z.number(),
  supplier: z.string(),
  reference: z.string().nullable(),
  receivedAt: z.string(),
  expiry: z.enum(['expired', 'expiring', 'ok']),
});
export type StockBatch = z.infer<typeof stockBatchSchema>;

export const stockLineSchema = z.object({
  drug: drugSchema,
  controlled: z.boolean(),
  /** Usable (not expired) units. */
  available: z.number(),
  total: z.number(),
  activePrescriptions: z.number(),
  stockOut: z.boolean(),
  batches: z.array(stockBatchSchema),
});
export type StockLine = z.infer<typeof stockLineSchema>;

export const stockTaskSchema = z.object({
  id: z.string(),
  drug: drugSchema,
  openedAt: z.string(),
  lastAt: z.string(),
  doses: z.number(),
  status: z.enum(['open', 'resolved']),
  resolution: z.enum(stockTaskResolutions).nullable(),
  note: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type StockTask = z.infer<typeof stockTaskSchema>;

export const stockOverviewSchema = z.object({
  institutionId: z.string(),
  timeZone: z.string(),
  lines: z.array(stockLineSchema),
  tasks: z.array(stockTaskSchema),
});
export type StockOverview = z.infer<typeof stockOverviewSchema>;

export const stockMovementSchema = z.object({
  id: z.string(),
  kind: z.enum(stockMovementKinds),
  drug: drugSchema,
  batchNumber: z.string(),
  quantity: z.number(),
  balanceAfter: z.number(),
  supply: z.enum(supplyKinds).nullable(),
  round: z.string().nullable(),
  reason: z.string().nullable(),
  witness: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type StockMovement = z.infer<typeof stockMovementSchema>;
export const stockMovementPageSchema = pageSchema(stockMovementSchema);

export const stockWrittenSchema = z.object({ id: z.string(), balanceAfter: z.number().optional() });

export const controlledCountSchema = z.object({
  id: z.string(),
  date: z.string(),
  bookBalance: z.number(),
  counted: z.number(),
  difference: z.number(),
  countedBy: z.string(),
  witness: z.string(),
  countedAt: z.string(),
});
export type ControlledCount = z.infer<typeof controlledCountSchema>;

export const controlledIncidentSchema = z.object({
  id: z.string(),
  drug: drugSchema,
  date: z.string(),
  difference: z.number(),
  openedAt: z.string(),
  status: z.enum(['open', 'resolved']),
  explanation: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type ControlledIncident = z.infer<typeof controlledIncidentSchema>;

export const controlledBookSchema = z.object({
  institutionId: z.string(),
  timeZone: z.string(),
  today: z.string(),
  drugs: z.array(
    z.object({
      drug: drugSchema,
      bookBalance: z.number(),
      countedToday: z.boolean(),
      counts: z.array(controlledCountSchema),
    }),
  ),
  incidents: z.array(controlledIncidentSchema),
});
export type ControlledBook = z.infer<typeof controlledBookSchema>;

export const controlledCountWrittenSchema = z.object({
  id: z.string(),
  difference: z.number(),
  incidentId: z.string().nullable(),
});
