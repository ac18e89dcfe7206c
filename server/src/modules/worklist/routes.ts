import { isClinicalUser, permissionCatalogue, worklistSchema } from '@custodia/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { orderWorklist, type WorklistContributor } from '../../platform/contributions.ts';
import type { AuditService } from '../audit/index.ts';
import { callerOf } from '../identity/index.ts';

/** Enough for a shift's work; each contributor bounds its own query too. */
const WORKLIST_LIMIT = 200;

export function worklistRoutes(
  contributors: readonly WorklistContributor[],
  audit: AuditService,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/worklist',
      {
        config: { permission: 'authenticated', dataClass: permissionCatalogue.authenticated.dataClass },
        schema: {
          tags: ['worklist'],
          summary: 'What is due or overdue for me now, from every module I may see (each view audited)',
          response: { 200: worklistSchema },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        const actor = caller.user;
        const lists = await Promise.all(contributors.map((c) => c.contribute(actor)));
        // X-2, MED-1: a clinical task kind tells that a person has a screening, a work-up or an
        // examination pending; only clinical roles learn it, whichever module contributed the item.
        const clinical = isClinicalUser(actor.roles);
        const visible = lists.flat().filter((i) => clinical || i.dataClass !== 'clinical');
        const items = orderWorklist(visible, WORKLIST_LIMIT);
        // one audit event per view (not per row): who saw how many items, of which modules.
        await audit.recordAlone(caller.audit, {
          action: 'worklist.read',
          dataClass: items.some((i) => i.dataClass === 'clinical') ? 'clinical' : 'custodial',
          outcome: 'allowed',
          resourceType: 'worklist',
          details: {
            items: items.length,
            modules: [...new Set(items.map((i) => i.module))].sort().join(','),
          },
        });
        return { items: items.map(({ dataClass: _, ...item }) => item) };
      },
    );
  };
}
