import * as m0001 from './db/migrations/0001_platform.ts';
import * as m0019 from './db/migrations/0019_idempotency_request_hash.ts';
import type { ServerModule } from './module.ts';
import { platformSeed } from './seed.ts';

/** The platform's own tables (settings, idempotency keys) and the demo marker, first in the list. */
export const platformModule: ServerModule = {
  name: 'platform',
  migrations: { '0001_platform': m0001, '0019_idempotency_request_hash': m0019 },
  needs: [],
  build: () => ({}),
  seed: platformSeed,
};
