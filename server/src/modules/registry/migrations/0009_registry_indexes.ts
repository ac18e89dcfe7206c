import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Person search at national scale (issue 4, docs/benchmarks.md): each name-token row carries its
 * person's `name_key`, and `(token, name_key, person_id)` is indexed. The first page of a search for
 * a common name is then read in name order straight from the index, instead of looking up and
 * sorting every match (27,000 people for "Məmmədov" among 275,000).
 *
 * The copy is kept by the database, not by the writers: a token row takes its person's key when it
 * is inserted, and a change of a person's key is copied to all of that person's tokens.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('person_name_token').addColumn('name_key', 'text').execute();
  await sql`update person_name_token set name_key = (
      select p.name_key from person p where p.id = person_name_token.person_id)`.execute(db);
  await db.schema
    .createIndex('person_name_token_ordered')
    .on('person_name_token')
    .columns(['token', 'name_key', 'person_id'])
    .execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      create function person_name_token_key() returns trigger language plpgsql as $$
      begin
        if new.name_key is null then
          select p.name_key into new.name_key from person p where p.id = new.person_id;
        end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger person_name_token_key before insert on person_name_token
      for each row execute function person_name_token_key()`.execute(db);
    await sql`
      create function person_name_key_copy() returns trigger language plpgsql as $$
      begin
        update person_name_token set name_key = new.name_key where person_id = new.id;
        return null;
      end $$`.execute(db);
    await sql`create trigger person_name_key_copy after update of name_key on person
      for each row when (old.name_key is distinct from new.name_key)
      execute function person_name_key_copy()`.execute(db);
    return;
  }
  await sql`create trigger person_name_token_key after insert on person_name_token
    when new.name_key is null
    begin
      update person_name_token set name_key = (select p.name_key from person p where p.id = new.person_id)
      where token = new.token and person_id = new.person_id;
    end`.execute(db);
  await sql`create trigger person_name_key_copy after update of name_key on person
    when old.name_key is not new.name_key
    begin
      update person_name_token set name_key = new.name_key where person_id = new.id;
    end`.execute(db);
}
