import type { ForeignKeyConstraintBuilder, Kysely } from 'kysely';

/** Foreign keys are deferrable, so a restore can defer them to commit (ADR 0003). */
const deferrable = (fk: ForeignKeyConstraintBuilder) => fk.deferrable().initiallyImmediate();

/** Users, their roles and institutions, two-factor recovery codes and database-held sessions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('user_account')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('az'))
    .addColumn('staff_id', 'text')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('totp_last_step', 'integer')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_role')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('user_role_user_fk', ['user_id'], 'user_account', ['id'], deferrable)
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_role_pk', ['user_id', 'role'])
    .execute();

  await db.schema
    .createTable('user_institution')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('user_institution_user_fk', ['user_id'], 'user_account', ['id'], deferrable)
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_institution_pk', ['user_id', 'institution_id'])
    .execute();

  await db.schema
    .createTable('recovery_code')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('recovery_code_user_fk', ['user_id'], 'user_account', ['id'], deferrable)
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('recovery_code_user').on('recovery_code').column('user_id').execute();

  // The session id is the SHA-256 of the cookie's token: a copy of this table opens no session.
  await db.schema
    .createTable('user_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('user_session_user_fk', ['user_id'], 'user_account', ['id'], deferrable)
    .addColumn('stage', 'text', (c) => c.notNull()) // 'two_factor' (password given) or 'active'
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('clinical', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('client_address', 'text')
    .execute();
  await db.schema
    .createIndex('user_session_user')
    .on('user_session')
    .columns(['user_id', 'ended_at'])
    .execute();
}
