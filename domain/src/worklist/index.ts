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
});
export type WorklistItem = z.infer<typeof worklistItemSchema>;

export const worklistSchema = z.object({ items: z.array(worklistItemSchema) });
