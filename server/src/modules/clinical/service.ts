import type { allergyInputSchema, amendmentSchema, problemInputSchema } from '@custodia/domain';
import {
  bodyMassIndex,
  type Clock,
  type ConsentInput,
  canSeeRestricted,
  consentProblem,
  type EncounterContent,
  editProblem,
  encounterContentSchema,
  ICD10_SYSTEM,
  isNoteEmpty,
  type LabResultInput,
  LOINC_SYSTEM,
  labResultProblem,
  labTests,
  newId,
  type PersonPresent,
  presenceProblems,
  type ScreeningForm,
  screeningVitalsProblems,
  type VitalSign,
  type VitalsInput,
  vitalSignNames,
  vitalSigns,
  vitalsProblems,
} from '@custodia/domain';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { ChartSection } from '../../platform/contributions.ts';
import { compiledOnce } from '../../platform/db/compiled-once.ts';
import { type Db, type Executor, inTransaction, type Tx } from '../../platform/db/database.ts';
import { jsonArrayOf, jsonRows, newestFirst, oldestFirst } from '../../platform/db/json-rows.ts';
import {
  badRequest,
  conflict,
  forbidden,
  notFound,
  ruleRefused,
  staleVersion,
} from '../../platform/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import { decodeCursor, keysetAfter, toPage } from '../../platform/http/paging.ts';
import type { AuditActor, AuditService } from '../audit/index.ts';
import type { IdentityService, Viewer } from '../identity/index.ts';
import type { RegistryService } from '../registry/index.ts';
import { addCorrection, bool, clinicalRules, contentHash, parseJson, recordAccess } from './records.ts';
import { createSigningWorklist } from './signing-worklist.ts';
import type { EncounterTable, ObservationTable } from './tables.ts';

type ProblemInput = z.infer<typeof problemInputSchema>;
type AllergyInput = z.infer<typeof allergyInputSchema>;
type Amendment = z.infer<typeof amendmentSchema>;

/** How many of each list the chart summary shows; older history pages in. */
const SUMMARY = {
  problems: 100,
  allergies: 100,
  encounters: 10,
  labs: 10,
  tasks: 50,
  alerts: 50,
  screenings: 20,
} as const;

/** Every column, named: a JSON array column is built from named columns (platform/db/json-rows.ts). */
const OBSERVATION_COLUMNS = [
  'id',
  'person_id',
  'encounter_id',
  'category',
  'test',
  'code_system',
  'code',
  'value_number',
  'value_code',
  'unit',
  'note',
  'effective_at',
  'restricted',
  'author_id',
  'recorded_at',
] as const satisfies readonly (keyof ObservationTable)[];
const ENCOUNTER_COLUMNS = [
  'id',
  'person_id',
  'institution_id',
  'type',
  'started_at',
  'author_id',
  'status',
  'content',
  'structured',
  'restricted',
  'task_id',
  'content_hash',
  'signed_at',
  'signed_by',
  'version',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof EncounterTable)[];

const vitalOrder = (test: string) => vitalSignNames.indexOf(test as VitalSign);

/** Not corrected away: no correction of these kinds points at the entry (`column` is its qualified id). */
const notCorrected = (column: string, kinds: string[]) =>
  sql<boolean>`not exists (select 1 from clinical_correction cc where cc.entry_id = ${sql.ref(column)} and cc.kind in (${sql.join(kinds)}))`;

/** Restricted items of others are left out unless the viewer holds the restricted-clinical permission. */
const visibleTo = (viewer: Pick<Viewer, 'restrictedReader' | 'userId'>, table: string) =>
  viewer.restrictedReader
    ? sql<boolean>`1 = 1`
    : sql<boolean>`(${sql.ref(`${table}.restricted`)} = 0 or ${sql.ref(`${table}.author_id`)} = ${viewer.userId})`;

export function encounterView(
  row: EncounterTable,
  viewer: Viewer,
  corrections: CorrectionView[] = [],
  names: ReadonlyMap<string, string> = new Map(),
) {
  const content = parseJson<EncounterContent>(row.content) as EncounterContent;
  const visible = canSeeRestricted({ restricted: bool(row.restricted), authorId: row.author_id }, viewer);
  return {
    id: row.id,
    personId: row.person_id,
    institutionId: row.institution_id,
    type: row.type,
    status: row.status,
    startedAt: row.started_at,
    authorId: row.author_id,
    /** Who wrote and who signed it, by name: a file read at 3 a.m. says who to call. */
    authorName: names.get(row.author_id) ?? null,
    restricted: bool(row.restricted),
    /** Restricted content hidden from this viewer: the entry shows that it exists, not what it says. */
    hidden: !visible,
    content: visible ? content : null,
    structured: visible ? parseJson<unknown>(row.structured) : null,
    taskId: row.task_id,
    contentHash: row.content_hash,
    signedAt: row.signed_at,
    signedBy: row.signed_by,
    signedByName: row.signed_by ? (names.get(row.signed_by) ?? null) : null,
    enteredInError: corrections.some((c) => c.kind === 'entered_in_error'),
    // An amendment takes the restriction of what it amends (PRODUCT.md, restricted clinical): its
    // text and reason are as sensitive as the note, so a viewer who may not read the note gets none.
    corrections: visible ? corrections : [],
    version: row.version,
    updatedAt: row.updated_at,
  };
}
export type EncounterView = ReturnType<typeof encounterView>;

