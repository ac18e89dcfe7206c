import type { DeathEvent } from '@custodia/domain/deaths';
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

const step = (
  s: DeathEvent['checklist'][number]['step'],
  state: DeathEvent['checklist'][number]['state'],
) => ({
  step: s,
  dueAt: '2026-12-06T10:00:00.000Z',
  doneAt: state === 'done' ? '2026-12-05T10:00:00.000Z' : null,
  state,
  entries: [],
});

const event: DeathEvent = {
  id: 'e1',
  personId: 'p1',
  prisonNumber: 'AZ-1001',
  name: 'Məmmədov Əli',
  institutionId: 'i1',
  kind: 'death',
  foundAt: '2026-12-05T06:00:00.000Z',
  place: 'Cell 14',
  foundBy: 'Night officer',
  circumstances: 'Found unresponsive at the round',
  resuscitationAttempted: true,
  pronouncedBy: 'Dr Demo',
  pronouncedAt: '2026-12-05T06:40:00.000Z',
  setting: 'in_custody',
  manner: 'pending',
  recordedBy: 'Demo governor',
  recordedAt: '2026-12-05T07:00:00.000Z',
  closedAt: null,
  closedBy: null,
  amendments: [],
  checklist: [
    step('emergency_response', 'done'),
    step('doctor_certification', 'done'),
    step('next_of_kin', 'done'),
    step('independent_authority', 'done'),
    step('prosecutor', 'overdue'),
    step('ministry', 'done'),
  ],
  investigation: null,
  involvedStaff: [],
  body: [],
  snapshot: { sha256: 'a'.repeat(64), size: 1000, takenAt: '2026-12-05T07:00:00.000Z' },
  reviews: [],
  actions: [],
  closeProblems: ['investigation_reference_missing', 'checklist_incomplete', 'review_not_concluded'],
};

const routes = {
  'GET /api/v1/institutions': () => jsonResponse({ items: [institution] }),
  'GET /api/v1/deaths/events/e1': () => jsonResponse(event),
  'GET /api/v1/deaths/staff': () => jsonResponse({ items: [] }),
};
const governor = () => sessionFor(['governor'], { institutionIds: ['i1'] });

