import type { Complaint, HealthRequest } from '@custodia/domain/requests';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, problemResponse, sessionFor } from '../../test/fakeApi.ts';
import { jsonResponse, renderApp } from '../../test/renderApp.tsx';

const institution = {
  id: 'i1',
  code: 'PILOT-1',
  name: { az: 'P1', en: 'P1', ru: 'P1' },
  kind: 'closed_prison',
  populationSex: 'male',
  capacity: 100,
  timeZone: 'Asia/Baku',
};

const request: HealthRequest = {
  id: 'r1',
  personId: 'p1',
  prisonNumber: 'AZ-1001',
  name: 'Məmmədov Əli',
  institutionId: 'i1',
  channel: 'sealed_box',
  urgency: 'urgent',
  text: 'Chest pain at night',
  paperDate: '2026-12-05',
  boxOpenedAt: '2026-12-06T05:00:00.000Z',
  receivedAt: '2026-12-06T05:00:00.000Z',
  enteredBy: 'Demo nurse',
  recordedAt: '2026-12-06T05:10:00.000Z',
  triageDueAt: '2026-12-06T20:00:00.000Z',
  overdue: false,
  triage: null,
  allegationComplaintId: null,
};

const complaint: Complaint = {
  id: 'c1',
  personId: 'p1',
  prisonNumber: 'AZ-1001',
  name: 'Məmmədov Əli',
  institutionId: 'i1',
  addressee: 'governor',
  category: 'ill_treatment',
  text: 'Hit by staff at the count',
  confidential: true,
  allegation: true,
  receivedAt: '2026-12-06T05:00:00.000Z',
  answerDueAt: '2026-12-16T20:00:00.000Z',
  status: 'received',
  overdue: false,
  registeredBy: 'Demo registry officer',
  recordedAt: '2026-12-06T05:10:00.000Z',
  canHandle: true,
  events: [],
  dispatches: [
    {
      id: 'd1',
      body: 'prosecutor',
      channel: 'electronic',
      reference: 'INJ4-20261206-ABC',
      at: '2026-12-06T05:10:00.000Z',
      by: 'Demo registry officer',
    },
  ],
  examination: { id: 'e1', dueAt: '2026-12-06T05:10:00.000Z', injuryRecordId: null, examinedAt: null },
};

const routes = {
  'GET /api/v1/institutions': () => jsonResponse({ items: [institution] }),
  'GET /api/v1/health-requests/r1': () => jsonResponse(request),
  'GET /api/v1/complaints/c1': () => jsonResponse(complaint),
};

describe('a request to health care (MED-5)', () => {
  it('MED-5: the nurse reads it in words, in Baku time, and triages it with nothing pre-filled', async () => {
    const api = fakeApi(sessionFor(['nurse'], { institutionIds: ['i1'] }), {
      ...routes,
      'POST /api/v1/health-requests/r1/triage': () => jsonResponse({ id: 'r1' }, 201),
    });
    renderApp('/requests/r1', { language: 'en' });
    expect(await screen.findByText('Chest pain at night')).toBeTruthy();
    expect(screen.getByText('Urgent (the same day)')).toBeTruthy();
    expect(screen.getByText('Sealed box (paper)')).toBeTruthy();
    expect(screen.queryByText(/sealed_box|urgent\b/)).toBeNull();
    const form = screen.getByRole('region', { name: 'Triage' });
    const outcome = within(form).getByRole('combobox', { name: /Outcome of triage/ }) as HTMLSelectElement;
    expect(outcome.value).toBe('');
    // No outcome chosen: refused before sending.
    fireEvent.click(within(form).getByRole('button', { name: 'Save the triage' }));
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
    fireEvent.change(outcome, { target: { value: 'advice_given' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save the triage' }));
    expect(await within(form).findByText('Triage saved.')).toBeTruthy();
    const post = api.requests.find((r) => r.method === 'POST');
    expect(post?.body).toMatchObject({ outcome: 'advice_given', version: 1 });
    expect(post?.headers.get('idempotency-key')).toBeTruthy();
  });
});

describe('a complaint (RES-7, INJ-4)', () => {
  it('INJ-4: the dispatch and the examination due show in words; a withdrawal is refused in words', async () => {
    fakeApi(sessionFor(['governor'], { institutionIds: ['i1'] }), {
      ...routes,
      'POST /api/v1/complaints/c1/actions': () =>
        problemResponse(400, 'escalation_irreversible', [
          { path: 'body.withdrawn', code: 'escalation_irreversible', message: 'x' },
        ]),
    });
    renderApp('/complaints/c1', { language: 'en' });
    expect(await screen.findByText('Hit by staff at the count')).toBeTruthy();
    expect(screen.getByText(/Prosecutor · Electronic mail · INJ4-20261206-ABC/)).toBeTruthy();
    expect(screen.getByText(/Due at once/)).toBeTruthy();
    const form = screen.getByRole('region', { name: 'Record a step' });
    fireEvent.change(within(form).getByRole('combobox', { name: /Step/ }), { target: { value: 'close' } });
    fireEvent.change(within(form).getByRole('textbox', { name: /Why it is closed/ }), {
      target: { value: 'The person withdraws it' },
    });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'The person withdraws the complaint' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(
      await within(form).findByText(
        'An allegation of ill-treatment has been escalated and cannot be withdrawn, even if the person objects.',
      ),
    ).toBeTruthy();
  });
});
