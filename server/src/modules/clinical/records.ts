import { createHash } from 'node:crypto';
import type { Clock, DataClass } from '@custodia/domain';
import { canonicalJson, newId } from '@custodia/domain';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { AuditAction, AuditActor, AuditService } from '../audit/index.ts';
import type { Viewer } from '../identity/index.ts';
import type { RegistryService } from '../registry/index.ts';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const contentHash = (value: unknown) => sha256(canonicalJson(value));

export const bool = (n: number) => n === 1;
export const parseJson = <T>(text: string | null): T | null =>
  text === null ? null : (JSON.parse(text) as T);

/**
 * The medical record's name of a refused rule for `ruleRefused` (ADR 0021): `clinical_not_allowed`,
 * which the web app and its tests read; the rule's codes travel in the field errors.
 */
export const clinicalRules = {
  code: 'clinical_not_allowed',
  message: 'The clinical rules do not allow this; see the field errors.',
} as const;

/**
 * The common steps of every medical-record command: the person must be reachable by the viewer
 * (404 otherwise, like a missing one), and the access leaves an audit record in the same transaction
 * — with purpose `break_glass` when reached only through an emergency grant.
 */
export function recordAccess(registry: RegistryService, audit: AuditService) {
  return async function access(
    tx: Tx | Executor,
    viewer: Viewer,
    actor: AuditActor,
    personId: string,
    entry: { action: AuditAction; dataClass?: DataClass; resourceType?: string; resourceId?: string | null },
  ): Promise<Awaited<ReturnType<RegistryService['personForViewer']>>> {
    const person = await registry.personForViewer(tx, viewer, personId);
    await audit.record(tx as Tx, actor, {
      action: entry.action,
      dataClass: entry.dataClass ?? 'clinical',
      outcome: 'allowed',
      purpose: registry.inNormalScope(viewer, person) ? 'normal' : 'break_glass',
      resourceType: entry.resourceType ?? 'medical_record',
      resourceId: entry.resourceId ?? personId,
      personId,
    });
    return person;
  };
}

/** Corrections of append-only clinical entries (ARCHITECTURE.md; X-2). */
export async function addCorrection(
  tx: Tx,
  clock: Clock,
  input: {
    personId: string;
    entryType: string;
    entryId: string;
    kind: 'amendment' | 'entered_in_error' | 'resolved';
    reason: string;
    text?: string | null;
    authorId: string;
    /** What the correction is made against (e.g. the signed encounter's hash). */
    against?: string | null;
  },
): Promise<string> {
  const id = newId();
  const createdAt = clock.now().toISOString();
  const row = {
    id,
    person_id: input.personId,
    entry_type: input.entryType,
    entry_id: input.entryId,
    kind: input.kind,
    reason: input.reason,
    text: input.text ?? null,
    author_id: input.authorId,
    created_at: createdAt,
  };
  await tx
    .insertInto('clinical_correction')
    .values({ ...row, content_hash: contentHash({ ...row, against: input.against ?? null }) })
    .execute();
  return id;
}
