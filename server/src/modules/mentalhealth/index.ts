import type { ServerModule } from '../../platform/module.ts';
import type { Services } from '../../services.ts';
import type { AuditServices } from '../audit/index.ts';
import type { ClinicalServices } from '../clinical/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';
import type { RequestsServices } from '../requests/index.ts';
import { mentalhealthFhirResources, mentalhealthIpsSections } from './fhir.ts';
import * as m0040 from './migrations/0040_mental_health.ts';
import { mentalhealthRoutes } from './routes.ts';
import { mentalhealthSeed } from './seed.ts';
import { createMentalhealthService, type MentalhealthService } from './service.ts';
import { mentalhealthWorklist } from './worklist.ts';

export type { MentalhealthService } from './service.ts';

export interface MentalhealthServices {
  /**
   * Mental health (issue 17 items 1–3; ADR 0043): referrals and assessment (MHS-1, MHS-5),
   * instruments (MHT-1, MHT-2), non-drug therapies (MHS-2, MHS-9, MHT-3) and their report.
   */
  mentalhealth: MentalhealthService;
}

type Needs = AuditServices & RegistryServices & IdentityServices & ClinicalServices & RequestsServices;

export const mentalhealthModule: ServerModule<MentalhealthServices, Needs> = {
  name: 'mentalhealth',
  migrations: { '0040_mental_health': m0040 },
  needs: ['audit', 'registry', 'identity', 'clinical', 'requests'],
  build: ({ config, database, clock }, { audit, registry, identity, screening, terminology, requests }) => ({
    mentalhealth: createMentalhealthService({
      db: database.db,
      clock,
      timeZone: config.timeZone,
      audit,
      registry,
      identity,
      screening,
      terminology,
      requests,
      smallCellThreshold: config.smallCellThreshold,
    }),
  }),
  routes: (services: Services) => [mentalhealthRoutes(services)],
  seed: mentalhealthSeed,
  worklist: ({ mentalhealth }) => [mentalhealthWorklist(mentalhealth)],
  fhirResources: ({ mentalhealth }) => mentalhealthFhirResources(mentalhealth),
  ipsSections: ({ mentalhealth }) => mentalhealthIpsSections(mentalhealth),
  commands: [
    {
      command: 'mentalhealth add-instrument',
      args: 'FILE',
      async run({ mentalhealth }, args) {
        const { existsSync } = await import('node:fs');
        const { readFile } = await import('node:fs/promises');
        const { instrumentDefinitionSchema } = await import('@custodia/domain');
        const file = args[0];
        if (!file || args.length > 1) throw new Error('usage: custodia mentalhealth add-instrument FILE');
        if (!existsSync(file)) throw new Error(`no such file: ${file}`);
        // One clear line whatever is wrong with the file; nothing is added (MHT-1; ADR 0051).
        const refuse = (why: string) => new Error(`${file} adds nothing: ${why}`);
        let raw: unknown;
        try {
          raw = JSON.parse(await readFile(file, 'utf8'));
        } catch (error) {
          throw refuse(`it is not JSON (${(error as Error).message})`);
        }
        const parsed = instrumentDefinitionSchema.safeParse(raw);
        if (!parsed.success)
          throw refuse(
            `not an instrument definition: ${parsed.error.issues
              .slice(0, 5)
              .map((i) => `${i.path.join('.') || '(top)'} ${i.message}`)
              .join('; ')}`,
          );
        const def = parsed.data;
        try {
          await mentalhealth.instruments.add(
            { userId: null, username: 'cli', role: null, clientAddress: null },
            'cli',
            def,
          );
        } catch (error) {
          const fields = (error as { fieldErrors?: { path: string; code: string }[] }).fieldErrors;
          throw refuse(
            fields?.length
              ? fields
                  .slice(0, 5)
                  .map((f) => `${f.path.replace(/^body\.?/, '') || '(top)'} ${f.code}`)
                  .join('; ')
              : (error as Error).message,
          );
        }
        return `added instrument ${def.code} ${def.version} (${def.licence.name})`;
      },
    },
  ],
};
