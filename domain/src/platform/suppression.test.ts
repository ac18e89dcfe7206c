import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  derivableCells,
  SMALL_CELL_THRESHOLD,
  type SuppressionLine,
  suppressedCells,
} from './suppression.ts';

const sorted = (set: Set<string>) => [...set].sort();

describe('DAT-6: small-cell suppression', () => {
  it.each([
    {
      name: 'nothing small: nothing suppressed',
      values: { a: 10, b: 0, c: 7, total: 17 },
      expected: [],
    },
    {
      name: 'a count of 1 to 4 is suppressed, and the smallest other part with it (the total stays)',
      values: { a: 2, b: 10, c: 7, total: 19 },
      expected: ['a', 'c'],
    },
    {
      name: 'a zero is shown; with no other non-zero part the total goes',
      values: { a: 3, b: 0, c: 0, total: 3 },
      expected: ['a', 'total'],
    },
    {
      name: 'two small parts protect each other',
      values: { a: 1, b: 4, c: 30, total: 35 },
      expected: ['a', 'b'],
    },
    {
      name: 'a count of 5 is shown',
      values: { a: 5, b: 9, c: 30, total: 44 },
      expected: [],
    },
  ])('DAT-6: $name', ({ values, expected }) => {
    const lines = [{ total: 'total', parts: ['a', 'b', 'c'] }];
    expect(sorted(suppressedCells(values, lines))).toEqual(expected);
  });

  it('DAT-6: a small unpublished difference (2 not screened of 20) hides the count that reveals it', () => {
    const values = { admissions: 20, screened: 18, notScreened: 2, inTime: 15, late: 3 };
    const lines = [
      { total: 'admissions', parts: ['screened', 'notScreened'] },
      { total: 'screened', parts: ['inTime', 'late'] },
    ];
    // Not published, but 20 − 18 would give the 2 away, and 18 − 15 the 3 screened late.
    const hidden = new Set(['notScreened', 'late']);
    const suppressed = suppressedCells(values, lines, 5, hidden);
    expect(sorted(suppressed)).toEqual(['inTime', 'screened']);
    const shown = Object.keys(values).filter((k) => !hidden.has(k) && !suppressed.has(k));
    expect(sorted(derivableCells(shown, lines))).toEqual(['admissions']);
    // A large difference needs no protection: 10 not screened of 20 may be worked out.
    expect(
      sorted(suppressedCells({ ...values, screened: 10, notScreened: 10, inTime: 7 }, lines, 5, hidden)),
    ).toEqual(['inTime']);
  });

  it('DAT-6: the threshold is configurable (counts below 10)', () => {
    const lines = [{ total: 'total', parts: ['a', 'b'] }];
    expect(sorted(suppressedCells({ a: 7, b: 20, total: 27 }, lines, 10))).toEqual(['a', 'b']);
    expect(sorted(suppressedCells({ a: 7, b: 20, total: 27 }, lines))).toEqual([]);
  });

  it('DAT-6: in any table with row and column totals, every count below the threshold is suppressed and none can be worked out from the rows, columns and totals shown', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((columns) =>
          fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: columns, maxLength: columns }), {
            minLength: 1,
            maxLength: 6,
          }),
        ),
        fc.integer({ min: 2, max: 8 }),
        fc.boolean(),
        (grid, threshold, hideRowTotals) => {
          const values: Record<string, number> = {};
          const lines: SuppressionLine[] = [];
          const columns = (grid[0] as number[]).length;
          grid.forEach((row, r) => {
            row.forEach((v, c) => {
              values[`r${r}c${c}`] = v;
            });
            values[`r${r}`] = row.reduce((a, b) => a + b, 0);
            lines.push({ total: `r${r}`, parts: row.map((_, c) => `r${r}c${c}`) });
          });
          for (let c = 0; c < columns; c += 1) {
            values[`c${c}`] = grid.reduce((a, row) => a + (row[c] as number), 0);
            lines.push({ total: `c${c}`, parts: grid.map((_, r) => `r${r}c${c}`) });
          }
          values.all = Object.entries(values)
            .filter(([k]) => /^r\d+$/.test(k))
            .reduce((a, [, v]) => a + v, 0);
          lines.push({ total: 'all', parts: grid.map((_, r) => `r${r}`) });
          lines.push({ total: 'all', parts: Array.from({ length: columns }, (_, c) => `c${c}`) });

          // Sometimes the row totals are never published (like admissions − screened).
          const hidden = new Set(hideRowTotals ? grid.map((_, r) => `r${r}`) : []);
          const suppressed = suppressedCells(values, lines, threshold, hidden);
          for (const key of suppressed) expect(hidden.has(key)).toBe(false);
          for (const [key, v] of Object.entries(values)) {
            if (v >= 1 && v < threshold && !hidden.has(key)) expect(suppressed.has(key), key).toBe(true);
          }
          // Nothing small can be worked out from what is shown, through any chain of lines.
          const known = derivableCells(
            Object.keys(values).filter((k) => !suppressed.has(k) && !hidden.has(k)),
            lines,
          );
          for (const [key, v] of Object.entries(values)) {
            if (v >= 1 && v < threshold) expect(known.has(key), key).toBe(false);
          }
          if (!Object.values(values).some((v) => v >= 1 && v < threshold)) expect(suppressed.size).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('DAT-6: the default suppresses counts from 1 to 4', () => {
    expect(SMALL_CELL_THRESHOLD).toBe(5);
  });
});
