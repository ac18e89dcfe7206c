import { type Clock, systemClock } from '@custodia/domain';
import type { Config } from './platform/config.ts';
import type { DatabaseHandle } from './platform/db/database.ts';

/**
 * The composition root: every service is built once here and handed down. Tests build the same
 * graph over a fresh database. A module reaches another module only through its service.
 */
export interface Services {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
}

export function buildServices(
  config: Config,
  database: DatabaseHandle,
  clock: Clock = systemClock,
): Services {
  return { config, database, clock };
}
