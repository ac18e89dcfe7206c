import type { AuditOutcome, AuditPurpose, DataClass } from '@custodia/domain';
import { type Clock, newId } from '@custodia/domain';
import type { AuditActionCode, RouteAction } from '@custodia/domain/audit/words';
import { type CompiledQuery, sql } from 'kysely';
import { beforeCommit, type Db, type Dialect, inTransaction, type Tx } from '../../platform/db/database.ts';
import { decodeCursor, toPage } from '../../platform/http/paging.ts';
import { type ChainBreak, eventHash, firstBreak, GENESIS_HASH, HASHED_COLUMNS } from './chain.ts';
import { createDenialLimiter } from './denials.ts';
import type { AuditEventTable } from './tables.ts';

/** Who is acting, as the audit trail records it. */
export interface AuditActor {
  userId: string | null;
  username: string | null;
  /** The role in use: the roles that granted the permission, comma-separated. */
  role: string | null;
  clientAddress: string | null;
}

/**
 * What an audit event records (issue 14 item 7): a code with words in az, en and ru
 * (`auditActionWords`, domain/audit/words.ts), or, for a refused request, its route.
 */
export type AuditAction = AuditActionCode | RouteAction;

export interface AuditEntry {
  action: AuditAction;
  dataClass: DataClass;
  outcome: AuditOutcome;
  purpose?: AuditPurpose;
  resourceType?: string | null;
  resourceId?: string | null;
  personId?: string | null;
  /** Non-clinical context only (ids, codes, counts): never names or clinical text. */
  details?: Record<string, string | number | boolean | null>;
}

// Serialises appends on PostgreSQL (held to the end of the writing transaction), so the chain has
// one order however many replicas write. SQLite has one writer already.
const CHAIN_LOCK = 7_302_501;

export interface AuditService {
  /** Appends an event inside the caller's transaction: it commits or rolls back with the work it records. */
  record(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<void>;
  /** Appends an event in a transaction of its own (a denied request, a failed sign-in). */
  recordAlone(actor: AuditActor, entry: AuditEntry): Promise<void>;
  /**
   * Appends a refusal (outcome `denied`) in a transaction of its own, at most so many per session
   * and minute (X-2; see denials.ts): a loop of refused requests cannot flood the trail.
   */
  recordDenied(sessionId: string, actor: AuditActor, entry: Omit<AuditEntry, 'outcome'>): Promise<void>;
  verify(
    onProgress?: (checked: number) => void,
  ): Promise<
    | { ok: true; events: number; head: { seq: number; hash: string } | null }
    | { ok: false; events: number; broken: ChainBreak }
  >;
}

/** Events per INSERT when a transaction appends several (SQLite allows 32,766 parameters). */
const EVENTS_PER_INSERT = 500;

/** An event's columns, in the order of the one-event INSERT's parameters: what the hash covers, then it. */
const AUDIT_COLUMNS = [...HASHED_COLUMNS, 'hash'] as const;

export function createAuditService(db: Db, dialect: Dialect, clock: Clock): AuditService {
  /**
   * The append's statements, built and compiled once (every audited request runs them; building and
   * compiling a query tree each time was a tenth of a small write's time, ADR 0058).
   */
  let compiled: { head: CompiledQuery<{ seq: number; hash: string }>; insertOne: CompiledQuery } | undefined;
  const statements = (tx: Tx) =>
    (compiled ??= {
      // PostgreSQL: the chain's lock, then its head, in one round trip (migration 0056, ADR 0059).
      head:
        dialect === 'postgresql'
          ? sql<{ seq: number; hash: string }>`select seq, hash from audit_chain_head(${CHAIN_LOCK})`.compile(
              tx,
            )
          : tx.selectFrom('audit_event').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).compile(),
      insertOne: tx
        .insertInto('audit_event')
        .values(Object.fromEntries(AUDIT_COLUMNS.map((c) => [c, ''])) as unknown as AuditEventTable)
        .compile(),
    });

  /** Events recorded in a transaction of `inTransaction`, appended right before it commits. */
  const pending = new WeakMap<object, { actor: AuditActor; entry: AuditEntry }[]>();

  /**
   * Appends events to the chain: one read of the chain's head (on PostgreSQL under the chain's lock,
   * in the same round trip), the hashes worked out in order, one INSERT (issue 13 item 6: several
   * events of a request hashed together).
   */
  const append = async (tx: Tx, events: readonly { actor: AuditActor; entry: AuditEntry }[]) => {
    const [last] = (await tx.executeQuery(statements(tx).head)).rows;
    let seq = last ? Number(last.seq) : 0;
    let prevHash = last ? last.hash : GENESIS_HASH;
    const at = clock.now().toISOString();
    const rows: AuditEventTable[] = events.map(({ actor, entry }) => {
      const event: Omit<AuditEventTable, 'hash'> = {
        seq: ++seq,
        id: newId(),
        at,
        user_id: actor.userId,
        username: actor.username,
        role: actor.role,
        action: entry.action,
        resource_type: entry.resourceType ?? null,
        resource_id: entry.resourceId ?? null,
        person_id: entry.personId ?? null,
        data_class: entry.dataClass,
        purpose: entry.purpose ?? 'normal',
        outcome: entry.outcome,
        client_address: actor.clientAddress,
        details: entry.details ? JSON.stringify(entry.details) : null,
        prev_hash: prevHash,
      };
      const hash = eventHash(event);
      prevHash = hash;
      return { ...event, hash };
    });
    const [only] = rows;
    if (rows.length === 1 && only) {
      const { insertOne } = statements(tx);
      await tx.executeQuery({ ...insertOne, parameters: AUDIT_COLUMNS.map((c) => only[c]) });
      return;
    }
    for (let i = 0; i < rows.length; i += EVENTS_PER_INSERT)
      await tx
        .insertInto('audit_event')
        .values(rows.slice(i, i + EVENTS_PER_INSERT))
        .execute();
  };

