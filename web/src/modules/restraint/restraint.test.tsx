import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, problemResponse, sessionFor } from '../../test/fakeApi.ts';
import { jsonResponse, renderApp } from '../../test/renderApp.tsx';
import type { Board } from './restraint.api.ts';
import { timerState } from './restraint.api.ts';

const minutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const institution = {
  id: 'i1',
  code: 'PILOT-1',
  name: { az: 'P1', en: 'P1', ru: 'P1' },
  kind: 'closed_prison',
  populationSex: 'male',
  capacity: 100,
  timeZone: 'Asia/Baku',
};

function board(): Board {
  return {
    institutionId: 'i1',
    at: new Date().toISOString(),
    episodes: [
      {
        id: 'e1',
        personId: 'p1',
        prisonNumber: 'AZ-1001',
        name: 'Məmmədov Əli',
        cellCode: 'S-1',
        types: ['seclusion'],
        startedAt: minutes(-20),
        authorisation: 'emergency_start',
        flags: ['emergency_start'],
        stillNeeded: null,
        state: {
          open: true,
          endedAt: null,
          durationMinutes: 20,
          approved: false,
          examination: { dueAt: minutes(40), state: 'ok' },
          observation: { dueAt: minutes(-5), state: 'red' },
          review: { dueAt: minutes(1), state: 'amber' },
          softAlert: false,
          secondDoctorPrompt: false,
          escalationRequired: false,
          escalated: false,
          supervisionBreach: false,
          debriefPerson: null,
          debriefStaff: null,
          medicalExamination: null,
        },
        alerts: [],
      },
    ],
  };
}

const officer = () => sessionFor(['custodial_officer'], { institutionIds: ['i1'] });

/** The five choices of a usual observation note, one click each (in the open dialog). */
function answerUsualObservation() {
  const group = (name: string) => within(screen.getByRole('radiogroup', { name: new RegExp(`^${name}`) }));
  fireEvent.click(group('Breathing').getByRole('radio', { name: 'Normal' }));
  fireEvent.click(group('Circulation of the limbs').getByRole('radio', { name: 'Not applicable' }));
  fireEvent.click(group('Toilet needs').getByRole('radio', { name: 'Not needed' }));
  fireEvent.click(group('Mental state').getByRole('radio', { name: 'Calm' }));
  fireEvent.click(group('Still needed').getByRole('radio', { name: 'Yes' }));
}
const routes = {
  'GET /api/v1/institutions': () => jsonResponse({ items: [institution] }),
  'GET /api/v1/restraint/board': () => jsonResponse(board()),
};

