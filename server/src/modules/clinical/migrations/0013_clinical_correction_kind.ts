import type { Kysely } from 'kysely';

/**
 * "Not corrected away" (`not exists (… where entry_id = ? and kind in (…))`), on every list of the
 * chart summary (issue 5, docs/benchmarks.md). PostgreSQL plans it as an anti-join against the
 * corrections of the asked kinds, materialised once per query; without this index it finds them by
 * reading every correction (28,000 rows, 5 ms at national scale, once per vital sign). With it, an
 * index-only scan of the few of that kind.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('clinical_correction_kind')
    .on('clinical_correction')
    .columns(['kind', 'entry_id'])
    .execute();
}
