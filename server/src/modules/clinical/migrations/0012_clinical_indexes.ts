import type { Kysely } from 'kysely';

/**
 * The chart summary at national scale (issue 5, docs/benchmarks.md): the latest reading of each vital
 * sign is one index seek per sign, `(person_id, category, test, effective_at)`, instead of a walk back
 * through all of the person's vital signs until one of that sign turns up (every one of them, for a
 * sign never recorded: 16,000 rows for the person with 5,000 encounters).
 *
 * Numbered 0012, not 0010: 0011 had landed, and the migrator refuses a database where an applied
 * migration is followed by one that sorts before it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('observation_person_test')
    .on('observation')
    .columns(['person_id', 'category', 'test', 'effective_at'])
    .execute();
}
