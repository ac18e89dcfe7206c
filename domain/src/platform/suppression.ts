/**
 * DAT-6: aggregate outputs released outside the health service suppress small cells, so that no
 * one can be recognised from a count. The default: counts from 1 to 4 are not shown.
 */
export const SMALL_CELL_THRESHOLD = 5;

/** An additive relation between cells: `total` is made of `parts` (which may overlap or miss some). */
export interface SuppressionLine {
  total: string;
  parts: readonly string[];
}

/** What a released output says about its suppression (DAT-6), on the page and in the export. */
export interface Suppression {
  /** Counts from 1 to threshold − 1 are suppressed. */
  threshold: number;
  /** The cells left out (null in the output): small ones and those they could be recomputed from. */
  cells: string[];
}

/** The cells that can be known: the published ones, and any that a line then leaves as its only unknown. */
export function derivableCells(known: Iterable<string>, lines: readonly SuppressionLine[]): Set<string> {
  const result = new Set(known);
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const unknown = [...new Set([line.total, ...line.parts])].filter((m) => !result.has(m));
      if (unknown.length === 1) {
        result.add(unknown[0] as string);
        changed = true;
      }
    }
  }
  return result;
}

/**
 * DAT-6: the published cells to suppress in an aggregate table.
 *
 * Primary: every count from 1 to `threshold` − 1. Complementary: no small or suppressed cell may be
 * worked out from what is shown — a line (a total and its parts) with a single unknown member gives
 * it away, and what is worked out may give away more in other lines. While one would be, another
 * member of a line that gives it away is suppressed too: a non-zero part (the smallest), else the
 * total, else a zero part, so that zeros stay shown wherever a count will do. `hidden` cells are
 * never published (a difference such as admissions − screened): unknown, but when small protected
 * like any other, so the published cells that would reveal them are suppressed. Lines need not add
 * up exactly (the types of an episode overlap): a line only says which cells reveal each other.
 */
export function suppressedCells(
  values: Readonly<Record<string, number>>,
  lines: readonly SuppressionLine[],
  threshold: number = SMALL_CELL_THRESHOLD,
  hidden: ReadonlySet<string> = new Set(),
): Set<string> {
  const value = (key: string) => values[key] ?? 0;
  const keys = Object.keys(values);
  const published = keys.filter((k) => !hidden.has(k));
  const protect = new Set(keys.filter((k) => value(k) >= 1 && value(k) < threshold));
  const suppressed = new Set(published.filter((k) => protect.has(k)));
  const byValue = (a: string, b: string) => value(a) - value(b) || a.localeCompare(b);
  for (;;) {
    const known = derivableCells(
      published.filter((k) => !suppressed.has(k)),
      lines,
    );
    const leaked = [...protect].filter((k) => known.has(k)).sort();
    if (!leaked.length) return suppressed;
    // Of every member that would hide a leaked cell, the best: a non-zero part (smallest first),
    // else a total, else a zero part. Zeros are shown wherever a count will do.
    let best: { key: string; rank: number } | null = null;
    const fresh = new Set<string>();
    for (const cell of leaked) {
      for (const line of lines) {
        const members = [...new Set([line.total, ...line.parts])];
        if (!members.includes(cell) || !members.every((m) => m === cell || known.has(m))) continue;
        for (const m of members) {
          if (m === cell) continue;
          if (hidden.has(m)) {
            if (!protect.has(m)) fresh.add(m);
            continue;
          }
          if (suppressed.has(m)) continue;
          const rank = m === line.total ? 1 : value(m) > 0 ? 0 : 2;
          if (!best || rank < best.rank || (rank === best.rank && byValue(m, best.key) < 0))
            best = { key: m, rank };
        }
      }
    }
    if (best) {
      suppressed.add(best.key);
      protect.add(best.key);
      continue;
    }
    // Only worked-out cells give them away: those are protected in turn.
    for (const m of fresh) protect.add(m);
    if (!fresh.size) throw new Error('DAT-6: small-cell suppression found no cell to suppress');
  }
}
