import { PAGE_LIMIT_DEFAULT, type PersonMedication } from '@custodia/domain';
import type { ChartSection } from '../../platform/contributions.ts';
import { type Executor, inTransaction } from '../../platform/db/database.ts';
import { decodeCursor, keysetAfter, toPage } from '../../platform/http/paging.ts';
import type { Caller } from '../identity/index.ts';
import type { MedicationContext } from './context.ts';
import { administrationView, drugsById, personAccess, prescriptionView } from './views.ts';

/** How many versions of the history the medication page shows (the newest). */
const HISTORY_LIMIT = 100;
/** How many entries the chart summary shows; the medication page pages through all. */
const CHART_ENTRIES = 10;

/** A person's medication: the list, the versions, the administration history (paged). */
export function createPersonMedication(ctx: MedicationContext) {
  const { db, clock, audit, registry, identity, clinical } = ctx;
  const access = personAccess(registry, audit);

  async function administrations(executor: Executor, personId: string, limit: number, cursor?: string) {
    const after = decodeCursor(cursor, 2);
    let q = executor
      .selectFrom('medication_administration')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('given_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1);
    if (after) q = q.where(keysetAfter(['given_at', 'id'], after, 'desc'));
    const rows = await q.execute();
    const versions = rows.length
      ? await executor
          .selectFrom('medication_prescription')
          .select(['prescription_id', 'drug_id', 'dose_unit'])
          .where('prescription_id', 'in', [...new Set(rows.map((r) => r.prescription_id))])
          .where('current', '=', 1)
          .execute()
      : [];
    const byId = new Map(versions.map((v) => [v.prescription_id, v]));
    const drugs = await drugsById(
      executor,
      versions.map((v) => v.drug_id),
    );
    const names = await identity.displayNames(
      executor,
      rows.map((r) => r.recorded_by),
    );
    return toPage(
      rows,
      limit,
      (r) => [r.given_at, r.id],
      (r) => {
        const v = byId.get(r.prescription_id);
        const drug = v ? drugs.get(v.drug_id) : undefined;
        return administrationView(
          r,
          drug ? `${drug.name_en} ${drug.strength}` : '',
          v?.dose_unit ?? 'mg',
          names,
        );
      },
    );
  }

  async function prescriptions(executor: Executor, personId: string) {
    const now = clock.now();
    const [current, history] = await Promise.all([
      executor
        .selectFrom('medication_prescription')
        .selectAll()
        .where('person_id', '=', personId)
        .where('current', '=', 1)
        .orderBy('created_at', 'desc')
        .execute(),
      executor
        .selectFrom('medication_prescription')
        .selectAll()
        .where('person_id', '=', personId)
        .where('current', '=', 0)
        .orderBy('created_at', 'desc')
        .limit(HISTORY_LIMIT)
        .execute(),
    ]);
    const drugs = await drugsById(
      executor,
      [...current, ...history].map((r) => r.drug_id),
    );
    const names = await identity.displayNames(
      executor,
      [...current, ...history].map((r) => r.prescriber_id),
    );
    const view = (r: (typeof current)[number]) => {
      const drug = drugs.get(r.drug_id);
      return drug ? [prescriptionView(r, drug, now, names)] : [];
    };
    // Active and paused first, then stopped; each newest first.
    const rank = (s: string) => (s === 'active' ? 0 : s === 'paused' ? 1 : 2);
    return {
      prescriptions: current.sort((a, b) => rank(a.status) - rank(b.status)).flatMap(view),
      history: history.flatMap(view),
    };
  }

  return {
    /** The person's prescriptions (current versions), their earlier versions, and recorded allergies. */
    async personMedication(caller: Caller, personId: string): Promise<PersonMedication> {
      return inTransaction(db, async (tx) => {
        await access(tx, caller.viewer, caller.audit, personId, {
          action: 'medication.person.read',
          resourceType: 'medication_prescription',
        });
        const lists = await prescriptions(tx, personId);
        const allergies = (await clinical.allergySubstances(tx, [personId])).get(personId) ?? [];
        return { ...lists, allergies };
      });
    },

    /** The person's administration history, newest first, paged by cursor (flat in history length). */
    async administrationPage(caller: Caller, personId: string, query: { limit?: number; cursor?: string }) {
      return inTransaction(db, async (tx) => {
        await access(tx, caller.viewer, caller.audit, personId, {
          action: 'medication.administration.read',
          resourceType: 'medication_administration',
        });
        return administrations(tx, personId, query.limit ?? PAGE_LIMIT_DEFAULT, query.cursor);
      });
    },

    /**
     * The chart's medication section (MED-1): the current prescriptions and the last doses. Read in
     * the chart's transaction, which checks the scope and audits once for all sections.
     */
    chartSection: {
      key: 'medication',
      async read(tx, personId) {
        const lists = await prescriptions(tx, personId);
        const recent = await administrations(tx, personId, CHART_ENTRIES);
        return {
          prescriptions: lists.prescriptions.filter((p) => p.status !== 'stopped'),
          administrations: recent.items,
        };
      },
    } satisfies ChartSection,
  };
}
