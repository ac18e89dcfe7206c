import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, problemResponse, sessionFor } from '../../test/fakeApi.ts';
import { jsonResponse, renderApp } from '../../test/renderApp.tsx';
import type { Institution, PersonSummary } from './registry.api.ts';

const pilot1: Institution = {
  id: 'inst-1',
  code: 'PILOT-1',
  name: { az: '1 nömrəli Müəssisə', en: 'Institution No. 1', ru: 'Учреждение № 1' },
  kind: 'closed_prison',
  populationSex: 'male',
  capacity: 1300,
  timeZone: 'Asia/Baku',
};

const person: PersonSummary = {
  id: 'p1',
  prisonNumber: 'AZ100001',
  surnameLatin: 'Həsənov',
  givenNameLatin: 'Rauf',
  patronymicLatin: null,
  surnameCyrillic: null,
  givenNameCyrillic: null,
  patronymicCyrillic: null,
  birthDate: '1985-02-03',
  sex: 'male',
  status: 'in_custody',
  institution: pilot1,
  genderIdentity: null,
  citizenship: 'AZ',
  language: 'az',
  interpreterNeeded: false,
  nationalId: null,
  legalStatus: 'sentenced',
  admittedAt: '2026-01-11T06:00:00.000Z',
  plannedReleaseDate: '2027-03-01',
  statusSince: '2026-01-11T06:00:00.000Z',
  cell: null,
  destinationInstitution: null,
  photo: null,
  version: 3,
};

const detail = {
  ...pilot1,
  units: [
    {
      id: 'u1',
      code: 'A',
      name: 'A blok',
      cells: [
        {
          id: 'cell-1',
          code: 'A-001',
          cellType: 'ordinary',
          certifiedCapacity: 4,
          floorAreaM2: 20,
          occupants: 1,
          spaceProblems: [],
        },
      ],
    },
  ],
};

function api(extra: Record<string, (request: never) => Response> = {}) {
  return fakeApi(sessionFor(['registry_officer'], { institutionIds: ['inst-1'] }), {
    'GET /api/v1/institutions': () => jsonResponse({ items: [pilot1] }),
    'GET /api/v1/institutions/inst-1': () => jsonResponse(detail),
    'GET /api/v1/persons/p1': () => jsonResponse(person),
    'GET /api/v1/persons/p1/events': () => jsonResponse({ items: [], nextCursor: null }),
    ...extra,
  });
}

describe('ADM-6, PHC-7: a placement guard’s refusal in the event dialog (ADR 0050)', () => {
  it('says the refusal in words, offers the reason field, and resends the placement with the reason', async () => {
    let calls = 0;
    const fake = api({
      'POST /api/v1/persons/p1/events': () =>
        ++calls === 1
          ? problemResponse(400, 'rule_refused', [
              {
                path: 'body.placementGuardReason',
                code: 'airborne_isolation_shared_cell',
                message: 'airborne_isolation_shared_cell',
              },
            ])
          : jsonResponse({ id: 'e9' }, 201),
    });
    renderApp('/registry/persons/p1', { language: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Place in a cell' }));
    const dialog = await screen.findByRole('dialog', { name: 'Place in a cell' });
    fireEvent.change(await within(dialog).findByLabelText(/^Cell/), { target: { value: 'cell-1' } });
    expect(within(dialog).queryByLabelText(/^Reason for placing the person in this cell/)).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record' }));
    // The programmes module's words for its code, loaded on demand.
    expect(
      await within(dialog).findByText(
        'The person is under airborne isolation: a shared cell that is not an isolation room needs a recorded reason.',
      ),
    ).toBeTruthy();
    const reason = within(dialog).getByLabelText(/^Reason for placing the person in this cell/);
    // An empty reason is not sent again.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record' }));
    expect(await within(dialog).findByText('Fill in this field.')).toBeTruthy();
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    fireEvent.change(reason, { target: { value: 'Isolation room flooded; doctor agreed' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record' }));
    await screen.findByText('Recorded: Placement in a cell.');
    expect(fake.requests.filter((r) => r.method === 'POST').at(-1)?.body).toMatchObject({
      type: 'placement',
      cellId: 'cell-1',
      placementGuardReason: 'Isolation room flooded; doctor agreed',
    });
  });

  it('shows the planned release date and lets the registry officer change it; a date before the admission is refused in words', async () => {
    const fake = api({
      'PUT /api/v1/persons/p1/planned-release': () =>
        problemResponse(400, 'rule_refused', [
          {
            path: 'body.plannedReleaseDate',
            code: 'planned_release_before_admission',
            message: 'planned_release_before_admission',
          },
        ]),
    });
    renderApp('/registry/persons/p1', { language: 'en' });
    expect(await screen.findByText('Planned release:')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Change the planned release date' }));
    fireEvent.change(screen.getByLabelText('Planned release'), { target: { value: '2025-01-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the date' }));
    expect(await screen.findByText('The planned release cannot be before the admission.')).toBeTruthy();
    expect(fake.requests.find((r) => r.method === 'PUT')?.body).toEqual({ plannedReleaseDate: '2025-01-01' });
  });
});
