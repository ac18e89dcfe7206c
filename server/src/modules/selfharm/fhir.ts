import { planStatus } from '@custodia/domain';
import type { FhirResource, FhirResourceType } from '../../platform/contributions.ts';
import type { Executor } from '../../platform/db/database.ts';
import { careMapOf, factsOf } from './context.ts';
import type { SelfharmPlanTable } from './tables.ts';

/** FHIR R4 CarePlan.status from the plan's derived status. */
const fhirStatus = (row: SelfharmPlanTable) => {
  const status = planStatus(factsOf(row));
  return status === 'closed' || status === 'post_closure' ? 'completed' : 'active';
};

/**
 * Issue 17 item 6 (ADR 0041): a self-harm care plan as an R4 CarePlan — its period (the concern to
 * the closing review), its care map's actions as activities (owner and due date in the detail), the
 * observation schedule as an activity too. The assessment, the diagnosis and the notes stay out.
 */
function carePlan(row: SelfharmPlanTable): FhirResource {
  const map = careMapOf(row);
  const activity = [
    ...(row.mode && row.interval_minutes && !row.closed_at
      ? [
          {
            detail: {
              kind: 'Task',
              code: { text: row.mode === 'constant' ? 'Constant observation' : 'Intermittent observation' },
              status: 'in-progress',
              scheduledTiming: {
                repeat: { frequency: 1, period: row.interval_minutes, periodUnit: 'min' },
              },
              description:
                row.mode === 'constant'
                  ? `Constant observation; log every ${row.interval_minutes} min`
                  : `Checks at irregular times, at most ${row.interval_minutes} min apart`,
            },
          },
        ]
      : []),
    ...map.actions.map((a) => ({
      detail: {
        kind: 'Task',
        status: a.doneAt ? 'completed' : 'not-started',
        scheduledString: a.dueDate,
        performer: [{ display: a.owner }],
        description: a.text,
      },
    })),
  ];
  return {
    resourceType: 'CarePlan',
    id: row.id,
    status: fhirStatus(row),
    intent: 'plan',
    category: [
      {
        coding: [{ system: 'http://snomed.info/sct', code: '736366004', display: 'Mental health care plan' }],
        text: 'Suicide and self-harm care plan',
      },
    ],
    title: 'Suicide and self-harm care plan',
    subject: { reference: `Patient/${row.person_id}` },
    period: { start: row.raised_at, ...(row.closed_at ? { end: row.closed_at } : {}) },
    created: row.recorded_at,
    ...(activity.length ? { activity } : {}),
  } as FhirResource;
}

export const selfharmFhirResources: FhirResourceType[] = [
  {
    type: 'CarePlan',
    async personOf(executor: Executor, id: string) {
      const row = await executor
        .selectFrom('selfharm_plan')
        .select('person_id')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.person_id;
    },
    async read(tx, id) {
      const row = await tx.selectFrom('selfharm_plan').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? carePlan(row) : null;
    },
    async search(tx, personId, _reader, count) {
      const rows = await tx
        .selectFrom('selfharm_plan')
        .selectAll()
        .where('person_id', '=', personId)
        .orderBy('raised_at', 'desc')
        .orderBy('id', 'desc')
        .limit(count)
        .execute();
      return rows.map(carePlan);
    },
  },
];
