// Checks that person search answers exactly what the sorting query answers (same people, same order,
// same pages), on a generated database, and times both in one process.
//   node --import tsx bench/registry-search.check.ts --database URL [--rounds 20]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { nameTokens, normalisePrisonNumber, systemClock } from '@custodia/domain';
import type { AuditService } from '../server/src/modules/audit/service.ts';
import { createRegistryService, type RegistryViewer } from '../server/src/modules/registry/service.ts';
import { parseDatabaseUrl } from '../server/src/platform/config.ts';
import { type Db, openDatabase } from '../server/src/platform/db/database.ts';
import { migrateToLatest } from '../server/src/platform/db/migrate.ts';
import { keysetAfter } from '../server/src/platform/http/paging.ts';
import type { FileStorage } from '../server/src/platform/storage/storage.ts';

/** The search as it was before migration 0009: every match looked up, then sorted. */
async function reference(
  db: Db,
  viewer: RegistryViewer,
  query: { q: string; limit: number; birthDate?: string },
  after: [string, string] | undefined,
) {
  const tokens = nameTokens(query.q);
  const number = normalisePrisonNumber(query.q);
  let q = db
    .selectFrom('person')
    .select(['id', 'name_key'])
    .orderBy('name_key')
    .orderBy('id')
    .limit(query.limit + 1)
    .where((eb) => {
      const byName = tokens.length
        ? eb.and(
            tokens.map((t) =>
              eb(
                'person.id',
                'in',
                eb
                  .selectFrom('person_name_token')
                  .select('person_name_token.person_id')
                  .where('person_name_token.token', '>=', t)
                  .where('person_name_token.token', '<', `${t}~`),
              ),
            ),
          )
        : eb.val(false);
      return number.length >= 2
        ? eb.or([byName, eb.and([eb('prison_number', '>=', number), eb('prison_number', '<', `${number}~`)])])
        : byName;
    });
  if (!viewer.national) {
    q = q.where((eb) =>
      eb.or([
        eb('institution_id', 'in', viewer.institutionIds),
        eb('destination_institution_id', 'in', viewer.institutionIds),
      ]),
    );
  }
  if (query.birthDate) q = q.where('birth_date', '=', query.birthDate);
  if (after) q = q.where(keysetAfter(['name_key', 'id'], after));
  const rows = await q.execute();
  return rows.slice(0, query.limit).map((r) => r.id);
}

async function main() {
  const { values } = parseArgs({
    options: { database: { type: 'string' }, rounds: { type: 'string', default: '20' } },
  });
  if (!values.database) throw new Error('usage: --database URL');
  const handle = await openDatabase(parseDatabaseUrl(values.database));
  const { db } = handle;
  await migrateToLatest(db);
  const registry = createRegistryService(
    db,
    systemClock,
    {} as AuditService, // search neither audits nor stores files
    {} as FileStorage,
  );
  const institutions = await registry.listInstitutions();
  const someone = await db
    .selectFrom('person')
    .select('birth_date')
    .where('surname_latin', 'like', 'M%')
    .executeTakeFirst();
  const national: RegistryViewer = { institutionIds: [], national: true };
  const local: RegistryViewer = {
    institutionIds: institutions.slice(0, 1).map((i) => i.id),
    national: false,
  };
  const queries = [
    'Məmmədov',
    'Мамедов',
    'Məmmədov Elvin',
    'Elvin Məmmədov',
    'Əliyev',
    'ali',
    'Elvin oğlu',
    'a',
    'mam',
    'AZ10000',
    'AZ1000004',
    'Talıblı',
    'Məmmədov Zzz',
    'Zzz',
  ];
  let failures = 0;
  const rounds = Number(values.rounds);
  say(`${handle.describe}: service search against the sorting query, 3 pages of 50 each`);
  for (const viewer of [national, local]) {
    for (const q of queries) {
      for (const birthDate of q === 'Məmmədov' ? [undefined, someone?.birth_date] : [undefined]) {
        if (birthDate === undefined && q === 'Məmmədov' && viewer === local) continue;
        const label = `${viewer.national ? 'national' : 'one institution'} q=${q}${birthDate ? ` birthDate=${birthDate}` : ''}`;
        let cursor: string | undefined;
        let after: [string, string] | undefined;
        for (let p = 0; p < 3; p++) {
          const got = await registry.searchPersons(viewer, { q, limit: 50, cursor, birthDate });
          const want = await reference(db, viewer, { q, limit: 50, birthDate }, after);
          const ids = got.items.map((i) => i.id);
          if (JSON.stringify(ids) !== JSON.stringify(want)) {
            failures++;
            say(`MISMATCH ${label} page ${p + 1}: ${ids.length} against ${want.length} people`);
            break;
          }
          if (!got.nextCursor) break;
          cursor = got.nextCursor;
          const last = await db
            .selectFrom('person')
            .select(['name_key', 'id'])
            .where('id', '=', ids[ids.length - 1] ?? '')
            .executeTakeFirstOrThrow();
          after = [last.name_key, last.id];
        }
        if (birthDate || viewer === local) continue;
        const time = async (run: () => Promise<unknown>) => {
          await run();
          const started = performance.now();
          for (let i = 0; i < rounds; i++) await run();
          return (performance.now() - started) / rounds;
        };
        const service = await time(() => registry.searchPersons(viewer, { q, limit: 50 }));
        const sorting = await time(() => reference(db, viewer, { q, limit: 50 }, undefined));
        say(
          `  ${label.padEnd(32)} service ${service.toFixed(2).padStart(7)} ms   sorting query ${sorting.toFixed(2).padStart(7)} ms`,
        );
      }
    }
  }
  await handle.close();
  say(failures ? `${failures} mismatch(es)` : 'every page the same');
  return failures ? 1 : 0;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
