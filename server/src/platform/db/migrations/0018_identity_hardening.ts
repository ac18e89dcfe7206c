import type { Kysely } from 'kysely';

/**
 * Issue 12, item 3: wrong second-factor codes are counted on their own, so a correct password
 * (which clears the password count) no longer clears them; the fifth wrong code locks the account.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('user_account')
    .addColumn('code_failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
