import { type ForeignKeyConstraintBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/**
 * The medical record (issue 5): terminology, clinical tasks (screenings and what they set in motion),
 * encounters with sign-lock, corrections, observations (vital signs and lab results), problems,
 * allergies, consents, health alerts, access requests, documents and rule thresholds.
 *
 * Clinical entries are append-only (ARCHITECTURE.md; X-2): triggers refuse UPDATE and DELETE on
 * them, and on a signed encounter. Corrections (resolved, entered in error, amendment) are rows of
 * `clinical_correction` pointing at the entry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('terminology_concept')
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('display', 'text', (c) => c.notNull())
    /** Folded code and words (see domain foldForSearch): what `q` is matched against. */
    .addColumn('search_text', 'text', (c) => c.notNull())
    /** 1 for the shipped demonstration list, which is not ICD-10 and says so. */
    .addColumn('demo', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('terminology_concept_pk', ['system', 'code', 'language'])
    .execute();

  await db.schema
    .createTable('rule_threshold')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('threshold_id', 'text', (c) => c.notNull())
    /** Null: the national value; otherwise this institution's. */
    .addColumn('institution_id', 'text')
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('legal_basis', 'text')
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint(
      'rule_threshold_institution_fk',
      ['institution_id'],
      'institution',
      ['id'],
      deferrable,
    )
    .execute();
  await db.schema
    .createIndex('rule_threshold_lookup')
    .on('rule_threshold')
    .columns(['threshold_id', 'institution_id', 'set_at'])
    .execute();

  await db.schema
    .createTable('encounter')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    /** The author's content (domain EncounterContent) as JSON. */
    .addColumn('content', 'text', (c) => c.notNull())
    /** A structured form (the admission screening) as JSON, or null. */
    .addColumn('structured', 'text')
    .addColumn('restricted', 'integer', (c) => c.notNull())
    .addColumn('task_id', 'text')
    .addColumn('content_hash', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('signed_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('encounter_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .addForeignKeyConstraint('encounter_author_fk', ['author_id'], 'user_account', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('encounter_person')
    .on('encounter')
    .columns(['person_id', 'started_at', 'id'])
    .execute();

  await db.schema
    .createTable('clinical_task')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    /** The rule that opened it (X-1), e.g. ADM-1. */
    .addColumn('source_ref', 'text', (c) => c.notNull())
    .addColumn('trigger_event_id', 'text')
    .addColumn('source_encounter_id', 'text')
    .addColumn('triggered_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('completed_by', 'text')
    .addColumn('encounter_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('clinical_task_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .addForeignKeyConstraint(
      'clinical_task_institution_fk',
      ['institution_id'],
      'institution',
      ['id'],
      deferrable,
    )
    .execute();
  // The worklist reads open tasks of an institution by deadline; the rate reads by trigger time.
  await db.schema
    .createIndex('clinical_task_open')
    .on('clinical_task')
    .columns(['institution_id', 'due_at'])
    .where(sql.ref('completed_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('clinical_task_triggered')
    .on('clinical_task')
    .columns(['institution_id', 'kind', 'triggered_at'])
    .execute();
  await db.schema
    .createIndex('clinical_task_person')
    .on('clinical_task')
    .columns(['person_id', 'due_at'])
    .execute();

  await db.schema
    .createTable('clinical_correction')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('entry_type', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    /** amendment | entered_in_error | resolved */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('clinical_correction_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('clinical_correction_entry')
    .on('clinical_correction')
    .columns(['entry_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('observation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('encounter_id', 'text')
    /** vital-signs | laboratory */
    .addColumn('category', 'text', (c) => c.notNull())
    /** Our key: a vital sign name or a lab test name of the starter list. */
    .addColumn('test', 'text', (c) => c.notNull())
    .addColumn('code_system', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('value_number', 'double precision')
    .addColumn('value_code', 'text')
    .addColumn('unit', 'text')
    .addColumn('note', 'text')
    .addColumn('effective_at', 'text', (c) => c.notNull())
    .addColumn('restricted', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('observation_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('observation_person')
    .on('observation')
    .columns(['person_id', 'category', 'effective_at', 'id'])
    .execute();

  await db.schema
    .createTable('problem')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('code_system', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('display', 'text', (c) => c.notNull())
    .addColumn('onset_date', 'text')
    .addColumn('note', 'text')
    .addColumn('restricted', 'integer', (c) => c.notNull())
    .addColumn('encounter_id', 'text')
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('problem_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await db.schema.createIndex('problem_person').on('problem').columns(['person_id', 'recorded_at']).execute();

  await db.schema
    .createTable('allergy')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('substance', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('reaction', 'text')
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('allergy_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await db.schema.createIndex('allergy_person').on('allergy').columns(['person_id', 'recorded_at']).execute();

  await db.schema
    .createTable('consent')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('encounter_id', 'text')
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('information_given', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('witness', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('consent_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await db.schema.createIndex('consent_person').on('consent').columns(['person_id', 'recorded_at']).execute();

  await db.schema
    .createTable('health_alert')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    /** The coded detail (domain healthAlertDetailSchema) as JSON: no free text, no diagnosis. */
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text')
    .addColumn('source_ref', 'text')
    .addColumn('source_encounter_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('ended_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint('health_alert_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('health_alert_person')
    .on('health_alert')
    .columns(['person_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('access_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('third_party', 'text')
    .addColumn('note', 'text')
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('fulfilled_at', 'text')
    .addColumn('fulfilled_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint('access_request_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('access_request_person')
    .on('access_request')
    .columns(['person_id', 'received_at'])
    .execute();

  await db.schema
    .createTable('clinical_document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    /** Decided from the bytes, never from the name or the declared type. */
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('restricted', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('clinical_document_person_fk', ['person_id'], 'person', ['id'], deferrable)
    .execute();
  await db.schema
    .createIndex('clinical_document_person')
    .on('clinical_document')
    .columns(['person_id', 'uploaded_at', 'id'])
    .execute();

  const appendOnly = [
    'clinical_correction',
    'observation',
    'problem',
    'allergy',
    'consent',
    'clinical_document',
  ];
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      create function clinical_append_only() returns trigger language plpgsql as $$
      begin
        raise exception '% is append-only: record a correction instead', tg_table_name;
      end $$`.execute(db);
    for (const table of appendOnly) {
      await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
        for each row execute function clinical_append_only()`.execute(db);
    }
    await sql`
      create function encounter_signed_locked() returns trigger language plpgsql as $$
      begin
        if old.status = 'signed' then
          raise exception 'a signed encounter is locked: record an amendment instead';
        end if;
        if tg_op = 'DELETE' then return old; end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger encounter_signed_locked before update or delete on encounter
      for each row execute function encounter_signed_locked()`.execute(db);
  } else {
    for (const table of appendOnly) {
      await sql`create trigger ${sql.raw(`${table}_no_update`)} before update on ${sql.table(table)}
        begin select raise(abort, ${sql.lit(`${table} is append-only: record a correction instead`)}); end`.execute(
        db,
      );
      await sql`create trigger ${sql.raw(`${table}_no_delete`)} before delete on ${sql.table(table)}
        begin select raise(abort, ${sql.lit(`${table} is append-only: record a correction instead`)}); end`.execute(
        db,
      );
    }
    await sql`create trigger encounter_signed_no_update before update on encounter when old.status = 'signed'
      begin select raise(abort, 'a signed encounter is locked: record an amendment instead'); end`.execute(
      db,
    );
    await sql`create trigger encounter_signed_no_delete before delete on encounter when old.status = 'signed'
      begin select raise(abort, 'a signed encounter is locked: record an amendment instead'); end`.execute(
      db,
    );
  }
}
