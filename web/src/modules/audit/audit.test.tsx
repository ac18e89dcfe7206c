import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, sessionFor } from '../../test/fakeApi.ts';
import { jsonResponse, renderApp } from '../../test/renderApp.tsx';

const event = (seq: number, outcome: 'allowed' | 'denied', action = 'clinical.chart.read') => ({
  seq,
  id: `e${seq}`,
  at: '2026-03-01T10:00:00.000Z',
  userId: 'u1',
  username: 'demo.doctor',
  role: 'doctor',
  action,
  resourceType: 'medical_record',
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

describe('audit actions in words (issue 14 item 7)', () => {
  const events = [
    event(4, 'allowed', 'clinical.encounter.sign'),
    event(3, 'allowed', 'restraint.event.observation'),
    event(2, 'denied', 'GET /api/v1/users/:id'),
    event(1, 'allowed', 'pharmacy.dose.give'),
  ];
  const rowOf = (table: HTMLElement, seq: number) =>
    table.querySelectorAll('tbody tr')[events.findIndex((e) => e.seq === seq)] as HTMLElement;

  for (const [language, words] of [
    [
      'en',
      ['Signed an encounter', 'Recorded an observation', 'Request GET /api/v1/users/:id', 'Medical file'],
    ],
    ['ru', ['Приём подписан', 'Записано наблюдение', 'Запрос GET /api/v1/users/:id', 'Медицинская карта']],
  ] as const) {
    it(`shows each action and record kind in words in ${language}, the code beside it`, async () => {
      fakeApi(sessionFor(['health_manager'], { language }), {
        'GET /api/v1/audit/events': () => jsonResponse({ items: events, nextCursor: null }),
      });
      renderApp('/audit/events', { language });
      const table = await screen.findByRole('table', {
        name: language === 'en' ? 'Audit events, newest first' : 'События аудита, новые первыми',
      });
      const [signed, observation, request, record] = words;
      expect(rowOf(table, 4).textContent).toContain(signed);
      expect(rowOf(table, 4).textContent).toContain(record);
      // The code stays visible: an auditor searches and quotes by it.
      expect(within(rowOf(table, 4)).getByText('clinical.encounter.sign').tagName).toBe('CODE');
      // A templated action (`restraint.event.${kind}`).
      expect(rowOf(table, 3).textContent).toContain(observation);
      expect(rowOf(table, 3).textContent).toContain('restraint.event.observation');
      // A refused request names its route once, after the word for a request.
      expect(rowOf(table, 2).textContent).toContain(request);
      // An action from a newer server reads as its code, never as a blank.
      expect(within(rowOf(table, 1)).getByText('pharmacy.dose.give').tagName).toBe('CODE');
    });
  }
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
      '/api/v1/audit/subject-access.csv?personId=p1&language=en',
    );
    expect(screen.getByRole('link', { name: /Download as PDF/ }).getAttribute('href')).toBe(
      '/api/v1/audit/subject-access.pdf?personId=p1&lang=en',
    );
    expect(screen.getByRole('button', { name: 'Print or save as PDF' })).toBeTruthy();
  });
});
