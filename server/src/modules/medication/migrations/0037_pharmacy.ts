import { type Kysely, sql } from 'kysely';

/**
 * Issue 15 item 3 (ADR 0040): pharmacy and stock. Batches per institution and drug (their quantity
 * kept with the append-only ledger of movements), the pharmacy's stock tasks (MDX-3), the
 * controlled-drug book's daily counts and their incidents; and the formulary's controlled flag.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('medication_drug')
    .addColumn('controlled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // DOMAIN.md §1, §2: the opioid substitution drugs are controlled under national law.
  await sql`update medication_drug set controlled = 1 where code in ('methadone', 'buprenorphine', 'morphine')`.execute(
    db,
  );

  await db.schema
    .createTable('medication_stock_batch')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('drug_id', 'text', (c) => c.notNull().references('medication_drug.id'))
    .addColumn('batch_number', 'text', (c) => c.notNull())
    .addColumn('expiry_date', 'text', (c) => c.notNull())
    .addColumn('supplier', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    // The balance, changed only with a ledger line in the same transaction; never below zero.
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity >= 0`))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('medication_stock_batch_drug')
    .on('medication_stock_batch')
    .columns(['institution_id', 'drug_id', 'expiry_date'])
    .execute();

  await db.schema
    .createTable('medication_stock_movement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('drug_id', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('medication_stock_batch.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // Signed: + into the pharmacy's store, − out of it.
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('balance_after', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('prescription_id', 'text')
    .addColumn('supply', 'text')
    .addColumn('unit_id', 'text')
    .addColumn('round', 'text')
    .addColumn('reason', 'text')
    .addColumn('witness_id', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('medication_stock_movement_institution')
    .on('medication_stock_movement')
    .columns(['institution_id', 'recorded_at'])
    .execute();
  await db.schema
    .createIndex('medication_stock_movement_person')
    .on('medication_stock_movement')
    .columns(['person_id', 'recorded_at'])
    .execute();

  await db.schema
    .createTable('medication_stock_task')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('drug_id', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addColumn('doses', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text')
    .addColumn('note', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema
    .createIndex('medication_stock_task_open')
    .on('medication_stock_task')
    .columns(['institution_id', 'status', 'drug_id'])
    .execute();

  await db.schema
    .createTable('medication_cd_count')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('drug_id', 'text', (c) => c.notNull())
    .addColumn('count_date', 'text', (c) => c.notNull())
    .addColumn('book_balance', 'integer', (c) => c.notNull())
    .addColumn('counted', 'integer', (c) => c.notNull())
    .addColumn('difference', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('counted_by', 'text', (c) => c.notNull())
    .addColumn('witness_id', 'text', (c) => c.notNull())
    .addColumn('counted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('medication_cd_count_day')
    .on('medication_cd_count')
    .columns(['institution_id', 'drug_id', 'count_date'])
    .unique()
    .execute();

  await db.schema
    .createTable('medication_cd_incident')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('drug_id', 'text', (c) => c.notNull())
    .addColumn('count_id', 'text', (c) => c.notNull().references('medication_cd_count.id'))
    .addColumn('difference', 'integer', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema
    .createIndex('medication_cd_incident_open')
    .on('medication_cd_incident')
    .columns(['institution_id', 'status'])
    .execute();
}
