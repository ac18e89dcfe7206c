const HEX = '0123456789abcdef';

/** The part of a {@link benchId} that its time decides: `tttttttt-tttt-7` (for a cache by time). */
export function benchIdTime(at: Date | number): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12);
  return `${time.slice(0, 8)}-${time.slice(8)}-7`;
}

/** {@link benchId} from its time's part (benchIdTime): the same id, the same draws of `random`. */
export function benchIdFrom(random: () => number, timePart: string): string {
  const hex = (digits: number) => {
    let out = '';
    for (let i = 0; i < digits; i++) out += HEX[Math.floor(random() * 16)];
    return out;
  };
  const variant = HEX[8 + Math.floor(random() * 4)];
  return `${timePart}${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}

/**
 * A UUIDv7 (the app's id format) from a seeded random source: the 48-bit millisecond time of `at`,
 * then random bits. Generated rows sort by time like real ones, and the same seed gives the same ids
 * for the same times.
 */
export function benchId(random: () => number, at: Date | number): string {
  return benchIdFrom(random, benchIdTime(at));
}

/** A moment `days` days (fractional) before `now`. */
export const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

/** One of `items`, chosen by `random`. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** One of the weighted entries, chosen by `random`. */
export function pickWeighted<T>(random: () => number, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [item, weight] of weighted) {
    r -= weight;
    if (r < 0) return item;
  }
  const last = weighted[weighted.length - 1];
  if (!last) throw new Error('pick from an empty list');
  return last[0];
}
