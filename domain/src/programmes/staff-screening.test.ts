import { describe, expect, it } from 'vitest';
import { staffCoverage, staffScreenProblems } from './staff-screening.ts';

describe('PHC-9: staff are eligible for the yearly TB screening (ADR 0057)', () => {
  it('PHC-9: the coverage counts the active staff screened in the last year', () => {
    const c = staffCoverage(
      ['a', 'b', 'c'],
      [
        { staffId: 'a', screenedOn: '2026-12-01' },
        { staffId: 'a', screenedOn: '2026-01-01' },
        // Over a year ago.
        { staffId: 'b', screenedOn: '2025-12-07' },
        // Not an active staff member any more.
        { staffId: 'z', screenedOn: '2026-12-01' },
      ],
      '2026-12-07',
    );
    expect(c).toMatchObject({ staff: 3, screened: 1, percent: 33.3 });
    expect([...c.screenedIds]).toEqual(['a']);
    expect(staffCoverage([], [], '2026-12-07').percent).toBeNull();
  });

  it('PHC-9: a staff screening in the future is refused', () => {
    expect(staffScreenProblems({ screenedOn: '2026-12-08' }, '2026-12-07')).toEqual([
      { path: 'screenedOn', code: 'in_the_future' },
    ]);
    expect(staffScreenProblems({ screenedOn: '2026-12-07' }, '2026-12-07')).toEqual([]);
  });
});
