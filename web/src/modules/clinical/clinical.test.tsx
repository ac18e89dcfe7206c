import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi, problemResponse, sessionFor } from '../../test/fakeApi.ts';
import { jsonResponse, renderApp } from '../../test/renderApp.tsx';
import type { PersonSummary } from '../registry/registry.api.ts';
import type { Chart, Encounter, HealthAlert } from './clinical.api.ts';

const person: PersonSummary = {
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

const emptyChart: Chart = {
  person: { id: 'p1', sex: 'male', birthDate: '1990-04-12', status: 'in_custody', institutionId: null },
  problems: [],
  allergies: [],
  vitals: [],
  labs: [],
  encounters: [],
  tasks: [],
  alerts: [],
};

const nurse = () => sessionFor(['nurse']);
const officer = () => sessionFor(['custodial_officer']);

const personRoutes = {
  'GET /api/v1/persons/p1': () => jsonResponse(person),
  'GET /api/v1/persons/p1/events': () => jsonResponse({ items: [], nextCursor: null }),
  'GET /api/v1/institutions': () => jsonResponse({ items: [] }),
  'GET /api/v1/persons/p1/consents': () => jsonResponse({ items: [], nextCursor: null }),
};

/** The field with this label (Mantine adds " *" to a required field's label). */
const field = (label: string) =>
  screen.getByLabelText(new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\*)?$`));
const errorOf = (label: string) => {
  const ids = (field(label).getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
};

describe('the person page’s tabs (issue 4) and the medical record (MED-1, MED-3)', () => {
  it('gives a custodial officer the custodial summary and health alerts, never the medical record', async () => {
    const api = fakeApi(officer(), personRoutes);
    renderApp('/registry/persons/p1', { language: 'en' });
    expect(await screen.findByRole('tab', { name: 'Custodial summary' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Health alerts' })).toBeTruthy();
    expect(screen.queryByRole('tab', { name: 'Medical record' })).toBeNull();
    // Even asked for by address, the medical record is not opened: the summary is shown instead.
    renderApp('/registry/persons/p1?tab=medical-record', { language: 'en' });
    await screen.findAllByRole('tab', { name: 'Custodial summary' });
    expect(api.requests.some((r) => r.path.endsWith('/chart'))).toBe(false);
  });

  it('shows a nurse the medical record tab, and reads the chart only when it is opened', async () => {
    const api = fakeApi(nurse(), {
      ...personRoutes,
      'GET /api/v1/persons/p1/chart': () => jsonResponse(emptyChart),
    });
    const { router } = renderApp('/registry/persons/p1', { language: 'en' });
    const tab = await screen.findByRole('tab', { name: 'Medical record' });
    expect(api.requests.some((r) => r.path.endsWith('/chart'))).toBe(false);
    fireEvent.click(tab);
    expect(await screen.findByRole('heading', { level: 2, name: 'Medical record' })).toBeTruthy();
    expect(router.state.location.search).toBe('?tab=medical-record');
    expect(screen.getByText('No active problems.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Record vital signs' })).toBeTruthy();
    expect(api.requests.filter((r) => r.path === '/api/v1/persons/p1/chart')).toHaveLength(1);
  });
});

describe('what the admission screening recorded, in the chart (issue 14 item 8)', () => {
  const fromScreening: Chart = {
    ...emptyChart,
    allergyStatement: {
      statement: 'none_known',
      encounterId: 'enc-9',
      recordedAt: '2026-11-28T08:00:00.000Z',
      authorName: 'Demo · Nurse',
    },
    injuries: [
      {
        encounterId: 'enc-9',
        index: 0,
        recordedAt: '2026-11-28T08:00:00.000Z',
        authorName: 'Demo · Nurse',
        side: 'front',
        region: 'arm_left',
        description: 'Bruise 3 × 2 cm, bluish',
        personsAccount: 'Says he fell on the stairs',
        consistency: 'consistent',
        illTreatment: 'denied',
      },
    ],
  };

  it('states "no known allergies" only as an answer given at a screening, with when and by whom; nothing recorded says so', async () => {
    fakeApi(nurse(), { ...personRoutes, 'GET /api/v1/persons/p1/chart': () => jsonResponse(fromScreening) });
    renderApp('/registry/persons/p1?tab=medical-record', { language: 'en' });
    const allergies = await screen.findByRole('region', { name: 'Allergies and intolerances' });
    expect(
      within(allergies).getByText(/^No known allergies — recorded at screening on .+, by Demo · Nurse\.$/),
    ).toBeTruthy();
    expect(within(allergies).getByRole('link', { name: 'Open the screening' }).getAttribute('href')).toBe(
      '/clinical/screenings/enc-9',
    );
    // The injury record lists the injury from the screening's body chart, in words.
    const injuries = screen.getByRole('region', { name: 'Injuries recorded at screening' });
    expect(within(injuries).getByText('Front, Left arm')).toBeTruthy();
    expect(within(injuries).getByText(/Bruise 3 × 2 cm, bluish/)).toBeTruthy();
    expect(within(injuries).getByText(/Consistency: Consistent with/)).toBeTruthy();
    expect(within(injuries).getByText(/Recorded at screening on .+, by Demo · Nurse/)).toBeTruthy();
  });

  it('an empty allergy list without an answer never reads as "no known allergies"', async () => {
    fakeApi(nurse(), { ...personRoutes, 'GET /api/v1/persons/p1/chart': () => jsonResponse(emptyChart) });
    renderApp('/registry/persons/p1?tab=medical-record', { language: 'en' });
    const allergies = await screen.findByRole('region', { name: 'Allergies and intolerances' });
    expect(allergies.textContent).not.toMatch(/No known allergies/);
    expect(within(allergies).getByText(/Nothing recorded: no allergy/)).toBeTruthy();
  });
});

describe('vital signs', () => {
  it('refuses an impossible value with a translated message, and shows the server’s refusal at its field', async () => {
    let answer = problemResponse(400, 'clinical_not_allowed', [
      { path: 'body.takenAt', code: 'in_the_future', message: 'in_the_future' },
    ]);
    const api = fakeApi(nurse(), {
      ...personRoutes,
      'GET /api/v1/persons/p1/chart': () => jsonResponse(emptyChart),
      'POST /api/v1/persons/p1/vitals': () => answer,
    });
    renderApp('/registry/persons/p1?tab=medical-record', { language: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Record vital signs' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record vital signs' });
    fireEvent.change(field('Systolic blood pressure (mmHg)'), { target: { value: '400' } });
    fireEvent.change(field('Diastolic blood pressure (mmHg)'), { target: { value: '80' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(errorOf('Systolic blood pressure (mmHg)')).toContain(
        'This value is not possible: enter 50–300 mmHg.',
      ),
    );
    expect(field('Systolic blood pressure (mmHg)').getAttribute('aria-invalid')).toBe('true');
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(field('Systolic blood pressure (mmHg)'), { target: { value: '120,5' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(errorOf('Taken at')).toContain('This time is in the future.'));
    const post = api.requests.find((r) => r.method === 'POST');
    expect(post?.body).toMatchObject({ systolic: 120.5, diastolic: 80, pulse: null });

    answer = jsonResponse({ ids: ['o1', 'o2'] }, 201);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The vital signs were recorded.')).toBeTruthy();
  });

  it('says it in Azerbaijani too', async () => {
    fakeApi(
      { ...nurse(), user: { ...nurse().user, language: 'az' } },
      { ...personRoutes, 'GET /api/v1/persons/p1/chart': () => jsonResponse(emptyChart) },
    );
    renderApp('/registry/persons/p1?tab=medical-record', { language: 'az' });
    fireEvent.click(await screen.findByRole('button', { name: 'Həyati göstəriciləri qeyd et' }));
    const dialog = await screen.findByRole('dialog', { name: 'Həyati göstəriciləri qeyd et' });
    fireEvent.change(field('Nəbz (vurğu/dəq)'), { target: { value: '400' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Yadda saxla' }));
    await waitFor(() =>
      expect(errorOf('Nəbz (vurğu/dəq)')).toContain('Bu qiymət mümkün deyil: 20–250 vurğu/dəq daxil edin.'),
    );
  });
});

/** Issue 14: signing asks first; this answers "Sign" in the confirmation. */
async function confirmSign() {
  const dialog = await screen.findByRole('dialog', { name: 'Sign this note?' });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Sign' }));
  await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Sign this note?' })).toBeNull());
}

describe('an encounter (X-2: signed entries are never edited in place)', () => {
  it('is signed by its author, then amended: the original stays readable, with the hashes shown', async () => {
    const user = nurse();
    let encounter: Encounter = {
      id: 'e1',
      personId: 'p1',
      institutionId: null,
      type: 'routine',
      status: 'draft',
      startedAt: '2026-02-01T08:00:00.000Z',
      authorId: user.user.id,
      authorName: 'Aliyeva Nigar',
      restricted: false,
      hidden: false,
      content: {
        type: 'routine',
        startedAt: '2026-02-01T08:00:00.000Z',
        personsPresent: [{ kind: 'clinician', name: 'Nurse Aliyeva', sex: 'female' }],
        interpreterUsed: false,
        femaleClinicianRequested: false,
        subjective: 'Headache for two days.',
        objective: null,
        assessment: null,
        plan: 'Paracetamol.',
        restricted: false,
      },
      structured: null,
      taskId: null,
      contentHash: null,
      signedAt: null,
      signedBy: null,
      signedByName: null,
      enteredInError: false,
      corrections: [],
      version: 3,
      updatedAt: '2026-02-01T08:10:00.000Z',
    };
    const api = fakeApi(user, {
      ...personRoutes,
      'GET /api/v1/encounters/e1': () => jsonResponse(encounter),
      'PUT /api/v1/encounters/e1': () => {
        encounter = { ...encounter, version: 4 };
        return jsonResponse({ version: 4 });
      },
      'POST /api/v1/encounters/e1/sign': () => {
        encounter = {
          ...encounter,
          status: 'signed',
          contentHash: 'a'.repeat(64),
          signedAt: '2026-02-01T08:20:00.000Z',
          signedBy: user.user.id,
          signedByName: 'Aliyeva Nigar',
          version: 5,
        };
        return jsonResponse({ contentHash: encounter.contentHash, signedAt: encounter.signedAt, version: 5 });
      },
      'POST /api/v1/encounters/e1/corrections': (request) => {
        const body = request.body as { kind: 'amendment'; reason: string; text: string };
        encounter = {
          ...encounter,
          corrections: [
            {
              id: 'c1',
              kind: body.kind,
              reason: body.reason,
              text: body.text,
              authorId: user.user.id,
              authorName: 'Aliyeva Nigar',
              createdAt: '2026-02-01T09:00:00.000Z',
              contentHash: 'b'.repeat(64),
            },
            {
              id: 'c0',
              kind: 'amendment',
              reason: 'The doctor adds the plan',
              text: 'Review in one week.',
              authorId: 'someone-else',
              authorName: 'Dr Məmmədli Rauf',
              createdAt: '2026-02-01T08:50:00.000Z',
              contentHash: 'c'.repeat(64),
            },
          ],
        };
        return jsonResponse({ id: 'c1' }, 201);
      },
    });
    renderApp('/clinical/encounters/e1', { language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Routine consultation' })).toBeTruthy();
    expect(
      screen.getByText('If custodial staff are present, you will be asked to record why (MED-4).'),
    ).toBeTruthy();
    // MED-4: an officer in the room needs a reason before signing.
    fireEvent.change(screen.getAllByLabelText(/^Role/)[0] as HTMLElement, { target: { value: 'clinician' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add a person present' }));
    const second = screen.getByRole('group', { name: 'Person present 2' });
    fireEvent.change(within(second).getByLabelText(/^Role/), { target: { value: 'custodial_staff' } });
    fireEvent.change(within(second).getByLabelText(/^Name/), { target: { value: 'Officer Həsənov' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign' }));
    await confirmSign();
    await waitFor(() =>
      expect(errorOf('Why custodial staff were present')).toContain(
        'Custodial staff were present: record why (MED-4).',
      ),
    );
    expect(api.requests.some((r) => r.method !== 'GET')).toBe(false);
    fireEvent.click(within(second).getByRole('button', { name: 'Remove person 2' }));

    fireEvent.click(screen.getByRole('button', { name: 'Sign' }));
    await confirmSign();
    expect(await screen.findByText('The encounter was signed.')).toBeTruthy();
    // The form was changed (and put back): it is saved with the version read, then signed.
    const put = api.requests.find((r) => r.method === 'PUT');
    expect(put?.body).toMatchObject({ version: 3, subjective: 'Headache for two days.' });
    const sign = api.requests.find((r) => r.path === '/api/v1/encounters/e1/sign');
    expect(sign?.body).toEqual({ version: 4 });
    expect(await screen.findByRole('heading', { level: 2, name: 'Signed note (original)' })).toBeTruthy();
    expect(screen.getByText('a'.repeat(64))).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Add an amendment' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add an amendment' });
    fireEvent.change(within(dialog).getByLabelText(/^Text of the amendment/), {
      target: { value: 'Also: blood pressure to be rechecked tomorrow.' },
    });
    fireEvent.change(within(dialog).getByLabelText(/^Reason/), { target: { value: 'short' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add the amendment' }));
    expect(await within(dialog).findByText('Enter at least 10 characters.')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText(/^Reason/), {
      target: { value: 'Forgot to note the follow-up.' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add the amendment' }));
    expect(await screen.findByText('The amendment was added.')).toBeTruthy();
    const corrections = screen.getByRole('region', { name: 'Amendments and corrections' });
    expect(
      await within(corrections).findByText('Also: blood pressure to be rechecked tomorrow.'),
    ).toBeTruthy();
    expect(within(corrections).getByText('b'.repeat(64))).toBeTruthy();
    // Each says who: "by you", or the colleague's name.
    expect(corrections.textContent).toContain('by you');
    expect(corrections.textContent).toContain('by Dr Məmmədli Rauf');
    // The original note is still there, unchanged.
    expect(screen.getByText('Headache for two days.')).toBeTruthy();
    const post = api.requests.find((r) => r.path === '/api/v1/encounters/e1/corrections');
    expect(post?.body).toEqual({
      kind: 'amendment',
      reason: 'Forgot to note the follow-up.',
      text: 'Also: blood pressure to be rechecked tomorrow.',
    });
  });
});

describe('a woman’s request for a female clinician (WOM-6)', () => {
  it('WOM-6: an account without a staff record is asked for the reason, which is sent and then signed', async () => {
    const user = sessionFor(['doctor']);
    let refusedOnce = false;
    const encounter: Encounter = {
      id: 'e2',
      personId: 'p1',
      institutionId: null,
      type: 'routine',
      status: 'draft',
      startedAt: '2026-02-01T08:00:00.000Z',
      authorId: user.user.id,
      authorName: 'Locum doctor',
      restricted: false,
      hidden: false,
      content: {
        type: 'routine',
        startedAt: '2026-02-01T08:00:00.000Z',
        personsPresent: [{ kind: 'clinician', name: 'Locum doctor', sex: null }],
        interpreterUsed: false,
        femaleClinicianRequested: true,
        subjective: 'Lower abdominal pain.',
        objective: null,
        assessment: null,
        plan: null,
        restricted: false,
      },
      structured: null,
      taskId: null,
      contentHash: null,
      signedAt: null,
      signedBy: null,
      signedByName: null,
      enteredInError: false,
      corrections: [],
      version: 1,
      updatedAt: '2026-02-01T08:10:00.000Z',
    };
    const api = fakeApi(user, {
      ...personRoutes,
      'GET /api/v1/persons/p1': () => jsonResponse({ ...person, sex: 'female' }),
      'GET /api/v1/encounters/e2': () => jsonResponse(encounter),
      'PUT /api/v1/encounters/e2': () => jsonResponse({ version: 2 }),
      'POST /api/v1/encounters/e2/sign': () => {
        if (refusedOnce) return jsonResponse({ contentHash: 'a'.repeat(64), signedAt: null, version: 3 });
        refusedOnce = true;
        return problemResponse(400, 'clinical_not_allowed', [
          {
            path: 'body.noStaffRecordReason',
            code: 'no_staff_record_reason_required',
            message: 'no_staff_record_reason_required',
          },
        ]);
      },
    });
    renderApp('/clinical/encounters/e2', { language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Routine consultation' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign' }));
    await confirmSign();
    await waitFor(() =>
      expect(errorOf('Why your account has no staff record')).toContain(
        'Your account is not linked to a staff record',
      ),
    );
    fireEvent.change(field('Why your account has no staff record'), {
      target: { value: 'Locum from the city hospital' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Sign' }));
    await confirmSign();
    await waitFor(() =>
      expect(api.requests.filter((r) => r.path === '/api/v1/encounters/e2/sign')).toHaveLength(2),
    );
    const put = api.requests.find((r) => r.method === 'PUT');
    expect(put?.body).toMatchObject({ noStaffRecordReason: 'Locum from the city hospital' });
  });
});

describe('health alerts (MED-3)', () => {
  it('show a custodial officer coded instructions only, in words, and no editor', async () => {
    const alerts: (HealthAlert & Record<string, unknown>)[] = [
      {
        id: 'a1',
        personId: 'p1',
        detail: { kind: 'observation', intervalMinutes: 15 },
        startsAt: '2026-02-01T08:00:00.000Z',
        endsAt: null,
        active: true,
        version: 1,
        // Whatever else a server might send is never shown.
        note: 'Depression F32, suicidal thoughts',
      },
      {
        id: 'a2',
        personId: 'p1',
        detail: { kind: 'special_diet', diet: 'diabetic' },
        startsAt: '2026-02-01T08:00:00.000Z',
        endsAt: null,
        active: true,
        version: 1,
      },
      {
        id: 'a3',
        personId: 'p1',
        detail: { kind: 'infection_control', precaution: 'airborne' },
        startsAt: '2026-02-01T08:00:00.000Z',
        endsAt: '2026-03-01T08:00:00.000Z',
        active: true,
        version: 1,
      },
      {
        id: 'a4',
        personId: 'p1',
        detail: { kind: 'fitness', area: 'work', result: 'not_fit' },
        startsAt: '2026-02-01T08:00:00.000Z',
        endsAt: null,
        active: true,
        version: 1,
      },
    ];
    const api = fakeApi(officer(), {
      ...personRoutes,
      'GET /api/v1/persons/p1/health-alerts': () => jsonResponse({ items: alerts }),
    });
    renderApp('/registry/persons/p1?tab=health-alerts', { language: 'en' });
    expect(await screen.findByText('Observe every 15 minutes')).toBeTruthy();
    expect(screen.getByText('Special diet: diabetic')).toBeTruthy();
    expect(screen.getByText('Infection control: airborne precautions')).toBeTruthy();
    expect(screen.getByText('Fitness for work: not fit')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/F32|Depression|suicid/);
    expect(screen.queryByRole('button', { name: 'Add a health alert' })).toBeNull();
    expect(screen.queryByRole('button', { name: /End the alert/ })).toBeNull();
    expect(api.requests.some((r) => r.path.endsWith('/chart'))).toBe(false);
  });

  it('let a nurse add one from codes, and end one at the version read', async () => {
    const api = fakeApi(nurse(), {
      ...personRoutes,
      'GET /api/v1/persons/p1/health-alerts': () =>
        jsonResponse({
          items: [
            {
              id: 'a1',
              personId: 'p1',
              detail: { kind: 'mobility_aid', aid: 'lower_bunk' },
              startsAt: '2026-02-01T08:00:00.000Z',
              endsAt: null,
              active: true,
              version: 2,
            },
          ],
        }),
      'POST /api/v1/persons/p1/health-alerts': () => jsonResponse({ id: 'a2' }, 201),
      'POST /api/v1/health-alerts/a1/end': () => jsonResponse({ version: 3 }),
    });
    renderApp('/registry/persons/p1?tab=health-alerts', { language: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Add a health alert' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a health alert' });
    fireEvent.change(within(dialog).getByLabelText(/^Kind of alert/), { target: { value: 'special_diet' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(errorOf('Diet')).toContain('Fill in this field.'));
    fireEvent.change(within(dialog).getByLabelText(/^Diet/), { target: { value: 'diabetic' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The health alert was added.')).toBeTruthy();
    const created = api.requests.find(
      (r) => r.path === '/api/v1/persons/p1/health-alerts' && r.method === 'POST',
    );
    expect(created?.body).toMatchObject({ detail: { kind: 'special_diet', diet: 'diabetic' }, endsAt: null });

    fireEvent.click(screen.getByRole('button', { name: 'End the alert: Mobility aid: lower bunk' }));
    const end = await screen.findByRole('dialog', { name: 'End the alert' });
    fireEvent.click(within(end).getByRole('button', { name: 'End the alert' }));
    expect(await screen.findByText('The health alert was ended.')).toBeTruthy();
    const ended = api.requests.find((r) => r.path === '/api/v1/health-alerts/a1/end');
    expect(ended?.body).toMatchObject({ version: 2 });
  });

  it('PHC-6: an infection-control (isolation) order needs its infectious reason and the end of the infectious period; HIV is not among the reasons', async () => {
    const api = fakeApi(nurse(), {
      ...personRoutes,
      'GET /api/v1/persons/p1/health-alerts': () => jsonResponse({ items: [] }),
      'POST /api/v1/persons/p1/health-alerts': () => jsonResponse({ id: 'i1' }, 201),
    });
    renderApp('/registry/persons/p1?tab=health-alerts', { language: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Add a health alert' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a health alert' });
    fireEvent.change(within(dialog).getByLabelText(/^Kind of alert/), {
      target: { value: 'infection_control' },
    });
    fireEvent.change(within(dialog).getByLabelText(/^Precautions/), { target: { value: 'contact' } });
    const reason = within(dialog).getByLabelText(/^Infectious reason/) as HTMLSelectElement;
    const offered = [...reason.options].map((o) => o.textContent ?? '');
    expect(offered).toContain('measles');
    expect(offered.join(' ')).not.toMatch(/HIV/i);
    expect(dialog.textContent).toContain('An HIV-positive status is never a reason for isolation (PHC-6).');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(errorOf('Infectious reason (health-care staff only)')).toContain(
        'An isolation order needs its infectious reason (PHC-6).',
      ),
    );
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
    fireEvent.change(reason, { target: { value: 'measles' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(errorOf('Until')).toContain('Give the end of the infectious period'));
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
    fireEvent.change(within(dialog).getByLabelText(/^Until/), { target: { value: '2099-01-15T12:00' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The health alert was added.')).toBeTruthy();
    expect(api.requests.find((r) => r.method === 'POST')?.body).toMatchObject({
      detail: { kind: 'infection_control', precaution: 'contact' },
      isolationReason: 'measles',
    });
  });

  const observed = (overdue: boolean) => ({
    id: 'o1',
    personId: 'p1',
    detail: { kind: 'observation' as const, intervalMinutes: 15 },
    startsAt: '2026-02-01T08:00:00.000Z',
    endsAt: null,
    active: true,
    version: 4,
    observation: {
      lastCheckAt: '2026-02-01T08:10:00.000Z',
      nextCheckDueAt: '2026-02-01T08:25:00.000Z',
      overdue,
    },
  });

  it('MHS-3: an observation more than 15 minutes apart needs the exception’s reason', async () => {
    const api = fakeApi(nurse(), {
      ...personRoutes,
      'GET /api/v1/persons/p1/health-alerts': () => jsonResponse({ items: [] }),
      'POST /api/v1/persons/p1/health-alerts': () => jsonResponse({ id: 'o2' }, 201),
    });
    renderApp('/registry/persons/p1?tab=health-alerts', { language: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Add a health alert' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a health alert' });
    fireEvent.change(within(dialog).getByLabelText(/^Kind of alert/), { target: { value: 'observation' } });
    fireEvent.change(within(dialog).getByLabelText(/^Observe every/), { target: { value: '30' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(errorOf('Why checks may be more than 15 minutes apart')).toContain(
        'More than 15 minutes between checks needs the reason of the exception',
      ),
    );
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
    fireEvent.change(within(dialog).getByLabelText(/^Why checks may be/), {
      target: { value: 'Shared cell with a trained peer supporter' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The health alert was added.')).toBeTruthy();
    const sent = api.requests.find((r) => r.method === 'POST');
    expect(sent?.body).toMatchObject({
      detail: { kind: 'observation', intervalMinutes: 30 },
      exceptionReason: 'Shared cell with a trained peer supporter',
    });
  });

  it('MHS-3: a custodial officer sees a missed check and records a check', async () => {
    const api = fakeApi(officer(), {
      ...personRoutes,
      'GET /api/v1/persons/p1/health-alerts': () => jsonResponse({ items: [observed(true)] }),
      'POST /api/v1/health-alerts/o1/checks': () => jsonResponse({ overdue: false }, 201),
    });
    renderApp('/registry/persons/p1?tab=health-alerts', { language: 'en' });
    expect(await screen.findByText('Check missed')).toBeTruthy();
    expect(document.body.textContent).toMatch(/Last check: .*next check due by/);
    expect(screen.queryByRole('button', { name: /Record the multidisciplinary review/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Record a check: Observe every 15 minutes' }));
    expect(await screen.findByText('The check was recorded.')).toBeTruthy();
    expect(
      api.requests.some((r) => r.method === 'POST' && r.path === '/api/v1/health-alerts/o1/checks'),
    ).toBe(true);
  });

  it('MHS-3: a clinician ends an observation only through a multidisciplinary review', async () => {
    const api = fakeApi(sessionFor(['doctor']), {
      ...personRoutes,
      'GET /api/v1/persons/p1/health-alerts': () => jsonResponse({ items: [observed(false)] }),
      'POST /api/v1/health-alerts/o1/reviews': () => jsonResponse({ id: 'r1', version: 5 }, 201),
    });
    renderApp('/registry/persons/p1?tab=health-alerts', { language: 'en' });
    const review = await screen.findByRole('button', {
      name: 'Record the multidisciplinary review: Observe every 15 minutes',
    });
    expect(screen.queryByRole('button', { name: /End the alert/ })).toBeNull();
    fireEvent.click(review);
    const dialog = await screen.findByRole('dialog', { name: 'Record the multidisciplinary review' });
    const first = within(dialog).getByRole('group', { name: 'Participant 1' });
    const second = within(dialog).getByRole('group', { name: 'Participant 2' });
    fireEvent.change(within(first).getByLabelText(/^Name/), { target: { value: 'Rəşad Hüseynov' } });
    fireEvent.change(within(first).getByLabelText(/^Discipline/), { target: { value: 'doctor' } });
    fireEvent.change(within(second).getByLabelText(/^Name/), { target: { value: 'Dr Məmmədli' } });
    fireEvent.change(within(second).getByLabelText(/^Discipline/), { target: { value: 'doctor' } });
    fireEvent.click(within(dialog).getByRole('radio', { name: 'End the observation' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record the multidisciplinary review' }));
    // One discipline is not a multidisciplinary review: said before anything is sent.
    expect(
      await within(dialog).findByText('A review brings together at least two disciplines (MHS-3).'),
    ).toBeTruthy();
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
    fireEvent.change(within(second).getByLabelText(/^Name/), { target: { value: 'Officer Quliyev' } });
    fireEvent.change(within(second).getByLabelText(/^Discipline/), { target: { value: 'custodial' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record the multidisciplinary review' }));
    expect(await screen.findByText('The review was recorded.')).toBeTruthy();
    const sent = api.requests.find((r) => r.path === '/api/v1/health-alerts/o1/reviews');
    expect(sent?.body).toMatchObject({
      decision: 'end_observation',
      version: 4,
      participants: [
        { name: 'Rəşad Hüseynov', discipline: 'doctor' },
        { name: 'Officer Quliyev', discipline: 'custodial' },
      ],
    });
  });
});

describe('the worklist', () => {
  it('links each clinical task to its task page, under a translated heading', async () => {
    fakeApi(nurse(), {
      'GET /api/v1/worklist': () =>
        jsonResponse({
          items: [
            {
              module: 'clinical',
              kind: 'tb_diagnostic',
              severity: 'overdue',
              subjectId: 'task-7',
              label: 'AZ-1001 · Məmmədov Əli',
              since: '2026-02-01T08:00:00.000Z',
            },
          ],
        }),
    });
    renderApp('/', { language: 'en' });
    expect(await screen.findByRole('heading', { name: /TB diagnostic work-ups/ })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'AZ-1001 · Məmmədov Əli' }).getAttribute('href')).toBe(
      '/clinical/tasks/task-7',
    );
  });

  it('issue 14: a doctor sees the notes to sign and the screenings to countersign, counted, each leading to the item', async () => {
    const item = (kind: string, subjectId: string, label: string) => ({
      module: 'clinical',
      kind,
      severity: 'due',
      subjectId,
      label,
      since: '2026-02-01T08:00:00.000Z',
    });
    fakeApi(sessionFor(['doctor']), {
      'GET /api/v1/worklist': () =>
        jsonResponse({
          items: [
            item('encounter_signature', 'enc-1', 'AZ-1001 · Məmmədov Əli'),
            item('encounter_signature', 'enc-2', 'AZ-1002 · Əliyev Rauf'),
            item('screening_countersignature', 'task-9', 'AZ-1003 · Quliyev Tural'),
          ],
        }),
    });
    renderApp('/', { language: 'en' });
    expect(await screen.findByRole('heading', { name: 'Notes to sign (2)' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Screenings to countersign (1)' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'AZ-1002 · Əliyev Rauf' }).getAttribute('href')).toBe(
      '/clinical/encounters/enc-2',
    );
    expect(screen.getByRole('link', { name: 'AZ-1003 · Quliyev Tural' }).getAttribute('href')).toBe(
      '/clinical/tasks/task-9',
    );
  });

  it('MHS-3: a missed observation check leads to the person’s health alerts', async () => {
    fakeApi(officer(), {
      'GET /api/v1/worklist': () =>
        jsonResponse({
          items: [
            {
              module: 'clinical',
              kind: 'observation_check',
              severity: 'overdue',
              subjectId: 'p1',
              label: 'AZ-1001 · Məmmədov Əli',
              since: '2026-02-01T08:25:00.000Z',
            },
          ],
        }),
    });
    renderApp('/', { language: 'en' });
    expect(await screen.findByRole('heading', { name: /Observation checks missed/ })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'AZ-1001 · Məmmədov Əli' }).getAttribute('href')).toBe(
      '/registry/persons/p1?tab=health-alerts',
    );
  });
});

describe('documents of the medical file', () => {
  it('refuses a text file before sending anything, and shows the server’s 415 in words', async () => {
    const api = fakeApi(nurse(), {
      ...personRoutes,
      'GET /api/v1/persons/p1/chart': () => jsonResponse(emptyChart),
      'GET /api/v1/persons/p1/documents': () =>
        jsonResponse({
          items: [
            {
              id: 'd1',
              personId: 'p1',
              type: 'lab_report',
              title: 'HIV confirmation',
              contentType: 'application/pdf',
              size: 2_400_000,
              sha256: 'c'.repeat(64),
              restricted: true,
              authorId: 'someone',
              uploadedAt: '2026-11-20T08:00:00.000Z',
            },
          ],
          nextCursor: 'next',
        }),
      'POST /api/v1/persons/p1/documents': () => problemResponse(415, 'unsupported_media_type'),
    });
    renderApp('/registry/persons/p1?tab=medical-record', { language: 'en' });
    const section = await screen.findByRole('region', { name: 'Documents' });
    const link = await within(section).findByRole('link', { name: /HIV confirmation/ });
    expect(link.getAttribute('href')).toBe('/api/v1/documents/d1/content');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(within(section).getByText('Laboratory report')).toBeTruthy();
    expect(within(section).getByText('2.3 MB')).toBeTruthy();
    expect(within(section).getByText(/restricted/)).toBeTruthy();
    expect(within(section).getByRole('button', { name: 'Load older documents' })).toBeTruthy();

    fireEvent.click(within(section).getByRole('button', { name: 'Add a document' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a document' });
    const file = within(dialog).getByLabelText(/^File/);
    fireEvent.change(file, { target: { files: [new File(['hello'], 'notes.pdf', { type: 'text/plain' })] } });
    fireEvent.change(within(dialog).getByLabelText(/^Kind of document/), { target: { value: 'lab_report' } });
    fireEvent.change(within(dialog).getByLabelText(/^Title/), { target: { value: 'Sputum result' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add the document' }));
    await waitFor(() => expect(errorOf('File')).toContain('Only PDF, JPEG and PNG files are accepted.'));
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);

    // The first bytes say PDF; the server still refuses it (415): said in words, not as a code.
    fireEvent.change(file, {
      target: { files: [new File(['%PDF-1.7 broken'], 'result.pdf', { type: 'application/pdf' })] },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add the document' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'The server read the file: it is not a PDF, JPEG or PNG.',
    );
    const post = api.requests.find((r) => r.method === 'POST');
    expect(post?.url.searchParams.get('type')).toBe('lab_report');
    expect(post?.url.searchParams.get('title')).toBe('Sputum result');
    expect(post?.url.searchParams.get('restricted')).toBe('false');
    expect(post?.headers.get('content-type')).toBe('application/pdf');
    expect(post?.headers.get('x-csrf-token')).toBe('csrf-token-for-tests');
  });
});

describe('requests for a copy of the file (MED-2)', () => {
  it('fulfils a request: the PDF copy is downloaded in the user’s language and the row shows the date', async () => {
    let fulfilledAt: string | null = null;
    const api = fakeApi(sessionFor(['doctor']), {
      ...personRoutes,
      'GET /api/v1/persons/p1/chart': () => jsonResponse(emptyChart),
      'GET /api/v1/persons/p1/documents': () => jsonResponse({ items: [], nextCursor: null }),
      'GET /api/v1/persons/p1/access-requests': () =>
        jsonResponse({
          items: [
            {
              id: 'r1',
              receivedAt: '2026-11-20T08:00:00.000Z',
              thirdParty: 'Lawyer Qasımov',
              note: null,
              fulfilledAt,
              version: 1,
            },
          ],
        }),
      'POST /api/v1/access-requests/r1/fulfil': () => {
        fulfilledAt = '2026-11-28T09:00:00.000Z';
        return new Response('%PDF-1.7 copy', { headers: { 'content-type': 'application/pdf' } });
      },
    });
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:copy');
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = vi.fn();
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    renderApp('/registry/persons/p1?tab=medical-record', { language: 'en' });
    const section = await screen.findByRole('region', { name: 'Requests for a copy of the file' });
    expect(await within(section).findByText('Lawyer Qasımov')).toBeTruthy();
    fireEvent.click(within(section).getByRole('button', { name: /^Fulfil and download the copy \(PDF\)/ }));
    expect(await within(section).findByText(/^Fulfilled 28[./]11[./]2026/)).toBeTruthy();
    expect(within(section).queryByRole('button', { name: /^Fulfil/ })).toBeNull();
    expect(
      within(section).getByText('The copy was downloaded and the request recorded as fulfilled.'),
    ).toBeTruthy();

    const post = api.requests.find((r) => r.path === '/api/v1/access-requests/r1/fulfil');
    expect(post?.method).toBe('POST');
    expect(post?.url.searchParams.get('language')).toBe('en');
    expect(post?.headers.get('x-csrf-token')).toBe('csrf-token-for-tests');
    const blob = createObjectURL.mock.calls[0]?.[0];
    expect(blob?.type).toBe('application/pdf');
    expect(await blob?.text()).toBe('%PDF-1.7 copy');
    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.download).toBe('medical-file-r1.pdf');
    expect(clicked[0]?.getAttribute('href')).toBe('blob:copy');
  });

  it('registers a request with when it was received, and says when one was fulfilled already', async () => {
    const api = fakeApi(sessionFor(['doctor']), {
      ...personRoutes,
      'GET /api/v1/persons/p1/chart': () => jsonResponse(emptyChart),
      'GET /api/v1/persons/p1/documents': () => jsonResponse({ items: [], nextCursor: null }),
      'GET /api/v1/persons/p1/access-requests': () =>
        jsonResponse({
          items: [
            {
              id: 'r2',
              receivedAt: '2026-11-20T08:00:00.000Z',
              thirdParty: null,
              note: null,
              fulfilledAt: null,
              version: 1,
            },
          ],
        }),
      'POST /api/v1/persons/p1/access-requests': () => jsonResponse({ id: 'r3' }, 201),
      'POST /api/v1/access-requests/r2/fulfil': () =>
        problemResponse(400, 'clinical_not_allowed', [
          { path: 'body.requestId', code: 'already_fulfilled', message: 'already_fulfilled' },
        ]),
    });
    renderApp('/registry/persons/p1?tab=medical-record', { language: 'en' });
    const section = await screen.findByRole('region', { name: 'Requests for a copy of the file' });
    fireEvent.click(await within(section).findByRole('button', { name: /^Fulfil and download/ }));
    expect((await within(section).findByRole('alert')).textContent).toContain(
      'This request has already been fulfilled',
    );

    fireEvent.click(within(section).getByRole('button', { name: 'Register a request' }));
    const dialog = await screen.findByRole('dialog', { name: 'Register a request' });
    fireEvent.change(within(dialog).getByLabelText(/^Received/), { target: { value: '2026-11-27T10:30' } });
    fireEvent.change(within(dialog).getByLabelText(/^Third party/), { target: { value: 'Lawyer Qasımov' } });
    fireEvent.change(within(dialog).getByLabelText(/^Note/), { target: { value: 'Asked in writing.' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The request was registered.')).toBeTruthy();
    const created = api.requests.find(
      (r) => r.method === 'POST' && r.path === '/api/v1/persons/p1/access-requests',
    );
    expect(created?.body).toMatchObject({ thirdParty: 'Lawyer Qasımov', note: 'Asked in writing.' });
    expect((created?.body as { receivedAt?: string } | undefined)?.receivedAt).toMatch(
      /^2026-11-27T\d\d:30:00\.000Z$/,
    );
  });

  it('MED-2: a health manager, who may not read restricted items, registers a request but is not offered the copy', async () => {
    const api = fakeApi(sessionFor(['health_manager']), {
      ...personRoutes,
      'GET /api/v1/persons/p1/chart': () => jsonResponse(emptyChart),
      'GET /api/v1/persons/p1/documents': () => jsonResponse({ items: [], nextCursor: null }),
      'GET /api/v1/persons/p1/access-requests': () =>
        jsonResponse({
          items: [
            {
              id: 'r4',
              receivedAt: '2026-11-20T08:00:00.000Z',
              thirdParty: null,
              note: null,
              fulfilledAt: null,
              version: 1,
            },
          ],
        }),
    });
    renderApp('/registry/persons/p1?tab=medical-record', { language: 'en' });
    const section = await screen.findByRole('region', { name: 'Requests for a copy of the file' });
    expect(await within(section).findByText(/^Awaiting fulfilment: the copy is the whole file/)).toBeTruthy();
    expect(within(section).queryByRole('button', { name: /^Fulfil/ })).toBeNull();
    expect(within(section).getByRole('button', { name: 'Register a request' })).toBeTruthy();
    expect(api.requests.some((r) => r.path.endsWith('/fulfil'))).toBe(false);
  });

  it('is not offered to a nurse (clinical.access_request.manage)', async () => {
    const api = fakeApi(nurse(), {
      ...personRoutes,
      'GET /api/v1/persons/p1/chart': () => jsonResponse(emptyChart),
      'GET /api/v1/persons/p1/documents': () => jsonResponse({ items: [], nextCursor: null }),
    });
    renderApp('/registry/persons/p1?tab=medical-record', { language: 'en' });
    await screen.findByRole('region', { name: 'Documents' });
    expect(screen.queryByRole('region', { name: 'Requests for a copy of the file' })).toBeNull();
    expect(api.requests.some((r) => r.path.endsWith('/access-requests'))).toBe(false);
  });
});

describe('ICD-10 search (DAT-5)', () => {
  it('finds codes by words in another script and says when they come from the demonstration list', async () => {
    const api = fakeApi(nurse(), {
      'GET /api/v1/terminology': () =>
        jsonResponse({
          items: [
            {
              system: 'http://hl7.org/fhir/sid/icd-10',
              code: 'A15.0',
              display: 'Туберкулёз лёгких',
              language: 'ru',
              demo: true,
            },
          ],
        }),
    });
    renderApp('/clinical/terminology', { language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'ICD-10 codes' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Code or words'), { target: { value: 'туберк' } });
    expect(await screen.findByText('Туберкулёз лёгких')).toBeTruthy();
    expect(within(screen.getByRole('table')).getByText('Russian')).toBeTruthy();
    expect(screen.getByText(/These codes come from the demonstration list/)).toBeTruthy();
    const asked = api.requests.find((r) => r.path === '/api/v1/terminology');
    expect(asked?.url.searchParams.get('q')).toBe('туберк');
    expect(asked?.url.searchParams.get('language')).toBe('en');
  });

  it('shows no notice for an imported ICD-10', async () => {
    fakeApi(nurse(), {
      'GET /api/v1/terminology': () =>
        jsonResponse({
          items: [
            {
              system: 'http://hl7.org/fhir/sid/icd-10',
              code: 'A15',
              display: 'Respiratory tuberculosis',
              language: 'en',
              demo: false,
            },
          ],
        }),
    });
    renderApp('/clinical/terminology', { language: 'en' });
    fireEvent.change(await screen.findByLabelText('Code or words'), { target: { value: 'A15' } });
    expect(await screen.findByText('Respiratory tuberculosis')).toBeTruthy();
    expect(screen.queryByText(/demonstration list/)).toBeNull();
  });
});

describe('time limits (X-1, X-4)', () => {
  const thresholds = [
    {
      id: 'ADM-1.screening_due_minutes',
      defaultValue: 1440,
      value: 1440,
      sourceRef: 'ADM-1: CPT/Inf(2013)29 §73; Mandela r.30; EPR r.42.1',
      legalBasis: null,
      setAt: null,
    },
    {
      id: 'RST-6.observation_minutes',
      defaultValue: 15,
      value: 15,
      sourceRef: 'RST-6: CPT/Inf(2017)6 §7',
      legalBasis: null,
      setAt: null,
    },
    {
      id: 'RST-7.repeat_episodes',
      defaultValue: 3,
      value: 3,
      sourceRef: 'RST-7: CPT/Inf(2017)6 §4.2',
      legalBasis: null,
      setAt: null,
    },
  ];

  it('X-4: loosening a limit needs the legal basis, said in the form, before anything is sent', async () => {
    let answer: Response = new Response(null, { status: 204 });
    const api = fakeApi(sessionFor(['health_manager'], { national: true }), {
      'GET /api/v1/institutions': () => jsonResponse({ items: [] }),
      'GET /api/v1/rule-thresholds': () => jsonResponse({ items: thresholds }),
      'PUT /api/v1/rule-thresholds/ADM-1.screening_due_minutes': () => answer,
    });
    renderApp('/clinical/rules', { language: 'en' });
    // Each limit by name, in hours and minutes, with its source.
    expect(await screen.findByRole('rowheader', { name: /Admission screening within/ })).toBeTruthy();
    expect(screen.getByText('ADM-1: CPT/Inf(2013)29 §73; Mandela r.30; EPR r.42.1')).toBeTruthy();
    expect(screen.getAllByText('24 h')).toHaveLength(2);
    expect(screen.getAllByText('15 min')).toHaveLength(2);
    expect(screen.getAllByText('3 episodes')).toHaveLength(2);
    expect(screen.getByText(/^National values/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Change: Admission screening within' }));
    const dialog = await screen.findByRole('dialog', { name: /Admission screening within/ });
    fireEvent.change(within(dialog).getByLabelText(/^New value \(minutes\)/), { target: { value: '2880' } });
    expect(within(dialog).getByText('That is 48 h.')).toBeTruthy();
    expect(within(dialog).getByText(/looser \(higher\) than the strictest default, 24 h/)).toBeTruthy();
    const legalBasis = within(dialog).getByLabelText(/^Legal basis/);
    expect(legalBasis.hasAttribute('required')).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(errorOf('Legal basis')).toContain('record the legal basis'));
    expect(api.requests.some((r) => r.method === 'PUT')).toBe(false);

    // The server's field refusal is shown at its field, in words.
    answer = problemResponse(400, 'clinical_not_allowed', [
      { path: 'body.value', code: 'out_of_bounds', message: 'out_of_bounds' },
    ]);
    fireEvent.change(legalBasis, { target: { value: 'Order No. 12 of the Ministry of Justice' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(errorOf('New value (minutes)')).toContain('This value is outside the range the rule allows.'),
    );
    expect(api.requests.find((r) => r.method === 'PUT')?.body).toEqual({
      value: 2880,
      legalBasis: 'Order No. 12 of the Ministry of Justice',
      institutionId: null,
    });

    answer = new Response(null, { status: 204 });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The time limit was saved.')).toBeTruthy();
  });

  it('tightening needs no legal basis', async () => {
    const api = fakeApi(sessionFor(['health_manager'], { national: true }), {
      'GET /api/v1/institutions': () => jsonResponse({ items: [] }),
      'GET /api/v1/rule-thresholds': () => jsonResponse({ items: thresholds }),
      'PUT /api/v1/rule-thresholds/RST-6.observation_minutes': () => new Response(null, { status: 204 }),
    });
    renderApp('/clinical/rules', { language: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: /^Change: Restraint: observation every/ }));
    const dialog = await screen.findByRole('dialog', { name: /observation every/ });
    fireEvent.change(within(dialog).getByLabelText(/^New value/), { target: { value: '10' } });
    expect(
      within(dialog)
        .getByLabelText(/^Legal basis/)
        .hasAttribute('required'),
    ).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The time limit was saved.')).toBeTruthy();
    expect(api.requests.find((r) => r.method === 'PUT')?.body).toEqual({
      value: 10,
      legalBasis: null,
      institutionId: null,
    });
  });

  it('shows a reader without rules.threshold.manage the limits, and no editor', async () => {
    fakeApi(sessionFor(['governor']), {
      'GET /api/v1/institutions': () => jsonResponse({ items: [] }),
      'GET /api/v1/rule-thresholds': () => jsonResponse({ items: thresholds }),
    });
    renderApp('/clinical/rules', { language: 'en' });
    expect(await screen.findByText('RST-6: CPT/Inf(2017)6 §7')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Change/ })).toBeNull();
  });
});

describe('vital signs and lab results over time (MED-1)', () => {
  const reading = (id: string, test: string, value: number, at: string, category = 'vital-signs') => ({
    id,
    category,
    test,
    codeSystem: 'http://loinc.org',
    code: 'x',
    valueNumber: value,
    valueCode: null,
    unit: null,
    note: null,
    effectiveAt: at,
    restricted: false,
    authorId: 'u1',
    encounterId: null,
  });

  it('fetches nothing until asked, then pages through the readings, and switches to lab results', async () => {
    const api = fakeApi(nurse(), {
      ...personRoutes,
      'GET /api/v1/persons/p1/chart': () => jsonResponse(emptyChart),
      'GET /api/v1/persons/p1/observations': (request) => {
        const category = request.url.searchParams.get('category');
        if (category === 'laboratory') return jsonResponse({ items: [], nextCursor: null });
        return request.url.searchParams.get('cursor') === 'c2'
          ? jsonResponse({
              items: [reading('o3', 'pulse', 64, '2026-03-01T08:00:00.000Z')],
              nextCursor: null,
            })
          : jsonResponse({
              items: [
                reading('o1', 'systolic', 135, '2026-05-02T08:00:00.000Z'),
                reading('o2', 'pulse', 88, '2026-05-02T08:00:00.000Z'),
              ],
              nextCursor: 'c2',
            });
      },
    });
    renderApp('/registry/persons/p1?tab=medical-record', { language: 'en' });
    const show = await screen.findByRole('button', { name: 'Show the history' });
    expect(api.requests.some((r) => r.path.endsWith('/observations'))).toBe(false);
    fireEvent.click(show);
    const table = await screen.findByRole('table', { name: 'Vital signs' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    expect(within(table).getByText('Systolic blood pressure')).toBeTruthy();
    expect(table.textContent).toContain('135 mmHg');
    fireEvent.click(screen.getByRole('button', { name: 'Load older entries' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    expect(table.textContent).toContain('64 beats/min');
    expect(screen.queryByRole('button', { name: 'Load older entries' })).toBeNull();
    const pages = api.requests.filter((r) => r.path === '/api/v1/persons/p1/observations');
    expect(pages.map((r) => [r.url.searchParams.get('category'), r.url.searchParams.get('cursor')])).toEqual([
      ['vital-signs', null],
      ['vital-signs', 'c2'],
    ]);

    fireEvent.click(screen.getByRole('radio', { name: 'Lab results' }));
    expect(await screen.findByText('No lab results recorded.')).toBeTruthy();
    expect(api.requests.at(-1)?.url.searchParams.get('category')).toBe('laboratory');
  });
});

describe('signing is a decision (issue 14 item 5)', () => {
  it('asks for confirmation naming what is signed; Cancel sends nothing; an empty note is refused in words', async () => {
    const user = sessionFor(['doctor']);
    const encounter: Encounter = {
      id: 'e2',
      personId: 'p1',
      institutionId: null,
      type: 'routine',
      status: 'draft',
      startedAt: '2026-02-01T08:00:00.000Z',
      authorId: user.user.id,
      authorName: 'Dr Kərimova Rəna',
      restricted: false,
      hidden: false,
      content: {
        type: 'routine',
        startedAt: '2026-02-01T08:00:00.000Z',
        personsPresent: [{ kind: 'clinician', name: 'Dr Kərimova', sex: 'female' }],
        interpreterUsed: false,
        femaleClinicianRequested: false,
        subjective: null,
        objective: null,
        assessment: null,
        plan: null,
        restricted: false,
      },
      structured: null,
      taskId: null,
      contentHash: null,
      signedAt: null,
      signedBy: null,
      signedByName: null,
      enteredInError: false,
      corrections: [],
      version: 1,
      updatedAt: '2026-02-01T08:10:00.000Z',
    };
    const api = fakeApi(user, {
      ...personRoutes,
      'GET /api/v1/encounters/e2': () => jsonResponse(encounter),
      'POST /api/v1/encounters/e2/sign': () => problemResponse(400, 'encounter_note_empty'),
    });
    renderApp('/clinical/encounters/e2', { language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Routine consultation' })).toBeTruthy();
    await screen.findByText(/Person: Məmmədov/);

    fireEvent.click(screen.getByRole('button', { name: 'Sign' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign this note?' });
    expect(dialog.textContent).toContain('You are signing: Routine consultation');
    expect(dialog.textContent).toContain('AZ-1001');
    expect(dialog.textContent).toContain('cannot be changed');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Sign this note?' })).toBeNull());
    expect(api.requests.some((r) => r.method !== 'GET')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Sign' }));
    await confirmSign();
    await waitFor(() => expect(api.requests.some((r) => r.path === '/api/v1/encounters/e2/sign')).toBe(true));
    expect(
      await screen.findByText('The note is empty. Write what was found and what was done before signing.'),
    ).toBeTruthy();
  });
});
