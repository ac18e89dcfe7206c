import type { Kysely } from 'kysely';

/**
 * Issue 15, Performance (ADR 0056): a person's current prescriptions that have not ended, and an
 * institution's, are one index range instead of a walk of every renewal ever written. A long course
 * is a chain of 90-day prescriptions (ADR 0027), every one of them the current version of its own
 * prescription, so after two years a person on one drug has nine, eight of them ended. The round of
 * one unit's morning (person by person) and the day's report (the institution) read only those whose
 * end is after the span they show. The person index keeps its first two columns, so every reader of
 * the old one is served by the new.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('medication_prescription_person').execute();
  await db.schema
    .createIndex('medication_prescription_person')
    .on('medication_prescription')
    .columns(['person_id', 'current', 'end_at'])
    .execute();
  await db.schema
    .createIndex('medication_prescription_institution_end')
    .on('medication_prescription')
    .columns(['institution_id', 'current', 'end_at'])
    .execute();
}
