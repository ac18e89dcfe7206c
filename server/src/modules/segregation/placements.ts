import {
  type DirectorDecisionInput,
  decisionDueAt,
  isClinicalUser,
  lightingAllowsAllocation,
  newId,
  type PersonFacts,
  type PlacementKind,
  type PlacementStart,
  placementStartProblems,
} from '@custodia/domain';
import { inTransaction, type Tx } from '../../platform/db/database.ts';
import { forbidden, ruleRefused, staleVersion } from '../../platform/errors.ts';
import type { Caller } from '../identity/index.ts';
import { factsOf, inScope, placementInScope, type SegregationDeps } from './context.ts';
import { segregationRepository as repo } from './repository.ts';

/** What a placement's listeners are told when it starts (no reason, no offence: custodial facts only). */
export interface PlacementNotice {
  placementId: string;
  personId: string;
  institutionId: string;
  kind: PlacementKind;
  startedAt: string;
}
export type PlacementListener = (tx: Tx, notice: PlacementNotice) => Promise<void>;

/** Signing, ending and deciding on placements: the management's acts (SEG-2 … SEG-4, SEG-6, SEG-7, SEG-11). */
export function createPlacementCommands(deps: SegregationDeps, listeners: readonly PlacementListener[] = []) {
  const { db, clock, timeZone, audit, registry, alerts } = deps;

  return {
    /**
     * SEG-2 … SEG-4, SEG-6, MHS-7: a placement signed by management. Refused, writing nothing, for a
     * health role, a protected person without the director's override, more than 14 days of
     * disciplinary solitary or a back-to-back sentence.
     */
    async start(caller: Caller, personId: string, input: PlacementStart) {
      return inTransaction(db, async (tx) => {
        const person = await registry.personForViewer(tx, caller.viewer, personId);
        const now = clock.now();
        // SEG-4, MHS-7: the protected groups, from the person's birth date and health alerts (their
        // functional flags only: MED-3).
        const details = await alerts.activeAlertDetails(tx, personId, now);
        const facts: PersonFacts = {
          inCustody: person.status === 'in_custody' && !!person.institution_id,
          birthDate: person.birth_date,
          pregnant: details.some(
            (d) =>
              (d.kind === 'special_diet' && d.diet === 'pregnancy') ||
              (d.kind === 'obstetric' && d.stage !== 'postpartum'),
          ),
          withInfant: details.some((d) => d.kind === 'obstetric' && d.stage === 'postpartum'),
          contraindicated: details.some((d) => d.kind === 'not_fit_for_segregation'),
        };
        const earlier = await repo.placementsOfPerson(tx, personId);
        const problems = placementStartProblems(input, {
          now,
          timeZone,
          person: facts,
          mayOverride: caller.has('segregation.placement.override'),
          // SEG-6: no health role signs a placement, whatever else the account holds.
          callerIsHealth: isClinicalUser(caller.user.roles),
          earlier: earlier.map((p) => ({
            kind: p.kind as PlacementKind,
            startedAt: p.started_at,
            endsAt: p.ended_at ?? p.planned_end_at,
          })),
          alreadyOpen: earlier.some((p) => p.ended_at === null),
        });
        const institutionId = person.institution_id as string;
        if (input.cellId) {
          const cell = await registry.cell(tx, input.cellId);
          if (!cell || cell.institution_id !== institutionId)
            problems.push({ path: 'cellId', code: 'cell_elsewhere' });
          // SEG-12: a cell recorded as dark (no natural light) or constantly lit cannot be allocated.
          else if (!lightingAllowsAllocation(cell.lighting))
            problems.push({ path: 'cellId', code: 'cell_lighting' });
        }
        if (problems.length) throw ruleRefused(problems);
        if (!inScope(caller.viewer, institutionId)) throw forbidden('You do not work there.');
        const id = newId();
        await tx
          .insertInto('segregation_placement')
          .values({
            id,
            person_id: personId,
            institution_id: institutionId,
            kind: input.kind,
            reason: input.reason,
            offence_reference: input.offenceReference ?? null,
            cell_id: input.cellId ?? null,
            started_at: input.startedAt,
            planned_end_at: input.plannedEndAt,
            override_reason: input.overrideReason ?? null,
            decided_by: caller.userId,
            recorded_at: now.toISOString(),
            ended_at: null,
            end_reason: null,
            ended_by: null,
            ended_recorded_at: null,
            version: 1,
          })
          .execute();
        await audit.record(tx, caller.audit, {
          action: 'segregation.placement.start',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'segregation_placement',
          resourceId: id,
          personId,
          // SEG-4, MHS-7: an override is on the audit trail too (its reason stays in the record).
          details: { kind: input.kind, override: !!input.overrideReason },
        });
        const notice = {
          placementId: id,
          personId,
          institutionId,
          kind: input.kind,
          startedAt: input.startedAt,
        };
        for (const listener of listeners) await listener(tx, notice);
        return { id };
      });
    },

    /** The end of a placement, with its reason. */
    async end(caller: Caller, id: string, input: { endedAt: string; reason: string }) {
      return inTransaction(db, async (tx) => {
        const row = placementInScope(await repo.placement(tx, id), caller.viewer);
        const now = clock.now();
        const problems = [];
        if (row.ended_at) problems.push({ path: '', code: 'placement_ended' });
        if (input.endedAt < row.started_at) problems.push({ path: 'endedAt', code: 'before_placement' });
        if (Date.parse(input.endedAt) > now.getTime() + 5 * 60_000)
          problems.push({ path: 'endedAt', code: 'in_the_future' });
        if (problems.length) throw ruleRefused(problems);
        await endPlacement(tx, row, caller.userId, input.endedAt, input.reason, now.toISOString());
        await audit.record(tx, caller.audit, {
          action: 'segregation.placement.end',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'segregation_placement',
          resourceId: id,
          personId: row.person_id,
        });
        return { id };
      });
    },

    /**
     * SEG-7: the director's decision on a clinician's recommendation to end (within 24 h), or
     * SEG-11: a review of administrative or protective segregation. `end` ends the placement now.
     */
    async decide(caller: Caller, id: string, input: DirectorDecisionInput) {
      return inTransaction(db, async (tx) => {
        const row = placementInScope(await repo.placement(tx, id), caller.viewer);
        if (row.ended_at) throw ruleRefused([{ path: '', code: 'placement_ended' }]);
        const entries = (await repo.entries(tx, [id])).get(id);
        const facts = factsOf(
          row,
          entries ?? { days: [], healthVisits: [], managementVisits: [], decisions: [] },
        );
        if (input.kind === 'health_recommendation' && !decisionDueAt(facts))
          throw ruleRefused([{ path: 'kind', code: 'nothing_to_decide' }]);
        if (input.kind === 'review' && row.kind !== 'administrative' && row.kind !== 'protective')
          throw ruleRefused([{ path: 'kind', code: 'review_not_applicable' }]);
        const now = clock.now().toISOString();
        const decisionId = newId();
        await tx
          .insertInto('segregation_decision')
          .values({
            id: decisionId,
            placement_id: id,
            at: now,
            kind: input.kind,
            outcome: input.outcome,
            reason: input.reason,
            recorded_by: caller.userId,
            recorded_at: now,
          })
          .execute();
        if (input.outcome === 'end') await endPlacement(tx, row, caller.userId, now, input.reason, now);
        await audit.record(tx, caller.audit, {
          action: 'segregation.decision.record',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'segregation_placement',
          resourceId: id,
          personId: row.person_id,
          details: { kind: input.kind, outcome: input.outcome },
        });
        return { id: decisionId };
      });
    },
  };
}

async function endPlacement(
  tx: Tx,
  row: { id: string; version: number },
  userId: string,
  endedAt: string,
  reason: string,
  recordedAt: string,
) {
  const result = await tx
    .updateTable('segregation_placement')
    .set({
      ended_at: endedAt,
      end_reason: reason,
      ended_by: userId,
      ended_recorded_at: recordedAt,
      version: row.version + 1,
    })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion('placement');
}
