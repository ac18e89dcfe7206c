import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterFailedAttempt,
  clinicalRoles,
  isLocked,
  passwordProblems,
  permissionCatalogue,
  permissionsOf,
  rolePermissions,
  roles,
  sessionExpiry,
} from './index.ts';

const at = (iso: string) => new Date(iso);
const minutes = (n: number) => n * 60_000;

describe('password policy', () => {
  it('refuses fewer than 12 characters, the username inside, and common passwords', () => {
    expect(passwordProblems('short-pass1', 'aliyev')).toEqual(['too_short']);
    expect(passwordProblems('my-aliyev-password', 'aliyev')).toEqual(['contains_username']);
    expect(passwordProblems('My-ALIYEV-password', 'Aliyev')).toEqual(['contains_username']);
    expect(passwordProblems('Password1234', 'nurse1')).toEqual(['too_common']);
    expect(passwordProblems('custodia-demo', 'someone')).toEqual(['too_common']);
    expect(passwordProblems('correct horse battery', 'nurse1')).toEqual([]);
  });

  it('counts characters, not bytes (Azerbaijani and Cyrillic letters are one each)', () => {
    expect(passwordProblems('şəkərçörəkə', 'x1y')).toEqual(['too_short']); // 11 letters
    expect(passwordProblems('şəkərçörəkəm', 'x1y')).toEqual([]); // 12 letters
  });

  it('any password of 12+ characters without the username and not common is accepted', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 12, maxLength: 40 }), (password) => {
        const problems = passwordProblems(password, 'zz-unlikely-user');
        expect(problems.filter((p) => p === 'too_short')).toEqual([]);
      }),
    );
  });
});

describe('lockout', () => {
  const now = at('2026-11-28T03:00:00Z');

  it('the fifth consecutive failure locks the account for 15 minutes', () => {
    let state = { failedAttempts: 0, lockedUntil: null as string | null };
    for (let i = 1; i <= 4; i++) {
      state = afterFailedAttempt(state, now);
      expect(isLocked(state, now)).toBe(false);
    }
    state = afterFailedAttempt(state, now);
    expect(isLocked(state, now)).toBe(true);
    expect(isLocked(state, new Date(now.getTime() + minutes(14)))).toBe(true);
    expect(isLocked(state, new Date(now.getTime() + minutes(15)))).toBe(false);
  });

  it('after a lock has passed, counting starts again', () => {
    const locked = { failedAttempts: 5, lockedUntil: '2026-11-28T03:15:00.000Z' };
    const later = at('2026-11-28T03:20:00Z');
    const next = afterFailedAttempt(locked, later);
    expect(next).toEqual({ failedAttempts: 1, lockedUntil: null });
  });
});

describe('session timeouts', () => {
  const created = '2026-11-28T00:00:00.000Z';

  it('clinical roles idle out after 30 minutes, others after 120', () => {
    const session = (clinical: boolean, lastSeenAt: string) => ({ createdAt: created, lastSeenAt, clinical });
    expect(sessionExpiry(session(true, created), at('2026-11-28T00:29:59Z'))).toBeNull();
    expect(sessionExpiry(session(true, created), at('2026-11-28T00:30:00Z'))).toBe('idle');
    expect(sessionExpiry(session(false, created), at('2026-11-28T01:59:59Z'))).toBeNull();
    expect(sessionExpiry(session(false, created), at('2026-11-28T02:00:00Z'))).toBe('idle');
  });

  it('no session outlives 12 hours, however active', () => {
    const busy = { createdAt: created, lastSeenAt: '2026-11-28T11:59:00.000Z', clinical: false };
    expect(sessionExpiry(busy, at('2026-11-28T11:59:30Z'))).toBeNull();
    expect(sessionExpiry(busy, at('2026-11-28T12:00:00Z'))).toBe('absolute');
  });
});

describe('roles and permissions (MED-1: custodial staff never reach health data)', () => {
  it('every role maps only to known permissions', () => {
    for (const role of roles)
      for (const p of rolePermissions[role]) expect(Object.keys(permissionCatalogue)).toContain(p);
  });

  it('MED-1: the system administrator holds no clinical, restricted or audit permission', () => {
    const admin = permissionsOf(['system_admin']);
    for (const p of admin) {
      expect(['clinical', 'restricted_clinical', 'health_alert', 'audit']).not.toContain(
        permissionCatalogue[p].dataClass,
      );
    }
  });

  it('MED-1: custodial roles hold no clinical or restricted-clinical permission', () => {
    for (const role of [
      'governor',
      'deputy_governor',
      'custodial_officer',
      'personal_officer',
      'registry_officer',
    ] as const) {
      for (const p of permissionsOf([role])) {
        expect(['clinical', 'restricted_clinical']).not.toContain(permissionCatalogue[p].dataClass);
      }
    }
  });

  it('the clinical roles are the health-care professions', () => {
    expect([...clinicalRoles].sort()).toEqual(
      [
        'dentist',
        'doctor',
        'feldsher',
        'health_manager',
        'nurse',
        'pharmacist',
        'psychiatrist',
        'psychologist',
      ].sort(),
    );
  });
});

describe('break the glass', () => {
  it('lasts 60 minutes by default, then is no longer active', async () => {
    const { breakGlassExpiry, isBreakGlassActive } = await import('./rules.ts');
    const start = at('2026-11-28T03:00:00Z');
    const expiresAt = breakGlassExpiry(start).toISOString();
    expect(expiresAt).toBe('2026-11-28T04:00:00.000Z');
    expect(isBreakGlassActive({ expiresAt }, at('2026-11-28T03:59:59Z'))).toBe(true);
    expect(isBreakGlassActive({ expiresAt }, at('2026-11-28T04:00:00Z'))).toBe(false);
    expect(breakGlassExpiry(start, 15).toISOString()).toBe('2026-11-28T03:15:00.000Z');
  });
});
