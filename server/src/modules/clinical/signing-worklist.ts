import type { SignedInUser, WorklistContributor } from '../../platform/contributions.ts';
import type { Db } from '../../platform/db/database.ts';
import type { RegistryService } from '../registry/index.ts';

/** Enough for a doctor's unsigned notes; the worklist bounds its total too. */
const DRAFTS_LIMIT = 50;

/**
 * Issue 14 item 5: the encounters awaiting their author's signature, on the author's worklist (kind
 * `encounter_signature`, its subject the encounter). The screenings awaiting a doctor's
 * countersignature come as tasks (`screening_countersignature`, ADM-1) from the screening's
 * contributor. A draft left unsigned is a note nobody else can rely on, so it stays in sight.
 */
export function createSigningWorklist(db: Db, registry: RegistryService): WorklistContributor {
  return {
    module: 'clinical',
    async contribute(actor: SignedInUser) {
      if (!actor.permissions.has('clinical.record.write')) return [];
      if (!actor.national && actor.institutionIds.length === 0) return [];
      let q = db
        .selectFrom('encounter')
        .select(['id', 'person_id', 'created_at'])
        .where('author_id', '=', actor.userId)
        .where('status', '=', 'draft')
        .where('type', '!=', 'admission_screening');
      if (!actor.national) q = q.where('institution_id', 'in', actor.institutionIds);
      const drafts = await q.orderBy('created_at').orderBy('id').limit(DRAFTS_LIMIT).execute();
      const people = await registry.personLabels(
        db,
        drafts.map((d) => d.person_id),
      );
      return drafts.map((d) => {
        const person = people.get(d.person_id);
        return {
          module: 'clinical',
          kind: 'encounter_signature',
          severity: 'due' as const,
          subjectId: d.id,
          label: person ? `${person.prisonNumber} · ${person.name}` : d.person_id,
          since: d.created_at,
          dueAt: null,
          dataClass: 'clinical' as const,
        };
      });
    },
  };
}
