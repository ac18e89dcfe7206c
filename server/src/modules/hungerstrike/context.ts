import type { Clock, HungerFacts, StrikeType } from '@custodia/domain';
import type { Db, Executor, Tx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import type { AuditAction, AuditService } from '../audit/index.ts';
import type { ScreeningService } from '../clinical/index.ts';
import type { Caller, IdentityService } from '../identity/index.ts';
import type { RegistryService } from '../registry/index.ts';
import type { HungerStrikeEpisodeTable } from './tables.ts';

/** What every use case of the hunger-strike module is built with (the composition root hands it down). */
export interface HungerDeps {
  db: Db;
  clock: Clock;
  /** The deployment's zone, for an institution without one of its own. */
  timeZone: string;
  audit: AuditService;
  registry: RegistryService;
  identity: IdentityService;
  /** HUN-2: impaired capacity opens a mental-health referral task in the medical record (ADR 0042). */
  screening: Pick<ScreeningService, 'openTask'>;
}

/** The institutions' zones, read before a transaction opens (SQLite has one connection). */
export async function zonesOf(deps: HungerDeps) {
  const list = await deps.registry.listInstitutions();
  const byId = new Map(list.map((i) => [i.id, i]));
  return {
    zone: (id: string | null | undefined) => (id ? byId.get(id)?.timeZone : undefined) ?? deps.timeZone,
    name: (id: string) => byId.get(id)?.name.en ?? '',
  };
}

/**
 * MED-1: the episode, its person in the caller's reach (break-the-glass included; 404 otherwise,
 * answered alike), and the clinical audit record of this access, in the caller's transaction.
 */
export async function episodeAccess(
  deps: HungerDeps,
  tx: Tx,
  caller: Caller,
  episodeId: string,
  action: AuditAction,
  details?: Record<string, string | number | boolean | null>,
): Promise<HungerStrikeEpisodeTable> {
  const episode = await tx
    .selectFrom('hunger_strike_episode')
    .selectAll()
    .where('id', '=', episodeId)
    .executeTakeFirst();
  if (!episode) throw notFound('No such hunger strike.');
  const person = await deps.registry.personForViewer(tx, caller.viewer, episode.person_id);
  await deps.audit.record(tx, caller.audit, {
    action,
    dataClass: 'clinical',
    outcome: 'allowed',
    purpose: deps.registry.inNormalScope(caller.viewer, person) ? 'normal' : 'break_glass',
    resourceType: 'hunger_strike_episode',
    resourceId: episode.id,
    personId: episode.person_id,
    ...(details ? { details } : {}),
  });
  return episode;
}

/** The days recorded of some episodes (one statement), for the rules. */
export async function dayFacts(executor: Executor, episodeIds: readonly string[]) {
  const byEpisode = new Map<string, { day: string; fluidsTaken: boolean | null }[]>();
  if (!episodeIds.length) return byEpisode;
  const rows = await executor
    .selectFrom('hunger_strike_day')
    .select(['episode_id', 'day', 'fluids_taken'])
    .where('episode_id', 'in', episodeIds)
    .execute();
  for (const r of rows) {
    const list = byEpisode.get(r.episode_id) ?? [];
    list.push({ day: r.day, fluidsTaken: r.fluids_taken === null ? null : r.fluids_taken === 1 });
    byEpisode.set(r.episode_id, list);
  }
  return byEpisode;
}

export const factsOf = (
  e: HungerStrikeEpisodeTable,
  days: readonly { day: string; fluidsTaken: boolean | null }[],
): HungerFacts => ({
  startedAt: e.started_at,
  type: e.type as StrikeType,
  endedAt: e.ended_at,
  days,
});

export const parse = <T>(data: string) => JSON.parse(data) as T;
