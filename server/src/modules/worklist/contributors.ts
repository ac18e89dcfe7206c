import type { Actor } from '../identity/service.ts';

/** One due or overdue task on the home worklist. */
export interface WorklistItem {
  /** The module that contributed it (the web app asks that module where the item links to). */
  module: string;
  kind: string;
  severity: 'due' | 'overdue';
  subjectId: string;
  label: string;
  /** Since when it has been pending (or null when it is a standing condition). */
  since: string | null;
  /** When it falls or fell due, if it has a deadline. */
  dueAt?: string | null;
  /**
   * What the item reveals. `clinical`: that the person has a clinical task pending (a screening, a
   * TB work-up, a referral, the examination after restraint) — shown to clinical roles only (X-2,
   * MED-1), whatever the contributor did. Not sent to the browser.
   */
  dataClass: 'clinical' | 'custodial';
}

/**
 * The contribution point of the worklist home page: each module registers one contributor, which
 * returns what the signed-in user may see and must act on. A contributor checks the actor's
 * permissions itself and returns a bounded list (it is read on every visit of the home page).
 */
export interface WorklistContributor {
  module: string;
  contribute(actor: Actor): Promise<WorklistItem[]>;
}

/** Overdue first, then by deadline or age, oldest first; at most `limit` items. */
export function orderWorklist(items: WorklistItem[], limit: number): WorklistItem[] {
  const rank = (i: WorklistItem) => (i.severity === 'overdue' ? 0 : 1);
  const when = (i: WorklistItem) => i.dueAt ?? i.since ?? '';
  return [...items].sort((a, b) => rank(a) - rank(b) || when(a).localeCompare(when(b))).slice(0, limit);
}
