import { createHash } from 'node:crypto';
import type { AuditEventTable } from './tables.ts';

/** The hash before the first event of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields a hash covers, in a fixed order: every column but the hash itself (STANDARDS X-2). */
export const HASHED_COLUMNS = [
  'seq',
  'id',
  'at',
  'user_id',
  'username',
  'role',
  'action',
  'resource_type',
  'resource_id',
  'person_id',
  'data_class',
  'purpose',
  'outcome',
  'client_address',
  'details',
  'prev_hash',
] as const satisfies readonly (keyof AuditEventTable)[];

/** The canonical content of an event: a JSON array of the covered fields (unambiguous, engine-independent). */
export function canonicalContent(event: Omit<AuditEventTable, 'hash'>): string {
  return JSON.stringify(
    HASHED_COLUMNS.map((key) => (key === 'seq' ? Number(event[key]) : (event[key] ?? null))),
  );
}

/** SHA-256 over the canonical content, which itself holds the previous event's hash: a chain. */
export function eventHash(event: Omit<AuditEventTable, 'hash'>): string {
  return createHash('sha256').update(canonicalContent(event), 'utf8').digest('hex');
}

export type ChainBreak = { seq: number; id: string; reason: 'hash' | 'link' | 'gap' };

/**
 * Checks a run of events in order. `previous` is the last verified event before the run (or null at
 * the start). Returns the first event that breaks the chain, or null.
 */
export function firstBreak(
  events: AuditEventTable[],
  previous: { seq: number; hash: string } | null,
): ChainBreak | null {
  let prev = previous;
  for (const event of events) {
    const seq = Number(event.seq);
    const expectedSeq = prev ? prev.seq + 1 : 1;
    if (seq !== expectedSeq) return { seq, id: event.id, reason: 'gap' };
    if (event.prev_hash !== (prev ? prev.hash : GENESIS_HASH)) return { seq, id: event.id, reason: 'link' };
    if (eventHash(event) !== event.hash) return { seq, id: event.id, reason: 'hash' };
    prev = { seq, hash: event.hash };
  }
  return null;
}
