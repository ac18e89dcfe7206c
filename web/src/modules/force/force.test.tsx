import type { ForceIncident } from '@custodia/domain/force';
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

const incident: ForceIncident = {
  id: 'f1',
  institutionId: 'i1',
  unitId: null,
  unitCode: null,
  cellId: null,
  cellCode: null,
  placeNote: 'Landing 2',
  occurredAt: '2026-12-06T08:00:00.000Z',
  recordedAt: '2026-12-06T08:20:00.000Z',
  reportedBy: 'Demo officer',
  restraint: null,
  persons: [
    {
      personId: 'p1',
      prisonNumber: 'AZ-1001',
      name: 'Məmmədov Əli',
      examination: { state: 'due', overdueAt: '2026-12-06T12:00:00.000Z', examinedAt: null },
    },
  ],
  staff: [{ staffId: 's1', name: 'Officer One', accountGiven: true }],
  accounts: [
    {
      id: 'a1',
      staffId: 's1',
      staffName: 'Officer One',
      author: 'Demo officer',
      recordedAt: '2026-12-06T08:20:00.000Z',
      types: ['physical_hold'],
      typeOther: null,
      reason: 'protect_others',
      narrative: 'Held his arms until he calmed down.',
      durationMinutes: 3,
      deEscalationTried: false,
      deEscalation: null,
      injuriesToStaff: 'no',
      injuriesToPerson: 'unknown',
      witnesses: null,
      amendsId: null,
      amendReason: null,
      superseded: false,
    },
  ],
  reviews: [],
  decision: null,
  acknowledged: false,
};

const routes = {
  'GET /api/v1/institutions': () => jsonResponse({ items: [institution] }),
  'GET /api/v1/force/incidents/f1': () => jsonResponse(incident),
};

describe('a use of force (INJ-7, RST-11, MED-1)', () => {
  it('an officer sees the examination as due, in words, with no examination form and no clinical read', async () => {
    const api = fakeApi(sessionFor(['custodial_officer'], { institutionIds: ['i1'] }), routes);
    renderApp('/force/incidents/f1', { language: 'en' });
    expect(await screen.findByText('Examination due now')).toBeTruthy();
    expect(screen.getByText(/Physical hold · To protect others/)).toBeTruthy();
    expect(screen.queryByText(/physical_hold/)).toBeNull();
    expect(screen.queryByRole('region', { name: 'Examination after the use of force' })).toBeNull();
    expect(api.requests.some((r) => r.path.endsWith('/examinations'))).toBe(false);
  });

  it('RST-11, MED-4: the doctor records the examination with nothing pre-answered; a refusal comes back in words', async () => {
    const api = fakeApi(sessionFor(['doctor'], { institutionIds: ['i1'] }), {
      ...routes,
      'GET /api/v1/force/incidents/f1/examinations': () => jsonResponse({ items: [] }),
      'POST /api/v1/force/incidents/f1/examinations': () =>
        problemResponse(400, 'rule_refused', [
          { path: 'body.personId', code: 'examination_already_done', message: 'x' },
        ]),
    });
    renderApp('/force/incidents/f1', { language: 'en' });
    const form = await screen.findByRole('region', { name: 'Examination after the use of force' });
    for (const radio of within(form).getAllByRole('radio'))
      expect((radio as HTMLInputElement).checked).toBe(false);
    const link = within(form).getByRole('link', { name: /Document injuries/ });
    expect(link.getAttribute('href')).toBe('/injuries/persons/p1/new?context=after_use_of_force&source=f1');
    fireEvent.click(within(form).getByRole('radio', { name: 'Examined: no injuries found' }));
    fireEvent.click(
      within(within(form).getByRole('radiogroup', { name: /^Were non-medical staff/ })).getByRole('radio', {
        name: 'No',
      }),
    );
    fireEvent.click(within(form).getByRole('button', { name: 'Save the examination' }));
    expect(await within(form).findByText("This person's examination is already recorded.")).toBeTruthy();
    const post = api.requests.find((r) => r.method === 'POST');
    expect(post?.body).toMatchObject({
      personId: 'p1',
      outcome: 'no_injuries',
      nonMedicalStaffPresent: false,
    });
    expect(post?.headers.get('idempotency-key')).toBeTruthy();
  });
});
