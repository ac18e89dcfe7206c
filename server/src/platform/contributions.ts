import type { Permission, SafetyAlert, ThresholdId } from '@custodia/domain';
import type { Executor, Tx } from './db/database.ts';

/**
 * The contribution points of the server (ADR 0020): places a module fills without the module that
 * shows them knowing it exists. The platform collects each module's contributions once, after every
 * service is built (see `collectContributions` in module.ts), in the order of `server/src/modules.ts`.
 */

/** The signed-in user, as far as a contributor needs to know: who, where, and what they may do. */
export interface SignedInUser {
  userId: string;
  permissions: ReadonlySet<Permission>;
  institutionIds: string[];
  /** National roles reach every institution (within their data classes). */
  national: boolean;
  /** People reachable through an active break-the-glass grant. */
  breakGlassPersonIds: string[];
}

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
  /** The institution it concerns, if any: its times are shown in that institution's zone (issue 14). */
  institutionId?: string | null;
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
 *
 * The contributors of one visit run as one gathering (ADR 0052, `platform/db/gathering.ts`): the names
 * of people (`registry.personSummaries` / `personLabels`), the institutions and the rule thresholds,
 * read through those services outside a transaction, are read once per round for all contributors.
 * A contributor names its people in one read where it can: each read it makes is a round of its own.
 */
export interface WorklistContributor {
  module: string;
  contribute(actor: SignedInUser): Promise<WorklistItem[]>;
}

/** Overdue first, then by deadline or age, oldest first; at most `limit` items. */
export function orderWorklist(items: WorklistItem[], limit: number): WorklistItem[] {
  const rank = (i: WorklistItem) => (i.severity === 'overdue' ? 0 : 1);
  const when = (i: WorklistItem) => i.dueAt ?? i.since ?? '';
  return [...items].sort((a, b) => rank(a) - rank(b) || when(a).localeCompare(when(b))).slice(0, limit);
}

/**
 * A kind of clinical task a module sets in motion (a screening, the examination after restraint): how
 * long it has, by which threshold, and the rule behind it. The medical record keeps the tasks.
 */
export interface TaskKind {
  kind: string;
  threshold: ThresholdId;
  sourceRef: string;
}

/** Who reads a person's record through a contribution point (the chart, FHIR, the IPS). */
export interface RecordReader {
  userId: string;
  institutionIds: string[];
  national: boolean;
  /** People reachable through an active break-the-glass grant. */
  breakGlassPersonIds?: string[];
  /** Holds `clinical.restricted.read`: sees items marked sensitive by others. */
  restrictedReader: boolean;
}

/**
 * A section of the chart summary (MED-1), under its own key of the chart's answer. It is read inside
 * the chart's transaction, before the scope check and the audit record, which the chart does once
 * for all sections.
 */
export interface ChartSection {
  key: string;
  read(tx: Tx, personId: string, reader: RecordReader): Promise<unknown>;
}

/** A FHIR R4 resource as the facade serves it. */
export interface FhirResource {
  resourceType: string;
  id: string;
}

/**
 * One FHIR resource type a module serves (`/fhir/R4/{type}/:id` and `?patient=`). The facade scopes
 * each read to the person it belongs to and audits it; the module maps its own rows.
 */
export interface FhirResourceType {
  type: string;
  /** The person a resource belongs to, or undefined when there is no such resource. */
  personOf(executor: Executor, id: string): Promise<string | undefined>;
  read(tx: Tx, id: string, reader: RecordReader): Promise<FhirResource | null>;
  search(tx: Tx, personId: string, reader: RecordReader, count: number): Promise<FhirResource[]>;
}

/** One section of the International Patient Summary (`Patient/{id}/$summary`, TRC-1). */
export interface IpsSection {
  title: string;
  /** Its LOINC section code. */
  code: string;
  /** What the section says when it has no entries. */
  empty: string;
  resources(tx: Tx, personId: string, reader: RecordReader): Promise<FhirResource[]>;
}

/**
 * MED-3: the health alerts in force for a list of people, coded (what to do, never why), for the
 * pages where custodial staff act (the person summary, the search results). One statement per batch;
 * the caller shows them only to a reader holding `health_alert.read`.
 */
export interface PersonAlertSource {
  module: string;
  inForce(executor: Executor, personIds: readonly string[]): Promise<Map<string, SafetyAlert[]>>;
}

/**
 * ADM-6: a module's say on placing a person in a cell (a person under airborne isolation in a shared
 * ordinary cell needs a recorded reason). The registry asks every guard inside the placement's
 * transaction; a guard answers the refusal's field code, or null. Nothing is written when one refuses.
 */
export interface PlacementGuard {
  module: string;
  check(
    tx: Tx,
    placement: {
      personId: string;
      cell: { id: string; cellType: string; certifiedCapacity: number };
      /** Others in custody in the cell now. */
      otherOccupants: number;
      /** Who they are (PHC-7: housing by drug-resistance profile; ADR 0050). */
      otherOccupantIds: readonly string[];
      /** The reason recorded with the placement for placing against a guard, if any. */
      reason: string | null;
      at: Date;
    },
  ): Promise<{ path: string; code: string } | null>;
}
