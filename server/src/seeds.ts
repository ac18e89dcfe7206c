import { clinicalSeed } from './modules/clinical/seed.ts';
import { identitySeed } from './modules/identity/seed.ts';
import { registrySeed } from './modules/registry/seed.ts';
import { restraintSeed } from './modules/restraint/seed.ts';
import { platformSeed, type SeedPart } from './platform/seed.ts';

/** Every module's demo data, in dependency order. A new module adds its part here. */
export const demoSeedParts: SeedPart[] = [
  platformSeed,
  registrySeed,
  identitySeed,
  clinicalSeed,
  restraintSeed,
];
