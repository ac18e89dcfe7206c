/**
 * Sign-in and session rules (issue 3; STANDARDS MED-1: only those entitled reach health data;
 * every access is attributable). Pure functions: `now` is passed in.
 */

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;
export const IDLE_MINUTES_CLINICAL = 30;
export const IDLE_MINUTES_OTHER = 120;
export const ABSOLUTE_SESSION_HOURS = 12;

const MINUTE = 60_000;

export interface LockState {
  failedAttempts: number;
  lockedUntil: string | null;
}

/** True while an account is locked after too many failed sign-ins. */
export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && new Date(state.lockedUntil).getTime() > now.getTime();
}

/**
 * The lock state after a failed attempt: the fifth consecutive failure locks the account for 15
 * minutes; the count starts again once a lock has passed.
 */
export function afterFailedAttempt(state: LockState, now: Date): LockState {
  const expiredLock = state.lockedUntil !== null && !isLocked(state, now);
  const failedAttempts = (expiredLock ? 0 : state.failedAttempts) + 1;
  if (failedAttempts >= LOCKOUT_THRESHOLD) {
    return { failedAttempts, lockedUntil: new Date(now.getTime() + LOCKOUT_MINUTES * MINUTE).toISOString() };
  }
  return { failedAttempts, lockedUntil: expiredLock ? null : state.lockedUntil };
}

export const afterSuccessfulSignIn = (): LockState => ({ failedAttempts: 0, lockedUntil: null });

export interface SessionTimes {
  createdAt: string;
  lastSeenAt: string;
  /** Whether the user holds a clinical role (30-minute idle timeout instead of 120). */
  clinical: boolean;
}

export function idleMinutes(clinical: boolean): number {
  return clinical ? IDLE_MINUTES_CLINICAL : IDLE_MINUTES_OTHER;
}

/** Why a session is no longer valid at `now`, or null while it is. */
export function sessionExpiry(session: SessionTimes, now: Date): 'idle' | 'absolute' | null {
  const t = now.getTime();
  if (t >= new Date(session.createdAt).getTime() + ABSOLUTE_SESSION_HOURS * 60 * MINUTE) return 'absolute';
  if (t >= new Date(session.lastSeenAt).getTime() + idleMinutes(session.clinical) * MINUTE) return 'idle';
  return null;
}

/** Break the glass (issue 3; PRODUCT.md): a stated reason of at least 20 characters, access for 60 minutes. */
export const BREAK_GLASS_REASON_MIN = 20;
export const BREAK_GLASS_DEFAULT_MINUTES = 60;

/**
 * Break-the-glass requests one user may make in 24 hours (issue 12); the next is refused, recorded
 * and flagged for the health manager. Configurable (CUSTODIA_BREAK_GLASS_PER_DAY).
 */
export const BREAK_GLASS_DEFAULT_PER_DAY = 3;

export function breakGlassExpiry(startedAt: Date, minutes: number = BREAK_GLASS_DEFAULT_MINUTES): Date {
  return new Date(startedAt.getTime() + minutes * MINUTE);
}

export function isBreakGlassActive(grant: { expiresAt: string }, now: Date): boolean {
  return new Date(grant.expiresAt).getTime() > now.getTime();
}
