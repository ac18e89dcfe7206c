import { type Role, roles } from '@custodia/domain';
import { hash } from '@node-rs/argon2';
import type { Insertable } from 'kysely';
import type { UserAccountTable, UserRoleTable } from '../../server/src/modules/identity/tables.ts';
import { bulkInsert } from '../lib/bulk-insert.ts';
import { benchId, daysBefore, pick, pickWeighted } from '../lib/ids.ts';
import type { GeneratorPart } from './index.ts';

/** The account the load scenarios sign in with (system administrator, no two-factor outside production). */
export const BENCH_ADMIN = 'bench.admin';
/** A national clinical account (health manager): reads every institution's people and their FHIR records. */
export const BENCH_CLINICIAN = 'bench.clinician';
/** Every generated account has this password (hashed once: argon2 is slow on purpose). */
export const BENCH_PASSWORD = 'custodia-bench-password';

/** Staff mix of a prison service: many officers and nurses, few governors. Weights, not counts. */
const roleWeights: readonly (readonly [Role, number])[] = [
  ['custodial_officer', 30],
  ['personal_officer', 8],
  ['registry_officer', 8],
  ['nurse', 12],
  ['feldsher', 6],
  ['doctor', 6],
  ['social_worker', 4],
  ['psychologist', 3],
  ['pharmacist', 3],
  ['psychiatrist', 2],
  ['dentist', 2],
  ['deputy_governor', 2],
  ['governor', 1],
  ['health_manager', 1],
  ...roles.filter((r) => !['system_admin'].includes(r)).map((r) => [r, 0.5] as const),
];

const firstNames = [
  'Elvin',
  'Aysel',
  'Rəşad',
  'Günel',
  'Murad',
  'Leyla',
  'Tural',
  'Nigar',
  'Orxan',
  'Səbinə',
];
const lastNames = [
  'Məmmədov',
  'Əliyeva',
  'Həsənov',
  'Quliyeva',
  'Hüseynov',
  'Rzayeva',
  'Cəfərov',
  'Abbasova',
];

/**
 * Staff accounts (identity): `params.staffUsers` users with roles in a realistic mix, plus the bench
 * administrator. Institutions are assigned by the registry part once institutions exist.
 */
export const identityPart: GeneratorPart = {
  module: 'identity',
  async run({ db, dialect, params, random, now, log }) {
    const passwordHash = await hash(BENCH_PASSWORD, {
      algorithm: 2, // Argon2id, the identity service's parameters
      memoryCost: 19_456,
      timeCost: 2,
      parallelism: 1,
    });
    const accounts: Insertable<UserAccountTable>[] = [];
    const grants: Insertable<UserRoleTable>[] = [];
    for (let i = 0; i <= params.staffUsers; i++) {
      const created = daysBefore(now, random() * params.historyDays);
      const id = benchId(random, created);
      const admin = i === 0;
      const at = created.toISOString();
      accounts.push({
        id,
        username: admin ? BENCH_ADMIN : `staff.${String(i).padStart(5, '0')}`,
        display_name: admin
          ? 'Bench · System administrator'
          : `${pick(random, firstNames)} ${pick(random, lastNames)}`,
        password_hash: passwordHash,
        active: admin || random() > 0.05 ? 1 : 0,
        language: pickWeighted(random, [
          ['az', 8],
          ['ru', 1.5],
          ['en', 0.5],
        ]),
        staff_id: admin ? null : `S${String(100_000 + i)}`,
        failed_attempts: 0,
        code_failed_attempts: 0,
        locked_until: null,
        totp_secret: null,
        totp_enabled: 0,
        totp_last_step: null,
        must_change_password: 0,
        password_changed_at: at,
        version: 1,
        created_at: at,
        updated_at: at,
      });
      const role: Role = admin ? 'system_admin' : pickWeighted(random, roleWeights);
      grants.push({ user_id: id, role });
      if (!admin && role === 'custodial_officer' && random() < 0.1)
        grants.push({ user_id: id, role: 'personal_officer' });
    }
    {
      const at = now.toISOString();
      const id = benchId(random, now);
      accounts.push({
        ...accounts[0]!,
        id,
        username: BENCH_CLINICIAN,
        display_name: 'Bench · Health manager',
        staff_id: null,
        password_changed_at: at,
        created_at: at,
        updated_at: at,
      });
      grants.push({ user_id: id, role: 'health_manager' });
    }
    await db.transaction().execute(async (tx) => {
      await bulkInsert(tx, dialect, 'user_account', accounts);
      await bulkInsert(tx, dialect, 'user_role', grants);
    });
    log(`${accounts.length} accounts, ${grants.length} role grants`);
    return `${accounts.length} staff accounts (sign in as ${BENCH_ADMIN} / ${BENCH_PASSWORD})`;
  },
};
