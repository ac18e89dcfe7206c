import type { Executor, Tx } from '../../platform/db/database.ts';
import { ruleRefused } from '../../platform/errors.ts';
import type { Caller } from '../identity/index.ts';
import { medicationRules } from './context.ts';
import type { MedicationDrugTable } from './tables.ts';

/**
 * An institution's own medication settings (ADR 0045): whether a feldsher may prescribe there, and
 * the drug flags that override the formulary's national ones (MDX-5).
 */

/** Whether feldshers may prescribe in the institution (off unless the institution turned it on). */
export async function feldsherMayPrescribe(executor: Executor, institutionId: string): Promise<boolean> {
  const row = await executor
    .selectFrom('medication_institution_setting')
    .select('feldsher_may_prescribe')
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
  return row?.feldsher_may_prescribe === 1;
}

/**
 * Only prescribers prescribe (issue 15 item 2): a doctor always; a feldsher (who holds
 * `medication.prescribe` but not `medication.prescribe.independent`) only where the institution allows.
 */
export async function assertMayPrescribe(tx: Tx, caller: Caller, institutionId: string): Promise<void> {
  if (caller.has('medication.prescribe.independent')) return;
  if (await feldsherMayPrescribe(tx, institutionId)) return;
  throw ruleRefused([{ path: '', code: 'feldsher_not_allowed' }], medicationRules);
}

/** MDX-5: the drug's flags in an institution — its own where it set them, else the national ones. */
export async function drugFlagsIn(executor: Executor, institutionId: string, drug: MedicationDrugTable) {
  const own = await executor
    .selectFrom('medication_drug_flag')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('drug_id', '=', drug.id)
    .executeTakeFirst();
  const flags = own ?? drug;
  return {
    highRisk: flags.high_risk === 1,
    programme: flags.programme,
    supervisedOnly: flags.supervised_only === 1,
  };
}
