import type { Kysely } from 'kysely';

/**
 * RST-4/RST-5: where the supervising staff member is (in the room, at the doorway, in an adjacent
 * room). Episodes recorded before this column have none (null); new ones always do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('restraint_episode').addColumn('supervision_position', 'text').execute();
}
