import {
  addressees,
  complaintCategories,
  monthBounds,
  type RequestsRegister,
  requestChannels,
  requestUrgencies,
  type SuppressionLine,
  suppressedCells,
} from '@custodia/domain';
import { sql } from 'kysely';
import { inTransaction } from '../../platform/db/database.ts';
import { forbidden } from '../../platform/errors.ts';
import type { Caller } from '../identity/index.ts';
import { inScope, type RequestsDeps } from './context.ts';

/**
 * MED-5, RES-7: the month's registers of an institution, counts only: requests to health care by
 * urgency and channel with triage in time; complaints by addressee and category with answers in time.
 * DAT-6: a reader outside health care (no `requests.health.read`) gets small cells suppressed.
 */
export function createRegisters(deps: RequestsDeps) {
  const { db, clock, audit, smallCellThreshold } = deps;

  return {
    async register(
      caller: Caller,
      institutionId: string,
      month: string,
      timeZone: string,
    ): Promise<RequestsRegister> {
      if (!inScope(caller.viewer, institutionId)) throw forbidden('You do not work there.');
      const { from, to } = monthBounds(month, timeZone);
      const now = clock.now().toISOString();
      return inTransaction(db, async (tx) => {
        const n = (expr: ReturnType<typeof sql<number>>) => expr;
        const requestRows = await tx
          .selectFrom('health_request')
          .select([
            'urgency',
            'channel',
            n(sql<number>`count(*)`).as('received'),
            n(sql<number>`sum(case when triaged_at is not null then 1 else 0 end)`).as('triaged'),
            n(
              sql<number>`sum(case when triaged_at is not null and triaged_at <= triage_due_at then 1 else 0 end)`,
            ).as('in_time'),
            n(
              sql<number>`sum(case when (triaged_at is not null and triaged_at > triage_due_at) or (triaged_at is null and triage_due_at < ${now}) then 1 else 0 end)`,
            ).as('late'),
          ])
          .where('institution_id', '=', institutionId)
          .where('received_at', '>=', from)
          .where('received_at', '<', to)
          .groupBy(['urgency', 'channel'])
          .execute();
        const complaintRows = await tx
          .selectFrom('complaint')
          .select([
            'addressee',
            'category',
            n(sql<number>`count(*)`).as('received'),
            n(sql<number>`sum(allegation)`).as('allegations'),
            n(sql<number>`sum(case when answered_at is not null then 1 else 0 end)`).as('answered'),
            n(
              sql<number>`sum(case when answered_at is not null and answered_at <= answer_due_at then 1 else 0 end)`,
            ).as('in_time'),
            n(
              sql<number>`sum(case when status in ('received', 'acknowledged') and answer_due_at < ${now} then 1 else 0 end)`,
            ).as('overdue'),
          ])
          .where('institution_id', '=', institutionId)
          .where('received_at', '>=', from)
          .where('received_at', '<', to)
          .groupBy(['addressee', 'category'])
          .execute();

        const values: Record<string, number> = {};
        const add = (key: string, v: unknown) => {
          values[key] = (values[key] ?? 0) + Number(v ?? 0);
        };
        for (const u of requestUrgencies)
          for (const k of ['received', 'triaged', 'in_time', 'late']) add(`req.${u}.${k}`, 0);
        for (const c of requestChannels) add(`req.channel.${c}`, 0);
        add('req.total', 0);
        for (const r of requestRows) {
          add('req.total', r.received);
          add(`req.${r.urgency}.received`, r.received);
          add(`req.${r.urgency}.triaged`, r.triaged);
          add(`req.${r.urgency}.in_time`, r.in_time);
          add(`req.${r.urgency}.late`, r.late);
          add(`req.channel.${r.channel}`, r.received);
        }
        for (const a of addressees)
          for (const k of ['received', 'answered', 'in_time', 'overdue']) add(`cmp.${a}.${k}`, 0);
        for (const c of complaintCategories) add(`cmp.category.${c}`, 0);
        add('cmp.total', 0);
        add('cmp.allegations', 0);
        for (const r of complaintRows) {
          add('cmp.total', r.received);
          add('cmp.allegations', r.allegations);
          add(`cmp.${r.addressee}.received`, r.received);
          add(`cmp.${r.addressee}.answered`, r.answered);
          add(`cmp.${r.addressee}.in_time`, r.in_time);
          add(`cmp.${r.addressee}.overdue`, r.overdue);
          add(`cmp.category.${r.category}`, r.received);
        }

        // DAT-6: which cells reveal each other (a total and its parts).
        const lines: SuppressionLine[] = [
          { total: 'req.total', parts: requestUrgencies.map((u) => `req.${u}.received`) },
          { total: 'req.total', parts: requestChannels.map((c) => `req.channel.${c}`) },
          { total: 'cmp.total', parts: addressees.map((a) => `cmp.${a}.received`) },
          { total: 'cmp.total', parts: complaintCategories.map((c) => `cmp.category.${c}`) },
          ...requestUrgencies.map((u) => ({ total: `req.${u}.triaged`, parts: [`req.${u}.in_time`] })),
          ...addressees.map((a) => ({ total: `cmp.${a}.answered`, parts: [`cmp.${a}.in_time`] })),
        ];
        const clinicalReader = caller.has('requests.health.read');
        const suppressed = clinicalReader
          ? new Set<string>()
          : suppressedCells(values, lines, smallCellThreshold);
        const v = (key: string) => (suppressed.has(key) ? null : (values[key] ?? 0));

        await audit.record(tx, caller.audit, {
          action: 'requests.register.read',
          dataClass: 'aggregate',
          outcome: 'allowed',
          resourceType: 'complaint',
          details: { institutionId, month },
        });
        return {
          institutionId,
          month,
          requests: {
            total: v('req.total'),
            byUrgency: requestUrgencies.map((u) => ({
              urgency: u,
              received: v(`req.${u}.received`),
              triaged: v(`req.${u}.triaged`),
              triagedInTime: v(`req.${u}.in_time`),
              late: v(`req.${u}.late`),
            })),
            byChannel: requestChannels.map((c) => ({ channel: c, received: v(`req.channel.${c}`) })),
          },
          complaints: {
            total: v('cmp.total'),
            allegations: v('cmp.allegations'),
            byAddressee: addressees.map((a) => ({
              addressee: a,
              received: v(`cmp.${a}.received`),
              answered: v(`cmp.${a}.answered`),
              answeredInTime: v(`cmp.${a}.in_time`),
              overdue: v(`cmp.${a}.overdue`),
            })),
            byCategory: complaintCategories.map((c) => ({ category: c, received: v(`cmp.category.${c}`) })),
          },
          suppression: clinicalReader
            ? null
            : { threshold: smallCellThreshold, cells: [...suppressed].sort() },
        };
      });
    },
  };
}
