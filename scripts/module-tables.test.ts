// A module calls another module's service, never its tables (ADR 0020). The import rules of
// biome.json cannot see a table named inside a query, so this test reads every module's code: each
// table a Kysely call names (`selectFrom`, the joins, `updateTable`, `insertInto`, `deleteFrom`,
// `mergeInto`, the subqueries of `eb.selectFrom`) and each table a raw `sql` fragment reads (`from x`,
// `join x`) must be one the module's own `tables.ts` declares. No exceptions are allowed.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const modulesDir = path.join(root, 'server', 'src', 'modules');

/** The table names an `export interface …Tables { name: …Table; }` block declares. */
function declaredTables(source: string): string[] {
  const blocks = [...source.matchAll(/export interface \w*Tables\b[^{]*\{([^}]*)\}/g)];
  return blocks.flatMap((b) => [...(b[1] ?? '').matchAll(/^\s*(\w+)\s*:/gm)].map((m) => m[1] as string));
}

/** Every table a piece of code names in a query, with its line. */
function namedTables(source: string): { table: string; line: number }[] {
  const lineOf = (index: number) => source.slice(0, index).split('\n').length;
  const calls =
    /\b(?:selectFrom|innerJoin|leftJoin|rightJoin|fullJoin|crossJoin|updateTable|insertInto|deleteFrom|mergeInto)\(\s*(?:[^()'`]*\?\s*)?'(\w+)(?:\s+as\s+\w+)?'/g;
  const raw = /\b(?:from|join|update|into)\s+(\w+)\b/gi;
  const found = [...source.matchAll(calls)].map((m) => ({ table: m[1] as string, line: lineOf(m.index) }));
  for (const template of source.matchAll(/\bsql(?:<[^>]*>)?`([^`]*)`/g)) {
    for (const m of (template[1] ?? '').matchAll(raw)) {
      found.push({ table: m[1] as string, line: lineOf((template.index ?? 0) + (m.index ?? 0)) });
    }
  }
  return found;
}

/** A module's code: its TypeScript files, neither tests nor migrations (which create the tables). */
function codeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : codeFiles(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

const modules = fs
  .readdirSync(modulesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/** Every table of the database, by the module (or the platform) that declares it. */
const ownerOf = new Map<string, string>();
for (const [owner, file] of [
  ['platform', path.join(root, 'server', 'src', 'platform', 'db', 'schema.ts')],
  ...modules.map((m) => [m, path.join(modulesDir, m, 'tables.ts')]),
] as const) {
  if (!fs.existsSync(file)) continue;
  for (const table of declaredTables(fs.readFileSync(file, 'utf8'))) ownerOf.set(table, owner);
}

describe('a module names only its own tables in its queries (ADR 0020)', () => {
  it('finds the tables of every module', () => {
    for (const m of ['registry', 'identity', 'clinical', 'restraint', 'audit']) {
      expect([...ownerOf.values()]).toContain(m);
    }
    expect(ownerOf.get('person')).toBe('registry');
    expect(ownerOf.get('health_alert')).toBe('clinical');
  });

  it('sees a table named in a call, a join, a conditional and a raw fragment', () => {
    const planted = [
      "db.selectFrom('restraint_episode as e')",
      "  .innerJoin('person as p', 'p.id', 'e.person_id')",
      "  .where((eb) => eb.exists(eb.selectFrom('cell').select('id')))",
      "tx.updateTable(\n  'staff_member'\n)",
      "tx.selectFrom(flag ? 'encounter' : other)",
      'sql`not exists (select 1 from health_alert a join user_account u on u.id = a.created_by)`',
    ].join('\n');
    expect(namedTables(planted).map((t) => t.table)).toEqual([
      'restraint_episode',
      'person',
      'cell',
      'staff_member',
      'encounter',
      'health_alert',
      'user_account',
    ]);
  });

  for (const m of modules) {
    it(`${m}: every table its queries name is declared in its tables.ts`, () => {
      const foreign = codeFiles(path.join(modulesDir, m)).flatMap((file) =>
        namedTables(fs.readFileSync(file, 'utf8'))
          .filter(({ table }) => ownerOf.has(table) && ownerOf.get(table) !== m)
          .map(
            ({ table, line }) =>
              `${path.relative(root, file)}:${line} names ${ownerOf.get(table)}'s ${table}`,
          ),
      );
      expect(foreign).toEqual([]);
    });
  }
});
