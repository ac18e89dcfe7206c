import { newId, type Role, roles } from '@custodia/domain';
import { hash } from '@node-rs/argon2';
import type { SeedPart } from '../../platform/seed.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { RegistryServices } from '../registry/index.ts';

export const DEMO_PASSWORD = 'custodia-demo';

/** The demo account of a role: `demo.admin`, `demo.officer`, `demo.doctor`, `demo.health-manager`… */
export function demoUsername(role: Role): string {
  const short: Partial<Record<Role, string>> = { system_admin: 'admin', custodial_officer: 'officer' };
  return `demo.${short[role] ?? role.replaceAll('_', '-')}`;
}

const displayNames: Record<Role, string> = {
  system_admin: 'Demo · System administrator',
  governor: 'Demo · Governor',
  deputy_governor: 'Demo · Deputy governor',
  custodial_officer: 'Demo · Custodial officer',
  personal_officer: 'Demo · Personal officer',
  registry_officer: 'Demo · Registry officer',
  social_worker: 'Demo · Social worker',
  doctor: 'Demo · Doctor',
  psychiatrist: 'Demo · Psychiatrist',
  psychologist: 'Demo · Psychologist',
  feldsher: 'Demo · Feldsher',
  nurse: 'Demo · Nurse',
  pharmacist: 'Demo · Pharmacist',
  dentist: 'Demo · Dentist',
  health_manager: 'Demo · Health manager',
  ministry_analyst: 'Demo · Ministry analyst',
  training_coordinator: 'Demo · Training coordinator',
  standards_coordinator: 'Demo · Standards coordinator',
  inspector: 'Demo · Inspector',
  outside_specialist: 'Demo · Outside specialist',
};

/** One account per role, password `custodia-demo`, two-factor off (issue 3). */
export const identitySeed: SeedPart<AuditRecorder, RegistryServices> = {
  module: 'identity',
  async run({ tx, now, audit, services: { registry }, store }) {
    // Staff of the first pilot institution; the registry officer also works in the other two.
    const institutionIds = (store.get('institutionIds') as string[] | undefined) ?? [];
    // WOM-6: the health-care accounts are linked to their staff records (the registry seed's).
    const staffOf = (store.get('demoClinicianStaff') as Record<string, string> | undefined) ?? {};
    const at = now.toISOString();
    const passwordHash = await hash(DEMO_PASSWORD, {
      algorithm: 2,
      memoryCost: 19_456,
      timeCost: 2,
      parallelism: 1,
    });
    for (const role of roles) {
      const id = newId();
      await tx
        .insertInto('user_account')
        .values({
          id,
          username: demoUsername(role),
          display_name: displayNames[role],
          password_hash: passwordHash,
          active: 1,
          language: 'az',
          staff_id: staffOf[role] ?? null,
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
        })
        .execute();
      await tx.insertInto('user_role').values({ user_id: id, role }).execute();
      const staffId = staffOf[role];
      if (staffId) {
        // The link both ways, as the administration pages make it: account → staff record and back.
        await registry.linkStaffUser(tx, staffId, id);
      }
      const works = role === 'registry_officer' ? institutionIds : institutionIds.slice(0, 1);
      if (works.length) {
        await tx
          .insertInto('user_institution')
          .values(works.map((institution_id) => ({ user_id: id, institution_id })))
          .execute();
      }
      await audit.record(
        tx,
        { userId: null, username: 'seed', role: null, clientAddress: null },
        {
          action: 'identity.user.create',
          dataClass: 'administrative',
          outcome: 'allowed',
          resourceType: 'user',
          resourceId: id,
          details: { demo: true, roles: role },
        },
      );
    }
    return `${roles.length} demo accounts (demo.admin, demo.doctor, demo.officer, …; password ${DEMO_PASSWORD})`;
  },
};
