import { serverModules } from './modules.ts';
import type { SeedPart } from './platform/seed.ts';

/** Every module's demo data, in the order of the module list (each after those it needs). */
export const demoSeedParts: SeedPart[] = serverModules.flatMap((module) =>
  module.seed ? [module.seed] : [],
);
