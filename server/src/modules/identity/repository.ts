import type { Role } from '@custodia/domain';
import type { Executor } from '../../platform/db/database.ts';
import type { UserAccountTable } from './tables.ts';

export type UserRow = UserAccountTable;

export interface UserWithGrants extends UserRow {
  roles: Role[];
  institutionIds: string[];
}

/** Kysely queries of the identity tables. Only the identity service calls these. */
export const identityRepository = {
  findByUsername(db: Executor, username: string) {
    return db
      .selectFrom('user_account')
      .selectAll()
      .where('username', '=', username.trim().toLowerCase())
      .executeTakeFirst();
  },

  findById(db: Executor, id: string) {
    return db.selectFrom('user_account').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Roles and institutions of several users in two queries (never one per user). */
  async grantsOf(db: Executor, userIds: string[]) {
    const grants = new Map<string, { roles: Role[]; institutionIds: string[] }>(
      userIds.map((id) => [id, { roles: [], institutionIds: [] }]),
    );
    if (userIds.length === 0) return grants;
    const [roleRows, institutionRows] = await Promise.all([
      db
        .selectFrom('user_role')
        .select(['user_id', 'role'])
        .where('user_id', 'in', userIds)
        .orderBy('role')
        .execute(),
      db
        .selectFrom('user_institution')
        .select(['user_id', 'institution_id'])
        .where('user_id', 'in', userIds)
        .orderBy('institution_id')
        .execute(),
    ]);
    for (const r of roleRows) grants.get(r.user_id)?.roles.push(r.role as Role);
    for (const r of institutionRows) grants.get(r.user_id)?.institutionIds.push(r.institution_id);
    return grants;
  },

  async withGrants(db: Executor, user: UserRow | undefined): Promise<UserWithGrants | undefined> {
    if (!user) return undefined;
    const grants = (await identityRepository.grantsOf(db, [user.id])).get(user.id)!;
    return { ...user, ...grants };
  },

  async replaceGrants(
    db: Executor,
    userId: string,
    roles: Role[] | undefined,
    institutionIds: string[] | undefined,
  ) {
    if (roles) {
      await db.deleteFrom('user_role').where('user_id', '=', userId).execute();
      await db
        .insertInto('user_role')
        .values([...new Set(roles)].map((role) => ({ user_id: userId, role })))
        .execute();
    }
    if (institutionIds) {
      await db.deleteFrom('user_institution').where('user_id', '=', userId).execute();
      const unique = [...new Set(institutionIds)];
      if (unique.length) {
        await db
          .insertInto('user_institution')
          .values(unique.map((institution_id) => ({ user_id: userId, institution_id })))
          .execute();
      }
    }
  },
};