  /**
   * In a transaction of `inTransaction` the event is appended right before the commit (ADR 0058):
   * the same transaction, so it commits or rolls back with the work it records, but PostgreSQL's
   * chain lock is held only for the append and the commit, not for the whole request.
   */
  const record: AuditService['record'] = async (tx, actor, entry) => {
    const queued = pending.get(tx);
    if (queued) {
      queued.push({ actor, entry });
      return;
    }
    const events = [{ actor, entry }];
    const deferred = beforeCommit(tx, () => {
      pending.delete(tx);
      return append(tx, events);
    });
    if (deferred) pending.set(tx, events);
    else await append(tx, events);
  };

  const denials = createDenialLimiter();
  const recordDenied: AuditService['recordDenied'] = async (sessionId, actor, entry) => {
    const decision = denials.take(sessionId, clock.now().getTime());
    if (!decision.record && !decision.limitReached && !decision.suppressedBefore) return;
    await inTransaction(db, async (tx) => {
      if (decision.suppressedBefore) {
        await record(tx, actor, {
          action: 'audit.denials_suppressed',
          dataClass: 'audit',
          outcome: 'denied',
          details: decision.suppressedBefore,
        });
      }
      if (decision.record) await record(tx, actor, { ...entry, outcome: 'denied' });
      else if (decision.limitReached) {
        await record(tx, actor, {
          ...entry,
          action: 'audit.denials_limited',
          outcome: 'denied',
          details: { refused: entry.action, countedUntil: denials.windowEnd(sessionId) },
        });
      }
    });
  };

  return {
    record,
    recordAlone: (actor, entry) => inTransaction(db, (tx) => record(tx, actor, entry)),
    recordDenied,
    async verify(onProgress) {
      const batch = 5000;
      let previous: { seq: number; hash: string } | null = null;
      let count = 0;
      for (;;) {
        let query = db.selectFrom('audit_event').selectAll().orderBy('seq').limit(batch);
        if (previous) query = query.where('seq', '>', previous.seq);
        const rows = await query.execute();
        const broken = firstBreak(rows, previous);
        if (broken) return { ok: false, events: count + rows.findIndex((r) => r.id === broken.id), broken };
        count += rows.length;
        onProgress?.(count);
        const last = rows[rows.length - 1];
        if (!last || rows.length < batch) {
          const head = last ? { seq: Number(last.seq), hash: last.hash } : previous;
          return { ok: true, events: count, head };
        }
        previous = { seq: Number(last.seq), hash: last.hash };
      }
    },
  };
}

export interface AuditSearch {
  personId?: string;
  userId?: string;
  username?: string;
  from?: string;
  to?: string;
  outcome?: 'allowed' | 'denied';
  dataClasses?: string[];
  limit: number;
  cursor?: string;
}

/** Audit rows as the API shows them (newest first), paged by sequence number. */
export async function searchAudit(db: Db, search: AuditSearch) {
  const after = decodeCursor(search.cursor, 1);
  let q = db
    .selectFrom('audit_event')
    .select([
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
    ])
    .orderBy('seq', 'desc')
    .limit(search.limit + 1);
  if (search.personId) q = q.where('person_id', '=', search.personId);
  if (search.userId) q = q.where('user_id', '=', search.userId);
  if (search.username) q = q.where('username', '=', search.username.trim().toLowerCase());
  if (search.from) q = q.where('at', '>=', search.from);
  if (search.to) q = q.where('at', '<', search.to);
  if (search.outcome) q = q.where('outcome', '=', search.outcome);
  if (search.dataClasses?.length) q = q.where('data_class', 'in', search.dataClasses);
  if (after) q = q.where('seq', '<', Number(after[0]));
  const rows = await q.execute();
  return toPage(
    rows,
    search.limit,
    (r) => [Number(r.seq)],
    (r) => ({
      seq: Number(r.seq),
      id: r.id,
      at: r.at,
      userId: r.user_id,
      username: r.username,
      role: r.role,
      action: r.action,
      resourceType: r.resource_type,
      resourceId: r.resource_id,
      personId: r.person_id,
      dataClass: r.data_class as DataClass,
      purpose: r.purpose as AuditPurpose,
      outcome: r.outcome as AuditOutcome,
      clientAddress: r.client_address,
    }),
  );
}
