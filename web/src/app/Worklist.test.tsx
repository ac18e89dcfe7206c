// Issue 14: the browser runs in another zone than the institution's (a PC set to New York).
const machineZone = process.env.TZ;
process.env.TZ = 'America/New_York';

import { fireEvent, screen } from '@testing-library/react';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeApi, sessionFor } from '../test/fakeApi.ts';
import { jsonResponse, renderApp } from '../test/renderApp.tsx';

const cell = (n: number) => ({
  module: 'registry',
  kind: 'cell_below_space_standard',
  severity: 'overdue',
  subjectId: `cell-${n}`,
  label: `PILOT-1 · A-${n}`,
  since: null,
  institutionId: 'pilot-1',
  timeZone: 'Asia/Baku',
});

const screeningTask = {
  module: 'clinical',
  kind: 'admission_screening',
  severity: 'due',
  subjectId: 'task-1',
  label: 'AZ-1001 · Məmmədov Əli',
  since: '2026-12-06T05:12:00.000Z',
  dueAt: '2026-12-07T05:12:00.000Z',
  institutionId: 'pilot-1',
  timeZone: 'Asia/Baku',
};

// The next file in this worker keeps the machine's zone.
afterAll(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

describe('issue 14: the home worklist', () => {
  it('shows each group with its count, its first items, and "Show all" to the paged full list; times in the institution’s zone', async () => {
    const api = fakeApi(sessionFor(['nurse', 'registry_officer'], { institutionIds: ['pilot-1'] }), {
      'GET /api/v1/worklist': (request) =>
        request.url.searchParams.get('perGroup')
          ? jsonResponse({
              items: [...Array.from({ length: 5 }, (_, i) => cell(i)), screeningTask],
              groups: [
                {
                  module: 'registry',
                  kind: 'cell_below_space_standard',
                  institutionId: 'pilot-1',
                  count: 186,
                  overdue: true,
                },
                {
                  module: 'clinical',
                  kind: 'admission_screening',
                  institutionId: 'pilot-1',
                  count: 1,
                  overdue: false,
                },
              ],
              nextCursor: null,
            })
          : jsonResponse({
              items: Array.from({ length: 50 }, (_, i) =>
                cell(i + Number(request.url.searchParams.get('cursor') ?? 0)),
              ),
              groups: [
                {
                  module: 'registry',
                  kind: 'cell_below_space_standard',
                  institutionId: 'pilot-1',
                  count: 186,
                  overdue: true,
                },
              ],
              nextCursor: request.url.searchParams.get('cursor') ? null : '50',
            }),
    });
    renderApp('/', { language: 'en' });
    const cells = await screen.findByRole('region', { name: /\(186\)/ });
    // Five of 186, not 186 lines.
    expect(cells.querySelectorAll('li')).toHaveLength(5);
    expect(screen.getByText('Tasks due: 187.')).toBeTruthy();
    // 05:12 UTC is 09:12 in Baku (00:12 in New York, where this browser is).
    const task = screen.getByRole('link', { name: 'AZ-1001 · Məmmədov Əli' }).closest('li');
    expect(task?.textContent).toContain('since 06/12/2026, 09:12');
    expect(task?.textContent).toContain('due 07/12/2026, 09:12');
    expect(task?.textContent).not.toContain('00:12');

    fireEvent.click(screen.getByRole('link', { name: /^Show all 186/ }));
    expect(await screen.findByText('Showing 50 of 186.')).toBeTruthy();
    const listRequest = api.requests.filter((r) => r.path === '/api/v1/worklist').at(-1);
    expect(listRequest?.url.searchParams.get('kind')).toBe('cell_below_space_standard');
    expect(listRequest?.url.searchParams.get('institutionId')).toBe('pilot-1');
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    expect(await screen.findByText('Showing 100 of 186.')).toBeTruthy();
  });
});
