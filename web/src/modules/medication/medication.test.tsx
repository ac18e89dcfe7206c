import type { Drug, Round, RoundRow } from '@custodia/domain/medication';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, sessionFor } from '../../test/fakeApi.ts';
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
const drug: Drug = {
  id: 'd1',
  code: 'rhze',
  inn: 'Rifampicin/isoniazid/pyrazinamide/ethambutol',
  names: { az: 'RHZE', en: 'RHZE', ru: 'RHZE' },
  strength: '150/75/400/275 mg',
  form: 'tablet',
  route: 'oral',
  atcCode: 'J04AM06',
  highRisk: false,
  programme: 'tb',
  supervisedOnly: false,
  observeAfter: false,
};
const row = (over: Partial<RoundRow>): RoundRow => ({
  personId: 'p1',
  prisonNumber: 'AZ-1',
  surname: 'Məmmədov',
  givenName: 'Əli',
  cellCode: 'A-101',
  unitId: 'u1',
  photoId: null,
  allergies: [],
  observeAfter: false,
  prescriptionId: 'rx1',
  version: 1,
  drugId: drug.id,
  dose: 4,
  doseUnit: 'tablet',
  route: 'oral',
  delivery: 'supervised',
  dueAt: '2026-11-28T04:00:00.000Z',
  state: 'due',
  record: null,
  ...over,
});
const round: Round = {
  institutionId: 'i1',
  date: '2026-11-28',
  round: 'morning',
  roundTime: '08:00',
  roundTimes: { morning: '08:00', noon: '13:00', evening: '18:00', night: '22:00' },
  units: [{ id: 'u1', code: 'A' }],
  drugs: [drug],
  rows: [
    row({}),
    row({
      personId: 'p2',
      prisonNumber: 'AZ-2',
      surname: 'Quliyev',
      givenName: 'Elnur',
      prescriptionId: 'rx2',
      allergies: ['Penicillin'],
    }),
  ],
};
const nurse = () => sessionFor(['nurse'], { institutionIds: ['i1'] });
const routes = {
  'GET /api/v1/institutions': () => jsonResponse({ items: [institution] }),
  'GET /api/v1/medication/round': () => jsonResponse(round),
  'POST /api/v1/medication/prescriptions/rx1/administrations': () => jsonResponse({ id: 'a1' }, 201),
  'POST /api/v1/medication/prescriptions/rx2/administrations': () => jsonResponse({ id: 'a2' }, 201),
};

