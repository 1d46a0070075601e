/**
 * Sign-in lockout policy, pure: a repository stores what this computes, with the service's clock,
 * so the lock is written and compared against one clock.
 */
export interface LockoutPolicy {
  /** Failed attempts (passwords or second-factor codes) before the first lock. */
  threshold: number;
  /** Length of the first lock; each further failure after the threshold doubles it. */
  baseMinutes: number;
}

export interface LockoutState {
  failedSignIns: number;
  lockedUntil: Date | null;
}

/** Doubling stops here (base × 64), so a lock never grows without bound. */
export const MAX_LOCKOUT_DOUBLINGS = 6;

export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

export interface FailedAttemptOutcome extends LockoutState {
  /**
   * True when this failure turned an unlocked user into a locked one: the moment to tell the owner.
   * Failures while a lock is running never count (the caller refuses them before), and a failure
   * after a lock ran out starts a new, longer lock — a new lockout, told again.
   */
  newlyLocked: boolean;
}

/** The state after one more failed attempt at `now`: from the threshold on, locked for base × 2^(n − threshold). */
export function afterFailedAttempt(
  state: LockoutState,
  now: Date,
  policy: LockoutPolicy,
): FailedAttemptOutcome {
  const failedSignIns = state.failedSignIns + 1;
  if (failedSignIns < policy.threshold) {
    return { failedSignIns, lockedUntil: state.lockedUntil, newlyLocked: false };
  }
  const doublings = Math.min(failedSignIns - policy.threshold, MAX_LOCKOUT_DOUBLINGS);
  const minutes = policy.baseMinutes * 2 ** doublings;
  const lockedUntil = new Date(now.getTime() + minutes * 60_000);
  return { failedSignIns, lockedUntil, newlyLocked: !isLocked(state, now) };
}
