import type { Executor } from '../../platform/db/database.ts';
import { createComplaints } from './complaints.ts';
import type { RequestsDeps } from './context.ts';
import { allegationExamined } from './escalation.ts';
import { createExaminations } from './examinations.ts';
import { createHealthRequests } from './health-requests.ts';
import { createRegisters } from './registers.ts';

export type { RequestsDeps } from './context.ts';

/**
 * Confidential requests to health care (MED-5), complaints (RES-7) and allegations escalated (INJ-4);
 * ADR 0038: a facade over its use cases.
 */
export function createRequestsService(deps: RequestsDeps) {
  return {
    health: createHealthRequests(deps),
    complaints: createComplaints(deps),
    ...createExaminations(deps),
    ...createRegisters(deps),
    /**
     * MHS-1 (ADR 0043): the person and institution of a request to health care, for the mental-health
     * module's self-referral to name the confidential request it came from; undefined when none.
     */
    async requestOwner(executor: Executor, id: string) {
      const row = await executor
        .selectFrom('health_request')
        .select(['person_id', 'institution_id'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? { personId: row.person_id, institutionId: row.institution_id } : undefined;
    },
    /** The service's clock (the worklist compares deadlines with it). */
    now: () => deps.clock.now(),
    /**
     * INJ-4: called by the injuries module inside its own transaction (`executor`) when the medical
     * examination after an allegation is documented: links the injury record to the complaint's
     * examination. Refused by name (`allegation_not_found`, `not_an_allegation`,
     * `allegation_already_examined`) when the complaint does not exist, is not an allegation or was
     * already examined; writes its audit record in the same transaction.
     */
    allegationExamined(
      executor: Executor,
      input: { complaintId: string; personId: string; injuryRecordId: string; at: string; userId: string },
    ): Promise<void> {
      return allegationExamined(deps, executor, input);
    },
  };
}

export type RequestsService = ReturnType<typeof createRequestsService>;