describe('a death in custody (DTH-1, MED-1)', () => {
  it('DTH-1: the governor sees the checklist in words, one action per open step, and why it cannot close; no clinical read', async () => {
    const api = fakeApi(governor(), routes);
    renderApp('/deaths/events/e1', { language: 'en' });
    const row = (await screen.findByText('Prosecutor notified')).closest('tr') as HTMLElement;
    expect(within(row).getByText('Overdue')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Record this step/ })).toHaveLength(1);
    expect(
      screen.getByText('The reference of an independent investigation is needed to close the record.'),
    ).toBeTruthy();
    expect(screen.queryByText(/prosecutor$/)).toBeNull();
    expect(screen.queryByRole('region', { name: 'Cause of death and autopsy (clinical)' })).toBeNull();
    expect(api.requests.some((r) => r.path.endsWith('/clinical'))).toBe(false);
  });

  it('DTH-1: a step is recorded with its channel and recipient, nothing pre-filled; a refusal shows in words', async () => {
    const api = fakeApi(governor(), {
      ...routes,
      'POST /api/v1/deaths/events/e1/steps': () =>
        problemResponse(400, 'rule_refused', [{ path: 'body.at', code: 'before_found', message: 'x' }]),
    });
    renderApp('/deaths/events/e1', { language: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Record this step: Prosecutor notified' }));
    const form = screen.getByRole('form', { name: 'Record this step: Prosecutor notified' });
    expect((within(form).getByRole('textbox', { name: /Whom/ }) as HTMLInputElement).value).toBe('');
    fireEvent.change(within(form).getByRole('combobox', { name: /Channel/ }), {
      target: { value: 'letter' },
    });
    fireEvent.change(within(form).getByRole('textbox', { name: /Whom/ }), {
      target: { value: 'Prosecutor' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Save the step' }));
    expect(await within(form).findByText('This time is before the event was found.')).toBeTruthy();
    const post = api.requests.find((r) => r.method === 'POST');
    expect(post?.body).toMatchObject({ step: 'prosecutor', channel: 'letter', recipient: 'Prosecutor' });
    expect(post?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{32,36}$/);
  });

  it('INJ-8: the return of the body is typed in the institution’s zone, nothing pre-filled; a refusal shows in words', async () => {
    const api = fakeApi(governor(), {
      ...routes,
      'POST /api/v1/deaths/events/e1/body': () =>
        problemResponse(400, 'rule_refused', [
          { path: 'body.returnedAt', code: 'before_release', message: 'x' },
        ]),
    });
    renderApp('/deaths/events/e1', { language: 'en' });
    const form = await screen.findByRole('form', { name: 'Record the return of the body' });
    expect(screen.getByText('The body has not been returned yet.')).toBeTruthy();
    const input = (label: RegExp) => within(form).getByLabelText(label) as HTMLInputElement;
    expect(input(/allowed the release at/).value).toBe('');
    expect(input(/authority’s reference/).value).toBe('');
    expect(
      (within(form).getByRole('combobox', { name: /What became of the body/ }) as HTMLSelectElement).value,
    ).toBe('');
    fireEvent.change(input(/allowed the release at/), { target: { value: '2026-12-06T10:00:00' } });
    fireEvent.change(input(/authority’s reference/), { target: { value: 'PROS-2026-17/B' } });
    fireEvent.change(within(form).getByRole('combobox', { name: /What became of the body/ }), {
      target: { value: 'returned' },
    });
    expect(input(/Returned at/).value).toBe('');
    expect(input(/Returned to/).value).toBe('');
    fireEvent.change(input(/Returned at/), { target: { value: '2026-12-06T09:00:00' } });
    fireEvent.change(input(/Returned to/), { target: { value: 'Leyla Məmmədova' } });
    fireEvent.change(input(/Relation to the deceased/), { target: { value: 'sister' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(
      await within(form).findByText('This is before the investigation allowed the release.'),
    ).toBeTruthy();
    const post = api.requests.find((r) => r.method === 'POST');
    // 10:00 in Baku is 06:00 UTC, whatever the browser's own zone (tests run in America/New_York).
    expect(post?.body).toMatchObject({
      releasedAt: '2026-12-06T06:00:00.000Z',
      releaseReference: 'PROS-2026-17/B',
      outcome: 'returned',
      returnedAt: '2026-12-06T05:00:00.000Z',
      recipientName: 'Leyla Məmmədova',
      recipientRelation: 'sister',
      buriedOn: null,
    });
    expect(post?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{32,36}$/);
  });

  it('INJ-8: the recorded return shows who, when and to whom, in the institution’s zone; a correction needs its reason', async () => {
    fakeApi(governor(), {
      ...routes,
      'GET /api/v1/deaths/events/e1': () =>
        jsonResponse({
          ...event,
          body: [
            {
              id: 'b1',
              releasedAt: '2026-12-06T06:00:00.000Z',
              releaseReference: 'PROS-2026-17/B',
              outcome: 'returned',
              returnedAt: '2026-12-06T08:30:00.000Z',
              recipientName: 'Leyla Məmmədova',
              recipientRelation: 'sister',
              buriedOn: null,
              note: null,
              correctionReason: null,
              author: 'Demo governor',
              recordedAt: '2026-12-06T09:00:00.000Z',
            },
          ],
        }),
    });
    renderApp('/deaths/events/e1', { language: 'en' });
    const region = await screen.findByRole('region', { name: 'Return of the body' });
    const text = region.textContent ?? '';
    expect(text).toContain('PROS-2026-17/B');
    expect(text).toContain('Leyla Məmmədova (sister)');
    expect(text).toContain('Demo governor');
    // 08:30 UTC is 12:30 in Baku.
    expect(text).toMatch(/12:30/);
    expect(within(region).queryByRole('form')).toBeNull();
    fireEvent.click(within(region).getByRole('button', { name: 'Correct the return of the body' }));
    const form = within(region).getByRole('form', { name: 'Correct the return of the body' });
    expect((within(form).getByLabelText(/Reason for the correction/) as HTMLTextAreaElement).value).toBe('');
  });

  it('the words exist in every language', async () => {
    fakeApi(governor(), routes);
    const { i18n } = renderApp('/deaths/events/e1', { language: 'en' });
    expect(await screen.findByText('Prosecutor notified')).toBeTruthy();
    await i18n.changeLanguage('az');
    expect(await screen.findByText('Prokurora bildiriş')).toBeTruthy();
    await i18n.changeLanguage('ru');
    expect(await screen.findByText('Уведомлён прокурор')).toBeTruthy();
  });
});

describe('the chart after a death in custody (DAT-7)', () => {
  const problem = (id: string, code: string, display: string, recordedAt: string) => ({
    id,
    codeSystem: 'ICD-10',
    code,
    display,
    onsetDate: null,
    note: null,
    restricted: false,
    recordedAt,
    authorId: 'u1',
  });
  const chart = {
    person: { id: 'p1', sex: 'male', birthDate: '1990-04-12', status: 'in_custody', institutionId: null },
    problems: [
      problem('a', 'I10', 'Hypertension', '2026-12-01T08:00:00.000Z'),
      problem('b', 'J45.9', 'Asthma', '2026-12-06T08:00:00.000Z'),
    ],
    allergies: [],
    vitals: [],
    labs: [],
    encounters: [],
    tasks: [],
    alerts: [],
    deathInCustody: {
      eventId: 'e1',
      diedAt: '2026-12-05T06:40:00.000Z',
      frozenAt: '2026-12-05T07:00:00.000Z',
      sha256: 'a'.repeat(64),
    },
  };
  const person = {
    id: 'p1',
    prisonNumber: 'AZ-1001',
    surnameLatin: 'Məmmədov',
    givenNameLatin: 'Əli',
    surnameCyrillic: null,
    givenNameCyrillic: null,
    patronymicLatin: null,
    patronymicCyrillic: null,
    birthDate: '1990-04-12',
    sex: 'male',
    status: 'in_custody',
    institution: null,
    genderIdentity: null,
    citizenship: 'Azərbaycan',
    language: 'az',
    interpreterNeeded: false,
    nationalId: null,
    legalStatus: 'remand',
    admittedAt: '2026-01-11T06:00:00.000Z',
    statusSince: '2026-01-11T06:00:00.000Z',
    cell: null,
    destinationInstitution: null,
    photo: null,
    version: 1,
  };

  it('DAT-7: an entry recorded after the file was frozen is marked "after death"; one before is not', async () => {
    fakeApi(sessionFor(['doctor']), {
      'GET /api/v1/persons/p1': () => jsonResponse(person),
      'GET /api/v1/persons/p1/events': () => jsonResponse({ items: [], nextCursor: null }),
      'GET /api/v1/institutions': () => jsonResponse({ items: [] }),
      'GET /api/v1/persons/p1/consents': () => jsonResponse({ items: [], nextCursor: null }),
      'GET /api/v1/persons/p1/chart': () => jsonResponse(chart),
    });
    renderApp('/registry/persons/p1?tab=medical-record', { language: 'en' });
    const later = (await screen.findByText(/Asthma/)).closest('li') as HTMLElement;
    expect(within(later).getByText(/after death/)).toBeTruthy();
    const earlier = screen.getByText(/Hypertension/).closest('li') as HTMLElement;
    expect(within(earlier).queryByText(/after death/)).toBeNull();
    expect(screen.getByText(/The medical file was frozen on/)).toBeTruthy();
  });
});
