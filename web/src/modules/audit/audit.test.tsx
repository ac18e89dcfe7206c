import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, sessionFor } from '../../test/fakeApi.ts';
import { jsonResponse, renderApp } from '../../test/renderApp.tsx';

const event = (seq: number, outcome: 'allowed' | 'denied') => ({
  seq,
  id: `e${seq}`,
  at: '2026-03-01T10:00:00.000Z',
  userId: 'u1',
  username: 'demo.doctor',
  role: 'doctor',
  action: 'medical_record.read',
  resourceType: 'person',
  resourceId: 'p1',
  personId: 'p1',
  dataClass: 'clinical',
  purpose: 'normal',
  outcome,
  clientAddress: '10.0.0.7',
});

describe('audit search', () => {
  it('sends the search (time range as instants) and shows the events, translated', async () => {
    const api = fakeApi(sessionFor(['health_manager']), {
      'GET /api/v1/audit/events': () =>
        jsonResponse({ items: [event(2, 'denied'), event(1, 'allowed')], nextCursor: null }),
    });
    const { router } = renderApp('/audit/events', { language: 'en' });
    const table = await screen.findByRole('table', { name: 'Audit events, newest first' });
    expect(table.textContent).toContain('Refused');
    expect(table.textContent).toContain('Clinical');
    expect(table.textContent).toContain('Doctor');
    // Issue 14: 10:00 UTC is 14:00 in Asia/Baku, the deployment's zone, whatever the machine's.
    expect(table.textContent).toContain('01/03/2026, 14:00:00');

    fireEvent.change(screen.getByRole('textbox', { name: 'User name' }), {
      target: { value: 'demo.doctor' },
    });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-01T09:00' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Outcome' }), { target: { value: 'denied' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await screen.findByRole('table');
    expect(router.state.location.search).toBe('?username=demo.doctor&from=2026-03-01T09%3A00&outcome=denied');
    const last = api.requests.filter((r) => r.path === '/api/v1/audit/events').at(-1);
    expect(last?.url.searchParams.get('username')).toBe('demo.doctor');
    expect(last?.url.searchParams.get('outcome')).toBe('denied');
    // Issue 14: the time typed is read in the deployment's zone (Asia/Baku, UTC+4), not the browser's.
    expect(last?.url.searchParams.get('from')).toBe('2026-03-01T05:00:00.000Z');
  });

  it('refuses a time range that ends before it starts', async () => {
    fakeApi(sessionFor(['inspector']), {
      'GET /api/v1/audit/events': () => jsonResponse({ items: [], nextCursor: null }),
    });
    renderApp('/audit/events', { language: 'en' });
    expect(await screen.findByText('No events match this search.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-02T09:00' } });
    fireEvent.change(screen.getByLabelText(/^Until/), { target: { value: '2026-03-01T09:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('The start must be before the end.')).toBeTruthy();
  });
});

describe('subject-access report', () => {
  it('shows who looked at the file, with the CSV and PDF links and a print button', async () => {
    fakeApi(sessionFor(['health_manager']), {
      'GET /api/v1/audit/subject-access': () =>
        jsonResponse({ items: [event(5, 'allowed')], nextCursor: null }),
      'GET /api/v1/persons/p1': () =>
        jsonResponse({
          id: 'p1',
          prisonNumber: 'AZ100001',
          surnameLatin: 'Məmmədov',
          givenNameLatin: 'Elçin',
          surnameCyrillic: null,
          givenNameCyrillic: null,
          birthDate: '1990-01-02',
        }),
    });
    renderApp('/audit/subject-access?personId=p1', { language: 'en' });
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Access to the medical file of person p1' }),
    ).toBeTruthy();
    expect(await screen.findByText('Person: AZ100001 · Məmmədov Elçin · 1990-01-02')).toBeTruthy();
    expect(screen.getByRole('table').textContent).toContain('demo.doctor');
    expect(screen.getByRole('link', { name: /Download as CSV/ }).getAttribute('href')).toBe(
      '/api/v1/audit/subject-access.csv?personId=p1',
    );
    expect(screen.getByRole('link', { name: /Download as PDF/ }).getAttribute('href')).toBe(
      '/api/v1/audit/subject-access.pdf?personId=p1&lang=en',
    );
    expect(screen.getByRole('button', { name: 'Print or save as PDF' })).toBeTruthy();
  });
});
