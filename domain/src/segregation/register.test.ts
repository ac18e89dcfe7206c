import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayIn,
  type PlacementFacts,
  placementCompliance,
  registerDays,
  registerSummary,
  suppressRegisterSummary,
} from './index.ts';

const TZ = 'Asia/Baku';
/** 2026-12-01 10:00 in Baku (UTC+4). */
const START = '2026-12-01T06:00:00.000Z';

const facts = (over: Partial<PlacementFacts> = {}): PlacementFacts => ({
  kind: 'disciplinary',
  startedAt: START,
  plannedEndAt: '2026-12-10T06:00:00.000Z',
  endedAt: null,
  overridden: false,
  days: [],
  healthVisits: [],
  managementVisits: [],
  decisions: [],
  ...over,
});

describe('the segregation register (issue 18 item 7)', () => {
  it('a period of months: whole months, refused reversed or over 14 months', () => {
    expect(registerDays('2026-02', '2026-02')).toEqual({ first: '2026-02-01', last: '2026-02-28' });
    expect(registerDays('2026-01', '2026-12')).toEqual({ first: '2026-01-01', last: '2026-12-31' });
    expect(registerDays('2026-12', '2026-11')).toBeNull();
    expect(registerDays('2025-01', '2026-12')).toBeNull();
  });

  it('SEG-1, SEG-5, SEG-8, SEG-9, SEG-10: the compliance of each day, in the institution’s zone, up to today', () => {
    // Now: 2026-12-04 01:00 in Baku (21:00 UTC the day before): the 1st to the 3rd have passed midnight.
    const now = new Date('2026-12-03T21:00:00.000Z');
    expect(dayIn(now, TZ)).toBe('2026-12-04');
    const c = placementCompliance(
      facts({
        days: [
          { day: '2026-12-01', outOfCellMinutes: 30, outdoorMinutes: 20, contactMinutes: 10 },
          { day: '2026-12-02', outOfCellMinutes: 180, outdoorMinutes: 90, contactMinutes: 150 },
        ],
        // 23:30 UTC on the 1st is the 2nd in Baku.
        healthVisits: [
          { at: '2026-12-01T07:00:00.000Z', adverseEffect: false },
          { at: '2026-12-01T23:30:00.000Z', adverseEffect: false },
        ],
        managementVisits: [{ at: '2026-12-01T08:00:00.000Z' }],
      }),
      { first: '2026-12-01', last: '2026-12-31' },
      now,
      TZ,
    );
    expect(c).toEqual({
      days: 4,
      recordedDays: 2,
      solitaryDays: 1,
      outdoorShortDays: 1,
      contactShortDays: 1,
      healthVisitDays: 2,
      // The 3rd ended without a visit; the 4th (today) is not missed yet.
      healthVisitMissedDays: 1,
      managementVisitDays: 1,
      managementVisitMissedDays: 2,
    });
    // SEG-8 counts management visits for disciplinary placements only.
    const administrative = placementCompliance(
      facts({ kind: 'administrative' }),
      { first: '2026-12-01', last: '2026-12-31' },
      now,
      TZ,
    );
    expect(administrative.managementVisitMissedDays).toBe(0);
    // A period before the placement: nothing.
    expect(placementCompliance(facts(), { first: '2026-11-01', last: '2026-11-30' }, now, TZ).days).toBe(0);
  });

  it('DAT-6: the summary outside the health service shows no count from 1 to 4, nor one that gives it away', () => {
    const zero = {
      days: 0,
      recordedDays: 0,
      solitaryDays: 0,
      outdoorShortDays: 0,
      contactShortDays: 0,
      healthVisitDays: 0,
      healthVisitMissedDays: 0,
      managementVisitDays: 0,
      managementVisitMissedDays: 0,
    };
    const lines = [
      ...Array.from({ length: 7 }, (_, i) => ({
        kind: 'disciplinary',
        personId: `p${i}`,
        compliance: { ...zero, days: 10 },
      })),
      { kind: 'protective', personId: 'q', compliance: { ...zero, days: 3, solitaryDays: 2 } },
    ];
    const whole = registerSummary(lines);
    expect(whole.total.placements).toBe(8);
    expect(whole.protective.people).toBe(1);
    const { summary, suppression } = suppressRegisterSummary(whole, 5);
    // One protective placement: left out, and the total that would give it away with it.
    expect(summary.protective.placements).toBeNull();
    expect(summary.total.placements === null || summary.disciplinary.placements === null).toBe(true);
    for (const group of Object.values(summary))
      for (const n of Object.values(group)) if (n !== null) expect(n === 0 || n >= 5).toBe(true);
    expect(suppression.threshold).toBe(5);
    expect(suppression.cells).toContain('protective.placements');
  });

  it('addDays keeps its answer across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });
});
