import {
  bodyMassIndex,
  type Clock,
  dueAfter,
  type EncounterContent,
  emptyScreeningForm,
  LOINC_SYSTEM,
  newId,
  presenceProblems,
  type ScreeningForm,
  screeningConsequences,
  screeningFormSchema,
  screeningProblems,
  screeningVitalNames,
  type ThresholdId,
  taskState,
  thresholdChangeProblem,
  thresholdDefinitions,
  type VitalSign,
  vitalSigns,
} from '@custodia/domain';
import type { TaskKind, WorklistContributor } from '../../platform/contributions.ts';
import { type Db, type Executor, inTransaction, type Tx } from '../../platform/db/database.ts';
import { gatheredRead } from '../../platform/db/gathering.ts';
import type { KeptRead } from '../../platform/db/kept-read.ts';
import { conflict, forbidden, notFound, ruleRefused, staleVersion } from '../../platform/errors.ts';
import type { AuditActor, AuditService } from '../audit/index.ts';
import type { Viewer } from '../identity/index.ts';
import type { CustodyEventNotice, RegistryService } from '../registry/index.ts';
import { clinicalRules, parseJson, recordAccess } from './records.ts';
import type { ClinicalTaskTable } from './tables.ts';

/**
 * The task kinds screening sets in motion: how long each has, and the rule behind it. Other
 * modules contribute theirs through their descriptor (restraint: the examination after restraint).
 */
export const screeningTaskKinds: TaskKind[] = [
  { kind: 'admission_screening', threshold: 'ADM-1.screening_due_minutes', sourceRef: 'ADM-1' },
  { kind: 'rescreening', threshold: 'ADM-5.rescreening_due_minutes', sourceRef: 'ADM-5' },
  { kind: 'prescriber_review', threshold: 'ADM-8.prescriber_due_minutes', sourceRef: 'ADM-8' },
  // A diagnostic work-up and a mental-health referral are due within the screening's own limit.
  { kind: 'tb_diagnostic', threshold: 'ADM-1.screening_due_minutes', sourceRef: 'ADM-6' },
  { kind: 'mental_health_referral', threshold: 'ADM-1.screening_due_minutes', sourceRef: 'ADM-9' },
  // ADM-1: the doctor countersigns what a nurse or feldsher completed; signing closes it.
  { kind: 'screening_countersignature', threshold: 'ADM-1.countersignature_due_minutes', sourceRef: 'ADM-1' },
];

/** Tasks closed by what they ask for (the form, the signature), never marked done by hand. */
const closedByTheirWork = new Set(['admission_screening', 'rescreening', 'screening_countersignature']);

const WORKLIST_TASKS = 200;

export const taskView = (t: ClinicalTaskTable, now: Date) => ({
  id: t.id,
  personId: t.person_id,
  institutionId: t.institution_id,
  kind: t.kind,
  sourceRef: t.source_ref,
  triggeredAt: t.triggered_at,
  dueAt: t.due_at,
  state: taskState({ dueAt: t.due_at, completedAt: t.completed_at }, now),
  completedAt: t.completed_at,
  encounterId: t.encounter_id,
});

/** The key of a threshold's value in force: the institution's ('' for the national value) and the id. */
const inForceKey = (institutionId: string | null, id: string) => `${institutionId ?? ''}\u0000${id}`;

/** The settings in force, from rows newest first: the first of each threshold and institution wins. */
function latestSettings(
  rows: readonly { threshold_id: string; institution_id: string | null; value: number }[],
) {
  const inForce = new Map<string, number>();
  for (const r of rows) {
    const key = inForceKey(r.institution_id, r.threshold_id);
    if (!inForce.has(key)) inForce.set(key, Number(r.value));
  }
  return inForce;
}

/** Each institution's values of some thresholds: its own, else the national one, else the default. */
function valuesIn(
  inForce: ReadonlyMap<string, number>,
  ids: readonly ThresholdId[],
  institutions: readonly string[],
): Map<string, Map<ThresholdId, number>> {
  return new Map(
    institutions.map((i) => [
      i,
      new Map(
        ids.map((id) => [
          id,
          inForce.get(inForceKey(i, id)) ??
            inForce.get(inForceKey(null, id)) ??
            thresholdDefinitions[id].defaultValue,
        ]),
      ),
    ]),
  );
}

