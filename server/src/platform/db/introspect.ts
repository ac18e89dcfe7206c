import { sql } from 'kysely';
import type { Db, Dialect } from './database.ts';
import { currentSchema, MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from './migrate.ts';

export interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
  /** Tables this one references through foreign keys. */
  references: string[];
}

const internal = new Set([MIGRATION_TABLE, MIGRATION_LOCK_TABLE]);

/**
 * The application's tables, parents before children (foreign keys), each with its columns and primary
 * key. Used by backup, restore and the "is this database empty?" check.
 */
export async function listTables(db: Db, dialect: Dialect): Promise<TableInfo[]> {
  const schema = await currentSchema(db);
  const tables = (await db.introspection.getTables()).filter(
    (t) => !internal.has(t.name) && !t.isView && (schema === undefined || t.schema === schema),
  );
  const infos: TableInfo[] = [];
  for (const table of tables) {
    const columns = table.columns.map((c) => c.name);
    let primaryKey: string[];
    let references: string[];
    if (dialect === 'sqlite') {
      const pk = await sql<{
        name: string;
        pk: number;
      }>`select name, pk from pragma_table_info(${table.name})`.execute(db);
      primaryKey = pk.rows
        .filter((r) => r.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((r) => r.name);
      const fk = await sql<{
        table: string;
      }>`select "table" from pragma_foreign_key_list(${table.name})`.execute(db);
      references = fk.rows.map((r) => r.table);
    } else {
      const pk = await sql<{ name: string }>`
        select a.attname as name
        from pg_index i
        join lateral unnest(i.indkey) with ordinality as k(attnum, ord) on true
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
        where i.indrelid = (quote_ident(current_schema()) || '.' || quote_ident(${table.name}))::regclass
          and i.indisprimary
        order by k.ord`.execute(db);
      primaryKey = pk.rows.map((r) => r.name);
      const fk = await sql<{ parent: string }>`
        select p.relname as parent
        from pg_constraint c
        join pg_class p on p.oid = c.confrelid
        where c.contype = 'f'
          and c.conrelid = (quote_ident(current_schema()) || '.' || quote_ident(${table.name}))::regclass`.execute(
        db,
      );
      references = fk.rows.map((r) => r.parent);
    }
    infos.push({
      name: table.name,
      columns,
      primaryKey: primaryKey.length ? primaryKey : columns,
      references,
    });
  }
  return sortByDependency(infos);
}

/** Topological order (parents first); ties by name so the order is the same on both engines. */
export function sortByDependency(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (table: TableInfo, path: Set<string>) => {
    if (done.has(table.name) || path.has(table.name)) return;
    path.add(table.name);
    for (const parent of [...table.references].sort()) {
      const p = byName.get(parent);
      if (p && parent !== table.name) visit(p, path);
    }
    path.delete(table.name);
    done.add(table.name);
    out.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table, new Set());
  return out;
}

/** True when no application table holds a row. */
export async function isEmpty(db: Db, dialect: Dialect): Promise<boolean> {
  for (const table of await listTables(db, dialect)) {
    const { rows } = await sql<{
      one: number;
    }>`select 1 as one from ${sql.table(table.name)} limit 1`.execute(db);
    if (rows.length > 0) return false;
  }
  return true;
}
