import { createHash, randomBytes } from 'node:crypto';
import {
  afterFailedAttempt,
  afterSuccessfulSignIn,
  type Clock,
  isClinicalUser,
  isLocked,
  type Language,
  nationalRoles,
  newId,
  type Page,
  type Permission,
  passwordProblems,
  permissionsOf,
  type Role,
  rolePermissions,
  sessionExpiry,
  type User,
} from '@custodia/domain';
import { hash, verify } from '@node-rs/argon2';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import QRCode from 'qrcode';
import { type Db, type Executor, inTransaction, type Tx } from '../../platform/db/database.ts';
import {
  badRequest,
  conflict,
  fieldConflict,
  invalid,
  locked,
  notFound,
  ruleRefused,
  staleVersion,
  unauthenticated,
} from '../../platform/errors.ts';
import { decodeCursor, keysetAfter, toPage } from '../../platform/http/paging.ts';
import type { AuditActor, AuditService } from '../audit/index.ts';
import { identityRepository as repo, type UserRow, type UserWithGrants } from './repository.ts';
import type { SessionCache, SessionEntry } from './session-cache.ts';

/** The signed-in user behind a request, with what their roles allow. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  institutionIds: string[];
  /** National roles reach every institution (within their data classes). */
  national: boolean;
  sessionId: string;
  csrfToken: string;
  clinical: boolean;
  language: Language;
  twoFactorEnabled: boolean;
  mustChangePassword: boolean;
  /** In production, a clinical or administrator account must enrol two-factor before anything else. */
  twoFactorEnrolmentRequired: boolean;
  /** People this user may reach outside their scope through an active break-the-glass grant. */
  breakGlassPersonIds: string[];
}

export interface RequestContext {
  clientAddress: string | null;
}

// algorithm 2 is Argon2id (a const enum in @node-rs/argon2, which isolated modules cannot import).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const TWO_FACTOR_WINDOW_MINUTES = 5;
const TOUCH_EVERY_MS = 60_000;
const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
const token = () => randomBytes(32).toString('base64url');

/** Ten single-use recovery codes, `xxxxx-xxxxx` from an alphabet without look-alike characters. */
function recoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: 10 }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** A one-time password for a new or reset account: readable, 16 characters, passes the policy. */
function oneTimePassword(): string {
  return randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
}

export function toUser(row: UserWithGrants, now: Date): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    active: row.active === 1,
    roles: row.roles,
    institutionIds: row.institutionIds,
    staffId: row.staff_id,
    language: row.language as Language,
    twoFactorEnabled: row.totp_enabled === 1,
    locked: isLocked({ failedAttempts: row.failed_attempts, lockedUntil: row.locked_until }, now),
    version: row.version,
  };
}

export type SignInResult =
  | { kind: 'signed_in'; token: string; actor: Actor }
  | { kind: 'two_factor_required'; token: string };

export interface IdentityServiceOptions {
  production: boolean;
}

export function actorForAudit(
  actor: Actor | null,
  context: RequestContext,
  permission?: Permission,
): AuditActor {
  const granting =
    actor && permission
      ? // The role's own list, not a Set built for each role on every request (ADR 0052).
        actor.roles.filter((r) => rolePermissions[r]?.includes(permission))
      : (actor?.roles ?? []);
  return {
    userId: actor?.userId ?? null,
    username: actor?.username ?? null,
    role: granting.length ? granting.join(',') : null,
    clientAddress: context.clientAddress,
  };
}