describe('the dose round page', () => {
  it('MDX-2: Enter on a focused row records the dose given, with the mouth check of a supervised dose', async () => {
    const api = fakeApi(nurse(), routes);
    renderApp('/medication/round', { language: 'en' });
    const first = await screen.findByRole('row', { name: /^Məmmədov Əli: RHZE/ });
    expect(within(first).getByText('Supervised')).toBeTruthy();
    first.focus();
    fireEvent.keyDown(first, { key: 'Enter' });
    await waitFor(() => expect(api.requests.some((r) => r.method === 'POST')).toBe(true));
    const post = api.requests.find((r) => r.method === 'POST');
    expect(post?.path).toBe('/api/v1/medication/prescriptions/rx1/administrations');
    expect(post?.body).toMatchObject({
      dueAt: '2026-11-28T04:00:00.000Z',
      outcome: 'given',
      mouthCheck: true,
      reason: null,
    });
    expect(post?.headers.get('idempotency-key')).toBeTruthy();
    expect(await screen.findByText('Recorded for Məmmədov Əli: Given.')).toBeTruthy();
  });

  it('MDX-2: R asks for the counselling note, refuses to save without one, then records the refusal', async () => {
    const api = fakeApi(nurse(), routes);
    renderApp('/medication/round', { language: 'en' });
    const second = await screen.findByRole('row', { name: /^Quliyev Elnur: RHZE/ });
    expect(within(second).getByText('Allergy: Penicillin')).toBeTruthy();
    second.focus();
    fireEvent.keyDown(second, { key: 'r' });
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record as not given' }));
    expect(await within(dialog).findByText(/a refusal needs the counselling given/)).toBeTruthy();
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
    fireEvent.change(within(dialog).getByLabelText(/Counselling note/), {
      target: { value: 'Explained why TB treatment matters' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record as not given' }));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'POST')).toBe(true));
    expect(api.requests.find((r) => r.method === 'POST')?.body).toMatchObject({
      outcome: 'not_given',
      reason: 'refused',
      note: 'Explained why TB treatment matters',
      mouthCheck: false,
    });
  });

  it('N records "not available" at once; the server refusal is shown in words', async () => {
    const api = fakeApi(nurse(), {
      ...routes,
      'POST /api/v1/medication/prescriptions/rx1/administrations': () =>
        jsonResponse(
          {
            type: 'about:blank',
            title: 'Bad Request',
            status: 400,
            code: 'rule_refused',
            detail: 'The medication rules do not allow this; see the field errors.',
            errors: [{ path: 'body.dueAt', code: 'already_recorded', message: 'already_recorded' }],
          },
          400,
          'application/problem+json',
        ),
    });
    renderApp('/medication/round', { language: 'en' });
    const first = await screen.findByRole('row', { name: /^Məmmədov Əli: RHZE/ });
    first.focus();
    fireEvent.keyDown(first, { key: 'n' });
    await waitFor(() => expect(api.requests.some((r) => r.method === 'POST')).toBe(true));
    expect(api.requests.find((r) => r.method === 'POST')?.body).toMatchObject({
      outcome: 'not_given',
      reason: 'not_available_stock',
    });
    expect(await screen.findByText('This dose is already recorded.')).toBeTruthy();
  });

  it('MED-3: a custodial officer cannot open the round, and the worklist line names no drug', async () => {
    fakeApi(sessionFor(['custodial_officer'], { institutionIds: ['i1'] }), {
      ...routes,
      'GET /api/v1/worklist': () =>
        jsonResponse({
          items: [
            {
              module: 'medication',
              kind: 'attend_dose_round',
              severity: 'due',
              subjectId: 'p1',
              label: 'Məmmədov Əli (AZ-1) · 18:00',
              since: null,
              dueAt: '2026-11-28T14:00:00.000Z',
            },
          ],
        }),
    });
    renderApp('/', { language: 'en' });
    expect(await screen.findByText(/Needs to attend the dose round \(medication supervised\)/)).toBeTruthy();
    expect(screen.getByRole('link', { name: /Məmmədov Əli \(AZ-1\) · 18:00/ }).getAttribute('href')).toBe(
      // ADR 0046: the attendance list, where the officer may mark the person not brought (regime).
      '/medication/attendance?person=p1',
    );
    expect(screen.queryByRole('link', { name: 'Dose round' })).toBeNull();
  });
});

describe('the nurse worklist', () => {
  it('a dose overdue leads to the round holding it', async () => {
    fakeApi(nurse(), {
      ...routes,
      'GET /api/v1/worklist': () =>
        jsonResponse({
          items: [
            {
              module: 'medication',
              kind: 'dose_overdue',
              severity: 'overdue',
              subjectId: 'p1',
              label: 'Məmmədov Əli (AZ-1) · 08:00',
              since: null,
              dueAt: '2026-11-28T04:00:00.000Z',
            },
          ],
        }),
    });
    renderApp('/', { language: 'en' });
    expect(await screen.findByText(/Doses overdue \(dose round\)/)).toBeTruthy();
    expect(screen.getByRole('link', { name: /Məmmədov Əli \(AZ-1\) · 08:00/ }).getAttribute('href')).toBe(
      '/medication/round?at=2026-11-28T04%3A00%3A00.000Z',
    );
  });
});
