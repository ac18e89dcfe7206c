import type { ForeignKeyConstraintBuilder, Kysely } from 'kysely';

const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/**
 * Hunger strikes (HUN-1 … HUN-10; issue 17 item 5; ADR 0042). The episode carries what identifies it
 * and its end (a `version` for the end); every assessment, information note, instruction, notice,
 * request and intervention is an append-only entry (its content as JSON text); each day's record is a
 * row of its own, one per local day; the refeeding protocol's steps are rows with their due time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('hunger_strike_episode')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('collective', 'integer', (c) => c.notNull())
    .addColumn('collective_group_id', 'text')
    .addColumn('stated_aim', 'text')
    .addColumn('capacity', 'text')
    .addColumn('referral_task_id', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('end_manner', 'text')
    .addColumn('ended_by', 'text')
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint('hunger_strike_episode_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .addForeignKeyConstraint(
      'hunger_strike_episode_institution_fk',
      ['institution_id'],
      'institution',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('hunger_strike_episode_open')
    .on('hunger_strike_episode')
    .columns(['institution_id', 'ended_at', 'started_at'])
    .execute();
  await db.schema
    .createIndex('hunger_strike_episode_person')
    .on('hunger_strike_episode')
    .columns(['person_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('hunger_strike_episode_group')
    .on('hunger_strike_episode')
    .column('collective_group_id')
    .execute();

  await db.schema
    .createTable('hunger_strike_entry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('episode_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint(
      'hunger_strike_entry_episode_fk',
      ['episode_id'],
      'hunger_strike_episode',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('hunger_strike_entry_episode')
    .on('hunger_strike_entry')
    .columns(['episode_id', 'kind', 'at'])
    .execute();

  await db.schema
    .createTable('hunger_strike_day')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('episode_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('offered_at', 'text', (c) => c.notNull())
    .addColumn('assessment', 'text', (c) => c.notNull())
    .addColumn('weight_status', 'text')
    .addColumn('weight_kg', 'real')
    .addColumn('vitals_status', 'text')
    .addColumn('pulse', 'integer')
    .addColumn('systolic', 'integer')
    .addColumn('diastolic', 'integer')
    .addColumn('temperature', 'real')
    .addColumn('fluids_taken', 'integer')
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint(
      'hunger_strike_day_episode_fk',
      ['episode_id'],
      'hunger_strike_episode',
      ['id'],
      deferrable,
    )
    .addUniqueConstraint('hunger_strike_day_once', ['episode_id', 'day'])
    .execute();

  await db.schema
    .createTable('hunger_refeeding_step')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('episode_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'text')
    .addColumn('note', 'text')
    .addForeignKeyConstraint(
      'hunger_refeeding_step_episode_fk',
      ['episode_id'],
      'hunger_strike_episode',
      ['id'],
      deferrable,
    )
    .addUniqueConstraint('hunger_refeeding_step_once', ['episode_id', 'kind'])
    .execute();
  await db.schema
    .createIndex('hunger_refeeding_step_open')
    .on('hunger_refeeding_step')
    .columns(['institution_id', 'done_at', 'due_at'])
    .execute();
}
