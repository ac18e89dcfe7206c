import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calendarDateIn,
  fixedClock,
  isValidTimeZone,
  newId,
  PAGE_LIMIT_MAX,
  pageQuerySchema,
} from './index.ts';

describe('ids', () => {
  it('are UUIDv7 and sort in the order they were made', () => {
    const ids = Array.from({ length: 200 }, () => newId());
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('clock and calendar', () => {
  it('a fixed clock moves only when told', () => {
    const clock = fixedClock('2026-01-01T00:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:01:30.000Z');
  });

  it('day boundaries follow the deployment time zone, not UTC (Asia/Baku is UTC+4)', () => {
    expect(calendarDateIn(new Date('2026-03-01T20:30:00Z'), 'Asia/Baku')).toBe('2026-03-02');
    expect(calendarDateIn(new Date('2026-03-01T19:59:59Z'), 'Asia/Baku')).toBe('2026-03-01');
    expect(calendarDateIn(new Date('2026-03-01T20:30:00Z'), 'UTC')).toBe('2026-03-01');
  });

  it('recognises time zone names', () => {
    expect(isValidTimeZone('Asia/Baku')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('paging query', () => {
  it('defaults the limit and never allows more than the hard maximum', () => {
    expect(pageQuerySchema.parse({}).limit).toBe(50);
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 100_000 }), (limit) => {
        const result = pageQuerySchema.safeParse({ limit: String(limit) });
        expect(result.success).toBe(limit >= 1 && limit <= PAGE_LIMIT_MAX);
      }),
    );
  });
});
