import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantToWallTime, wallTimeToInstant } from './zoned-time.ts';

describe('institution wall-clock time and instants', () => {
  it('Asia/Baku (UTC+4 all year, no summer time): the same offset in winter and summer', () => {
    expect(wallTimeToInstant('2026-01-15T10:00', 'Asia/Baku')).toBe('2026-01-15T06:00:00.000Z');
    expect(wallTimeToInstant('2026-07-15T10:00:30', 'Asia/Baku')).toBe('2026-07-15T06:00:30.000Z');
    expect(instantToWallTime('2026-03-29T01:30:00Z', 'Asia/Baku')).toBe('2026-03-29T05:30:00');
    expect(instantToWallTime('2026-12-31T22:00:00Z', 'Asia/Baku')).toBe('2027-01-01T02:00:00');
    expect(wallTimeToInstant('2027-01-01T02:00:00', 'Asia/Baku')).toBe('2026-12-31T22:00:00.000Z');
  });

  it('Europe/Berlin: UTC+1 in winter, UTC+2 in summer', () => {
    expect(wallTimeToInstant('2026-01-15T10:00', 'Europe/Berlin')).toBe('2026-01-15T09:00:00.000Z');
    expect(wallTimeToInstant('2026-07-15T10:00', 'Europe/Berlin')).toBe('2026-07-15T08:00:00.000Z');
    expect(instantToWallTime('2026-07-15T08:00:00Z', 'Europe/Berlin')).toBe('2026-07-15T10:00:00');
  });

  it('Europe/Berlin, the night clocks go forward (29 March 2026): 02:30 does not exist and becomes 03:30', () => {
    expect(wallTimeToInstant('2026-03-29T01:59:59', 'Europe/Berlin')).toBe('2026-03-29T00:59:59.000Z');
    expect(wallTimeToInstant('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    expect(instantToWallTime('2026-03-29T01:30:00Z', 'Europe/Berlin')).toBe('2026-03-29T03:30:00');
    expect(wallTimeToInstant('2026-03-29T03:00', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z');
  });

  it('Europe/Berlin, the night clocks go back (25 October 2026): 02:30 happens twice, the first is taken', () => {
    expect(wallTimeToInstant('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
    expect(instantToWallTime('2026-10-25T00:30:00Z', 'Europe/Berlin')).toBe('2026-10-25T02:30:00');
    expect(instantToWallTime('2026-10-25T01:30:00Z', 'Europe/Berlin')).toBe('2026-10-25T02:30:00');
    expect(wallTimeToInstant('2026-10-25T03:00', 'Europe/Berlin')).toBe('2026-10-25T02:00:00.000Z');
  });

  it('refuses what is not a wall-clock time', () => {
    for (const bad of [
      '',
      'yesterday',
      '2026-02-30T10:00',
      '2026-13-01T10:00',
      '2026-01-01T24:00',
      '2026-01-01',
    ])
      expect(wallTimeToInstant(bad, 'Asia/Baku'), bad).toBeNull();
    expect(instantToWallTime('not a date', 'Asia/Baku')).toBe('');
  });

  it('an instant shown as wall time and read back is the same instant (to the second), in both zones', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom('Asia/Baku', 'Europe/Berlin'),
        (ms, zone) => {
          const instant = new Date(Math.floor(ms / 1000) * 1000);
          const wall = instantToWallTime(instant, zone);
          const back = wallTimeToInstant(wall, zone)!;
          // In the hour that happens twice, the earlier instant is the one read back.
          const diff = instant.getTime() - new Date(back).getTime();
          expect([0, 3_600_000]).toContain(diff);
          expect(instantToWallTime(back, zone)).toBe(wall);
        },
      ),
      { numRuns: 500 },
    );
  });
});
