import { PAGE_LIMIT_DEFAULT, type PersonMedication } from '@custodia/domain';
import type { ChartSection } from '../../platform/contributions.ts';
import { type Executor, inTransaction } from '../../platform/db/database.ts';
import { decodeCursor, keysetAfter, toPage } from '../../platform/http/paging.ts';
import type { Caller } from '../identity/index.ts';
import type { MedicationContext } from './context.ts';
import type { MedicationDrugTable, MedicationPrescriptionTable } from './tables.ts';
import { administrationView, drugsById, personAccess, prescriptionView } from './views.ts';

/** How many versions of the history the medication page shows (the newest). */
const HISTORY_LIMIT = 100;
/** How many entries the chart summary shows; the medication page pages through all. */
const CHART_ENTRIES = 10;

/** The drug's columns beside a prescription's, prefixed (one joined read). */
const drugColumns = [
  'd.code as drug_code',
  'd.inn as drug_inn',
  'd.name_az as drug_name_az',
  'd.name_en as drug_name_en',
  'd.name_ru as drug_name_ru',
  'd.strength as drug_strength',
  'd.form as drug_form',
  'd.route as drug_route',
  'd.atc_code as drug_atc_code',
  'd.high_risk as drug_high_risk',
  'd.programme as drug_programme',
  'd.supervised_only as drug_supervised_only',
  'd.observe_after as drug_observe_after',
  'd.controlled as drug_controlled',
  'd.created_at as drug_created_at',
] as const;

type WithDrug = MedicationPrescriptionTable & {
  [K in (typeof drugColumns)[number] as K extends `${string} as ${infer A}`
    ? A
    : never]: MedicationDrugTable[K extends `d.${infer C} as ${string}`
    ? C & keyof MedicationDrugTable
    : never];
};

function drugOf(r: WithDrug): MedicationDrugTable {
  return {
    id: r.drug_id,
    code: r.drug_code,
    inn: r.drug_inn,
    name_az: r.drug_name_az,
    name_en: r.drug_name_en,
    name_ru: r.drug_name_ru,
    strength: r.drug_strength,
    form: r.drug_form,
    route: r.drug_route,
    atc_code: r.drug_atc_code,
    high_risk: r.drug_high_risk,
    programme: r.drug_programme,
    supervised_only: r.drug_supervised_only,
    observe_after: r.drug_observe_after,
    controlled: r.drug_controlled,
    created_at: r.drug_created_at,
  };
}

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
      // Two statements whatever the history: each list joins its drug (the chart counts its statements).
      async read(tx, personId) {
        const now = clock.now();
        const [current, recent] = await Promise.all([
          tx
            .selectFrom('medication_prescription as p')
            .innerJoin('medication_drug as d', 'd.id', 'p.drug_id')
            .selectAll('p')
            .select(drugColumns)
            .where('p.person_id', '=', personId)
            .where('p.current', '=', 1)
            .where('p.status', '!=', 'stopped')
            .orderBy('p.created_at', 'desc')
            .limit(HISTORY_LIMIT)
            .execute(),
          tx
            .selectFrom('medication_administration as a')
            .innerJoin('medication_prescription as p', (j) =>
              j.onRef('p.prescription_id', '=', 'a.prescription_id').on('p.current', '=', 1),
            )
            .innerJoin('medication_drug as d', 'd.id', 'p.drug_id')
            .selectAll('a')
            .select(['p.dose_unit', 'd.name_en as drug_name', 'd.strength as drug_strength'])
            .where('a.person_id', '=', personId)
            .orderBy('a.given_at', 'desc')
            .orderBy('a.id', 'desc')
            .limit(CHART_ENTRIES)
            .execute(),
        ]);
        const none = new Map<string, string>();
        return {
          prescriptions: current.map((r) => prescriptionView(r, drugOf(r), now, none)),
          administrations: recent.map((r) =>
            administrationView(r, `${r.drug_name} ${r.drug_strength}`, r.dose_unit, none),
          ),
        };
      },
    } satisfies ChartSection,
  };
}