describe('the restraint board (RST-6, RST-7)', () => {
  it('RST-6: a countdown is amber within 2 minutes of its deadline and red once overdue', () => {
    const now = Date.parse('2026-11-28T10:00:00.000Z');
    expect(timerState('2026-11-28T10:05:00.000Z', now)).toBe('ok');
    expect(timerState('2026-11-28T10:02:00.000Z', now)).toBe('amber');
    expect(timerState('2026-11-28T09:59:59.000Z', now)).toBe('red');
  });

  it('says a long countdown in hours, not as "due in 1440 min", in each language', async () => {
    const long = board();
    const state = long.episodes[0]?.state;
    if (!state) throw new Error('the board fixture has an episode');
    state.examination = { dueAt: minutes(90), state: 'ok' };
    state.debriefPerson = { dueAt: minutes(24 * 60), state: 'ok' };
    fakeApi(officer(), { ...routes, 'GET /api/v1/restraint/board': () => jsonResponse(long) });
    const { i18n } = renderApp('/restraint/board', { language: 'en' });
    expect(await screen.findByText(/Doctor's examination: due in 1 h 30 min/)).toBeTruthy();
    expect(screen.getByText(/Debrief with the person: due in 24 h/)).toBeTruthy();
    expect(screen.queryByText(/1440/)).toBeNull();
    await i18n.changeLanguage('ru');
    expect(await screen.findByText(/через 24 ч/)).toBeTruthy();
    await i18n.changeLanguage('az');
    expect(await screen.findByText(/24 saat sonra/)).toBeTruthy();
  });

  it('shows the overdue observation in red and the review due soon in amber, with words, not colour alone', async () => {
    fakeApi(officer(), routes);
    renderApp('/restraint/board', { language: 'en' });
    const overdue = await screen.findByText(/Observation: OVERDUE by 5 min/);
    expect(overdue.closest('[data-state]')?.getAttribute('data-state')).toBe('red');
    const soon = screen.getByText(/Doctor's review: due in 1 min — soon/);
    expect(soon.closest('[data-state]')?.getAttribute('data-state')).toBe('amber');
    expect(screen.getByText("Emergency start: awaiting a doctor's approval")).toBeTruthy();
  });

  it('RST-6: the observation note starts empty, is refused until every question is answered, then takes six presses, with an Idempotency-Key', async () => {
    const api = fakeApi(officer(), {
      ...routes,
      'POST /api/v1/restraint-episodes/e1/observations': () => jsonResponse({ id: 'o1' }, 201),
    });
    renderApp('/restraint/board', { language: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Observe: Məmmədov Əli' }));
    const save = await screen.findByRole('button', { name: 'Save observation' });
    // Nothing is chosen for the officer: no answer is pre-filled as "normal".
    for (const radio of screen.getAllByRole('radio')) expect((radio as HTMLInputElement).checked).toBe(false);
    expect((screen.getByRole('checkbox', { name: 'Drink offered' }) as HTMLInputElement).checked).toBe(false);
    fireEvent.click(save);
    expect(await screen.findByText(/nothing is filled in for you/)).toBeTruthy();
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);

    // Five choices and Save: six presses.
    answerUsualObservation();
    fireEvent.click(save);
    expect(await screen.findByText('Observation saved.')).toBeTruthy();
    const post = api.requests.find((r) => r.path === '/api/v1/restraint-episodes/e1/observations');
    expect(post?.body).toMatchObject({
      breathing: 'normal',
      limbCirculation: 'not_applicable',
      toiletNeeds: 'not_needed',
      mentalState: 'calm',
      stillNeeded: true,
      hydrationOffered: false,
    });
    expect(post?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{32,36}$/);
  });

  it('MED-3: the board shows the health alerts of the person under restraint, in words, never a code', async () => {
    const withAlerts = board();
    const entry = withAlerts.episodes[0];
    if (!entry) throw new Error('the board fixture has an episode');
    entry.alerts = [
      {
        id: 'a1',
        detail: { kind: 'observation', intervalMinutes: 15 },
        startsAt: minutes(-60),
        endsAt: null,
      },
      {
        id: 'a2',
        detail: { kind: 'infection_control', precaution: 'airborne' },
        startsAt: minutes(-60),
        endsAt: null,
      },
    ];
    fakeApi(officer(), { ...routes, 'GET /api/v1/restraint/board': () => jsonResponse(withAlerts) });
    const { i18n } = renderApp('/restraint/board', { language: 'en' });
    const list = await screen.findByRole('list', { name: 'Health alerts' });
    expect(within(list).getByText('Observe every 15 minutes')).toBeTruthy();
    expect(within(list).getByText('Infection control: airborne precautions')).toBeTruthy();
    await i18n.changeLanguage('ru');
    expect(await screen.findByRole('list', { name: 'Медицинские предупреждения' })).toBeTruthy();
    expect(screen.queryByText(/infection_control|airborne/)).toBeNull();
  });

  it('shows a server refusal in words (an observation after the end)', async () => {
    fakeApi(officer(), {
      ...routes,
      'POST /api/v1/restraint-episodes/e1/observations': () =>
        problemResponse(400, 'clinical_not_allowed', [
          { path: 'body.at', code: 'after_end', message: 'after_end' },
        ]),
    });
    renderApp('/restraint/board', { language: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Observe: Məmmədov Əli' }));
    const save = await screen.findByRole('button', { name: 'Save observation' });
    answerUsualObservation();
    fireEvent.click(save);
    expect((await screen.findByRole('alert')).textContent).toContain(
      'This time is after the end of the episode.',
    );
  });

  it('offers the board, register and report by permission only', async () => {
    fakeApi(sessionFor(['governor'], { institutionIds: ['i1'] }), routes);
    renderApp('/', { language: 'en' });
    expect(await screen.findByRole('link', { name: 'Restraint register' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Restraint reports' })).toBeTruthy();
  });
  it('RST-14: the policy in force and its earlier versions; a new version is added, the old ones stay', async () => {
    const api = fakeApi(sessionFor(['governor'], { institutionIds: ['i1'] }), {
      ...routes,
      'GET /api/v1/restraint/policies': () =>
        jsonResponse({
          items: [
            {
              id: 'v2',
              version: 2,
              text: 'Second version of the policy text.',
              createdAt: '2026-10-01T00:00:00.000Z',
            },
            { id: 'v1', version: 1, text: 'First version.', createdAt: '2026-01-01T00:00:00.000Z' },
          ],
        }),
      'POST /api/v1/restraint/policies': () => jsonResponse({ id: 'v3', version: 3 }, 201),
    });
    renderApp('/restraint/policy', { language: 'en' });
    expect(await screen.findByRole('heading', { name: 'In force: version 2 of 2026-10-01' })).toBeTruthy();
    expect(screen.getByText('Version 1 of 2026-01-01')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Text of the policy'), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save as a new version' }));
    expect((await screen.findByRole('alert')).textContent).toContain('at least 50 characters');
    const text = 'Restraint is a last resort, ordered by a doctor, supervised throughout, and recorded.';
    fireEvent.change(screen.getByLabelText('Text of the policy'), { target: { value: text } });
    fireEvent.click(screen.getByRole('button', { name: 'Save as a new version' }));
    expect(await screen.findByText('Saved as a new version.')).toBeTruthy();
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({ institutionId: 'i1', text });
  });
});

describe('the monthly report outside the health service (DAT-6)', () => {
  it('DAT-6: marks the counts left out and says why; the CSV export is offered', async () => {
    const summary = {
      episodes: 12,
      byType: { physical: null, mechanical: 0, chemical: 0, seclusion: null },
      people: null,
      medianMinutes: 25,
      maxMinutes: 70,
      beyondSoftAlert: 7,
      beyondSecondDoctor: 0,
      beyondEscalation: 0,
      repeatPeople: 0,
      stillOpen: 0,
    };
    fakeApi(sessionFor(['governor'], { institutionIds: ['i1'] }), {
      ...routes,
      'GET /api/v1/restraint/reports/monthly': () =>
        jsonResponse({
          institutionId: 'i1',
          month: '2026-11',
          total: summary,
          units: [{ ...summary, unitId: 'u1', unitCode: 'BLOCK-A' }],
          suppression: { threshold: 5, cells: ['total.people', 'total.byType.physical'] },
        }),
    });
    renderApp('/restraint/reports', { language: 'en' });
    expect(
      await screen.findByText(
        /Counts from 1 to 4, and the counts from which they could be worked out, are not shown \(•\)/,
      ),
    ).toBeTruthy();
    const row = screen.getByRole('rowheader', { name: 'BLOCK-A' }).closest('tr') as HTMLElement;
    expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      '12',
      '•',
      '25',
      '70',
      '7',
      '0',
      '0',
      '0',
    ]);
    expect(screen.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toContain(
      '/api/v1/restraint/reports/monthly/export?institutionId=i1',
    );
  });

  it('RST-15: the monthly report is offered as CSV and PDF, each in the language the page is shown in', async () => {
    fakeApi(sessionFor(['governor'], { institutionIds: ['i1'] }), {
      'GET /api/v1/institutions': () => jsonResponse({ items: [institution] }),
      'GET /api/v1/restraint/reports/monthly': () =>
        jsonResponse({
          institutionId: 'i1',
          month: '2026-11',
          total: {
            episodes: 0,
            byType: { physical: 0, mechanical: 0, chemical: 0, seclusion: 0 },
            people: 0,
            medianMinutes: null,
            maxMinutes: null,
            beyondSoftAlert: 0,
            beyondSecondDoctor: 0,
            beyondEscalation: 0,
            repeatPeople: 0,
            stillOpen: 0,
          },
          units: [],
          suppression: null,
        }),
    });
    const { i18n } = renderApp('/restraint/reports', { language: 'en' });
    const pdf = new URL(
      (await screen.findByRole('link', { name: 'Download PDF' })).getAttribute('href') ?? '',
      'http://localhost',
    );
    expect(pdf.pathname).toBe('/api/v1/restraint/reports/monthly/export');
    expect(Object.fromEntries(pdf.searchParams)).toMatchObject({
      institutionId: 'i1',
      format: 'pdf',
      language: 'en',
    });
    await i18n.changeLanguage('ru');
    const csv = new URL(
      (await screen.findByRole('link', { name: 'Скачать CSV' })).getAttribute('href') ?? '',
      'http://localhost',
    );
    expect(Object.fromEntries(csv.searchParams)).toMatchObject({ format: 'csv', language: 'ru' });
  });
});

describe('an episode: who supervises, from where (RST-4, RST-5)', () => {
  const staffList = {
    items: [
      { id: 's1', fullName: 'Həsənova Leyla', position: 'nurse' },
      { id: 's2', fullName: 'Quliyev Rəşad', position: 'officer' },
    ],
  };
  const episode = {
    ...board().episodes[0],
    institutionId: 'i1',
    cellId: 'c1',
    cellType: 'seclusion',
    startedAt: '2026-11-28T08:00:00.000Z',
    recordedAt: '2026-11-28T08:02:00.000Z',
    lateEntryReason: null,
    harm: 'harm_to_others',
    lessRestrictiveTried: ['verbal_de_escalation'],
    inViewOfOthers: false,
    equipment: [],
    holds: [],
    appliedBy: ['s2'],
    supervisorId: 's2',
    supervisionPosition: 'in_room',
    injuriesToPerson: null,
    injuriesToStaff: null,
    endReason: null,
    orderedOrApprovedBy: null,
    events: [
      {
        id: 'h1',
        kind: 'handover',
        at: '2026-11-28T08:30:00.000Z',
        correctsEventId: null,
        recordedBy: 'u1',
        recordedAt: '2026-11-28T08:30:00.000Z',
        corrected: false,
        payload: { supervisorId: 's1', supervisionPosition: 'doorway' },
      },
    ],
  };
  const episodeRoutes = {
    ...routes,
    'GET /api/v1/restraint-episodes/e1': () => jsonResponse(episode),
    'GET /api/v1/staff': () => jsonResponse(staffList),
    'POST /api/v1/restraint-episodes/e1/handovers': () => jsonResponse({ id: 'h2' }, 201),
  };

  it('RST-5: shows the supervisor of the last handover and where they are; times in the institution’s zone', async () => {
    fakeApi(officer(), episodeRoutes);
    renderApp('/restraint/episodes/e1', { language: 'en' });
    const row = (await screen.findByRole('rowheader', { name: 'Supervisor (present throughout)' })).closest(
      'tr',
    );
    await waitFor(() =>
      expect(row?.textContent).toContain('Həsənova Leyla · At the doorway, seeing and hearing'),
    );
    // 08:00 UTC is 12:00 in Baku, whatever the zone of the browser running the test.
    const started = (await screen.findByRole('rowheader', { name: 'Started' })).closest('tr');
    expect(started?.textContent).toContain('12:00');
  });

  it('RST-4: a handover says where the new supervisor is', async () => {
    const api = fakeApi(officer(), episodeRoutes);
    renderApp('/restraint/episodes/e1', { language: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Handover' }));
    const dialog = await screen.findByRole('dialog');
    const supervisor = (await screen.findAllByLabelText(/Supervisor \(present throughout\)/)).find((e) =>
      dialog.contains(e),
    ) as HTMLSelectElement;
    await waitFor(() => expect(supervisor.options.length).toBe(3));
    fireEvent.change(supervisor, { target: { value: 's2' } });
    const position = screen
      .getAllByLabelText(/Where the supervisor is/)
      .find((e) => dialog.contains(e)) as HTMLSelectElement;
    fireEvent.change(position, { target: { value: 'in_room' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record' }));
    await waitFor(() =>
      expect(
        api.requests.find((r) => r.path === '/api/v1/restraint-episodes/e1/handovers')?.body,
      ).toMatchObject({
        supervisorId: 's2',
        supervisionPosition: 'in_room',
      }),
    );
  });

  it('RST-11: after the end, health staff record the medical examination from the episode page; the officer cannot', async () => {
    const ended = {
      ...episode,
      state: {
        ...episode.state,
        open: false,
        endedAt: '2026-11-28T08:40:00.000Z',
        observation: null,
        review: null,
        medicalExamination: { dueAt: minutes(30), state: 'ok' },
      },
      events: [],
    };
    const endedRoutes = {
      ...episodeRoutes,
      'GET /api/v1/restraint-episodes/e1': () => jsonResponse(ended),
      'POST /api/v1/restraint-episodes/e1/medical-examinations': () => jsonResponse({ id: 'm1' }, 201),
    };
    fakeApi(officer(), endedRoutes);
    const first = renderApp('/restraint/episodes/e1', { language: 'en' });
    expect(await screen.findByText(/Medical examination after: due in/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Medical examination after (health staff)' })).toBeNull();
    first.unmount();

    const api = fakeApi(sessionFor(['nurse'], { institutionIds: ['i1'] }), endedRoutes);
    renderApp('/restraint/episodes/e1', { language: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Medical examination after (health staff)' }));
    const dialog = await screen.findByRole('dialog');
    const findings = screen.getAllByLabelText(/Findings/).find((e) => dialog.contains(e)) as HTMLElement;
    fireEvent.change(findings, { target: { value: 'Bruise on the left wrist, 2 cm' } });
    fireEvent.click(screen.getByLabelText('Injuries found (record them in the injury record)'));
    fireEvent.click(screen.getByRole('button', { name: 'Record' }));
    expect(await screen.findByText('Recorded.')).toBeTruthy();
    const post = api.requests.find((r) => r.path === '/api/v1/restraint-episodes/e1/medical-examinations');
    expect(post?.body).toMatchObject({ findings: 'Bruise on the left wrist, 2 cm', injuriesFound: true });
    expect(post?.headers.get('idempotency-key')).toBeTruthy();
  });

  it('RST-1: another type is added to the open episode from its page, with the combination reason', async () => {
    const api = fakeApi(officer(), {
      ...episodeRoutes,
      'POST /api/v1/restraint-episodes/e1/types': () => jsonResponse({ id: 't1' }, 201),
    });
    renderApp('/restraint/episodes/e1', { language: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Add a type' }));
    const dialog = await screen.findByRole('dialog');
    const type = screen.getByLabelText(/Type to add to this episode/) as HTMLSelectElement;
    // The episode is already seclusion: only the other types are offered.
    expect([...type.options].map((o) => o.value)).toEqual(['', 'physical', 'mechanical', 'chemical']);
    fireEvent.change(type, { target: { value: 'physical' } });
    const hold = (await screen.findAllByLabelText(/Holds/)).find((e) => dialog.contains(e)) as HTMLElement;
    fireEvent.change(hold, { target: { value: 'seated_hold' } });
    fireEvent.change(screen.getByLabelText(/Why a combination shortens it/), {
      target: { value: 'Held briefly to stop him striking his head on the door' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Record' }));
    expect(await screen.findByText('Recorded.')).toBeTruthy();
    const post = api.requests.find((r) => r.path === '/api/v1/restraint-episodes/e1/types');
    expect(post?.body).toMatchObject({
      types: ['physical'],
      holds: ['seated_hold'],
      equipment: [],
      combinationReason: 'Held briefly to stop him striking his head on the door',
    });
  });
});

describe('the register (RST-10, issue 14)', () => {
  const entry = {
    id: 'e9',
    personId: 'p9',
    institutionId: 'i1',
    startedAt: '2026-11-20T05:12:00.000Z',
    types: ['seclusion'],
    authorisation: 'emergency_start',
    flags: ['emergency_start'],
    state: {
      ...board().episodes[0]?.state,
      open: false,
      endedAt: '2026-11-21T05:12:00.000Z',
      durationMinutes: 1440,
    },
    person: { prisonNumber: 'AZ-1009', name: 'Əliyev Vüqar' },
    appliedByNames: ['Officer A'],
    supervisedByNames: ['Officer B'],
    orderedOrApprovedByName: null,
    injuriesToPerson: null,
    injuriesToStaff: null,
  };
  const registerRoutes = {
    'GET /api/v1/institutions': () => jsonResponse({ items: [institution] }),
    'GET /api/v1/restraint/register': () => jsonResponse({ items: [entry], nextCursor: null }),
  };

  it('issue 14: an inspector’s rows lead only to pages the inspector may open; times in Asia/Baku, a day as "24 h"', async () => {
    fakeApi(sessionFor(['inspector'], { institutionIds: ['i1'] }), registerRoutes);
    renderApp('/restraint/register', { language: 'en' });
    const row = (await screen.findByText('AZ-1009 · Əliyev Vüqar')).closest('tr') as HTMLElement;
    // 05:12 UTC is 09:12 in Baku, whatever this machine's zone.
    expect(row.textContent).toContain('20/11/2026, 09:12');
    expect(row.textContent).toContain('24 h');
    expect(row.textContent).not.toContain('1440');
    // No restraint.board.read: the time is text, not a link to an episode page that would refuse.
    expect(within(row).queryByRole('link', { name: /20\/11\/2026/ })).toBeNull();
    // registry.person.read: the person leads to the person's page.
    expect(within(row).getByRole('link', { name: 'AZ-1009 · Əliyev Vüqar' }).getAttribute('href')).toBe(
      '/registry/persons/p9',
    );
  });

  it('issue 14: a governor’s row leads to the episode', async () => {
    fakeApi(sessionFor(['governor'], { institutionIds: ['i1'] }), registerRoutes);
    renderApp('/restraint/register', { language: 'en' });
    const link = await screen.findByRole('link', { name: '20/11/2026, 09:12' });
    expect(link.getAttribute('href')).toBe('/restraint/episodes/e9');
  });
});

describe('an episode as a record (issue 14 item 2)', () => {
  const author = (name: string, role: string) => ({ name, roles: [role] });
  const event = (
    id: string,
    kind: string,
    at: string,
    payload: Record<string, unknown> | null,
    by = author('Nərgiz Əliyeva', 'custodial_officer'),
  ) => ({
    id,
    kind,
    at,
    correctsEventId: null,
    recordedBy: 'u1',
    recordedAt: at,
    corrected: false,
    payload,
    author: by,
  });
  const episode = {
    ...board().episodes[0],
    state: {
      ...board().episodes[0]!.state,
      open: false,
      endedAt: '2026-11-28T08:40:00.000Z',
      debriefPerson: null,
    },
    institutionId: 'i1',
    cellId: 'c1',
    cellType: 'safe',
    startedAt: '2026-11-28T08:00:00.000Z',
    recordedAt: '2026-11-28T08:02:00.000Z',
    lateEntryReason: null,
    harm: 'harm_to_others',
    lessRestrictiveTried: ['verbal_de_escalation'],
    inViewOfOthers: false,
    equipment: [],
    holds: [],
    appliedBy: ['s2'],
    supervisorId: 's1',
    supervisionPosition: 'doorway',
    injuriesToPerson: null,
    injuriesToStaff: null,
    endReason: 'no_longer_needed',
    orderedOrApprovedBy: 'u2',
    person: {
      id: 'p1',
      prisonNumber: 'AZ-1001',
      surname: 'Məmmədov',
      givenName: 'Əli',
      cell: { code: 'A-12', cellType: 'ordinary' },
      photoId: 'ph1',
    },
    cellCode: 'S-1',
    staffNames: { s1: 'Həsənova Leyla', s2: 'Quliyev Rəşad' },
    recordedByAuthor: author('Nərgiz Əliyeva', 'custodial_officer'),
    events: [
      // Sent out of order: the page shows them in the order they happened.
      event('d1', 'debrief_person', '2026-11-28T09:00:00.000Z', {
        summary: 'Talked it through; the noise set him off',
      }),
      event('a1', 'approval', '2026-11-28T08:10:00.000Z', null, author('Dr Rəna Kərimova', 'doctor')),
      event('o1', 'observation', '2026-11-28T08:15:00.000Z', {
        breathing: 'normal',
        limbCirculation: 'not_applicable',
        hydrationOffered: true,
        toiletNeeds: 'not_needed',
        mentalState: 'calm',
        stillNeeded: false,
        note: 'Sitting quietly on the bench',
      }),
      event('e2', 'end', '2026-11-28T08:40:00.000Z', { reason: 'no_longer_needed', injuriesToPerson: null }),
      event('d2', 'debrief_staff', '2026-11-28T09:05:00.000Z', {
        summary: 'Call the doctor earlier next time',
      }),
    ],
  };

  it('names the person (photo, name, prison number, cell), the staff, and every entry with its content, author and time in order', async () => {
    fakeApi(officer(), {
      ...routes,
      'GET /api/v1/restraint-episodes/e1': () => jsonResponse(episode),
      'GET /api/v1/staff': () => jsonResponse({ items: [] }),
    });
    renderApp('/restraint/episodes/e1', { language: 'en' });
    const person = await screen.findByRole('region', { name: 'Məmmədov Əli' });
    expect(within(person).getByRole('img', { name: 'Photo of Məmmədov Əli' }).getAttribute('src')).toBe(
      '/api/v1/persons/p1/photo?v=ph1',
    );
    expect(person.textContent).toContain('Prison number: AZ-1001');
    expect(person.textContent).toContain('Cell: A-12');
    expect(
      (await screen.findByRole('rowheader', { name: 'Applied by' })).closest('tr')?.textContent,
    ).toContain('Quliyev Rəşad');
    expect(
      screen.getByRole('rowheader', { name: 'Started and recorded by' }).closest('tr')?.textContent,
    ).toContain('Nərgiz Əliyeva, Custodial officer');
    const entries = screen.getAllByRole('article');
    // 08:15 UTC is 12:15 in Baku (the institution's zone), in the order things happened.
    expect(entries.map((e) => e.querySelector('h3')?.textContent)).toEqual([
      expect.stringMatching(/12:10.*Approved/),
      expect.stringMatching(/12:15.*Observation/),
      expect.stringMatching(/12:40.*End/),
      expect.stringMatching(/13:00.*Debrief with the person/),
      expect.stringMatching(/13:05.*Staff debrief/),
    ]);
    const [approval, observation, end, debriefPerson, debriefStaff] = entries;
    expect(approval?.textContent).toContain('Recorded by Dr Rəna Kərimova, Doctor');
    expect(approval?.textContent).toContain('The content is shown to health staff only.');
    expect(observation?.textContent).toContain('Recorded by Nərgiz Əliyeva, Custodial officer');
    expect(observation?.textContent).toContain('Mental state:Calm');
    expect(observation?.textContent).toContain('Drink offered:Yes');
    expect(observation?.textContent).toContain('Still needed:No');
    expect(observation?.textContent).toContain('Sitting quietly on the bench');
    expect(end?.textContent).toContain('No longer needed');
    expect(debriefPerson?.textContent).toContain('Talked it through; the noise set him off');
    expect(debriefStaff?.textContent).toContain('Call the doctor earlier next time');
  });
});