export interface CorrectionView {
  id: string;
  kind: string;
  reason: string;
  text: string | null;
  authorId: string;
  authorName: string | null;
  createdAt: string;
  contentHash: string;
}

const observationView = (o: ObservationTable) => ({
  id: o.id,
  category: o.category,
  test: o.test,
  codeSystem: o.code_system,
  code: o.code,
  valueNumber: o.value_number,
  valueCode: o.value_code,
  unit: o.unit,
  note: o.note,
  effectiveAt: o.effective_at,
  restricted: bool(o.restricted),
  authorId: o.author_id,
  encounterId: o.encounter_id,
});

/**
 * The chart's nine summary lists in one statement, each a JSON array column (ADR 0047), built and
 * compiled once per shape — whether the reader sees others' restricted items — and run with each
 * chart's person, time and reader (ADR 0052: it was built and compiled on every chart, to the
 * same SQL).
 */
const chartSummary = compiledOnce(['personId', 'now', 'userId'], (tx, { personId, now, userId }, shape) => {
  const viewer = { restrictedReader: shape === 'restricted', userId };
  return tx.selectNoFrom((eb) => [
    jsonArrayOf(
      tx,
      eb
        .selectFrom('problem')
        .select([
          'id',
          'code_system',
          'code',
          'display',
          'onset_date',
          'note',
          'restricted',
          'recorded_at',
          'author_id',
        ])
        .where('person_id', '=', personId)
        .where(notCorrected('problem.id', ['resolved', 'entered_in_error']))
        .where(visibleTo(viewer, 'problem'))
        .orderBy('recorded_at', 'desc')
        .limit(SUMMARY.problems),
    ).as('problems'),
    jsonArrayOf(
      tx,
      eb
        .selectFrom('allergy')
        .select([
          'id',
          'substance',
          'category',
          'type',
          'reaction',
          'severity',
          'recorded_at',
          'encounter_id',
        ])
        .where('person_id', '=', personId)
        .where(notCorrected('allergy.id', ['resolved', 'entered_in_error']))
        .orderBy('recorded_at', 'desc')
        .limit(SUMMARY.allergies),
    ).as('allergies'),
    jsonArrayOf(
      tx,
      eb
        .selectFrom('clinical_task')
        .select(['id', 'kind', 'source_ref', 'due_at', 'triggered_at', 'encounter_id'])
        .where('person_id', '=', personId)
        .where('completed_at', 'is', null)
        .orderBy('due_at')
        .limit(SUMMARY.tasks),
    ).as('tasks'),
    jsonArrayOf(
      tx,
      eb
        .selectFrom('health_alert')
        .select(['id', 'kind', 'detail', 'starts_at', 'ends_at'])
        .where('person_id', '=', personId)
        .where('starts_at', '<=', now)
        .where((w) => w.or([w('ends_at', 'is', null), w('ends_at', '>', now)]))
        .orderBy('starts_at', 'desc')
        .limit(SUMMARY.alerts),
    ).as('alerts'),
    // The latest "no known allergies" given (at a screening), shown while no allergy is listed.
    jsonArrayOf(
      tx,
      eb
        .selectFrom('allergy_statement')
        .select(['id', 'statement', 'encounter_id', 'recorded_at', 'author_id'])
        .where('person_id', '=', personId)
        // A screening entered in error takes its answer with it.
        .where(notCorrected('allergy_statement.encounter_id', ['entered_in_error']))
        .orderBy('recorded_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1),
    ).as('statement'),
    // The latest reading of each vital sign: one indexed lookup per sign (migration 0012), in
    // one subquery. `id in (… union all …)`, not an OR of `id in (…)`: PostgreSQL answers an OR
    // of subqueries with a scan of every observation (docs/benchmarks.md, clinical).
    jsonArrayOf(
      tx,
      eb
        .selectFrom('observation')
        .select(OBSERVATION_COLUMNS)
        .where(
          'id',
          'in',
          vitalSignNames
            .map((name) =>
              tx
                .selectFrom((inner) =>
                  inner
                    .selectFrom('observation as o')
                    .select('o.id')
                    .where('o.person_id', '=', personId)
                    .where('o.category', '=', 'vital-signs')
                    .where('o.test', '=', name)
                    .where(notCorrected('o.id', ['entered_in_error']))
                    .orderBy('o.effective_at', 'desc')
                    .limit(1)
                    .as('latest'),
                )
                .select('latest.id'),
            )
            .reduce((union, next) => union.unionAll(next)),
        ),
    ).as('vitals'),
    jsonArrayOf(
      tx,
      eb
        .selectFrom('observation')
        .select(OBSERVATION_COLUMNS)
        .where('person_id', '=', personId)
        .where('category', '=', 'laboratory')
        .where(notCorrected('observation.id', ['entered_in_error']))
        .where(visibleTo(viewer, 'observation'))
        .orderBy('effective_at', 'desc')
        .limit(SUMMARY.labs),
    ).as('labs'),
    jsonArrayOf(
      tx,
      eb
        .selectFrom('encounter')
        .select(ENCOUNTER_COLUMNS)
        .where('person_id', '=', personId)
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .limit(SUMMARY.encounters),
    ).as('encounters'),
    // The injury record: the injuries on the body charts of completed screenings (ADM-4, INJ-1),
    // read from the screenings themselves, never typed again.
    jsonArrayOf(
      tx,
      eb
        .selectFrom('encounter')
        .select(['id', 'started_at', 'author_id', 'structured'])
        .where('person_id', '=', personId)
        .where('type', '=', 'admission_screening')
        .where('status', 'in', ['completed', 'signed'])
        .where(notCorrected('encounter.id', ['entered_in_error']))
        .where(visibleTo(viewer, 'encounter'))
        .orderBy('started_at', 'desc')
        .limit(SUMMARY.screenings),
    ).as('screenings'),
  ]);
});

/**
 * The medical record (MED-1): chart summary, encounters with sign-lock and corrections, vital signs,
 * lab results, problems, allergies and consents. Every read and every write of it leaves an audit
 * record in the same transaction; out-of-scope people answer 404 like missing ones.
 */
export function createClinicalService(
  db: Db,
  clock: Clock,
  audit: AuditService,
  registry: RegistryService,
  identity: IdentityService,
  /** The chart's sections other modules contribute (restraint episodes, RST-10); read when called. */
  contributions: { readonly chartSections: readonly ChartSection[] },
) {
  const access = recordAccess(registry, audit);

  async function correctionsOf(executor: Executor, entryIds: string[]) {
    const map = new Map<string, CorrectionView[]>();
    if (!entryIds.length) return map;
    const rows = await executor
      .selectFrom('clinical_correction')
      .selectAll()
      .where('entry_id', 'in', entryIds)
      .orderBy('created_at')
      .execute();
    const names = await identity.displayNames(
      executor,
      rows.map((r) => r.author_id),
    );
    for (const r of rows) {
      const list = map.get(r.entry_id) ?? [];
      list.push({
        id: r.id,
        kind: r.kind,
        reason: r.reason,
        text: r.text,
        authorId: r.author_id,
        authorName: names.get(r.author_id) ?? null,
        createdAt: r.created_at,
        contentHash: r.content_hash,
      });
      map.set(r.entry_id, list);
    }
    return map;
  }

  /** Display names of the staff who wrote or signed these encounters, in one query. */
  async function namesOf(executor: Executor, rows: EncounterTable[]) {
    return identity.displayNames(
      executor,
      rows.flatMap((r) => (r.signed_by ? [r.author_id, r.signed_by] : [r.author_id])),
    );
  }

  async function encounterRow(executor: Executor, id: string) {
    const row = await executor.selectFrom('encounter').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('No such encounter.');
    return row;
  }

  /** WOM-6: the clinician's sex from their staff record (the registry's), null without one. */
  async function clinicianSex(executor: Executor, userId: string): Promise<'male' | 'female' | null> {
    return (await registry.staffRecordOfUser(executor, userId))?.sex ?? null;
  }

  /** MED-4, WOM-6/7: who was in the room, checked when an encounter is signed or a screening completed. */
  async function checkPresence(
    executor: Executor,
    content: EncounterContent,
    patientSex: string,
    userId: string,
  ) {
    const problems = presenceProblems(content, {
      patientSex: patientSex === 'female' ? 'female' : 'male',
      clinicianSex: await clinicianSex(executor, userId),
    });
    if (problems.length) throw ruleRefused(problems, clinicalRules);
  }

  function assertPast(at: string, path: string) {
    if (new Date(at).getTime() > clock.now().getTime() + 5 * 60_000) {
      throw ruleRefused([{ path, code: 'in_the_future' }], clinicalRules);
    }
  }

  const service = {
    /**
     * The chart summary on one screen: active problems, allergies, latest vital signs, recent
     * encounters and lab results, pending tasks and the alerts shared with custodial staff — a fixed
     * number of queries, however long the history.
     */
    async chart(actor: AuditActor, viewer: Viewer, personId: string) {
      return inTransaction(db, async (tx) => {
        const now = clock.now().toISOString();
        // Every list of the summary (problems, allergies, tasks, alerts, the latest "no known
        // allergies", vital signs, labs, encounters, screenings) in one statement, each a JSON array
        // column (ADR 0047); sorted again here, as neither engine promises an aggregate's order.
        const lists = (
          await chartSummary.execute(tx, viewer.restrictedReader ? 'restricted' : 'own', {
            personId,
            now,
            userId: viewer.userId,
          })
        ).rows[0];
        if (!lists) throw new Error('the chart summary answered no row');
        const problems = jsonRows(lists.problems, newestFirst('recorded_at'));
        const allergies = jsonRows(lists.allergies, newestFirst('recorded_at'));
        const tasks = jsonRows(lists.tasks, oldestFirst('due_at'));
        const alerts = jsonRows(lists.alerts, newestFirst('starts_at'));
        const statement = jsonRows(lists.statement)[0];
        // In the order of the signs, as the OR query gave them on SQLite.
        const vitals = jsonRows(lists.vitals, (x, y) => vitalOrder(x.test) - vitalOrder(y.test));
        const labs = jsonRows(lists.labs, newestFirst('effective_at'));
        const encounters = jsonRows(lists.encounters, (x, y) =>
          x.started_at === y.started_at ? (y.id < x.id ? -1 : 1) : y.started_at < x.started_at ? -1 : 1,
        );
        const screenings = jsonRows(lists.screenings, newestFirst('started_at'));
        // The sections other modules contribute, each under its own key (RST-10: restraint episodes).
        const sections: [string, unknown][] = [];
        for (const section of contributions.chartSections) {
          sections.push([section.key, await section.read(tx, personId, viewer)]);
        }
        const corrections = await correctionsOf(
          tx,
          encounters.map((e) => e.id),
        );
        const names = await identity.displayNames(tx, [
          ...encounters.flatMap((r) => (r.signed_by ? [r.author_id, r.signed_by] : [r.author_id])),
          ...screenings.map((r) => r.author_id),
          ...(statement ? [statement.author_id] : []),
        ]);
        const injuries = screenings.flatMap((e) => {
          const form = parseJson<Partial<ScreeningForm>>(e.structured);
          const inj = form?.injuries;
          if (!inj || inj.status !== 'assessed') return [];
          return (inj.items ?? []).map((item, index) => ({
            encounterId: e.id,
            index,
            recordedAt: e.started_at,
            authorName: names.get(e.author_id) ?? null,
            side: item.side,
            region: item.region,
            description: item.description,
            personsAccount: item.personsAccount ?? null,
            consistency: item.consistency,
            illTreatment: inj.illTreatment ?? null,
          }));
        });
        // The scope check and the audit record come last: out of scope still answers 404 with
        // nothing read out, and on PostgreSQL the audit chain's lock (held from the record to the
        // commit) no longer spans the reads, which serialised every chart of every user behind it.
        const person = await access(tx, viewer, actor, personId, { action: 'clinical.chart.read' });
        return {
          person: {
            id: person.id,
            sex: person.sex,
            birthDate: person.birth_date,
            status: person.status,
            institutionId: person.institution_id,
          },
          problems: problems.map((p) => ({
            id: p.id,
            codeSystem: p.code_system,
            code: p.code,
            display: p.display,
            onsetDate: p.onset_date,
            note: p.note,
            restricted: bool(p.restricted),
            recordedAt: p.recorded_at,
            authorId: p.author_id,
          })),
          allergies: allergies.map((a) => ({
            id: a.id,
            substance: a.substance,
            category: a.category,
            type: a.type,
            reaction: a.reaction,
            severity: a.severity,
            recordedAt: a.recorded_at,
            encounterId: a.encounter_id ?? null,
          })),
          allergyStatement:
            statement && allergies.length === 0
              ? {
                  statement: statement.statement,
                  encounterId: statement.encounter_id,
                  recordedAt: statement.recorded_at,
                  authorName: names.get(statement.author_id) ?? null,
                }
              : null,
          injuries,
          vitals: vitals.map(observationView),
          labs: labs.map(observationView),
          // The summary lists encounters; a screening's form opens on the encounter page.
          encounters: encounters.map((e) => ({
            ...encounterView(e, viewer, corrections.get(e.id), names),
            structured: null,
          })),
          tasks: tasks.map((t) => ({
            id: t.id,
            kind: t.kind,
            sourceRef: t.source_ref,
            dueAt: t.due_at,
            triggeredAt: t.triggered_at,
            encounterId: t.encounter_id,
          })),
          ...Object.fromEntries(sections),
          alerts: alerts.map((a) => ({
            id: a.id,
            kind: a.kind,
            detail: parseJson<Record<string, unknown>>(a.detail),
            startsAt: a.starts_at,
            endsAt: a.ends_at,
          })),
        };
      });
    },

    /** Encounters of a person, newest first, paged. */
    async listEncounters(
      actor: AuditActor,
      viewer: Viewer,
      personId: string,
      query: { limit: number; cursor?: string },
    ) {
      return inTransaction(db, async (tx) => {
        await access(tx, viewer, actor, personId, { action: 'clinical.encounter.list' });
        const after = decodeCursor(query.cursor, 2);
        let q = tx
          .selectFrom('encounter')
          .selectAll()
          .where('person_id', '=', personId)
          .orderBy('started_at', 'desc')
          .orderBy('id', 'desc')
          .limit(query.limit + 1);
        if (after) q = q.where(keysetAfter(['started_at', 'id'], after, 'desc'));
        const rows = await q.execute();
        const corrections = await correctionsOf(
          tx,
          rows.slice(0, query.limit).map((r) => r.id),
        );
        const names = await namesOf(tx, rows.slice(0, query.limit));
        return toPage(
          rows,
          query.limit,
          (r) => [r.started_at, r.id],
          (r) => encounterView(r, viewer, corrections.get(r.id), names),
        );
      });
    },

    async getEncounter(actor: AuditActor, viewer: Viewer, id: string) {
      return inTransaction(db, async (tx) => {
        const row = await encounterRow(tx, id);
        await access(tx, viewer, actor, row.person_id, {
          action: 'clinical.encounter.read',
          resourceType: 'encounter',
          resourceId: id,
        });
        const corrections = await correctionsOf(tx, [id]);
        return encounterView(row, viewer, corrections.get(id), await namesOf(tx, [row]));
      });
    },

    /** A new draft encounter (MED-4 persons present required by the schema). */
    async createEncounter(
      actor: AuditActor,
      viewer: Viewer,
      personId: string,
      content: EncounterContent,
      extra: { structured?: unknown; taskId?: string | null } = {},
    ) {
      assertPast(content.startedAt, 'startedAt');
      return inTransaction(db, async (tx) => {
        const person = await access(tx, viewer, actor, personId, {
          action: 'clinical.encounter.create',
          resourceType: 'encounter',
        });
        const now = clock.now().toISOString();
        const id = newId();
        await tx
          .insertInto('encounter')
          .values({
            id,
            person_id: personId,
            institution_id: person.institution_id,
            type: content.type,
            started_at: content.startedAt,
            author_id: viewer.userId,
            status: 'draft',
            content: JSON.stringify(content),
            structured: extra.structured === undefined ? null : JSON.stringify(extra.structured),
            restricted: content.restricted ? 1 : 0,
            task_id: extra.taskId ?? null,
            content_hash: null,
            signed_at: null,
            signed_by: null,
            version: 1,
            created_at: now,
            updated_at: now,
          })
          .execute();
        return id;
      });
    },

    /** A draft changes only by its author, at the version they read (409 otherwise). */
    async updateDraft(
      actor: AuditActor,
      viewer: Viewer,
      id: string,
      input: EncounterContent & { version: number; structured?: unknown },
    ) {
      assertPast(input.startedAt, 'startedAt');
      return inTransaction(db, async (tx) => {
        const row = await encounterRow(tx, id);
        await access(tx, viewer, actor, row.person_id, {
          action: 'clinical.encounter.update',
          resourceType: 'encounter',
          resourceId: id,
        });
        const problem = editProblem(
          { status: row.status === 'draft' ? 'draft' : 'signed', authorId: row.author_id },
          viewer.userId,
        );
        if (problem === 'signed_is_locked') {
          throw conflict('This encounter is no longer a draft.', { code: 'encounter_locked' });
        }
        if (problem === 'not_author') throw forbidden('Only the author can change a draft.');
        if (row.version !== input.version) {
          throw staleVersion('encounter');
        }
        if (row.type === 'admission_screening' && input.type !== 'admission_screening') {
          throw ruleRefused([{ path: 'type', code: 'screening_type_fixed' }], clinicalRules);
        }
        const { version, structured, ...content } = input;
        // A screening's readings out of a living adult's range are refused at once (a typing error),
        // with the field that holds them, so none is ever saved (issue 14 item 8).
        if (row.type === 'admission_screening' && structured) {
          const problems = screeningVitalsProblems(structured as Pick<ScreeningForm, 'vitals'>);
          if (problems.length)
            throw ruleRefused(
              problems.map((p) => ({ path: `structured.${p.path}`, code: p.code })),
              clinicalRules,
            );
        }
        const result = await tx
          .updateTable('encounter')
          .set({
            type: content.type,
            started_at: content.startedAt,
            content: JSON.stringify(encounterContentSchema.parse(content)),
            ...(structured === undefined ? {} : { structured: JSON.stringify(structured) }),
            restricted: content.restricted ? 1 : 0,
            version: version + 1,
            updated_at: clock.now().toISOString(),
          })
          .where('id', '=', id)
          .where('version', '=', version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) {
          throw staleVersion('encounter');
        }
        return { version: version + 1 };
      });
    },

    /**
     * Signing locks the encounter and stores the SHA-256 of its canonical content. A routine note is
     * signed by its author. ADM-1: a completed admission screening is countersigned by a doctor (the
     * nurse or feldsher who completed it reports to a doctor); the signature closes the
     * countersignature task opened at completion.
     */
    async sign(
      actor: AuditActor,
      viewer: Viewer & { canSignScreenings: boolean },
      id: string,
      version: number,
    ) {
      return inTransaction(db, async (tx) => {
        const row = await encounterRow(tx, id);
        const person = await access(tx, viewer, actor, row.person_id, {
          action: 'clinical.encounter.sign',
          resourceType: 'encounter',
          resourceId: id,
        });
        if (row.status === 'signed') throw conflict('Already signed.', { code: 'encounter_locked' });
        if (row.version !== version) throw staleVersion('encounter');
        if (row.type === 'admission_screening') {
          if (row.status !== 'completed')
            throw ruleRefused([{ path: 'status', code: 'screening_not_completed' }], clinicalRules);
          // ADM-1: only a doctor countersigns (permission `clinical.screening.countersign`).
          if (!viewer.canSignScreenings) throw forbidden('Only a doctor countersigns.');
        } else if (row.author_id !== viewer.userId) {
          throw forbidden('Only the author signs an encounter.');
        }
        const content = parseJson<EncounterContent>(row.content) as EncounterContent;
        // Issue 14: an empty note is not signed (a screening's answers are its structured form).
        if (row.type !== 'admission_screening' && isNoteEmpty(content)) {
          throw badRequest(
            'encounter_note_empty',
            'The note is empty: write what was found and done before signing.',
          );
        }
        await checkPresence(tx, content, person.sex, row.author_id);
        const signedAt = clock.now().toISOString();
        const hash = contentHash({
          id: row.id,
          personId: row.person_id,
          content,
          structured: parseJson<unknown>(row.structured),
          authorId: row.author_id,
          signedBy: viewer.userId,
          signedAt,
        });
        await tx
          .updateTable('encounter')
          .set({
            status: 'signed',
            content_hash: hash,
            signed_at: signedAt,
            signed_by: viewer.userId,
            version: row.version + 1,
            updated_at: signedAt,
          })
          .where('id', '=', id)
          .where('version', '=', version)
          .execute();
        if (row.type === 'admission_screening') {
          await tx
            .updateTable('clinical_task')
            .set((eb) => ({
              completed_at: signedAt,
              completed_by: viewer.userId,
              version: eb('version', '+', 1),
            }))
            .where('kind', '=', 'screening_countersignature')
            .where('source_encounter_id', '=', id)
            .where('completed_at', 'is', null)
            .execute();
        }
        return { contentHash: hash, signedAt, version: row.version + 1 };
      });
    },

    /** After signing: an amendment (new text with its reason) or "entered in error"; the original stays. */
    async correctEncounter(actor: AuditActor, viewer: Viewer, id: string, input: Amendment) {
      return inTransaction(db, async (tx) => {
        const row = await encounterRow(tx, id);
        await access(tx, viewer, actor, row.person_id, {
          action: `clinical.encounter.${input.kind}`,
          resourceType: 'encounter',
          resourceId: id,
        });
        // Only someone who may read a restricted note may amend it (an amendment is as restricted).
        if (!canSeeRestricted({ restricted: bool(row.restricted), authorId: row.author_id }, viewer)) {
          throw notFound('No such encounter.');
        }
        if (row.status !== 'signed')
          throw ruleRefused([{ path: 'kind', code: 'sign_before_correcting' }], clinicalRules);
        if (input.kind === 'amendment' && !input.text?.trim())
          throw ruleRefused([{ path: 'text', code: 'required' }], clinicalRules);
        const existing = await correctionsOf(tx, [id]);
        if (existing.get(id)?.some((c) => c.kind === 'entered_in_error')) {
          throw ruleRefused([{ path: 'kind', code: 'already_entered_in_error' }], clinicalRules);
        }
        return addCorrection(tx, clock, {
          personId: row.person_id,
          entryType: 'encounter',
          entryId: id,
          kind: input.kind,
          reason: input.reason,
          text: input.text ?? null,
          authorId: viewer.userId,
          against: row.content_hash,
        });
      });
    },

    /** One set of vital signs; BMI computed when weight and height are both given. */
    async addVitals(
      actor: AuditActor,
      viewer: Viewer,
      personId: string,
      input: VitalsInput & { encounterId?: string | null },
      idempotencyKey?: string,
    ) {
      const problems = vitalsProblems(input);
      if (problems.length)
        throw ruleRefused(
          problems.map((p) => ({ path: p.field, code: p.code })),
          clinicalRules,
        );
      assertPast(input.takenAt, 'takenAt');
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: viewer.userId, key: idempotencyKey, scope: `vitals:${personId}`, body: input },
          async () => {
            await access(tx, viewer, actor, personId, {
              action: 'clinical.vitals.create',
              resourceType: 'observation',
            });
            const readings: [VitalSign, number][] = [];
            for (const name of vitalSignNames) {
              const v = name === 'bmi' ? bodyMassIndex(input.weight, input.height) : input[name];
              if (v !== null && v !== undefined) readings.push([name, v]);
            }
            const recordedAt = clock.now().toISOString();
            const ids = readings.map(() => newId());
            await tx
              .insertInto('observation')
              .values(
                readings.map(([name, value], i) => ({
                  id: ids[i] as string,
                  person_id: personId,
                  encounter_id: input.encounterId ?? null,
                  category: 'vital-signs' as const,
                  test: name,
                  code_system: LOINC_SYSTEM,
                  code: vitalSigns[name].loinc,
                  value_number: value,
                  value_code: null,
                  unit: vitalSigns[name].unit,
                  note: null,
                  effective_at: input.takenAt,
                  restricted: 0,
                  author_id: viewer.userId,
                  recorded_at: recordedAt,
                })),
              )
              .execute();
            return ids;
          },
        ),
      );
    },

    async addLabResult(actor: AuditActor, viewer: Viewer, personId: string, input: LabResultInput) {
      const problem = labResultProblem(input);
      if (problem)
        throw ruleRefused(
          [{ path: problem === 'unknown_result_code' ? 'valueCode' : 'valueNumber', code: problem }],
          clinicalRules,
        );
      assertPast(input.effectiveAt, 'effectiveAt');
      return inTransaction(db, async (tx) => {
        await access(tx, viewer, actor, personId, {
          action: 'clinical.lab.create',
          resourceType: 'observation',
        });
        const test = labTests[input.test];
        const id = newId();
        await tx
          .insertInto('observation')
          .values({
            id,
            person_id: personId,
            encounter_id: null,
            category: 'laboratory',
            test: input.test,
            code_system: test.system,
            code: test.code,
            value_number: input.valueNumber ?? null,
            value_code: input.valueCode ?? null,
            unit: input.valueNumber != null && 'unit' in test ? test.unit : null,
            note: input.note ?? null,
            effective_at: input.effectiveAt,
            restricted: input.restricted ? 1 : 0,
            author_id: viewer.userId,
            recorded_at: clock.now().toISOString(),
          })
          .execute();
        return id;
      });
    },

    /** Observations of one category, newest first, paged (restricted ones of others hidden). */
    async listObservations(
      actor: AuditActor,
      viewer: Viewer,
      personId: string,
      query: { category: 'vital-signs' | 'laboratory'; limit: number; cursor?: string },
    ) {
      return inTransaction(db, async (tx) => {
        await access(tx, viewer, actor, personId, { action: 'clinical.observation.list' });
        const after = decodeCursor(query.cursor, 2);
        let q = tx
          .selectFrom('observation')
          .selectAll()
          .where('person_id', '=', personId)
          .where('category', '=', query.category)
          .where(notCorrected('observation.id', ['entered_in_error']))
          .where(visibleTo(viewer, 'observation'))
          .orderBy('effective_at', 'desc')
          .orderBy('id', 'desc')
          .limit(query.limit + 1);
        if (after) q = q.where(keysetAfter(['effective_at', 'id'], after, 'desc'));
        const rows = await q.execute();
        return toPage(rows, query.limit, (r) => [r.effective_at, r.id], observationView);
      });
    },

    /** A problem coded with ICD-10 (DAT-5): the code must be in the imported terminology. */
    async addProblem(
      actor: AuditActor,
      viewer: Viewer,
      personId: string,
      input: ProblemInput,
      language: string,
    ) {
      return inTransaction(db, async (tx) => {
        await access(tx, viewer, actor, personId, {
          action: 'clinical.problem.create',
          resourceType: 'problem',
        });
        const code = input.code.toUpperCase();
        const concepts = await tx
          .selectFrom('terminology_concept')
          .select(['language', 'display'])
          .where('system', '=', ICD10_SYSTEM)
          .where('code', '=', code)
          .execute();
        if (!concepts.length) throw ruleRefused([{ path: 'code', code: 'unknown_code' }], clinicalRules);
        const display = (concepts.find((c) => c.language === language) ?? concepts[0])?.display as string;
        const id = newId();
        await tx
          .insertInto('problem')
          .values({
            id,
            person_id: personId,
            code_system: ICD10_SYSTEM,
            code,
            display,
            onset_date: input.onsetDate ?? null,
            note: input.note ?? null,
            restricted: input.restricted ? 1 : 0,
            encounter_id: input.encounterId ?? null,
            author_id: viewer.userId,
            recorded_at: clock.now().toISOString(),
          })
          .execute();
        return id;
      });
    },

    async addAllergy(actor: AuditActor, viewer: Viewer, personId: string, input: AllergyInput) {
      return inTransaction(db, async (tx) => {
        await access(tx, viewer, actor, personId, {
          action: 'clinical.allergy.create',
          resourceType: 'allergy',
        });
        const id = newId();
        await tx
          .insertInto('allergy')
          .values({
            id,
            person_id: personId,
            substance: input.substance,
            category: input.category,
            type: input.type,
            reaction: input.reaction ?? null,
            severity: input.severity,
            author_id: viewer.userId,
            recorded_at: clock.now().toISOString(),
          })
          .execute();
        return id;
      });
    },

    /** Resolve a problem or allergy, or mark an entry (also an observation) entered in error. */
    async correctEntry(
      actor: AuditActor,
      viewer: Viewer,
      entryType: 'problem' | 'allergy' | 'observation',
      id: string,
      input: { status: 'resolved' | 'entered_in_error'; reason: string },
    ) {
      return inTransaction(db, async (tx) => {
        const row = await tx
          .selectFrom(entryType)
          .select(['person_id'])
          .where('id', '=', id)
          .executeTakeFirst();
        if (!row) throw notFound();
        await access(tx, viewer, actor, row.person_id, {
          action: `clinical.${entryType}.${input.status}`,
          resourceType: entryType,
          resourceId: id,
        });
        if (entryType === 'observation' && input.status === 'resolved') {
          throw ruleRefused([{ path: 'status', code: 'observation_cannot_resolve' }], clinicalRules);
        }
        const existing = await correctionsOf(tx, [id]);
        if (existing.get(id)?.some((c) => c.kind === 'entered_in_error' || c.kind === input.status)) {
          throw ruleRefused([{ path: 'status', code: 'already_corrected' }], clinicalRules);
        }
        return addCorrection(tx, clock, {
          personId: row.person_id,
          entryType,
          entryId: id,
          kind: input.status,
          reason: input.reason,
          authorId: viewer.userId,
        });
      });
    },

    /** MED-6: consent or refusal with the information given; a refusal needs a witness. */
    async addConsent(actor: AuditActor, viewer: Viewer, personId: string, input: ConsentInput) {
      const problem = consentProblem(input);
      if (problem) throw ruleRefused([{ path: 'witness', code: problem }], clinicalRules);
      assertPast(input.recordedAt, 'recordedAt');
      return inTransaction(db, async (tx) => {
        await access(tx, viewer, actor, personId, {
          action: 'clinical.consent.create',
          resourceType: 'consent',
        });
        const id = newId();
        await tx
          .insertInto('consent')
          .values({
            id,
            person_id: personId,
            encounter_id: input.encounterId ?? null,
            topic: input.topic,
            decision: input.decision,
            information_given: input.informationGiven,
            signature: input.signature,
            witness: input.witness ?? null,
            recorded_at: input.recordedAt,
            author_id: viewer.userId,
            created_at: clock.now().toISOString(),
          })
          .execute();
        return id;
      });
    },

    async listConsents(
      actor: AuditActor,
      viewer: Viewer,
      personId: string,
      query: { limit: number; cursor?: string },
    ) {
      return inTransaction(db, async (tx) => {
        await access(tx, viewer, actor, personId, { action: 'clinical.consent.list' });
        const after = decodeCursor(query.cursor, 2);
        let q = tx
          .selectFrom('consent')
          .selectAll()
          .where('person_id', '=', personId)
          .orderBy('recorded_at', 'desc')
          .orderBy('id', 'desc')
          .limit(query.limit + 1);
        if (after) q = q.where(keysetAfter(['recorded_at', 'id'], after, 'desc'));
        const rows = await q.execute();
        return toPage(
          rows,
          query.limit,
          (r) => [r.recorded_at, r.id],
          (r) => ({
            id: r.id,
            topic: r.topic,
            decision: r.decision,
            informationGiven: r.information_given,
            signature: r.signature,
            witness: r.witness,
            recordedAt: r.recorded_at,
            authorId: r.author_id,
            encounterId: r.encounter_id,
          }),
        );
      });
    },

    /**
     * The substances of a person's current allergies and intolerances (neither resolved nor entered in
     * error), for another module's check in its own transaction (issue 15: the medication allergy
     * check). The caller has checked its scope and audits its own read.
     */
    async allergySubstances(
      executor: Executor,
      personIds: readonly string[],
    ): Promise<Map<string, string[]>> {
      const map = new Map<string, string[]>();
      if (!personIds.length) return map;
      const rows = await executor
        .selectFrom('allergy')
        .select(['person_id', 'substance'])
        .where('person_id', 'in', [...new Set(personIds)])
        .where(notCorrected('allergy.id', ['resolved', 'entered_in_error']))
        .execute();
      for (const r of rows) map.set(r.person_id, [...(map.get(r.person_id) ?? []), r.substance]);
      return map;
    },
  };
  // Issue 14: the notes awaiting their author's signature, for the worklist.
  return { ...service, signingWorklist: createSigningWorklist(db, registry) };
}

export type ClinicalService = ReturnType<typeof createClinicalService>;
export type { PersonPresent, Tx };