/**
 * Every threshold's value in force, read whole (ADR 0059): the latest setting of each threshold for
 * each institution, and the national one under ''. The table holds one row per setting ever made (a
 * few hundred in a country's lifetime of changes), so it is kept by each process (`KeptRead`).
 */
export async function thresholdsInForce(db: Db): Promise<Map<string, number>> {
  return latestSettings(
    await db
      .selectFrom('rule_threshold')
      .select(['threshold_id', 'institution_id', 'value'])
      .orderBy('set_at', 'desc')
      // Two settings in the same millisecond: the later one (ids are time-ordered UUIDv7).
      .orderBy('id', 'desc')
      .execute(),
  );
}

/**
 * Admission screening (ADM-1 … ADM-10): tasks opened by custody events in the same transaction,
 * due and overdue derived from `now`, the screening form completed by a doctor, feldsher or nurse and
 * countersigned by a doctor (ADM-1), and what it sets in motion (health alerts and follow-up tasks). Thresholds are configurable per
 * institution with a recorded legal basis when loosened.
 */
export function createScreeningService(
  db: Db,
  clock: Clock,
  audit: AuditService,
  registry: RegistryService,
  /** Every module's task kinds (ADR 0020); read when a task is opened. */
  contributions: { readonly taskKinds: readonly TaskKind[] },
  /** The thresholds in force, kept by this process (ADR 0059); absent, every read goes to the table. */
  kept?: KeptRead<Map<string, number>>,
) {
  const access = recordAccess(registry, audit);

  /** The limit in force: the institution's, else the national one, else the strictest default. */
  async function thresholdValue(executor: Executor, id: ThresholdId, institutionId: string | null) {
    const rows = await executor
      .selectFrom('rule_threshold')
      .selectAll()
      .where('threshold_id', '=', id)
      .where((eb) =>
        institutionId
          ? eb.or([eb('institution_id', '=', institutionId), eb('institution_id', 'is', null)])
          : eb('institution_id', 'is', null),
      )
      .orderBy('set_at', 'desc')
      // Two settings in the same millisecond: the later one (ids are time-ordered UUIDv7).
      .orderBy('id', 'desc')
      .execute();
    const own = rows.find((r) => r.institution_id === institutionId && institutionId !== null);
    const national = rows.find((r) => r.institution_id === null);
    const row = own ?? national;
    const def = thresholdDefinitions[id];
    return {
      value: row?.value ?? def.defaultValue,
      sourceRef: def.sourceRef,
      legalBasis: row?.legal_basis ?? null,
      setAt: row?.set_at ?? null,
    };
  }

  /** The thresholds' values in force for each institution, in one query (see `thresholdsIn`). */
  async function readThresholds(
    executor: Executor,
    ids: readonly ThresholdId[],
    institutions: readonly string[],
  ): Promise<Map<string, Map<ThresholdId, number>>> {
    const rows = await executor
      .selectFrom('rule_threshold')
      .select(['threshold_id', 'institution_id', 'value'])
      .where('threshold_id', 'in', [...new Set(ids)])
      .where((eb) => eb.or([eb('institution_id', 'in', [...institutions]), eb('institution_id', 'is', null)]))
      .orderBy('set_at', 'desc')
      // Two settings in the same millisecond: the later one (ids are time-ordered UUIDv7).
      .orderBy('id', 'desc')
      .execute();
    return valuesIn(latestSettings(rows), ids, institutions);
  }

  /**
   * The values in force of several thresholds for several institutions, in one query (each
   * institution's, else the national one, else the default): for the modules whose limits are kept
   * here (RST-*). ADR 0052: inside the worklist's gathering, every contributor's thresholds, of every
   * institution, come from one statement.
   */
  async function thresholdsIn(
    executor: Executor,
    ids: readonly ThresholdId[],
    institutionIds: readonly string[],
  ): Promise<Map<string, Map<ThresholdId, number>>> {
    const institutions = [...new Set(institutionIds)];
    if (!ids.length || !institutions.length) return new Map(institutions.map((i) => [i, new Map()]));
    // ADR 0059: from memory when this process keeps them (no statement), else from the table.
    const inForce = kept?.peek();
    if (inForce) return valuesIn(inForce, ids, institutions);
    const gathered = gatheredRead(
      executor,
      'rule_threshold',
      institutions.flatMap((i) => ids.map((id) => inForceKey(i, id))),
      async (pairs) => {
        const split = pairs.map((p) => p.split('\u0000') as [string, ThresholdId]);
        const all = await readThresholds(
          executor,
          split.map(([, id]) => id),
          [...new Set(split.map(([institution]) => institution))],
        );
        return new Map(
          split.map(([institution, id]) => [inForceKey(institution, id), all.get(institution)?.get(id)]),
        );
      },
    );
    if (!gathered) return readThresholds(executor, ids, institutions);
    const values = await gathered;
    return new Map(
      institutions.map((i) => [i, new Map(ids.map((id) => [id, values.get(inForceKey(i, id)) as number]))]),
    );
  }

  /**
   * The values in force of several thresholds for one institution, in one query (the institution's,
   * else the national one, else the default): for the modules whose limits are kept here (RST-*).
   */
  async function thresholdValues(
    executor: Executor,
    ids: readonly ThresholdId[],
    institutionId: string,
  ): Promise<Map<ThresholdId, number>> {
    return (await thresholdsIn(executor, ids, [institutionId])).get(institutionId) ?? new Map();
  }

  async function openTask(
    tx: Tx,
    input: {
      personId: string;
      institutionId: string;
      kind: string;
      triggeredAt: string;
      triggerEventId?: string | null;
      sourceEncounterId?: string | null;
      /** The encounter the task is about (the screening awaiting a countersignature). */
      encounterId?: string | null;
    },
  ) {
    const rule = contributions.taskKinds.find((k) => k.kind === input.kind);
    if (!rule) throw new Error(`unknown task kind ${input.kind}`);
    const limit = await thresholdValue(tx, rule.threshold, input.institutionId);
    const id = newId();
    await tx
      .insertInto('clinical_task')
      .values({
        id,
        person_id: input.personId,
        institution_id: input.institutionId,
        kind: input.kind,
        source_ref: rule.sourceRef,
        trigger_event_id: input.triggerEventId ?? null,
        source_encounter_id: input.sourceEncounterId ?? null,
        triggered_at: input.triggeredAt,
        due_at: dueAfter(input.triggeredAt, limit.value),
        completed_at: null,
        completed_by: null,
        encounter_id: input.encounterId ?? null,
        version: 1,
        created_at: clock.now().toISOString(),
      })
      .execute();
    return id;
  }

  /**
   * Closes the open task of a kind that an event at `triggeredAt` opened, when another module
   * records what it asked for (RST-11: the examination after restraint, recorded on the episode).
   */
  async function closeTriggeredTask(
    tx: Tx,
    input: { personId: string; kind: string; triggeredAt: string; completedAt: string; completedBy: string },
  ) {
    await tx
      .updateTable('clinical_task')
      .set((eb) => ({
        completed_at: input.completedAt,
        completed_by: input.completedBy,
        version: eb('version', '+', 1),
      }))
      .where('person_id', '=', input.personId)
      .where('kind', '=', input.kind)
      .where('triggered_at', '=', input.triggeredAt)
      .where('completed_at', 'is', null)
      .execute();
  }

  /**
   * Custody events open screenings: every admission and every arrival on transfer (ADM-1, ADM-6,
   * ADM-9: every new arrival, the suicide screen repeated on transfer in), and every return from
   * police custody or investigation (ADM-5). Leaving an institution closes its open screenings there
   * unscreened: they stay counted as not done in the rate.
   */
  async function onCustodyEvent(tx: Tx, n: CustodyEventNotice) {
    if ((n.type === 'admission' || n.type === 'transfer_in') && n.institutionId) {
      await openTask(tx, {
        personId: n.personId,
        institutionId: n.institutionId,
        kind: 'admission_screening',
        triggeredAt: n.occurredAt,
        triggerEventId: n.eventId,
      });
    } else if (n.type === 'absence_return' && n.returnedFromPolice && n.institutionId) {
      await openTask(tx, {
        personId: n.personId,
        institutionId: n.institutionId,
        kind: 'rescreening',
        triggeredAt: n.occurredAt,
        triggerEventId: n.eventId,
      });
    } else if (n.type === 'release' || n.type === 'transfer_out') {
      await tx
        .updateTable('clinical_task')
        .set({ completed_at: n.occurredAt, completed_by: null })
        .where('person_id', '=', n.personId)
        .where('completed_at', 'is', null)
        .where('kind', 'in', ['admission_screening', 'rescreening'])
        .execute();
    } else if (n.type === 'entered_in_error' && n.correctsEventId) {
      // The event that opened a screening was a mistake: its open task goes with it.
      await tx
        .updateTable('clinical_task')
        .set({ completed_at: n.occurredAt, completed_by: null })
        .where('trigger_event_id', '=', n.correctsEventId)
        .where('completed_at', 'is', null)
        .execute();
    }
  }
  registry.onCustodyEvent(onCustodyEvent);

  async function taskRow(executor: Executor, id: string) {
    const task = await executor
      .selectFrom('clinical_task')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!task) throw notFound('No such task.');
    return task;
  }

  /**
   * What a completed screening writes into the chart (issue 14 item 8, ADR 0031), in the transaction
   * of the completion: its readings as one set of vital signs (BMI from weight and height), authored
   * by the screener at the screening's time and linked to it; each allergy it names as an allergy
   * entry; "no known allergies" as a statement the chart then shows. Nothing is typed twice.
   */
  async function recordInChart(
    tx: Tx,
    row: { id: string; person_id: string; author_id: string; started_at: string },
    form: ScreeningForm,
    now: string,
  ) {
    const readings: [VitalSign, number][] = [];
    const v = form.vitals ?? {};
    for (const name of screeningVitalNames) {
      const value = v[name];
      if (value !== null && value !== undefined) readings.push([name, value]);
    }
    const bmi = bodyMassIndex(v.weight, v.height);
    if (bmi !== null) readings.push(['bmi', bmi]);
    if (readings.length) {
      await tx
        .insertInto('observation')
        .values(
          readings.map(([name, value]) => ({
            id: newId(),
            person_id: row.person_id,
            encounter_id: row.id,
            category: 'vital-signs' as const,
            test: name,
            code_system: LOINC_SYSTEM,
            code: vitalSigns[name].loinc,
            value_number: value,
            value_code: null,
            unit: vitalSigns[name].unit,
            note: null,
            effective_at: row.started_at,
            restricted: 0,
            author_id: row.author_id,
            recorded_at: now,
          })),
        )
        .execute();
    }
    const answer = form.allergies?.answer ?? null;
    const named = answer === 'listed' ? (form.allergies?.items ?? []) : [];
    if (named.length) {
      await tx
        .insertInto('allergy')
        .values(
          named.map((a) => ({
            id: newId(),
            person_id: row.person_id,
            substance: a.substance.trim(),
            category: a.category ?? 'other',
            type: 'allergy',
            reaction: a.reaction?.trim() || null,
            severity: a.severity ?? 'moderate',
            author_id: row.author_id,
            recorded_at: now,
            encounter_id: row.id,
          })),
        )
        .execute();
    }
    if (answer === 'none_known') {
      await tx
        .insertInto('allergy_statement')
        .values({
          id: newId(),
          person_id: row.person_id,
          statement: 'none_known',
          encounter_id: row.id,
          author_id: row.author_id,
          recorded_at: row.started_at,
        })
        .execute();
    }
    return { vitals: readings.length, allergies: named.length, allergyAnswer: answer };
  }

  const scopeInstitutions = (viewer: Viewer, institutionId?: string) => {
    if (institutionId) {
      if (!viewer.national && !viewer.institutionIds.includes(institutionId)) return [];
      return [institutionId];
    }
    return viewer.national ? null : viewer.institutionIds;
  };

  const service = {
    thresholdValue,
    thresholdValues,
    thresholdsIn,
    openTask,
    closeTriggeredTask,

    /** Open clinical tasks (screenings first by deadline) of the viewer's institutions. */
    async openTasks(
      viewer: Viewer,
      query: { institutionId?: string; kinds?: string[]; limit: number },
      executor: Executor = db,
    ) {
      const institutions = scopeInstitutions(viewer, query.institutionId);
      if (institutions && institutions.length === 0) return [];
      let q = executor
        .selectFrom('clinical_task')
        .selectAll()
        .where('completed_at', 'is', null)
        .orderBy('due_at')
        .limit(query.limit);
      if (institutions) q = q.where('institution_id', 'in', institutions);
      if (query.kinds?.length) q = q.where('kind', 'in', query.kinds);
      const rows = await q.execute();
      const people = await registry.personSummaries(
        executor,
        rows.map((r) => r.person_id),
      );
      const now = clock.now();
      // Every task's person exists (a foreign key); the registry names them.
      return rows.flatMap((r) => {
        const person = people.get(r.person_id);
        return person ? [{ ...taskView(r, now), person }] : [];
      });
    },

    /**
     * The clinical task list (clinical roles only: route permission `clinical.record.read`). X-2:
     * each view leaves one audit event (not one per row), in the transaction of the read, naming
     * the institution and kinds asked for and how many tasks were shown.
     */
    async listTasks(
      actor: AuditActor,
      viewer: Viewer,
      query: { institutionId?: string; kinds?: string[]; limit: number },
    ) {
      return inTransaction(db, async (tx) => {
        const items = await service.openTasks(viewer, query, tx);
        await audit.record(tx, actor, {
          action: 'clinical.task.list',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'clinical_task',
          resourceId: query.institutionId ?? null,
          details: { tasks: items.length, kinds: query.kinds?.join(',') ?? null },
        });
        return items;
      });
    },

    /**
     * Opens the screening of a task: the existing draft, or a new one with every section blank.
     * Only a doctor, feldsher or nurse reaches this (route permission `clinical.screening.complete`).
     */
    async startScreening(actor: AuditActor, viewer: Viewer, taskId: string) {
      return inTransaction(db, async (tx) => {
        const task = await taskRow(tx, taskId);
        const person = await access(tx, viewer, actor, task.person_id, {
          action: 'clinical.screening.start',
          resourceType: 'clinical_task',
          resourceId: taskId,
        });
        if (task.kind !== 'admission_screening' && task.kind !== 'rescreening') {
          throw ruleRefused([{ path: 'taskId', code: 'not_a_screening' }], clinicalRules);
        }
        if (task.encounter_id) return { encounterId: task.encounter_id, created: false };
        if (task.completed_at) throw ruleRefused([{ path: 'taskId', code: 'task_closed' }], clinicalRules);
        const now = clock.now().toISOString();
        const id = newId();
        const content: EncounterContent = {
          type: 'admission_screening',
          startedAt: now,
          personsPresent: [{ kind: 'clinician', name: actor.username ?? 'clinician', sex: null }],
          interpreterUsed: false,
          femaleClinicianRequested: false,
          restricted: false,
        };
        await tx
          .insertInto('encounter')
          .values({
            id,
            person_id: task.person_id,
            institution_id: task.institution_id,
            type: 'admission_screening',
            started_at: now,
            author_id: viewer.userId,
            status: 'draft',
            content: JSON.stringify(content),
            structured: JSON.stringify(emptyScreeningForm(person.sex === 'female' ? 'female' : 'male')),
            restricted: 0,
            task_id: taskId,
            content_hash: null,
            signed_at: null,
            signed_by: null,
            version: 1,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await tx
          .updateTable('clinical_task')
          .set({ encounter_id: id, version: task.version + 1 })
          .where('id', '=', taskId)
          .execute();
        return { encounterId: id, created: true };
      });
    },

    /**
     * Completes a screening: every section answered (ADM-2, ADM-4, WOM-3 …), persons present
     * (MED-4, WOM-6/7); closes the task and sets in motion its alerts and tasks (ADM-6, ADM-8, ADM-9,
     * ADM-10). The form is then awaiting a signature and can no longer be edited.
     */
    async completeScreening(actor: AuditActor, viewer: Viewer, encounterId: string, version: number) {
      return inTransaction(db, async (tx) => {
        const row = await tx
          .selectFrom('encounter')
          .selectAll()
          .where('id', '=', encounterId)
          .executeTakeFirst();
        if (!row) throw notFound('No such encounter.');
        const person = await access(tx, viewer, actor, row.person_id, {
          action: 'clinical.screening.complete',
          resourceType: 'encounter',
          resourceId: encounterId,
        });
        if (row.type !== 'admission_screening' || !row.task_id) {
          throw ruleRefused([{ path: 'encounterId', code: 'not_a_screening' }], clinicalRules);
        }
        if (row.status !== 'draft') throw conflict('Already completed.', { code: 'encounter_locked' });
        if (row.author_id !== viewer.userId) throw forbidden('Only the author completes it.');
        if (row.version !== version) throw staleVersion('screening');
        const sex = person.sex === 'female' ? 'female' : 'male';
        const form = screeningFormSchema.parse(
          parseJson<ScreeningForm>(row.structured) ?? emptyScreeningForm(sex),
        );
        const stored = parseJson<EncounterContent>(row.content) as EncounterContent;
        // WOM-6: her answer in the women's section is the request, checked against the examining
        // clinician's sex on their staff record (the registry's), or a reason when there is none.
        const content = {
          ...stored,
          femaleClinicianRequested:
            stored.femaleClinicianRequested || form.women?.femaleClinicianRequested === true,
        };
        const staff = await registry.staffRecordOfUser(tx, row.author_id);
        const problems = [
          ...screeningProblems(form, { sex }).map((p) => ({ path: `structured.${p.path}`, code: p.code })),
          ...presenceProblems(content, { patientSex: sex, clinicianSex: staff?.sex ?? null }).map((p) => ({
            path: `content.${p.path}`,
            code: p.code,
          })),
        ];
        if (problems.length) throw ruleRefused(problems, { ...clinicalRules, code: 'screening_incomplete' });
        const now = clock.now().toISOString();
        await tx
          .updateTable('encounter')
          .set({ status: 'completed', version: row.version + 1, updated_at: now })
          .where('id', '=', encounterId)
          .where('version', '=', version)
          .execute();
        const recorded = await recordInChart(tx, row, form, now);
        const task = await taskRow(tx, row.task_id);
        await tx
          .updateTable('clinical_task')
          .set({
            completed_at: now,
            completed_by: viewer.userId,
            encounter_id: encounterId,
            version: task.version + 1,
          })
          .where('id', '=', task.id)
          .execute();
        // ADM-1: the screening counts as done now (the task above); the doctor countersigns within
        // the configurable limit, a task on the worklist until the signature closes it.
        await openTask(tx, {
          personId: row.person_id,
          institutionId: task.institution_id,
          kind: 'screening_countersignature',
          triggeredAt: now,
          sourceEncounterId: encounterId,
          encounterId,
        });
        const consequences = screeningConsequences(form);
        const alertIds: string[] = [];
        for (const alert of consequences.alerts) {
          // MHS-3: the exception reason stays beside the alert, out of its coded detail (MED-3).
          const { sourceRef, ...rest } = alert;
          const { exceptionReason, ...detail } = { exceptionReason: null, ...rest };
          const id = newId();
          alertIds.push(id);
          await tx
            .insertInto('health_alert')
            .values({
              id,
              person_id: row.person_id,
              kind: detail.kind,
              detail: JSON.stringify(detail),
              starts_at: now,
              ends_at: null,
              source_ref: sourceRef,
              source_encounter_id: encounterId,
              created_by: viewer.userId,
              created_at: now,
              ended_by: null,
              version: 1,
              // PHC-6 (ADR 0057): the ADM-6 airborne alert's infectious reason is presumed TB.
              exception_reason: detail.kind === 'infection_control' ? 'tuberculosis' : exceptionReason,
            })
            .execute();
        }
        const taskIds: string[] = [];
        for (const follow of consequences.tasks) {
          taskIds.push(
            await openTask(tx, {
              personId: row.person_id,
              institutionId: task.institution_id,
              kind: follow.kind,
              triggeredAt: now,
              sourceEncounterId: encounterId,
            }),
          );
        }
        await audit.record(tx, actor, {
          action: 'clinical.screening.record_in_chart',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'encounter',
          resourceId: encounterId,
          personId: row.person_id,
          details: recorded,
        });
        await audit.record(tx, actor, {
          action: 'health_alert.create',
          dataClass: 'health_alert',
          outcome: 'allowed',
          resourceType: 'encounter',
          resourceId: encounterId,
          personId: row.person_id,
          details: { alerts: alertIds.length, tasks: taskIds.length },
        });
        return { version: row.version + 1, alertIds, taskIds };
      });
    },

    /** Marks a follow-up task done (a TB work-up ordered, a referral made, a prescriber review). */
    async completeTask(actor: AuditActor, viewer: Viewer, taskId: string, encounterId: string | null) {
      return inTransaction(db, async (tx) => {
        const task = await taskRow(tx, taskId);
        await access(tx, viewer, actor, task.person_id, {
          action: 'clinical.task.complete',
          resourceType: 'clinical_task',
          resourceId: taskId,
        });
        if (closedByTheirWork.has(task.kind)) {
          throw ruleRefused(
            [
              {
                path: 'taskId',
                code:
                  task.kind === 'screening_countersignature'
                    ? 'countersign_closes_it'
                    : 'screening_completes_by_form',
              },
            ],
            clinicalRules,
          );
        }
        if (task.completed_at) throw ruleRefused([{ path: 'taskId', code: 'task_closed' }], clinicalRules);
        await tx
          .updateTable('clinical_task')
          .set({
            completed_at: clock.now().toISOString(),
            completed_by: viewer.userId,
            encounter_id: encounterId,
            version: task.version + 1,
          })
          .where('id', '=', taskId)
          .execute();
      });
    },

    /**
     * ADM-1 indicator: of the admissions (and arrivals) in [from, to) in an institution or the viewer's
     * institutions, how many were screened within the limit, and the median time to screening.
     * Counts only; no names (aggregate data class).
     */
    async screeningRate(viewer: Viewer, query: { institutionId?: string; from: string; to: string }) {
      const institutions = scopeInstitutions(viewer, query.institutionId);
      const empty = {
        admissions: 0,
        screened: 0,
        screenedInTime: 0,
        percentInTime: null,
        medianMinutes: null,
      };
      if (institutions && institutions.length === 0) return empty;
      let q = db
        .selectFrom('clinical_task')
        .select(['triggered_at', 'due_at', 'completed_at', 'completed_by'])
        .where('kind', '=', 'admission_screening')
        .where('triggered_at', '>=', query.from)
        .where('triggered_at', '<', query.to);
      if (institutions) q = q.where('institution_id', 'in', institutions);
      const rows = await q.execute();
      if (!rows.length) return empty;
      const screened = rows.filter((r) => r.completed_at && r.completed_by);
      const inTime = screened.filter((r) => (r.completed_at as string) <= r.due_at);
      const minutes = screened
        .map((r) => (Date.parse(r.completed_at as string) - Date.parse(r.triggered_at)) / 60_000)
        .sort((a, b) => a - b);
      const mid = Math.floor(minutes.length / 2);
      const median = !minutes.length
        ? null
        : minutes.length % 2
          ? (minutes[mid] as number)
          : ((minutes[mid - 1] as number) + (minutes[mid] as number)) / 2;
      return {
        admissions: rows.length,
        screened: screened.length,
        screenedInTime: inTime.length,
        percentInTime: Math.round((inTime.length / rows.length) * 1000) / 10,
        medianMinutes: median === null ? null : Math.round(median),
      };
    },

    /** The thresholds in force for an institution (or nationally), with their sources. */
    async thresholds(institutionId: string | null) {
      const ids = Object.keys(thresholdDefinitions) as ThresholdId[];
      return Promise.all(
        ids.map(async (id) => ({
          id,
          defaultValue: thresholdDefinitions[id].defaultValue,
          ...(await thresholdValue(db, id, institutionId)),
        })),
      );
    },

    /** sets a threshold; loosening needs a recorded legal basis. New rows only: the history stays. */
    async setThreshold(
      actor: AuditActor & { userId: string },
      id: ThresholdId,
      institutionId: string | null,
      value: number,
      legalBasis: string | null,
    ) {
      const problem = thresholdChangeProblem(id, value, legalBasis);
      if (problem)
        throw ruleRefused(
          [{ path: problem === 'out_of_bounds' ? 'value' : 'legalBasis', code: problem }],
          clinicalRules,
        );
      return inTransaction(db, async (tx) => {
        // ADR 0059: what this process (and, on PostgreSQL, every replica) keeps is stale from here.
        await kept?.changed(tx);
        await tx
          .insertInto('rule_threshold')
          .values({
            id: newId(),
            threshold_id: id,
            institution_id: institutionId,
            value,
            legal_basis: legalBasis?.trim() || null,
            set_by: actor.userId,
            set_at: clock.now().toISOString(),
          })
          .execute();
        await audit.record(tx, actor, {
          action: 'rules.threshold.set',
          dataClass: 'administrative',
          outcome: 'allowed',
          resourceType: 'rule_threshold',
          resourceId: id,
          details: { institutionId, value },
        });
      });
    },
  };

  /** The home worklist's clinical part: due and overdue screenings and follow-up tasks. */
  const worklist: WorklistContributor = {
    module: 'clinical',
    async contribute(actor) {
      if (!actor.permissions.has('clinical.record.read')) return [];
      const tasks = await service.openTasks(
        {
          userId: actor.userId,
          institutionIds: actor.institutionIds,
          national: actor.national,
          restrictedReader: false,
        },
        { limit: WORKLIST_TASKS },
      );
      // Issue 14: a countersignature is a doctor's to give (ADM-1); it is on their worklists only.
      const countersigns = actor.permissions.has('clinical.screening.countersign');
      return tasks
        .filter((t) => countersigns || t.kind !== 'screening_countersignature')
        .map((t) => ({
          module: 'clinical',
          kind: t.kind,
          severity: t.state === 'overdue' ? ('overdue' as const) : ('due' as const),
          subjectId: t.id,
          label:
            `${t.person.prisonNumber} · ${t.person.surnameLatin ?? t.person.surnameCyrillic ?? ''} ${t.person.givenNameLatin ?? t.person.givenNameCyrillic ?? ''}`.trim(),
          since: t.triggeredAt,
          dueAt: t.dueAt,
          institutionId: t.institutionId,
          dataClass: 'clinical' as const,
        }));
    },
  };

  /**
   * ADR 0035 (issue 18 item 3): the injury sections of completed or signed admission screenings with
   * injuries, for the injuries module, which makes each an admission injury record (not retyped).
   * Read in the caller's transaction; the caller checks scope and records the audit event. Bounded.
   */
  async function screeningInjuries(
    executor: Executor,
    q: {
      encounterIds?: readonly string[];
      personIds?: readonly string[];
      institutionIds?: readonly string[] | 'all';
      since?: string;
      limit: number;
    },
  ) {
    let query = executor
      .selectFrom('encounter')
      .select(['id', 'person_id', 'institution_id', 'author_id', 'structured', 'started_at', 'updated_at'])
      .where('type', '=', 'admission_screening')
      .where('status', 'in', ['completed', 'signed'])
      .orderBy('updated_at', 'desc')
      .limit(q.limit);
    if (q.encounterIds) query = query.where('id', 'in', q.encounterIds.length ? [...q.encounterIds] : ['']);
    if (q.personIds) query = query.where('person_id', 'in', q.personIds.length ? [...q.personIds] : ['']);
    if (q.institutionIds && q.institutionIds !== 'all') {
      query = query.where('institution_id', 'in', q.institutionIds.length ? [...q.institutionIds] : ['']);
    }
    if (q.since) query = query.where('updated_at', '>=', q.since);
    const rows = await query.execute();
    return rows.flatMap((r) => {
      const injuries = parseJson<ScreeningForm>(r.structured)?.injuries;
      if (!injuries?.items?.length) return [];
      return [
        {
          encounterId: r.id,
          personId: r.person_id,
          institutionId: r.institution_id,
          authorId: r.author_id,
          examinedAt: r.started_at,
          completedAt: r.updated_at,
          items: injuries.items,
          illTreatment: injuries.illTreatment ?? null,
          illTreatmentAccount: injuries.illTreatmentAccount ?? null,
        },
      ];
    });
  }

  return { ...service, worklist, screeningInjuries };
}

export type ScreeningService = ReturnType<typeof createScreeningService>;
