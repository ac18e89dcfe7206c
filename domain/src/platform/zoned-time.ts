/**
 * Wall-clock times of an institution (what a `datetime-local` field shows and takes) and instants
 * (ISO-8601 UTC, as stored), converted through the IANA time zone with Intl alone. The browser's own
 * time zone plays no part: an admission in Baku is entered and shown in Baku time wherever the
 * screen is.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallParts(ms: number, timeZone: string): WallParts {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour') % 24,
    minute: get('minute'),
    second: get('second'),
  };
}

const asUtc = (w: WallParts) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** The zone's offset from UTC at an instant, in milliseconds (Baku: +4 h). */
function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return asUtc(wallParts(whole, timeZone)) - whole;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The wall-clock time in `timeZone` of an instant, as a `datetime-local` value to the second. */
export function instantToWallTime(instant: Date | string, timeZone: string): string {
  const ms = new Date(instant).getTime();
  if (Number.isNaN(ms)) return '';
  const w = wallParts(ms, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/**
 * The instant (ISO-8601 UTC) of a wall-clock time in `timeZone`; null when the text is not a
 * wall-clock time. A time that happens twice (clocks going back) is the earlier of the two; a time
 * that does not exist (clocks going forward) moves forward by the gap, as a clock on the wall would
 * (02:30 on the night Berlin skips to 03:00 is 03:30 summer time).
 */
export function wallTimeToInstant(wall: string, timeZone: string): string | null {
  const key = `${timeZone}|${wall}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  const instant = convertWallTime(wall, timeZone);
  if (instants.size >= REMEMBERED) instants.clear();
  instants.set(key, instant);
  return instant;
}

/**
 * The conversions already worked out, by zone and wall time. A conversion asks Intl for the zone's
 * parts four times, and the same few times of day recur in every dose round, report and recorded dose
 * (18 conversions to check one dose's due time): the answer for a zone and a wall time never changes
 * while the process runs, so it is kept, up to a bound after which the memory starts afresh.
 */
const instants = new Map<string, string | null>();
const REMEMBERED = 20_000;

function convertWallTime(wall: string, timeZone: string): string | null {
  const m = WALL.exec(wall.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const parts = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s ?? '0'),
  };
  if (parts.month < 1 || parts.month > 12 || parts.day < 1 || parts.day > 31 || parts.hour > 23) return null;
  if (parts.minute > 59 || parts.second > 59) return null;
  const local = asUtc(parts);
  const check = new Date(local);
  if (check.getUTCDate() !== parts.day) return null; // 31 April and the like
  const day = 86_400_000;
  const before = offsetAt(local - day, timeZone);
  const after = offsetAt(local + day, timeZone);
  const candidates = [local - before, local - after].filter((ms) => asUtc(wallParts(ms, timeZone)) === local);
  const chosen = candidates.length ? Math.min(...candidates) : local - before;
  return new Date(chosen).toISOString();
}
