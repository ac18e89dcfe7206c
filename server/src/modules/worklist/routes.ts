import {
  isClinicalUser,
  permissionCatalogue,
  type WorklistGroup,
  worklistQuerySchema,
  worklistSchema,
} from '@custodia/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { orderWorklist, type WorklistContributor, type WorklistItem } from '../../platform/contributions.ts';
import { gather } from '../../platform/db/gathering.ts';
import { compiledResponse } from '../../platform/http/serializer.ts';
import type { AuditService } from '../audit/index.ts';
import { callerOf } from '../identity/index.ts';
import type { RegistryService } from '../registry/index.ts';

/** Enough for a shift's work; each contributor bounds its own query too. */
const WORKLIST_LIMIT = 200;

const groupKey = (i: Pick<WorklistItem, 'module' | 'kind' | 'institutionId'>) =>
  `${i.module}\u0000${i.kind}\u0000${i.institutionId ?? ''}`;

/**
 * The groups of an ordered list (issue 14): one per kind and institution, in the order of their first
 * item (so overdue groups come first), each with its count and whether any of its items is overdue.
 */
export function worklistGroups(items: readonly WorklistItem[]): WorklistGroup[] {
  const groups = new Map<string, WorklistGroup>();
  for (const item of items) {
    const key = groupKey(item);
    const group = groups.get(key) ?? {
      module: item.module,
      kind: item.kind,
      institutionId: item.institutionId ?? null,
      count: 0,
      overdue: false,
    };
    group.count += 1;
    group.overdue ||= item.severity === 'overdue';
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** At most `perGroup` items of each group, in the list's order. */
export function firstOfEachGroup(items: readonly WorklistItem[], perGroup: number): WorklistItem[] {
  const taken = new Map<string, number>();
  return items.filter((item) => {
    const key = groupKey(item);
    const n = taken.get(key) ?? 0;
    taken.set(key, n + 1);
    return n < perGroup;
  });
}

export function worklistRoutes(
  contributors: readonly WorklistContributor[],
  audit: AuditService,
  registry: RegistryService,
  deploymentTimeZone: string,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/worklist',
      {
        config: { permission: 'authenticated', dataClass: permissionCatalogue.authenticated.dataClass },
        schema: {
          tags: ['worklist'],
          summary:
            'What is due or overdue for me now, from every module I may see, grouped by kind and institution and paged (each view audited)',
          querystring: worklistQuerySchema,
          response: { 200: compiledResponse(worklistSchema) },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        const actor = caller.user;
        const query = request.query;
        // ADR 0052: the contributors run as one gathering, so what several of them read (the names of
        // their people, the institutions, the rule thresholds) is read once for all of them.
        return gather(
          contributors.map((c) => () => c.contribute(actor)),
          async (lists) => {
            // X-2, MED-1: a clinical task kind tells that a person has a screening, a work-up or an
            // examination pending; only clinical roles learn it, whichever module contributed the item.
            const clinical = isClinicalUser(actor.roles);
            const visible = lists
              .flat()
              .filter((i) => clinical || i.dataClass !== 'clinical')
              .filter(
                (i) =>
                  (!query.module || i.module === query.module) &&
                  (!query.kind || i.kind === query.kind) &&
                  (!query.institutionId || i.institutionId === query.institutionId),
              );
            const ordered = orderWorklist(visible, Number.MAX_SAFE_INTEGER);
            const groups = worklistGroups(ordered);
            let items: WorklistItem[];
            let nextCursor: string | null = null;
            if (query.perGroup) {
              items = firstOfEachGroup(ordered, query.perGroup).slice(0, WORKLIST_LIMIT);
            } else {
              const from = Number(query.cursor ?? 0);
              const limit = query.limit ?? WORKLIST_LIMIT;
              items = ordered.slice(from, from + limit);
              if (from + limit < ordered.length) nextCursor = String(from + limit);
            }
            // Issue 14: each item's times in its institution's zone; an item of no institution in the
            // zone of the caller's only institution, else the deployment's.
            const zones = new Map((await registry.listInstitutions()).map((i) => [i.id, i.timeZone]));
            const only =
              actor.institutionIds.length === 1 ? zones.get(actor.institutionIds[0] ?? '') : undefined;
            const fallback = only ?? deploymentTimeZone;
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
            return {
              items: items.map(({ dataClass: _, ...item }) => ({
                ...item,
                institutionId: item.institutionId ?? null,
                timeZone: (item.institutionId && zones.get(item.institutionId)) || fallback,
              })),
              groups,
              nextCursor,
            };
          },
        );
      },
    );
  };
}
