import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, problemResponse, sessionFor } from '../../test/fakeApi.ts';
import { jsonResponse, renderApp } from '../../test/renderApp.tsx';
import type { CustodyEvent, Institution, PersonSummary } from './registry.api.ts';

const pilot1: Institution = {
  id: 'inst-1',
  code: 'PILOT-1',
  name: {
    az: '1 nömrəli Cəzaçəkmə Müəssisəsi',
    en: 'Penitentiary Institution No. 1',
    ru: 'Пенитенциарное учреждение № 1',
  },
  kind: 'closed_prison',
  populationSex: 'male',
  capacity: 1300,
  timeZone: 'Asia/Baku',
};
const pilot2: Institution = {
  ...pilot1,
  id: 'inst-2',
  code: 'PILOT-2',
  name: { az: '2 nömrəli İstintaq Təcridxanası', en: 'Pre-trial Detention Centre No. 2', ru: 'СИЗО № 2' },
  kind: 'pre_trial',
};

const officer = () => sessionFor(['registry_officer'], { institutionIds: ['inst-1', 'inst-2'] });
const institutions = () => jsonResponse({ items: [pilot1, pilot2] });

/** The field with this label (Mantine adds " *" to the label of a required field). */
const field = (label: string) =>
  screen.getByLabelText(new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\*)?$`));
const change = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });
const errorOf = (label: string) => {
  const input = field(label);
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
};

describe('the admission form (ADM-3, Mandela rule 7)', () => {
  it('shows a translated message at each missing rule-7 field and sends nothing', async () => {
    const api = fakeApi(officer(), { 'GET /api/v1/institutions': institutions });
    renderApp('/registry/admit', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Admit a person' });
    fireEvent.click(screen.getByRole('button', { name: 'Admit' }));

    expect(await screen.findByText('Fields to correct: 19. They are marked above.')).toBeTruthy();
    expect(errorOf('Surname (Latin letters)')).toBe(
      'Enter the surname and given name in Latin letters, in Cyrillic letters, or both.',
    );
    for (const label of [
      'Date of birth',
      'Sex',
      'Citizenship',
      'Language the person speaks',
      'Prison number',
      'Institution',
      'Commitment order reference',
      'Authority that issued the order',
      'Reasons and legal basis for commitment',
      'Legal status',
      'Date and time of arrest',
      'Place of arrest',
      'Visible injuries',
      'Complaints of earlier ill-treatment',
      'Property inventory',
      'Contact’s name',
      'Relation to the person',
      'Telephone',
    ]) {
      expect(errorOf(label), label).toContain('Fill in this field.');
      expect(field(label).getAttribute('aria-invalid'), label).toBe('true');
    }
    // Editing a field takes its message away.
    change('Place of arrest', 'Bakı');
    expect(field('Place of arrest').getAttribute('aria-invalid')).toBeNull();
    // Optional fields are not marked.
    expect(field('National identity number').getAttribute('aria-invalid')).toBeNull();
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('marks each family member’s missing fields and a wrong age, in Azerbaijani', async () => {
    fakeApi(
      { ...officer(), user: { ...officer().user, language: 'az' } },
      {
        'GET /api/v1/institutions': institutions,
      },
    );
    renderApp('/registry/admit', { language: 'az' });
    await screen.findByRole('heading', { level: 1, name: 'Şəxsin qəbulu' });
    fireEvent.click(screen.getByRole('button', { name: 'Ailə üzvü əlavə et' }));
    const member = screen.getByRole('group', { name: 'Ailə üzvü 1' });
    fireEvent.change(within(member).getByLabelText(/^Yaş/), { target: { value: '300' } });
    fireEvent.click(screen.getByRole('button', { name: 'Qəbul et' }));
    await screen.findAllByText('Bu sahəni doldurun.');
    expect(within(member).getByText('0-dan 120-dək tam ədəd daxil edin.')).toBeTruthy();
    expect(
      within(member)
        .getByLabelText(/^Qohumluq/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
    expect(within(member).getByLabelText(/^Ad/).getAttribute('aria-invalid')).toBe('true');
  });
});

/** Fills every required field of the admission form (English labels). */
/**
 * The institutions arrive by a query after the form's heading: wait for the option to be there
 * before choosing it (a value a select does not offer is dropped without a word).
 */
async function chooseInstitution(id: string) {
  await waitFor(() => expect(field('Institution').querySelector(`option[value="${id}"]`)).not.toBeNull());
  change('Institution', id);
}

async function fillAdmission() {
  await chooseInstitution('inst-1');
  change('Surname (Latin letters)', 'Məmmədov');
  change('Given name (Latin letters)', 'Əli');
  change('Date of birth', '1990-04-12');
  change('Sex', 'male');
  change('Citizenship', 'Azərbaycan');
  change('Language the person speaks', 'Azərbaycan dili');
  change('Prison number', 'AZ-T-1');
  change('Legal status', 'remand');
  change('Commitment order reference', 'QƏR-2026-1');
  change('Authority that issued the order', 'Bakı Ağır Cinayətlər Məhkəməsi');
  change('Reasons and legal basis for commitment', 'CM 177.2');
  change('Date and time of arrest', '2026-01-10T09:30:00');
  change('Place of arrest', 'Bakı');
  change('Date and time of admission', '2026-01-11T10:00:00');
  change('Visible injuries', 'None');
  change('Complaints of earlier ill-treatment', 'None');
  change('Property inventory', 'Watch, clothes');
  change('Contact’s name', 'Leyla Məmmədova');
  change('Relation to the person', 'Wife');
  change('Telephone', '+994 50 000 00 00');
}

describe('a possible duplicate', () => {
  it('is shown in a dialog on 409 possible_duplicate, and "a different person" resends with confirmation', async () => {
    const api = fakeApi(officer(), {
      'GET /api/v1/institutions': institutions,
      'POST /api/v1/persons': (request) =>
        (request.body as { confirmedNotDuplicate: boolean }).confirmedNotDuplicate
          ? jsonResponse({ id: 'new-person' }, 201)
          : jsonResponse(
              {
                type: 'urn:custodia:problem:possible_duplicate',
                title: 'x',
                status: 409,
                code: 'possible_duplicate',
                candidates: [
                  {
                    id: 'old-person',
                    prisonNumber: 'AZ100123',
                    surnameLatin: 'Məmmədov',
                    givenNameLatin: 'Əli',
                    surnameCyrillic: 'Мамедов',
                    givenNameCyrillic: 'Али',
                    birthDate: '1990-04-12',
                  },
                  {
                    id: null,
                    prisonNumber: null,
                    surnameLatin: 'Məmmədov',
                    givenNameLatin: 'Əli',
                    surnameCyrillic: null,
                    givenNameCyrillic: null,
                    birthDate: '1990-04-12',
                    institution: {
                      id: 'pilot-2',
                      code: 'PILOT-2',
                      name: { az: 'Pilot 2', en: 'Pilot prison 2', ru: 'Пилот 2' },
                    },
                  },
                ],
              },
              409,
              'application/problem+json',
            ),
      'GET /api/v1/persons/new-person': () => problemResponse(404, 'not_found'),
    });
    const { router } = renderApp('/registry/admit', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Admit a person' });
    await fillAdmission();
    fireEvent.click(screen.getByRole('button', { name: 'Admit' }));

    const dialog = await screen.findByRole('dialog', { name: 'This person may already be registered' });
    expect(
      within(dialog)
        .getByRole('link', { name: /AZ100123/ })
        .getAttribute('href'),
    ).toBe('/registry/persons/old-person');
    expect(within(dialog).getByText('Мамедов Али')).toBeTruthy();
    expect(within(dialog).getAllByText('12/04/1990')).toHaveLength(2);
    // Someone held in another prison: name, date of birth and prison only, no link, no number.
    expect(within(dialog).getByText('Not shown: held in another prison')).toBeTruthy();
    expect(within(dialog).getByText('PILOT-2 · Pilot prison 2')).toBeTruthy();
    expect(within(dialog).getAllByRole('link')).toHaveLength(1);

    fireEvent.click(within(dialog).getByRole('button', { name: 'This is a different person: admit' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/registry/persons/new-person'));
    const posts = api.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/persons');
    expect(posts.map((r) => (r.body as { confirmedNotDuplicate: boolean }).confirmedNotDuplicate)).toEqual([
      false,
      true,
    ]);
    const sent = posts[1]?.body as { person: Record<string, unknown>; admission: Record<string, unknown> };
    expect(sent.person.patronymicLatin).toBeNull();
    // Entered as the wall-clock time of PILOT-1 (Asia/Baku, UTC+4), whatever the browser's zone.
    expect(sent.admission.arrestedAt).toBe('2026-01-10T05:30:00.000Z');
    expect(sent.admission.admittedAt).toBe('2026-01-11T06:00:00.000Z');
    expect(posts[1]?.headers.get('x-csrf-token')).toBe('csrf-token-for-tests');
  });

  it('shows the server’s refusal of the dates at the field it concerns', async () => {
    fakeApi(officer(), {
      'GET /api/v1/institutions': institutions,
      'POST /api/v1/persons': () =>
        problemResponse(400, 'event_not_allowed', [
          { path: 'body', code: 'event_arrest_after_admission', message: 'arrest_after_admission' },
        ]),
    });
    renderApp('/registry/admit', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Admit a person' });
    await fillAdmission();
    fireEvent.click(screen.getByRole('button', { name: 'Admit' }));
    await waitFor(() =>
      expect(errorOf('Date and time of arrest')).toContain('The arrest cannot be after the admission.'),
    );
  });
});

const person: PersonSummary = {
  id: 'p1',
  prisonNumber: 'AZ100001',
  surnameLatin: 'Həsənov',
  givenNameLatin: 'Rauf',
  patronymicLatin: 'Elçin oğlu',
  surnameCyrillic: 'Гасанов',
  givenNameCyrillic: 'Рауф',
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
  legalStatus: 'remand',
  admittedAt: '2026-01-11T06:00:00.000Z',
  statusSince: '2026-01-11T06:00:00.000Z',
  cell: { id: 'cell-2', code: 'A-002', cellType: 'ordinary' },
  destinationInstitution: null,
  photo: null,
  version: 3,
};

const event = (
  e: Partial<CustodyEvent> & Pick<CustodyEvent, 'id' | 'type' | 'occurredAt'>,
): CustodyEvent => ({
  recordedAt: e.occurredAt,
  institutionId: 'inst-1',
  cellId: null,
  destinationInstitutionId: null,
  absenceKind: null,
  legalStatus: null,
  returnedFromPoliceOrInvestigation: null,
  correctsEventId: null,
  enteredInError: false,
  note: null,
  data: null,
  ...e,
});

const history: CustodyEvent[] = [
  event({
    id: 'e1',
    type: 'admission',
    occurredAt: '2026-01-11T06:00:00.000Z',
    legalStatus: 'remand',
    data: { commitmentOrderReference: 'QƏR-2026-7', familyMembers: [], emergencyContact: { name: 'Leyla' } },
  }),
  event({
    id: 'e2',
    type: 'placement',
    occurredAt: '2026-01-11T07:00:00.000Z',
    cellId: 'cell-1',
    enteredInError: true,
  }),
  event({ id: 'e3', type: 'placement', occurredAt: '2026-01-11T07:05:00.000Z', cellId: 'cell-2' }),
  event({
    id: 'e4',
    type: 'entered_in_error',
    occurredAt: '2026-01-11T08:00:00.000Z',
    correctsEventId: 'e2',
    data: { reason: 'Wrong cell chosen' },
  }),
];

const institutionDetail = {
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
          certifiedCapacity: 2,
          floorAreaM2: 12,
          occupants: 2,
          spaceProblems: [],
        },
        {
          id: 'cell-2',
          code: 'A-002',
          cellType: 'ordinary',
          certifiedCapacity: 2,
          floorAreaM2: 12,
          occupants: 1,
          spaceProblems: [],
        },
      ],
    },
  ],
};

function personApi(roles: Parameters<typeof sessionFor>[0] = ['registry_officer'], extra = {}) {
  return fakeApi(sessionFor(roles, { institutionIds: ['inst-1'] }), {
    'GET /api/v1/institutions': institutions,
    'GET /api/v1/institutions/inst-1': () => jsonResponse(institutionDetail),
    'GET /api/v1/persons/p1': () => jsonResponse(person),
    'GET /api/v1/persons/p1/events': () => jsonResponse({ items: history, nextCursor: null }),
    ...extra,
  });
}

describe('the person page', () => {
  it('shows the history in order, with an entry entered in error struck through and the correction’s reason', async () => {
    personApi(['custodial_officer']);
    renderApp('/registry/persons/p1', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Həsənov Rauf Elçin oğlu' });
    const table = await screen.findByRole('table', { name: 'Custody history, oldest first' });
    await within(table).findByText('Placed in cell A-002');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-event-type'))).toEqual([
      'admission',
      'placement',
      'placement',
    ]);
    expect(within(rows[0]!).getByText('Admitted to PILOT-1 · Penitentiary Institution No. 1')).toBeTruthy();

    const voided = rows[1]!;
    expect(voided.getAttribute('data-entered-in-error')).toBe('true');
    expect(within(voided).getByText('Placed in cell A-001').closest('s')).not.toBeNull();
    expect(within(voided).getByText('Entered in error')).toBeTruthy();
    expect(
      within(voided).getByText(/Marked as entered in error on .*\. Reason: Wrong cell chosen/),
    ).toBeTruthy();
    expect(within(rows[2]!).getByText('Placed in cell A-002').closest('s')).toBeNull();

    // A custodial officer reads; only registry officers record.
    expect(screen.queryByRole('button', { name: 'Place in a cell' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Mark as entered in error/ })).toBeNull();
    expect(screen.getByText('Гасанов Рауф')).toBeTruthy();
  });

  it('shows citizenship and language typed as ISO codes in words, and the health alerts in the header (issue 14 items 4, 7)', async () => {
    personApi(['custodial_officer'], {
      'GET /api/v1/persons/p1': () =>
        jsonResponse({
          ...person,
          alerts: [
            {
              id: 'a1',
              detail: { kind: 'infection_control', precaution: 'airborne' },
              startsAt: '2026-01-11T06:00:00.000Z',
              endsAt: null,
            },
          ],
        }),
    });
    const { i18n } = renderApp('/registry/persons/p1', { language: 'en' });
    const heading = await screen.findByRole('heading', { level: 1, name: 'Həsənov Rauf Elçin oğlu' });
    const alerts = within(heading.parentElement as HTMLElement).getByRole('list', { name: 'Health alerts' });
    expect(within(alerts).getByText('Infection control: airborne precautions')).toBeTruthy();
    expect(await screen.findByText('Azerbaijan')).toBeTruthy();
    expect(screen.getByText('Azerbaijani')).toBeTruthy();
    await i18n.changeLanguage('ru');
    expect(await screen.findByText('Азербайджан')).toBeTruthy();
  });

  it('lets a registry officer mark an event entered in error, with a reason', async () => {
    const api = personApi(['registry_officer'], {
      'POST /api/v1/persons/p1/events': () => jsonResponse({ id: 'e5' }, 201),
    });
    renderApp('/registry/persons/p1', { language: 'en' });
    const table = await screen.findByRole('table', { name: 'Custody history, oldest first' });
    const buttons = await within(table).findAllByRole('button', { name: /^Mark as entered in error/ });
    expect(buttons).toHaveLength(2);
    fireEvent.click(buttons[1]!);
    const dialog = await screen.findByRole('dialog', { name: 'Mark as entered in error' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record' }));
    expect(await within(dialog).findByText('Fill in this field.')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText(/^Why this entry is wrong/), {
      target: { value: 'Recorded for the wrong person' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record' }));
    expect(await screen.findByText('Recorded: Entered in error.')).toBeTruthy();
    const post = api.requests.find((r) => r.method === 'POST');
    expect(post?.body).toMatchObject({
      type: 'entered_in_error',
      correctsEventId: 'e3',
      reason: 'Recorded for the wrong person',
    });
  });

  it('asks for a reason before placing someone in a full cell', async () => {
    const api = personApi(['registry_officer'], {
      'POST /api/v1/persons/p1/events': () => jsonResponse({ id: 'e5' }, 201),
    });
    renderApp('/registry/persons/p1', { language: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Place in a cell' }));
    const dialog = await screen.findByRole('dialog', { name: 'Place in a cell' });
    const cell = await within(dialog).findByLabelText(/^Cell/);
    expect(within(cell).getByRole('option', { name: 'A-001 · Ordinary cell · 2 of 2 · full' })).toBeTruthy();
    fireEvent.change(cell, { target: { value: 'cell-1' } });
    expect(within(dialog).getByText('The cell would be over its certified capacity')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record' }));
    expect(
      await within(dialog).findByText('The cell would be over its certified capacity: give the reason.'),
    ).toBeTruthy();
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
    fireEvent.change(within(dialog).getByLabelText(/^Reason for placing over capacity/), {
      target: { value: 'Flooding in block B' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record' }));
    await screen.findByText('Recorded: Placement in a cell.');
    expect(api.requests.find((r) => r.method === 'POST')?.body).toMatchObject({
      type: 'placement',
      cellId: 'cell-1',
      overCapacityReason: 'Flooding in block B',
    });
  });
});

describe('the worklist on the home page', () => {
  it('lists the registry’s items, translated and grouped, with links to the person or the cell', async () => {
    fakeApi(sessionFor(['registry_officer'], { institutionIds: ['inst-1'] }), {
      'GET /api/v1/worklist': () =>
        jsonResponse({
          items: [
            {
              module: 'registry',
              kind: 'cell_below_space_standard',
              severity: 'overdue',
              subjectId: 'cell-9',
              label: 'PILOT-1 · B-009',
              since: null,
            },
            {
              module: 'registry',
              kind: 'in_transit_over_24h',
              severity: 'overdue',
              subjectId: 'p7',
              label: 'AZ100007 · Quliyev Anar',
              since: '2026-01-09T08:00:00.000Z',
            },
          ],
        }),
    });
    renderApp('/', { language: 'en' });
    expect(await screen.findByText('Tasks due: 2.')).toBeTruthy();
    expect(
      screen.getByRole('heading', { level: 2, name: 'Cell below the living-space standard (1)' }),
    ).toBeTruthy();
    expect(
      screen.getByRole('heading', { level: 2, name: 'In transit for more than 24 hours (1)' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'PILOT-1 · B-009' }).getAttribute('href')).toBe(
      '/registry/cells/cell-9',
    );
    expect(screen.getByRole('link', { name: 'AZ100007 · Quliyev Anar' }).getAttribute('href')).toBe(
      '/registry/persons/p7',
    );
    expect(screen.queryByText('No tasks are due.')).toBeNull();
  });

  it('says plainly that nothing is due when the list is empty', async () => {
    fakeApi(sessionFor(['registry_officer'], { language: 'az' }));
    renderApp('/', { language: 'az' });
    expect(await screen.findByText('Vaxtı çatmış tapşırıq yoxdur.')).toBeTruthy();
  });
});

describe('the header search', () => {
  it('is offered to those who may read the registry, and Enter opens the search page with ?q=', async () => {
    fakeApi(sessionFor(['custodial_officer'], { institutionIds: ['inst-1'] }), {
      'GET /api/v1/persons': (request) =>
        jsonResponse({
          items:
            request.url.searchParams.get('q') === 'Мамедов'
              ? [
                  {
                    id: 'p1',
                    prisonNumber: 'AZ100001',
                    surnameLatin: 'Məmmədov',
                    givenNameLatin: 'Əli',
                    surnameCyrillic: null,
                    givenNameCyrillic: null,
                    birthDate: '1990-04-12',
                    sex: 'male',
                    status: 'in_custody',
                    institution: pilot1,
                  },
                ]
              : [],
          nextCursor: null,
        }),
    });
    const { router } = renderApp('/', { language: 'en' });
    const box = await screen.findByRole('searchbox', { name: 'Find a person by name or prison number' });
    fireEvent.change(box, { target: { value: 'Мамедов' } });
    fireEvent.submit(box.closest('form')!);
    expect(await screen.findByRole('heading', { level: 1, name: 'People' })).toBeTruthy();
    expect(router.state.location.search).toBe(`?q=${encodeURIComponent('Мамедов')}`);
    const row = (await screen.findByRole('link', { name: 'AZ100001' })).closest('tr')!;
    expect(within(row).getByText('Məmmədov Əli')).toBeTruthy();
    expect(within(row).getByText('12/04/1990')).toBeTruthy();
    expect(within(row).getByText('In custody')).toBeTruthy();
    expect(screen.getByRole('searchbox', { name: /^Name or prison number/ })).toHaveProperty(
      'value',
      'Мамедов',
    );
  });

  it('is not offered to those who may not', async () => {
    fakeApi(sessionFor(['system_admin']));
    renderApp('/', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Your worklist' });
    expect(screen.queryByRole('searchbox', { name: 'Find a person by name or prison number' })).toBeNull();
  });
});

describe('temporary absence', () => {
  it('records a return from police custody with the ADM-5 flag, and the history says a screening is due', async () => {
    let events = history;
    const absent = { ...person, status: 'temporarily_absent' as const };
    const api = fakeApi(sessionFor(['registry_officer'], { institutionIds: ['inst-1'] }), {
      'GET /api/v1/institutions': institutions,
      'GET /api/v1/institutions/inst-1': () => jsonResponse(institutionDetail),
      'GET /api/v1/persons/p1': () => jsonResponse(events.length > history.length ? person : absent),
      'GET /api/v1/persons/p1/events': () => jsonResponse({ items: events, nextCursor: null }),
      'POST /api/v1/persons/p1/events': (request) => {
        events = [
          ...history,
          event({
            id: 'e9',
            type: 'absence_return',
            occurredAt: '2026-01-12T09:00:00.000Z',
            returnedFromPoliceOrInvestigation: (
              request.body as { returnedFromPoliceOrInvestigation: boolean }
            ).returnedFromPoliceOrInvestigation,
          }),
        ];
        return jsonResponse({ id: 'e9' }, 201);
      },
    });
    renderApp('/registry/persons/p1', { language: 'en' });
    expect(screen.queryByRole('button', { name: 'Place in a cell' })).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: 'Record return' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record return' });
    fireEvent.click(
      within(dialog).getByRole('checkbox', { name: /Returned from police custody or an investigation/ }),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record' }));
    expect(await screen.findByText('Recorded: Return from absence.')).toBeTruthy();
    expect(api.requests.find((r) => r.method === 'POST')?.body).toMatchObject({
      type: 'absence_return',
      returnedFromPoliceOrInvestigation: true,
    });
    expect(
      await screen.findByText(
        'Back from police custody or an investigation: a new health screening is due (ADM-5).',
      ),
    ).toBeTruthy();
  });
});

describe('the people list', () => {
  it('shows more people a page at a time', async () => {
    const someone = (n: number) => ({
      id: `p${n}`,
      prisonNumber: `AZ${100000 + n}`,
      surnameLatin: 'Əliyev',
      givenNameLatin: `Name${n}`,
      surnameCyrillic: 'Алиев',
      givenNameCyrillic: `Имя${n}`,
      birthDate: '1980-01-01',
      sex: 'male',
      status: 'in_custody',
      institution: pilot1,
    });
    const api = fakeApi(sessionFor(['custodial_officer'], { institutionIds: ['inst-1'] }), {
      'GET /api/v1/persons': (request) =>
        request.url.searchParams.get('cursor') === 'next'
          ? jsonResponse({ items: [someone(3)], nextCursor: null })
          : jsonResponse({ items: [someone(1), someone(2)], nextCursor: 'next' }),
    });
    renderApp('/registry/persons?q=Əliyev', { language: 'en' });
    expect(await screen.findByText('People shown: 2. There are more.')).toBeTruthy();
    expect(screen.getByText('Алиев Имя1')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show more people' }));
    expect(await screen.findByText('People shown: 3.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Show more people' })).toBeNull();
    const asked = api.requests.filter((r) => r.path === '/api/v1/persons').map((r) => r.url.search);
    expect(asked).toEqual([
      `?limit=50&q=${encodeURIComponent('Əliyev')}`,
      `?limit=50&q=${encodeURIComponent('Əliyev')}&cursor=next`,
    ]);
  });
});

describe('institution time zone', () => {
  it('the history and the event dialog use the institution’s zone (Asia/Baku), not the browser’s', async () => {
    const api = personApi(['registry_officer'], {
      'POST /api/v1/persons/p1/events': () => jsonResponse({ id: 'e5' }, 201),
    });
    renderApp('/registry/persons/p1', { language: 'en' });
    const table = await screen.findByRole('table', { name: 'Custody history, oldest first' });
    const admitted = within(table).getAllByRole('row')[1]!;
    // 06:00 UTC is 10:00 in Baku.
    expect(within(admitted).getAllByText('11/01/2026, 10:00')[0]?.tagName).toBe('TIME');
    fireEvent.click(await screen.findByRole('button', { name: 'Temporary absence' }));
    const dialog = await screen.findByRole('dialog', { name: 'Temporary absence' });
    expect(within(dialog).getByText('Local time of the institution (Asia/Baku).')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText(/^When it happened/), {
      target: { value: '2026-01-12T09:15:00' },
    });
    fireEvent.change(within(dialog).getByLabelText(/^Reason for the absence/), {
      target: { value: 'court' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record' }));
    await screen.findByText('Recorded: Temporary absence.');
    expect(api.requests.find((r) => r.method === 'POST')?.body).toMatchObject({
      type: 'absence_out',
      occurredAt: '2026-01-12T05:15:00.000Z',
    });
  });
});

describe('re-admission from the person page (ADM-3)', () => {
  const released: PersonSummary = { ...person, status: 'released', cell: null };

  it('opens the admission form with the identity read-only, shows a refused date at its field, then admits the same person', async () => {
    let refuse = true;
    const api = personApi(['registry_officer'], {
      'GET /api/v1/persons/p1': () => jsonResponse(released),
      'POST /api/v1/persons/p1/admissions': () => {
        if (refuse) {
          refuse = false;
          return problemResponse(400, 'event_not_allowed', [
            { path: 'body', code: 'event_before_previous_event', message: 'before_previous_event' },
          ]);
        }
        return jsonResponse({ id: 'e9' }, 201);
      },
    });
    const { router } = renderApp('/registry/persons/p1', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Həsənov Rauf Elçin oğlu' });
    // Released: no custody events to record, but the person can be admitted again.
    expect(screen.queryByRole('button', { name: 'Place in a cell' })).toBeNull();
    fireEvent.click(screen.getByRole('link', { name: 'Admit again' }));

    await screen.findByRole('heading', { level: 1, name: 'Admit again' });
    await waitFor(() => expect(field('Prison number')).toHaveProperty('value', 'AZ100001'));
    expect(field('Surname (Latin letters)')).toHaveProperty('readOnly', true);
    expect(field('Surname (Latin letters)')).toHaveProperty('value', 'Həsənov');
    expect(field('Date of birth')).toHaveProperty('readOnly', true);
    expect(field('Sex')).toHaveProperty('disabled', true);
    expect(field('Commitment order reference')).toHaveProperty('readOnly', false);

    await chooseInstitution('inst-1');
    change('Legal status', 'sentenced');
    change('Commitment order reference', 'QƏR-2026-2');
    change('Authority that issued the order', 'Bakı Apellyasiya Məhkəməsi');
    change('Reasons and legal basis for commitment', 'CM 178');
    change('Date and time of arrest', '2026-01-09T09:30:00');
    change('Place of arrest', 'Sumqayıt');
    change('Date and time of admission', '2026-01-10T10:00:00');
    change('Visible injuries', 'None');
    change('Complaints of earlier ill-treatment', 'None');
    change('Property inventory', 'Clothes');
    change('Contact’s name', 'Leyla Həsənova');
    change('Relation to the person', 'Wife');
    change('Telephone', '+994 50 000 00 01');
    fireEvent.click(screen.getByRole('button', { name: 'Admit' }));

    await waitFor(() =>
      expect(errorOf('Date and time of admission')).toContain(
        'This is earlier than the last event in the person’s history. Check the date and time.',
      ),
    );
    change('Date and time of admission', '2026-01-12T10:00:00');
    fireEvent.click(screen.getByRole('button', { name: 'Admit' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/registry/persons/p1'));

    const posts = api.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.path)).toEqual([
      '/api/v1/persons/p1/admissions',
      '/api/v1/persons/p1/admissions',
    ]);
    // Only the admission is sent, never a second person; times are Baku wall-clock times.
    const sent = posts[1]?.body as { admission: Record<string, unknown>; person?: unknown };
    expect(sent.person).toBeUndefined();
    expect(sent.admission).toMatchObject({
      institutionId: 'inst-1',
      legalStatus: 'sentenced',
      arrestedAt: '2026-01-09T05:30:00.000Z',
      admittedAt: '2026-01-12T06:00:00.000Z',
      emergencyContact: { name: 'Leyla Həsənova', relation: 'Wife', phone: '+994 50 000 00 01' },
    });
  });
});

describe('a person’s photo (ADM-3 identity)', () => {
  it('shows a placeholder, uploads the file as it is, and then shows the photo with its alt text', async () => {
    let current: PersonSummary = person;
    const api = personApi(['registry_officer'], {
      'GET /api/v1/persons/p1': () => jsonResponse(current),
      'PUT /api/v1/persons/p1/photo': () => {
        current = {
          ...person,
          photo: { id: 'ph1', contentType: 'image/png', uploadedAt: '2026-01-12T06:00:00.000Z' },
        };
        return jsonResponse({ id: 'ph1' }, 201);
      },
    });
    renderApp('/registry/persons/p1', { language: 'en' });
    expect(await screen.findByText('No photo')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add a photo' })).toBeTruthy();
    const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(input.accept).toBe('image/jpeg,image/png');
    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], 'face.png', {
      type: 'image/png',
    });
    fireEvent.change(input, { target: { files: [file] } });
    const img = await screen.findByRole('img', { name: 'Photo of Həsənov Rauf Elçin oğlu' });
    expect(img.getAttribute('src')).toBe('/api/v1/persons/p1/photo?v=ph1');
    const put = api.requests.find((r) => r.method === 'PUT');
    expect(put?.headers.get('content-type')).toBe('image/png');
    expect(put?.headers.get('x-csrf-token')).toBe('csrf-token-for-tests');
    const sentBody = api.fetchMock.mock.calls.find(([, init]) => init?.method === 'PUT')?.[1]?.body;
    expect(sentBody).toBe(file);
    expect(screen.getByRole('button', { name: 'Replace the photo' })).toBeTruthy();
  });

  it('says in words when the server refuses the file’s type', async () => {
    personApi(['registry_officer'], {
      'PUT /api/v1/persons/p1/photo': () => problemResponse(415, 'unsupported_media_type'),
    });
    renderApp('/registry/persons/p1', { language: 'en' });
    await screen.findByText('No photo');
    const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
    fireEvent.change(input, {
      target: { files: [new File(['hello'], 'notes.jpg', { type: 'image/jpeg' })] },
    });
    expect(await screen.findByText('This file is not a JPEG or PNG image. Choose a photo.')).toBeTruthy();
  });

  it('is not offered for upload to a custodial officer', async () => {
    personApi(['custodial_officer']);
    renderApp('/registry/persons/p1', { language: 'en' });
    await screen.findByText('No photo');
    expect(screen.queryByRole('button', { name: 'Add a photo' })).toBeNull();
    expect(document.querySelector('input[type="file"]')).toBeNull();
  });
});
