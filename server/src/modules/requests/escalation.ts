import {
  type Addressee,
  allegationBody,
  calendarDateIn,
  type DispatchChannel,
  newId,
} from '@custodia/domain';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuditActor } from '../audit/index.ts';
import type { RequestsDeps } from './context.ts';

/**
 * INJ-4: an allegation of torture or ill-treatment, escalated at once and in the same transaction as
 * its registration: the dispatch to the independent body (time, channel, reference) and the medical
 * examination, due at once, on the health staff's worklist. Nothing here undoes either.
 */
export async function escalate(
  deps: Pick<RequestsDeps, 'audit' | 'timeZone'>,
  tx: Tx,
  actor: AuditActor,
  complaint: { id: string; personId: string; institutionId: string; addressee: Addressee },
  dispatch: { channel: DispatchChannel; reference: string | null | undefined },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const body = allegationBody(complaint.addressee);
  const reference =
    dispatch.reference ||
    `INJ4-${calendarDateIn(now, deps.timeZone).replaceAll('-', '')}-${complaint.id.slice(0, 8).toUpperCase()}`;
  await tx
    .insertInto('complaint_dispatch')
    .values({
      id: newId(),
      complaint_id: complaint.id,
      body,
      channel: dispatch.channel,
      reference,
      at,
      recorded_by: actor.userId ?? '',
    })
    .execute();
  await tx
    .insertInto('allegation_examination')
    .values({
      id: newId(),
      complaint_id: complaint.id,
      person_id: complaint.personId,
      institution_id: complaint.institutionId,
      due_at: at,
      injury_record_id: null,
      examined_at: null,
      examined_by: null,
      recorded_at: null,
    })
    .execute();
  await deps.audit.record(tx, actor, {
    action: 'requests.allegation.escalate',
    dataClass: 'custodial',
    outcome: 'allowed',
    resourceType: 'complaint',
    resourceId: complaint.id,
    personId: complaint.personId,
    details: { body, channel: dispatch.channel },
  });
}

/**
 * INJ-4: the injuries module records that the examination after an allegation was made, with its
 * injury record, inside its own transaction (`executor`). Refused by name when the complaint does
 * not exist, is not an allegation, or was already examined; writes its audit record.
 */
export async function allegationExamined(
  deps: Pick<RequestsDeps, 'audit' | 'clock'>,
  executor: Executor,
  input: { complaintId: string; personId: string; injuryRecordId: string; at: string; userId: string },
): Promise<void> {
  const complaint = await executor
    .selectFrom('complaint')
    .select(['id', 'person_id', 'allegation'])
    .where('id', '=', input.complaintId)
    .executeTakeFirst();
  if (!complaint || complaint.person_id !== input.personId)
    throw new AppError('allegation_not_found', 404, 'No such complaint for this person.');
  if (complaint.allegation !== 1)
    throw new AppError('not_an_allegation', 409, 'This complaint does not allege ill-treatment.');
  const updated = await executor
    .updateTable('allegation_examination')
    .set({
      injury_record_id: input.injuryRecordId,
      examined_at: input.at,
      examined_by: input.userId,
      recorded_at: deps.clock.now().toISOString(),
    })
    .where('complaint_id', '=', input.complaintId)
    .where('examined_at', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1)
    throw new AppError(
      'allegation_already_examined',
      409,
      'The examination after this allegation is already recorded.',
    );
  await deps.audit.record(
    executor as Tx,
    { userId: input.userId, username: null, role: null, clientAddress: null },
    {
      action: 'requests.allegation.examined',
      dataClass: 'clinical',
      outcome: 'allowed',
      resourceType: 'complaint',
      resourceId: input.complaintId,
      personId: input.personId,
      details: { injuryRecordId: input.injuryRecordId },
    },
  );
}
