/**
 * every refused request leaves a trace, but one session in a loop must not write hundreds of
 * audit rows a second (each one a hash-chain append under the chain's lock, slowing every other
 * writer, and burying the events around it).
 *
 * The choice, per session and per minute: the first `limit` denials are recorded one by one, as
 * usual. The next one records a single `audit.denials_limited` event (what was refused, and until
 * when further denials are only counted), and the rest of that minute are counted, not written.
 * The count is written as `audit.denials_suppressed` (how many, in which minute) with the session's
 * next denial after the minute. So the trail always shows that a loop happened and when; its size
 * is known once the session is refused again. We chose this over a silent drop with a counter kept
 * elsewhere, because an investigator reads the audit trail and nothing else; and over a summary
 * written by a timer, which a stopping or restarting process could lose just the same.
 *
 * Per replica, in memory, like the sign-in limit: N replicas allow N × limit a minute at most.
 */
export const DENIED_EVENTS_PER_MINUTE = 20;
const WINDOW_MS = 60_000;
/** Windows kept in memory before stale ones are dropped (a bounded map, whatever the traffic). */
const MAX_WINDOWS = 10_000;

interface Window {
  start: number;
  count: number;
  suppressed: number;
}

export interface DenialDecision {
  /** Record this denial as its own event. */
  record: boolean;
  /** This denial is the first over the limit: record one `audit.denials_limited` event instead. */
  limitReached: boolean;
  /** Denials counted, not written, in the session's previous window: write their summary first. */
  suppressedBefore: { count: number; from: string; to: string } | null;
}

export function createDenialLimiter(limit = DENIED_EVENTS_PER_MINUTE) {
  const windows = new Map<string, Window>();

  const prune = (now: number) => {
    if (windows.size < MAX_WINDOWS) return;
    for (const [key, w] of windows) if (now - w.start >= WINDOW_MS) windows.delete(key);
  };

  return {
    /** What to write for one more denial of the session `key` at `now` (ms). Synchronous: no races. */
    take(key: string, now: number): DenialDecision {
      let w = windows.get(key);
      let suppressedBefore: DenialDecision['suppressedBefore'] = null;
      if (w && now - w.start >= WINDOW_MS) {
        if (w.suppressed) {
          suppressedBefore = {
            count: w.suppressed,
            from: new Date(w.start).toISOString(),
            to: new Date(w.start + WINDOW_MS).toISOString(),
          };
        }
        w = undefined;
      }
      if (!w) {
        prune(now);
        w = { start: now, count: 0, suppressed: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      if (w.count <= limit) return { record: true, limitReached: false, suppressedBefore };
      w.suppressed += 1;
      return { record: false, limitReached: w.count === limit + 1, suppressedBefore };
    },
    /** When the session's current window ends (ISO), for the `audit.denials_limited` event. */
    windowEnd(key: string): string | null {
      const w = windows.get(key);
      return w ? new Date(w.start + WINDOW_MS).toISOString() : null;
    },
  };
}
