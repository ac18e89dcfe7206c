import type { Clock } from '@custodia/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Migration } from 'kysely';
import type { Config } from './config.ts';
import type {
  ChartSection,
  FhirResourceType,
  IpsSection,
  PersonAlertSource,
  PlacementGuard,
  TaskKind,
  WorklistContributor,
} from './contributions.ts';
import type { DatabaseHandle } from './db/database.ts';
// Every route's `config` carries its permission and data class (ADR 0006), for whoever compiles a module.
import type {} from './http/routes.ts';
import type { SeedPart } from './seed.ts';
import type { FileStorage } from './storage/storage.ts';

/** What every module's contributions add up to, collected once the services are built. */
export interface Contributions {
  worklist: WorklistContributor[];
  chartSections: ChartSection[];
  fhirResources: FhirResourceType[];
  ipsSections: IpsSection[];
  taskKinds: TaskKind[];
  personAlerts: PersonAlertSource[];
  placementGuards: PlacementGuard[];
}

/** What the platform gives every module: configuration, the database, the clock, the file storage. */
export interface ModuleContext {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  /** Binary files (photos, documents), kept beside the database. */
  storage: FileStorage;
  /** Every module's contributions; filled after all services are built, so read them when called. */
  contributions: Contributions;
}

/**
 * One server module, as its `index.ts` declares it (ADR 0020). The platform iterates the ordered list
 * in `server/src/modules.ts`: it builds the services, runs the migrations, registers the routes,
 * seeds the demo data and collects the contributions, and never imports a module by name.
 *
 * `Provides` are the services the module builds, `Needs` those of other modules it calls. The hooks
 * below are methods, so a module may declare them over the whole service graph it is handed.
 */
export interface ServerModule<Provides extends object = object, Needs extends object = object> {
  name: string;
  /** Its migrations by name. Kysely orders all modules' migrations by name; a name never changes. */
  migrations: Record<string, Migration>;
  /** The services of other modules it needs: built by modules earlier in the list. */
  needs: readonly string[];
  build(context: ModuleContext, needs: Needs): Provides;
  routes?(services: ModuleContext & Needs & Provides): FastifyPluginAsyncZod[];
  /** Its part of the demo data, run in the order of the list. */
  seed?: SeedPart;
  worklist?(services: Provides): WorklistContributor[];
  chartSections?(services: Provides): ChartSection[];
  fhirResources?(services: Provides): FhirResourceType[];
  ipsSections?(services: Provides): IpsSection[];
  /** The clinical task kinds it sets in motion, with their deadlines' thresholds. */
  taskKinds?: readonly TaskKind[];
  /** MED-3: the health alerts custodial staff see where they act. */
  personAlerts?(services: Provides): PersonAlertSource[];
  /** ADM-6: guards the registry asks before placing a person in a cell. */
  placementGuards?(services: Provides): PlacementGuard[];
  /** Its commands of the `custodia` CLI (`custodia terminology import-atc FILE`). */
  commands?: readonly ModuleCommand<Provides>[];
}

/**
 * A command of the `custodia` CLI that a module adds: the CLI lists it in its usage, applies the
 * pending migrations, builds the services and runs it; a thrown error is printed as one line.
 */
export interface ModuleCommand<Provides extends object = object> {
  /** The words that name it, as typed: `terminology import-atc`. */
  command: string;
  /** Its arguments, for the usage line: `FILE [--language az|en|ru]`. */
  args: string;
  /** Runs with the arguments after the command's words; returns the line to print. */
  run(services: Provides, args: string[], progress: (line: string) => void): Promise<string>;
}

/** Builds every module's services in order; a module needing one not yet built is a programming error. */
export function buildModules(
  modules: readonly ServerModule[],
  context: ModuleContext,
): Record<string, unknown> {
  const built: Record<string, unknown> = {};
  const names = new Set<string>();
  for (const module of modules) {
    if (names.has(module.name)) throw new Error(`module ${module.name} is listed twice`);
    names.add(module.name);
    for (const need of module.needs) {
      if (!(need in built))
        throw new Error(`module ${module.name} needs ${need}, which no module before it builds`);
    }
    Object.assign(built, module.build(context, built));
  }
  return built;
}

/** Collects the contributions of every module into `contributions`, in the order of the list. */
export function collectContributions(
  modules: readonly ServerModule[],
  services: object,
  contributions: Contributions,
): void {
  for (const module of modules) {
    contributions.worklist.push(...(module.worklist?.(services) ?? []));
    contributions.chartSections.push(...(module.chartSections?.(services) ?? []));
    contributions.fhirResources.push(...(module.fhirResources?.(services) ?? []));
    contributions.ipsSections.push(...(module.ipsSections?.(services) ?? []));
    contributions.taskKinds.push(...(module.taskKinds ?? []));
    contributions.personAlerts.push(...(module.personAlerts?.(services) ?? []));
    contributions.placementGuards.push(...(module.placementGuards?.(services) ?? []));
  }
}

/** Every module's migrations in one map; two modules claiming one name is refused. */
export function mergeMigrations(modules: readonly ServerModule[]): Record<string, Migration> {
  const merged: Record<string, Migration> = {};
  for (const module of modules) {
    for (const [name, migration] of Object.entries(module.migrations)) {
      if (name in merged) throw new Error(`migration ${name} is declared twice (module ${module.name})`);
      merged[name] = migration;
    }
  }
  return merged;
}

/** Every module's routes, in the order of the list. */
export function moduleRoutes(
  modules: readonly ServerModule[],
  services: ModuleContext,
): FastifyPluginAsyncZod[] {
  return modules.flatMap((module) => module.routes?.(services) ?? []);
}