export function createIdentityService(
  db: Db,
  clock: Clock,
  audit: AuditService,
  options: IdentityServiceOptions,
  sessions: SessionCache,
) {
  // Verifying against this when the user does not exist makes both failures take the same time.
  const dummyHash = hash('not a real password, only for timing', ARGON2);

  const accountLocked = () =>
    locked(
      'account_locked',
      'Too many wrong codes: this account is locked for a while. Try again later or ask an administrator.',
    );

  const failSignIn = () =>
    unauthenticated('Sign-in failed: check the username and password.', 'sign_in_failed');

  function buildActor(
    user: UserWithGrants,
    sessionId: string,
    csrfToken: string,
    breakGlassPersonIds: string[] = [],
  ): Actor {
    const clinical = isClinicalUser(user.roles);
    const needsTwoFactor = options.production && (clinical || user.roles.includes('system_admin'));
    const enrolmentRequired = needsTwoFactor && user.totp_enabled !== 1;
    const all = permissionsOf(user.roles);
    return {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      roles: user.roles,
      // Until the one-time password is changed (and two-factor set up where required), only one's own account.
      permissions:
        enrolmentRequired || user.must_change_password === 1 ? new Set<Permission>(['authenticated']) : all,
      institutionIds: user.institutionIds,
      national: user.roles.some((r) => nationalRoles.has(r)),
      sessionId,
      csrfToken,
      clinical,
      language: user.language as Language,
      twoFactorEnabled: user.totp_enabled === 1,
      mustChangePassword: user.must_change_password === 1,
      twoFactorEnrolmentRequired: enrolmentRequired,
      breakGlassPersonIds,
    };
  }

  async function openSession(
    tx: Tx,
    user: UserWithGrants,
    stage: 'two_factor' | 'active',
    context: RequestContext,
  ) {
    const secret = token();
    const now = clock.now().toISOString();
    const csrf = token();
    await tx
      .insertInto('user_session')
      .values({
        id: sha256(secret),
        user_id: user.id,
        stage,
        csrf_token: csrf,
        clinical: isClinicalUser(user.roles) ? 1 : 0,
        created_at: now,
        last_seen_at: now,
        ended_at: null,
        end_reason: null,
        client_address: context.clientAddress,
      })
      .execute();
    return { secret, sessionId: sha256(secret), csrf };
  }

  async function endSession(tx: Tx, sessionId: string, reason: string) {
    await tx
      .updateTable('user_session')
      .set({ ended_at: clock.now().toISOString(), end_reason: reason })
      .where('id', '=', sessionId)
      .where('ended_at', 'is', null)
      .execute();
    await sessions.changed(tx, { sessionId });
  }

  /** Ends every open session of a user (account disabled, password or second factor reset). */
  async function endSessionsOf(tx: Tx, userId: string, reason: string) {
    await tx
      .updateTable('user_session')
      .set({ ended_at: clock.now().toISOString(), end_reason: reason })
      .where('user_id', '=', userId)
      .where('ended_at', 'is', null)
      .execute();
    await sessions.changed(tx, { userId });
  }

  async function checkTotp(user: UserRow, code: string): Promise<number | null> {
    if (!user.totp_secret || !/^\d{6}$/.test(code)) return null;
    const result = await verifyTotp({
      secret: user.totp_secret,
      token: code,
      epoch: Math.floor(clock.now().getTime() / 1000),
      epochTolerance: 30,
      ...(user.totp_last_step !== null ? { afterTimeStep: user.totp_last_step } : {}),
    }).catch(() => ({ valid: false as const }));
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }

  const expiryInput = (entry: SessionEntry) => ({
    createdAt: entry.createdAt,
    lastSeenAt: entry.lastSeenAt,
    clinical: entry.clinical,
  });

  /** An active session with its user and break-glass grants, kept in the cache unless changed meanwhile. */
  async function readSession(sessionId: string): Promise<SessionEntry | undefined> {
    const readAt = sessions.epoch();
    const session = await db
      .selectFrom('user_session')
      .innerJoin('user_account', 'user_account.id', 'user_session.user_id')
      .selectAll('user_account')
      .select([
        'user_session.stage',
        'user_session.csrf_token',
        'user_session.created_at as session_created_at',
        'user_session.last_seen_at',
        'user_session.clinical as session_clinical',
      ])
      .where('user_session.id', '=', sessionId)
      .where('user_session.ended_at', 'is', null)
      .executeTakeFirst();
    if (!session || session.stage !== 'active' || session.active !== 1) return undefined;
    const user = (await repo.withGrants(db, session))!;
    const grants = await db
      .selectFrom('break_glass')
      .select(['person_id', 'expires_at'])
      .where('user_id', '=', user.id)
      .where('expires_at', '>', clock.now().toISOString())
      .where('person_id', 'is not', null)
      .execute();
    const entry: SessionEntry = {
      userId: user.id,
      // Kept in memory for seconds: without the password hash and the second factor's secret.
      user: { ...user, password_hash: '', totp_secret: null },
      csrfToken: session.csrf_token,
      createdAt: session.session_created_at,
      lastSeenAt: session.last_seen_at,
      clinical: session.session_clinical === 1,
      breakGlass: grants.flatMap((g) =>
        g.person_id ? [{ personId: g.person_id, expiresAt: g.expires_at }] : [],
      ),
    };
    sessions.keep(sessionId, entry, readAt);
    return entry;
  }

  const service = {
    /** Sign-in step one. Unknown user, wrong password, disabled or locked account: one answer, same time. */
    async signIn(username: string, password: string, context: RequestContext): Promise<SignInResult> {
      const row = await repo.findByUsername(db, username);
      const passwordOk = await verify(row?.password_hash ?? (await dummyHash), password).catch(() => false);
      const now = clock.now();
      const actorless: AuditActor = {
        userId: row?.id ?? null,
        username: row?.username ?? null,
        role: null,
        ...context,
      };
      if (!row || row.active !== 1) {
        await audit.recordAlone(actorless, {
          action: 'auth.sign_in',
          dataClass: 'account',
          outcome: 'denied',
          details: { reason: row ? 'inactive' : 'unknown_user' },
        });
        throw failSignIn();
      }
      const lock = { failedAttempts: row.failed_attempts, lockedUntil: row.locked_until };
      if (isLocked(lock, now) || !passwordOk) {
        const next = isLocked(lock, now) ? lock : afterFailedAttempt(lock, now);
        await inTransaction(db, async (tx) => {
          await tx
            .updateTable('user_account')
            .set({ failed_attempts: next.failedAttempts, locked_until: next.lockedUntil })
            .where('id', '=', row.id)
            .execute();
          if (next.lockedUntil !== lock.lockedUntil) await sessions.changed(tx, { userId: row.id });
          await audit.record(tx, actorless, {
            action: 'auth.sign_in',
            dataClass: 'account',
            outcome: 'denied',
            resourceType: 'user',
            resourceId: row.id,
            details: {
              reason: isLocked(lock, now) ? 'locked' : 'wrong_password',
              locked: next.lockedUntil !== null,
            },
          });
        });
        throw failSignIn();
      }
      const user = (await repo.withGrants(db, row))!;
      return inTransaction(db, async (tx) => {
        // A right password clears the password count only: wrong second-factor codes are counted
        // apart (code_failed_attempts), so sign-in after sign-in cannot guess the code for ever (MED-1).
        // A lock that has passed stays recorded, so the code count restarts after it.
        await tx
          .updateTable('user_account')
          .set({ failed_attempts: afterSuccessfulSignIn().failedAttempts })
          .where('id', '=', row.id)
          .execute();
        if (row.totp_enabled === 1) {
          const pending = await openSession(tx, user, 'two_factor', context);
          await audit.record(tx, actorless, {
            action: 'auth.password_accepted',
            dataClass: 'account',
            outcome: 'allowed',
            resourceType: 'user',
            resourceId: row.id,
          });
          return { kind: 'two_factor_required', token: pending.secret };
        }
        const session = await openSession(tx, user, 'active', context);
        const actor = buildActor(user, session.sessionId, session.csrf);
        await audit.record(tx, actorForAudit(actor, context), {
          action: 'auth.sign_in',
          dataClass: 'account',
          outcome: 'allowed',
          resourceType: 'user',
          resourceId: row.id,
        });
        return { kind: 'signed_in', token: session.secret, actor };
      });
    },

    /** Sign-in step two: a TOTP code or a single-use recovery code. A new session token replaces the pending one. */
    async twoFactor(pendingToken: string | undefined, code: string, context: RequestContext) {
      const fail = () =>
        unauthenticated('The code is not valid. Sign in again if it keeps failing.', 'two_factor_failed');
      if (!pendingToken) throw fail();
      const pending = await db
        .selectFrom('user_session')
        .selectAll()
        .where('id', '=', sha256(pendingToken))
        .where('stage', '=', 'two_factor')
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      const now = clock.now();
      if (
        !pending ||
        now.getTime() - new Date(pending.created_at).getTime() > TWO_FACTOR_WINDOW_MINUTES * 60_000
      ) {
        throw fail();
      }
      const user = (await repo.withGrants(db, await repo.findById(db, pending.user_id)))!;
      const auditActor: AuditActor = { userId: user.id, username: user.username, role: null, ...context };
      const codeLock = { failedAttempts: user.code_failed_attempts, lockedUntil: user.locked_until };
      // MED-1: a locked account answers as locked at the code step too, whatever the code.
      if (isLocked(codeLock, now)) {
        await inTransaction(db, async (tx) => {
          await endSession(tx, pending.id, 'locked');
          await audit.record(tx, auditActor, {
            action: 'auth.two_factor',
            dataClass: 'account',
            outcome: 'denied',
            resourceType: 'user',
            resourceId: user.id,
            details: { reason: 'locked', locked: true },
          });
        });
        throw accountLocked();
      }
      const step = await checkTotp(user, code);
      let recoveryId: string | undefined;
      if (step === null) {
        const codeHash = sha256(code.toLowerCase().replace(/^(.{5})(.{5})$/, '$1-$2'));
        const recovery = await db
          .selectFrom('recovery_code')
          .select('id')
          .where('user_id', '=', user.id)
          .where('code_hash', '=', codeHash)
          .where('used_at', 'is', null)
          .executeTakeFirst();
        recoveryId = recovery?.id;
      }
      if (step === null && !recoveryId) {
        // MED-1: the fifth wrong code in a row locks the account (its own count, see signIn).
        const next = afterFailedAttempt(codeLock, now);
        const locked = isLocked(next, now);
        await inTransaction(db, async (tx) => {
          await tx
            .updateTable('user_account')
            .set({ code_failed_attempts: next.failedAttempts, locked_until: next.lockedUntil })
            .where('id', '=', user.id)
            .execute();
          if (locked) await sessions.changed(tx, { userId: user.id });
          if (locked) await endSession(tx, pending.id, 'two_factor_failed');
          await audit.record(tx, auditActor, {
            action: 'auth.two_factor',
            dataClass: 'account',
            outcome: 'denied',
            resourceType: 'user',
            resourceId: user.id,
            details: { reason: 'wrong_code', locked },
          });
        });
        throw locked ? accountLocked() : fail();
      }
      return inTransaction(db, async (tx) => {
        await endSession(tx, pending.id, 'two_factor_passed');
        await tx
          .updateTable('user_account')
          .set({ code_failed_attempts: 0, ...(step !== null ? { totp_last_step: step } : {}) })
          .where('id', '=', user.id)
          .execute();
        if (recoveryId)
          await tx
            .updateTable('recovery_code')
            .set({ used_at: now.toISOString() })
            .where('id', '=', recoveryId)
            .execute();
        const session = await openSession(tx, user, 'active', context);
        const actor = buildActor(user, session.sessionId, session.csrf);
        await audit.record(tx, actorForAudit(actor, context), {
          action: 'auth.sign_in',
          dataClass: 'account',
          outcome: 'allowed',
          details: { secondFactor: recoveryId ? 'recovery_code' : 'totp' },
        });
        return { token: session.secret, actor };
      });
    },

    /**
     * The actor behind a session token, or null when there is none or it has expired (then it is
     * ended). What it reads is kept a few seconds in the session cache (ADR 0032), forgotten at once
     * on every change that ends a session or changes what its user may do.
     */
    async actorForToken(sessionToken: string | undefined): Promise<Actor | null> {
      if (!sessionToken) return null;
      const sessionId = sha256(sessionToken);
      const now = clock.now();
      let entry = sessions.get(sessionId);
      if (entry && sessionExpiry(expiryInput(entry), now)) {
        // Another replica may have seen the session since this one read it: ask the database.
        entry = undefined;
      }
      entry ??= await readSession(sessionId);
      if (!entry) return null;
      const expiry = sessionExpiry(expiryInput(entry), now);
      if (expiry) {
        await inTransaction(db, (tx) => endSession(tx, sessionId, `expired_${expiry}`));
        return null;
      }
      if (now.getTime() - new Date(entry.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
        await db
          .updateTable('user_session')
          .set({ last_seen_at: now.toISOString() })
          .where('id', '=', sessionId)
          .execute();
        entry.lastSeenAt = now.toISOString();
      }
      const at = now.toISOString();
      return buildActor(
        entry.user,
        sessionId,
        entry.csrfToken,
        entry.breakGlass.filter((g) => g.expiresAt > at).map((g) => g.personId),
      );
    },

    async signOut(actor: Actor, context: RequestContext) {
      await inTransaction(db, async (tx) => {
        await endSession(tx, actor.sessionId, 'signed_out');
        await audit.record(tx, actorForAudit(actor, context), {
          action: 'auth.sign_out',
          dataClass: 'account',
          outcome: 'allowed',
        });
      });
    },

    async signOutOtherSessions(actor: Actor, context: RequestContext) {
      return inTransaction(db, async (tx) => {
        const result = await tx
          .updateTable('user_session')
          .set({ ended_at: clock.now().toISOString(), end_reason: 'signed_out_elsewhere' })
          .where('user_id', '=', actor.userId)
          .where('id', '!=', actor.sessionId)
          .where('ended_at', 'is', null)
          .executeTakeFirst();
        const ended = Number(result.numUpdatedRows);
        await sessions.changed(tx, { userId: actor.userId });
        await audit.record(tx, actorForAudit(actor, context), {
          action: 'account.sign_out_others',
          dataClass: 'account',
          outcome: 'allowed',
          details: { ended },
        });
        return ended;
      });
    },

    async changePassword(
      actor: Actor,
      currentPassword: string,
      newPassword: string,
      context: RequestContext,
    ) {
      const row = (await repo.findById(db, actor.userId))!;
      if (!(await verify(row.password_hash, currentPassword).catch(() => false))) {
        await audit.recordAlone(actorForAudit(actor, context), {
          action: 'account.password_change',
          dataClass: 'account',
          outcome: 'denied',
        });
        throw invalid(
          'body.currentPassword',
          'password_wrong',
          'The current password is not right.',
          'password_wrong',
        );
      }
      assertPolicy(newPassword, row.username);
      const passwordHash = await hash(newPassword, ARGON2);
      await inTransaction(db, async (tx) => {
        const now = clock.now().toISOString();
        await tx
          .updateTable('user_account')
          .set({
            password_hash: passwordHash,
            must_change_password: 0,
            password_changed_at: now,
            updated_at: now,
          })
          .where('id', '=', actor.userId)
          .execute();
        // MED-1: whoever signed in with the old password elsewhere is signed out; this session stays.
        const ended = await tx
          .updateTable('user_session')
          .set({ ended_at: now, end_reason: 'password_changed' })
          .where('user_id', '=', actor.userId)
          .where('id', '!=', actor.sessionId)
          .where('ended_at', 'is', null)
          .executeTakeFirst();
        await sessions.changed(tx, { userId: actor.userId });
        await audit.record(tx, actorForAudit(actor, context), {
          action: 'account.password_change',
          dataClass: 'account',
          outcome: 'allowed',
          details: { endedSessions: Number(ended.numUpdatedRows) },
        });
      });
    },

    async setLanguage(actor: Actor, language: Language, context: RequestContext) {
      await inTransaction(db, async (tx) => {
        await tx.updateTable('user_account').set({ language }).where('id', '=', actor.userId).execute();
        await sessions.changed(tx, { userId: actor.userId });
        await audit.record(tx, actorForAudit(actor, context), {
          action: 'account.language',
          dataClass: 'account',
          outcome: 'allowed',
          details: { language },
        });
      });
    },

    /** Starts two-factor enrolment: a new secret, its otpauth URI and a QR code (SVG). Not active until confirmed. */
    async startTwoFactorEnrolment(actor: Actor, context: RequestContext) {
      if (actor.twoFactorEnabled) {
        // A signed-in workstation must not be enough to switch off or replace a working second factor.
        throw conflict('Two-factor sign-in is already on for this account.', {
          code: 'two_factor_already_enabled',
        });
      }
      const secret = generateSecret();
      const uri = generateURI({ issuer: 'Custodia', label: actor.username, secret });
      const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      await inTransaction(db, async (tx) => {
        await tx
          .updateTable('user_account')
          .set({ totp_secret: secret, totp_enabled: 0, totp_last_step: null })
          .where('id', '=', actor.userId)
          .execute();
        await sessions.changed(tx, { userId: actor.userId });
        await audit.record(tx, actorForAudit(actor, context), {
          action: 'account.two_factor_enrolment_started',
          dataClass: 'account',
          outcome: 'allowed',
        });
      });
      return { secret, otpauthUri: uri, qrSvg };
    },

    /** Confirms enrolment with a first code; returns ten recovery codes, shown once and stored only as hashes. */
    async confirmTwoFactor(actor: Actor, code: string, context: RequestContext) {
      const row = (await repo.findById(db, actor.userId))!;
      const step = await checkTotp({ ...row, totp_last_step: null }, code);
      if (step === null) {
        throw badRequest(
          'two_factor_failed',
          'The code is not valid: check the time on the phone and try again.',
        );
      }
      const codes = recoveryCodes();
      await inTransaction(db, async (tx) => {
        await tx
          .updateTable('user_account')
          .set({ totp_enabled: 1, totp_last_step: step })
          .where('id', '=', actor.userId)
          .execute();
        await sessions.changed(tx, { userId: actor.userId });
        await tx.deleteFrom('recovery_code').where('user_id', '=', actor.userId).execute();
        await tx
          .insertInto('recovery_code')
          .values(
            codes.map((c) => ({ id: newId(), user_id: actor.userId, code_hash: sha256(c), used_at: null })),
          )
          .execute();
        await audit.record(tx, actorForAudit(actor, context), {
          action: 'account.two_factor_enabled',
          dataClass: 'account',
          outcome: 'allowed',
        });
      });
      return codes;
    },

    async listUsers(query: { q?: string; limit: number; cursor?: string }): Promise<Page<User>> {
      const after = decodeCursor(query.cursor, 2);
      let q = db
        .selectFrom('user_account')
        .selectAll()
        .orderBy('username')
        .orderBy('id')
        .limit(query.limit + 1);
      if (query.q) {
        const needle = `%${query.q
          .trim()
          .toLowerCase()
          .replace(/[%_\\]/g, '')}%`;
        q = q.where((eb) =>
          eb.or([eb('username', 'like', needle), eb(eb.fn('lower', ['display_name']), 'like', needle)]),
        );
      }
      if (after) q = q.where(keysetAfter(['username', 'id'], after));
      const rows = await q.execute();
      const grants = await repo.grantsOf(
        db,
        rows.map((r) => r.id),
      );
      const now = clock.now();
      return toPage(
        rows,
        query.limit,
        (r) => [r.username, r.id],
        (r) => toUser({ ...r, ...grants.get(r.id)! }, now),
      );
    },

    /**
     * Of these sessions, those still active (not ended, not expired, the account enabled), read
     * without touching them: what a long-lived stream checks, so that it ends with its session.
     */
    async activeSessionIds(ids: readonly string[]): Promise<Set<string>> {
      if (!ids.length) return new Set();
      const rows = await db
        .selectFrom('user_session')
        .innerJoin('user_account', 'user_account.id', 'user_session.user_id')
        .select([
          'user_session.id',
          'user_session.stage',
          'user_session.created_at',
          'user_session.last_seen_at',
          'user_session.clinical',
          'user_account.active',
        ])
        .where('user_session.id', 'in', [...new Set(ids)])
        .where('user_session.ended_at', 'is', null)
        .execute();
      const now = clock.now();
      return new Set(
        rows
          .filter(
            (r) =>
              r.stage === 'active' &&
              r.active === 1 &&
              !sessionExpiry(
                { createdAt: r.created_at, lastSeenAt: r.last_seen_at, clinical: r.clinical === 1 },
                now,
              ),
          )
          .map((r) => r.id),
      );
    },

    /** The display names of user accounts by id, for registers that name who did what (RST-10). */
    async displayNames(executor: Executor, ids: readonly string[]): Promise<Map<string, string>> {
      if (!ids.length) return new Map();
      const rows = await executor
        .selectFrom('user_account')
        .select(['id', 'display_name'])
        .where('id', 'in', [...new Set(ids)])
        .execute();
      return new Map(rows.map((r) => [r.id, r.display_name]));
    },

    /**
     * The display names and roles of user accounts by id, in two queries (issue 14: a record names who
     * wrote each entry and in which role).
     */
    async authors(
      executor: Executor,
      ids: readonly string[],
    ): Promise<Map<string, { name: string; roles: Role[] }>> {
      if (!ids.length) return new Map();
      const unique = [...new Set(ids)];
      const [names, roles] = await Promise.all([
        executor
          .selectFrom('user_account')
          .select(['id', 'display_name'])
          .where('id', 'in', unique)
          .execute(),
        executor
          .selectFrom('user_role')
          .select(['user_id', 'role'])
          .where('user_id', 'in', unique)
          .orderBy('role')
          .execute(),
      ]);
      return new Map(
        names.map((r) => [
          r.id,
          {
            name: r.display_name,
            roles: roles.filter((x) => x.user_id === r.id).map((x) => x.role as Role),
          },
        ]),
      );
    },

    /** The ids of user accounts by username (the demo seed finds its demo accounts). */
    async userIdsByUsername(executor: Executor, usernames: readonly string[]): Promise<Map<string, string>> {
      if (!usernames.length) return new Map();
      const rows = await executor
        .selectFrom('user_account')
        .select(['id', 'username'])
        .where('username', 'in', [...usernames])
        .execute();
      return new Map(rows.map((r) => [r.username, r.id]));
    },

    async getUser(id: string): Promise<User> {
      const user = await repo.withGrants(db, await repo.findById(db, id));
      if (!user) throw notFound('No such user.');
      return toUser(user, clock.now());
    },

    async createUser(
      actor: AuditActor,
      input: {
        username: string;
        displayName: string;
        roles: Role[];
        institutionIds: string[];
        staffId?: string | null;
        language: Language;
      },
    ) {
      const password = oneTimePassword();
      const passwordHash = await hash(password, ARGON2);
      const id = newId();
      await inTransaction(db, async (tx) => {
        if (await repo.findByUsername(tx, input.username)) {
          throw fieldConflict('body.username', 'username_taken', 'This username is taken.');
        }
        const now = clock.now().toISOString();
        await tx
          .insertInto('user_account')
          .values({
            id,
            username: input.username,
            display_name: input.displayName,
            password_hash: passwordHash,
            active: 1,
            language: input.language,
            staff_id: input.staffId ?? null,
            failed_attempts: 0,
            code_failed_attempts: 0,
            locked_until: null,
            totp_secret: null,
            totp_enabled: 0,
            totp_last_step: null,
            must_change_password: 1,
            password_changed_at: now,
            version: 1,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await repo.replaceGrants(tx, id, input.roles, input.institutionIds);
        await audit.record(tx, actor, {
          action: 'identity.user.create',
          dataClass: 'administrative',
          outcome: 'allowed',
          resourceType: 'user',
          resourceId: id,
          details: { roles: input.roles.join(',') },
        });
      });
      return { user: await service.getUser(id), oneTimePassword: password };
    },

    /** Edits an account with optimistic concurrency: a stale `version` is a 409. */
    async updateUser(
      actor: AuditActor,
      id: string,
      input: {
        version: number;
        displayName?: string;
        roles?: Role[];
        institutionIds?: string[];
        active?: boolean;
      },
    ) {
      await inTransaction(db, async (tx) => {
        const now = clock.now().toISOString();
        const result = await tx
          .updateTable('user_account')
          .set({
            ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
            ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
            version: input.version + 1,
            updated_at: now,
          })
          .where('id', '=', id)
          .where('version', '=', input.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) {
          if (!(await repo.findById(tx, id))) throw notFound('No such user.');
          throw staleVersion('account');
        }
        await repo.replaceGrants(tx, id, input.roles, input.institutionIds);
        // Roles, scope, name or an account switched off: every session of the user reads them anew.
        await sessions.changed(tx, { userId: id });
        if (input.active === false) {
          await endSessionsOf(tx, id, 'account_disabled');
        }
        await audit.record(tx, actor, {
          action: 'identity.user.update',
          dataClass: 'administrative',
          outcome: 'allowed',
          resourceType: 'user',
          resourceId: id,
          details: {
            fields: Object.keys(input)
              .filter((k) => k !== 'version')
              .join(','),
          },
        });
      });
      return service.getUser(id);
    },

    /** A new one-time password; the user must change it at next sign-in. Ends the user's sessions. */
    async resetPassword(actor: AuditActor, id: string) {
      const password = oneTimePassword();
      const passwordHash = await hash(password, ARGON2);
      await inTransaction(db, async (tx) => {
        const now = clock.now().toISOString();
        const result = await tx
          .updateTable('user_account')
          .set({
            password_hash: passwordHash,
            must_change_password: 1,
            password_changed_at: now,
            failed_attempts: 0,
            code_failed_attempts: 0,
            locked_until: null,
            updated_at: now,
          })
          .where('id', '=', id)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) throw notFound('No such user.');
        await endSessionsOf(tx, id, 'password_reset');
        await audit.record(tx, actor, {
          action: 'identity.user.password_reset',
          dataClass: 'administrative',
          outcome: 'allowed',
          resourceType: 'user',
          resourceId: id,
        });
      });
      return password;
    },

    /**
     * Switches two-factor sign-in off for a user who lost both phone and recovery codes, after the
     * administrator has checked who is asking. Ends the user's sessions; they enrol again at next
     * sign-in (mandatory in production for clinical roles and administrators).
     */
    async resetTwoFactor(actor: AuditActor, id: string) {
      await inTransaction(db, async (tx) => {
        const now = clock.now().toISOString();
        const result = await tx
          .updateTable('user_account')
          .set({ totp_secret: null, totp_enabled: 0, totp_last_step: null, updated_at: now })
          .where('id', '=', id)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) throw notFound('No such user.');
        await tx.deleteFrom('recovery_code').where('user_id', '=', id).execute();
        await endSessionsOf(tx, id, 'two_factor_reset');
        await audit.record(tx, actor, {
          action: 'identity.user.two_factor_reset',
          dataClass: 'administrative',
          outcome: 'allowed',
          resourceType: 'user',
          resourceId: id,
        });
      });
    },

    hashPassword: (password: string) => hash(password, ARGON2),
  };
  return service;
}

export function assertPolicy(password: string, username: string) {
  const problems = passwordProblems(password, username);
  if (problems.length) {
    throw ruleRefused(
      problems.map((p) => ({ path: 'newPassword', code: `password_${p}`, message: p })),
      { code: 'password_policy', message: 'The new password does not meet the policy.' },
    );
  }
}

export type IdentityService = ReturnType<typeof createIdentityService>;
