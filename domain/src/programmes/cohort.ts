import { type SuppressionLine, suppressedCells } from '../platform/suppression.ts';
import { inCohort, isDrugResistant, isTreatmentSuccess, quarterBounds } from './rules.ts';
import {
  type TbBacteriology,
  type TbRegistrationCategory,
  type TbResistance,
  type TbSite,
  tbOutcomes,
} from './vocabulary.ts';

/**
 * The TB reports in WHO's recording and reporting forms (DOMAIN.md §3.3; TB-3): the quarterly case
 * registration, the quarterly outcome cohort registered four quarters earlier, the yearly RR/MDR
 * cohort, and yearly screening coverage. Pure: the server reads the episodes, these count them.
 */

/** An episode as the reports read it (registered episodes only). */
export interface CohortEpisode {
  category: TbRegistrationCategory;
  bacteriology: TbBacteriology;
  site: TbSite;
  resistance: TbResistance;
  diagnosedOn: string;
  registeredOn: string;
  treatmentStartOn: string | null;
  outcome: string | null;
}

/** The rows of the case registration form: {bact. confirmed pulmonary, clinically diagnosed pulmonary, extrapulmonary}. */
export const notificationRows = ['pulmonary_bc', 'pulmonary_cd', 'extrapulmonary'] as const;
/** Its columns: new, relapse, previously treated excluding relapse, unknown history. */
export const notificationColumns = ['new', 'relapse', 'previously_treated', 'unknown_history'] as const;
/** The outcome columns of a cohort, and "not yet assigned" (cohort size = Σ outcomes). */
export const cohortColumns = [...tbOutcomes, 'not_assigned'] as const;

const rowOf = (e: CohortEpisode) =>
  e.site === 'extrapulmonary'
    ? 'extrapulmonary'
    : e.bacteriology === 'bacteriologically_confirmed'
      ? 'pulmonary_bc'
      : 'pulmonary_cd';
const columnOf = (e: CohortEpisode) =>
  e.category === 'new' || e.category === 'relapse' || e.category === 'unknown_history'
    ? e.category
    : 'previously_treated';

export interface CohortTable {
  /** `row.column` → count (totals under `total.*` and `*.total`). */
  cells: Record<string, number>;
}

/** TB-3: notifications of the quarter by date of diagnosis, in the WHO case-registration cells. */
export function notificationTable(
  episodes: readonly CohortEpisode[],
  quarter: string,
): Record<string, number> {
  const { from, to } = quarterBounds(quarter);
  const cells: Record<string, number> = {};
  for (const r of [...notificationRows, 'total'])
    for (const c of [...notificationColumns, 'total']) cells[`${r}.${c}`] = 0;
  for (const e of episodes) {
    if (e.diagnosedOn < from || e.diagnosedOn > to) continue;
    const r = rowOf(e);
    const c = columnOf(e);
    for (const key of [`${r}.${c}`, `${r}.total`, `total.${c}`, 'total.total'])
      cells[key] = (cells[key] ?? 0) + 1;
  }
  return cells;
}

/** The additive lines of the notification table (DAT-6: what a suppressed cell could be worked out from). */
export function notificationLines(): SuppressionLine[] {
  const rows = [...notificationRows, 'total'];
  const cols = [...notificationColumns, 'total'];
  return [
    ...rows.map((r) => ({ total: `${r}.total`, parts: notificationColumns.map((c) => `${r}.${c}`) })),
    ...cols.map((c) => ({ total: `total.${c}`, parts: notificationRows.map((r) => `${r}.${c}`) })),
  ];
}

/** The rows of an outcome cohort: by bacteriology and history, as WHO's form. */
export const outcomeRows = ['new_relapse_bc', 'new_relapse_cd_ep', 'previously_treated', 'total'] as const;
const outcomeRowOf = (e: CohortEpisode) =>
  e.category === 'new' || e.category === 'relapse'
    ? e.bacteriology === 'bacteriologically_confirmed' && e.site === 'pulmonary'
      ? 'new_relapse_bc'
      : 'new_relapse_cd_ep'
    : 'previously_treated';

/** TB-3: a cohort's outcomes by row, with its size and treatment success rate. */
export function outcomeTable(cohort: readonly CohortEpisode[]): Record<string, number> {
  const cells: Record<string, number> = {};
  for (const r of outcomeRows) {
    cells[`${r}.cohort`] = 0;
    for (const c of cohortColumns) cells[`${r}.${c}`] = 0;
  }
  for (const e of cohort) {
    const column =
      e.outcome && (tbOutcomes as readonly string[]).includes(e.outcome) ? e.outcome : 'not_assigned';
    for (const r of [outcomeRowOf(e), 'total']) {
      cells[`${r}.cohort`] = (cells[`${r}.cohort`] ?? 0) + 1;
      cells[`${r}.${column}`] = (cells[`${r}.${column}`] ?? 0) + 1;
    }
  }
  return cells;
}

/** The lines of an outcome table: each row's cohort is the sum of its outcomes; the total row the sum of rows. */
export function outcomeLines(): SuppressionLine[] {
  const parts = outcomeRows.filter((r) => r !== 'total');
  return [
    ...outcomeRows.map((r) => ({ total: `${r}.cohort`, parts: cohortColumns.map((c) => `${r}.${c}`) })),
    ...['cohort', ...cohortColumns].map((c) => ({
      total: `total.${c}`,
      parts: parts.map((r) => `${r}.${c}`),
    })),
  ];
}

/** PHC-8: treatment success rate (cured + completed) / cohort, as a whole percentage (null for an empty cohort). */
export function successRate(cohort: readonly CohortEpisode[]): number | null {
  if (!cohort.length) return null;
  return Math.round((100 * cohort.filter((e) => isTreatmentSuccess(e.outcome)).length) / cohort.length);
}

/** TB-3: the drug-susceptible outcome cohort of a quarter (RR/MDR is reported yearly, apart). */
export function dsCohort(episodes: readonly CohortEpisode[], cohortQuarter: string): CohortEpisode[] {
  return episodes.filter((e) => inCohort(e.registeredOn, cohortQuarter) && !isDrugResistant(e.resistance));
}

/** TB-3: the RR/MDR cohort of a year: drug-resistant cases whose treatment started that year. */
export function mdrCohort(episodes: readonly CohortEpisode[], year: number): CohortEpisode[] {
  return episodes.filter(
    (e) =>
      isDrugResistant(e.resistance) && (e.treatmentStartOn ?? e.registeredOn).slice(0, 4) === String(year),
  );
}

/** DAT-6: the cells of a table to leave out for a reader outside the health service. */
export function suppressTable(
  cells: Record<string, number>,
  lines: readonly SuppressionLine[],
  threshold: number,
): { cells: Record<string, number | null>; suppressed: string[] } {
  const hide = suppressedCells(cells, lines, threshold);
  const out: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(cells)) out[k] = hide.has(k) ? null : v;
  return { cells: out, suppressed: [...hide].sort() };
}
