import { z } from 'zod';

/**
 * One item of `GET /api/v1/worklist`: something due or overdue, from one module (issue 11: the server
 * serialises through this schema and the web infers its type from it).
 */
export const worklistItemSchema = z.object({
  module: z.string(),
  kind: z.string(),
  severity: z.enum(['due', 'overdue']),
  subjectId: z.string(),
  label: z.string(),
  since: z.string().nullable(),
  dueAt: z.string().nullable().optional(),
  /** The institution it concerns (null: none in particular, e.g. a break-the-glass request). */
  institutionId: z.string().nullable().optional(),
  /** The time zone its times are shown in: its institution's, else the deployment's (issue 14). */
  timeZone: z.string().optional(),
});
export type WorklistItem = z.infer<typeof worklistItemSchema>;

/**
 * One group of the worklist (issue 14): the items of one kind at one institution, how many there
 * are and whether any is overdue, counted before any paging, so that a home page shows "186" and the
 * first few rather than 186 lines.
 */
export const worklistGroupSchema = z.object({
  module: z.string(),
  kind: z.string(),
  institutionId: z.string().nullable(),
  count: z.number().int(),
  overdue: z.boolean(),
});
export type WorklistGroup = z.infer<typeof worklistGroupSchema>;

/**
 * `GET /api/v1/worklist?module=&kind=&institutionId=&perGroup=&cursor=&limit=`: with `perGroup`, at
 * most that many items of each group (the home page); otherwise a page of the (filtered) list.
 */
export const worklistQuerySchema = z.object({
  module: z.string().trim().min(1).max(40).optional(),
  kind: z.string().trim().min(1).max(60).optional(),
  institutionId: z.string().trim().min(1).max(64).optional(),
  perGroup: z.coerce.number().int().min(1).max(50).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,6}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type WorklistQuery = z.infer<typeof worklistQuerySchema>;

export const worklistSchema = z.object({
  items: z.array(worklistItemSchema),
  /** Every group of the list (filtered as asked), with its count: absent from answers of old servers. */
  groups: z.array(worklistGroupSchema).optional(),
  /** The next page's cursor (a list without `perGroup`), or null at its end. */
  nextCursor: z.string().nullable().optional(),
});
