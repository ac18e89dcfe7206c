import type { ForeignKeyConstraintBuilder, Kysely } from 'kysely';

const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/**
 * Suicide and self-harm care plans (issue 17 item 4; SSH-1, MHS-3, MHS-4, MHS-8; ADR 0041). A plan
 * row holds the concern and what the last review set (the observation in force, the care map); the
 * assessment, the reviews, the checks, the incidents and the re-screening prompts are rows of their
 * own, never updated except the plan's `version`ed current state, an incident's review and a prompt's
 * completion.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('selfharm_plan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('seen_or_heard', 'text', (c) => c.notNull())
    .addColumn('immediate_action', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('raised_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('assessed_at', 'text')
    .addColumn('assessed_by', 'text')
    .addColumn('assessment', 'text')
    .addColumn('working_diagnosis', 'text')
    .addColumn('first_review_at', 'text')
    .addColumn('risk_level', 'text')
    .addColumn('mode', 'text')
    .addColumn('interval_minutes', 'integer')
    .addColumn('observer_name', 'text')
    .addColumn('conversations_per_day', 'integer')
    .addColumn('observation_since', 'text')
    .addColumn('care_map', 'text')
    .addColumn('next_review_at', 'text')
    .addColumn('last_check_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('post_closure_due_at', 'text')
    .addColumn('post_closure_done_at', 'text')
    .addColumn('post_closure_outcome', 'text')
    .addColumn('post_closure_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint('selfharm_plan_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .addForeignKeyConstraint(
      'selfharm_plan_institution_fk',
      ['institution_id'],
      'institution',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('selfharm_plan_open')
    .on('selfharm_plan')
    .columns(['institution_id', 'closed_at'])
    .execute();
  await db.schema
    .createIndex('selfharm_plan_person')
    .on('selfharm_plan')
    .columns(['person_id', 'raised_at'])
    .execute();

  await db.schema
    .createTable('selfharm_review')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addColumn('first', 'integer', (c) => c.notNull())
    .addColumn('participants', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('risk_level', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('interval_minutes', 'integer', (c) => c.notNull())
    .addColumn('observer_name', 'text')
    .addColumn('exception_reason', 'text')
    .addColumn('conversations_per_day', 'integer', (c) => c.notNull())
    .addColumn('care_map', 'text', (c) => c.notNull())
    .addColumn('next_review_at', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('selfharm_review_plan_fk', ['plan_id'], 'selfharm_plan', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('selfharm_review_plan')
    .on('selfharm_review')
    .columns(['plan_id', 'reviewed_at'])
    .execute();

  await db.schema
    .createTable('selfharm_check')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addColumn('seen', 'text', (c) => c.notNull())
    .addColumn('conversation', 'integer', (c) => c.notNull())
    /** MHS-3: whether the check came after the one due (counted as a missed check in the report). */
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('selfharm_check_plan_fk', ['plan_id'], 'selfharm_plan', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('selfharm_check_plan')
    .on('selfharm_check')
    .columns(['plan_id', 'checked_at'])
    .execute();
  await db.schema
    .createIndex('selfharm_check_institution')
    .on('selfharm_check')
    .columns(['institution_id', 'checked_at'])
    .execute();

  await db.schema
    .createTable('selfharm_incident')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text')
    .addColumn('findings', 'text')
    .addColumn('reviewed_by', 'text')
    .addForeignKeyConstraint('selfharm_incident_plan_fk', ['plan_id'], 'selfharm_plan', ['id'], deferrable)
    .execute();
  await db.schema.createIndex('selfharm_incident_plan').on('selfharm_incident').column('plan_id').execute();

  await db.schema
    .createTable('selfharm_prompt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('moment', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'text')
    .addForeignKeyConstraint('selfharm_prompt_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('selfharm_prompt_open')
    .on('selfharm_prompt')
    .columns(['institution_id', 'done_at', 'due_at'])
    .execute();
  await db.schema
    .createIndex('selfharm_prompt_source')
    .on('selfharm_prompt')
    .columns(['source_id', 'moment'])
    .unique()
    .execute();
}
