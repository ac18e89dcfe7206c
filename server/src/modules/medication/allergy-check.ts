import { allergyMatches } from '@custodia/domain';
import type { Executor } from '../../platform/db/database.ts';

/** The medical record's recorded allergies of people (clinical's `allergySubstances`), as medication reads them. */
export type AllergyReader = (
  executor: Executor,
  personIds: readonly string[],
) => Promise<Map<string, string[]>>;

/** A drug's names the allergy check compares with the recorded substances. */
export interface AllergyCheckedDrug {
  inn: string;
  name_az: string;
  name_en: string;
  name_ru: string;
}

/**
 * The allergy check every prescription goes through (issue 15; ADR 0050): a drug whose name matches
 * a recorded allergy of the person is refused (`allergy_override_required`, the matched substances
 * in the message) unless an override reason is given. One read of the allergies for all the drugs;
 * the prescription form and the programme regimens (`prescribeSupervisedRegimen`) share it.
 */
export async function allergyProblemsOf(
  allergies: AllergyReader,
  executor: Executor,
  personId: string,
  drugs: readonly AllergyCheckedDrug[],
  override: string | null | undefined,
): Promise<{ path: string; code: 'allergy_override_required'; message: string }[]> {
  if (!drugs.length || override?.trim()) return [];
  const substances = (await allergies(executor, [personId])).get(personId) ?? [];
  if (!substances.length) return [];
  const matches = [
    ...new Set(drugs.flatMap((d) => allergyMatches([d.inn, d.name_az, d.name_en, d.name_ru], substances))),
  ];
  return matches.length
    ? [{ path: 'allergyOverrideReason', code: 'allergy_override_required', message: matches.join(', ') }]
    : [];
}
