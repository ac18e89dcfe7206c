// Issue 14: the machine runs in another zone than the institution's, as a PC set to New York would.
const machineZone = process.env.TZ;
process.env.TZ = 'America/New_York';

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { formatInstant, fromLocalInput, homeTimeZone, setHomeTimeZone, toLocalInput } from './format.ts';
import { fullListPath, groupWorklist } from './Worklist.tsx';

// The next file in this worker keeps the machine's zone.
afterAll(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

describe('issue 14: one time zone everywhere', () => {
  afterEach(() => setHomeTimeZone(null));

  it('the machine is not in Baku (else these tests prove nothing)', () => {
    expect(new Date('2026-12-06T05:12:00Z').getHours()).toBe(0);
  });

  it('an instant is shown in the institution’s zone, not the browser’s', () => {
    expect(formatInstant('2026-12-06T05:12:00Z', 'en', 'Asia/Baku')).toBe('06/12/2026, 09:12');
    expect(formatInstant('2026-12-06T05:12:00Z', 'az', 'Asia/Baku')).toContain('09:12');
    expect(formatInstant('2026-12-06T05:12:00Z', 'ru', 'Asia/Baku')).toContain('09:12');
    expect(formatInstant('2026-12-06T05:12:07Z', 'en', 'Asia/Baku', true)).toBe('06/12/2026, 09:12:07');
  });

  it('without an institution, in the deployment’s zone the session names, never the browser’s', () => {
    setHomeTimeZone('Asia/Baku');
    expect(homeTimeZone()).toBe('Asia/Baku');
    expect(formatInstant('2026-12-06T05:12:00Z', 'en')).toBe('06/12/2026, 09:12');
    expect(toLocalInput(new Date('2026-12-06T05:12:00Z'), undefined)).toBe('2026-12-06T09:12:00');
    expect(fromLocalInput('2026-12-06T09:12', undefined)).toBe('2026-12-06T05:12:00.000Z');
  });

  it('a time typed is read in the institution’s zone', () => {
    expect(fromLocalInput('2026-12-06T09:12', 'Asia/Baku')).toBe('2026-12-06T05:12:00.000Z');
    expect(toLocalInput(new Date('2026-12-06T05:12:00Z'), 'Asia/Baku')).toBe('2026-12-06T09:12:00');
  });
});

const cell = (n: number, institutionId = 'pilot-1') => ({
  module: 'registry',
  kind: 'cell_below_space_standard',
  severity: 'overdue' as const,
  subjectId: `cell-${n}`,
  label: `PILOT-1 · ${n}`,
  since: null,
  institutionId,
  timeZone: 'Asia/Baku',
});

describe('issue 14: a worklist that scales', () => {
  it('groups by kind and institution with the server’s counts, at most N items a group', () => {
    const items = [...Array.from({ length: 5 }, (_, i) => cell(i)), cell(100, 'pilot-2')];
    const groups = groupWorklist(
      {
        items,
        groups: [
          {
            module: 'registry',
            kind: 'cell_below_space_standard',
            institutionId: 'pilot-1',
            count: 186,
            overdue: true,
          },
          {
            module: 'registry',
            kind: 'cell_below_space_standard',
            institutionId: 'pilot-2',
            count: 1,
            overdue: true,
          },
        ],
      },
      3,
    );
    expect(groups.map((g) => [g.institutionId, g.count, g.items.length])).toEqual([
      ['pilot-1', 186, 3],
      ['pilot-2', 1, 1],
    ]);
    expect(fullListPath(groups[0] as (typeof groups)[number])).toBe(
      '/worklist?module=registry&kind=cell_below_space_standard&institutionId=pilot-1',
    );
  });

  it('an answer without groups (an older server) is grouped and counted from its items', () => {
    const groups = groupWorklist({ items: Array.from({ length: 8 }, (_, i) => cell(i)) }, 5);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.count).toBe(8);
    expect(groups[0]?.items).toHaveLength(5);
  });
});
