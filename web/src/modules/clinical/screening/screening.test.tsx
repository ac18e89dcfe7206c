import { completeScreening, emptyScreeningForm, type ScreeningForm } from '@custodia/domain';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { App } from '../../../app/App.tsx';
import { Layout } from '../../../app/Layout.tsx';
import { createQueryClient } from '../../../app/queryClient.ts';
import { PRIVATE_STORAGE_PREFIX } from '../../../app/session.ts';
import { type FakeRequest, fakeApi, problemResponse, sessionFor } from '../../../test/fakeApi.ts';
import { testI18n } from '../../../test/i18n.ts';
import { jsonResponse } from '../../../test/renderApp.tsx';
import { draftStorageKey } from './draftStore.ts';
import { fromServerForm } from './formValues.ts';
import { screeningRoutes } from './routes.ts';

const nurse = sessionFor(['nurse'], { institutionIds: ['inst-1'] });
const ENCOUNTER = 'enc-1';
const PERSON = 'person-1';

/** The screening pages in the shell, as the clinical module will mount them. */
function renderScreening(path: string) {
  const i18n = testI18n('en');
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false } });
  const router = createMemoryRouter([{ path: '/', element: <Layout />, children: screeningRoutes }], {
    initialEntries: [path],
  });
  return render(<App i18n={i18n} queryClient={queryClient} router={router} />);
}

function encounter(structured: ScreeningForm, version = 3) {
  return {
    id: ENCOUNTER,
    personId: PERSON,
    institutionId: 'inst-1',
    type: 'admission_screening',
    status: 'draft',
    startedAt: '2026-11-28T08:00:00.000Z',
    authorId: nurse.user.id,
    hidden: false,
    content: {
      type: 'admission_screening',
      startedAt: '2026-11-28T08:00:00.000Z',
      personsPresent: [{ kind: 'clinician', name: 'demo.nurse', sex: null }],
      interpreterUsed: false,
      femaleClinicianRequested: false,
      restricted: false,
    },
    structured,
    taskId: 'task-1',
    signedAt: null,
    signedBy: null,
    enteredInError: false,
    corrections: [],
    version,
  };
}

function person(sex: 'male' | 'female') {
  return {
    id: PERSON,
    prisonNumber: 'P-2026-0042',
    surnameLatin: sex === 'female' ? 'Əliyeva' : 'Kərimov',
    givenNameLatin: sex === 'female' ? 'Leyla' : 'Tural',
    patronymicLatin: null,
    surnameCyrillic: null,
    givenNameCyrillic: null,
    patronymicCyrillic: null,
    birthDate: '1990-01-01',
    sex,
    status: 'in_custody',
    institution: null,
    version: 1,
  };
}

function screeningApi(sex: 'male' | 'female', structured: ScreeningForm, extra = {}) {
  return fakeApi(nurse, {
    'GET /api/v1/encounters/enc-1': () => jsonResponse(encounter(structured)),
    [`GET /api/v1/persons/${PERSON}`]: () => jsonResponse(person(sex)),
    'GET /api/v1/institutions': () => jsonResponse({ items: [] }),
    'PUT /api/v1/encounters/enc-1': () => jsonResponse({ version: 4 }),
    ...extra,
  });
}

const title = () => screen.findByRole('heading', { level: 1, name: 'Admission health screening' });

describe('admission screening form', () => {
  it('ADM-2: a blank section stops completion with its translated problem, and the focus moves to it', async () => {
    const { requests } = screeningApi('male', completeScreening({ fitness: { status: null } }));
    renderScreening(`/clinical/screenings/${ENCOUNTER}`);
    await title();
    fireEvent.click(screen.getByRole('button', { name: 'Complete screening' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(/Fitness for work, exercise and activities/)).toBeTruthy();
    expect(within(alert).getByText(/Say whether this section was assessed\./)).toBeTruthy();
    const fitness = screen.getByRole('region', { name: 'Fitness for work, exercise and activities' });
    expect(within(fitness).getByText('Say whether this section was assessed.')).toBeTruthy();
    await waitFor(() => {
      const focused = document.activeElement as HTMLInputElement | null;
      expect(focused?.type).toBe('radio');
      expect(fitness.contains(focused)).toBe(true);
    });
    // Nothing went to the server: the same rules were checked here first.
    expect(requests.some((r) => r.path.endsWith('/complete-screening'))).toBe(false);
  });

  it('ADM-2: the server’s screening_incomplete field errors are shown at their fields, focus on the first', async () => {
    screeningApi('male', completeScreening(), {
      'POST /api/v1/encounters/enc-1/complete-screening': () =>
        problemResponse(400, 'screening_incomplete', [
          { path: 'body.structured.tuberculosis.chestXray', code: 'required', message: 'required' },
        ]),
    });
    renderScreening(`/clinical/screenings/${ENCOUNTER}`);
    await title();
    fireEvent.click(screen.getByRole('button', { name: 'Complete screening' }));
    const tb = screen.getByRole('region', { name: 'Tuberculosis and other contagious disease' });
    await within(tb).findByText('Answer this question.');
    await waitFor(() => expect(tb.contains(document.activeElement)).toBe(true));
  });

  it('INJ-3: the consistency uses the Istanbul Protocol grades; "cannot assess" asks for its reason', async () => {
    const injury = {
      side: 'front' as const,
      region: 'face' as const,
      description: 'Bruise 3 cm under the left eye',
      personsAccount: 'Hit by a door',
      consistency: 'cannot_assess' as const,
    };
    const { requests } = screeningApi(
      'male',
      completeScreening({ injuries: { status: 'assessed', items: [injury], illTreatment: 'denied' } }),
    );
    renderScreening(`/clinical/screenings/${ENCOUNTER}`);
    await title();
    // The form takes the server's values after its first render: wait for the injury to be there.
    const group = await waitFor(() => {
      const found = document.querySelector('[data-path="injuries.items.0.consistency"]');
      expect(found).not.toBeNull();
      return found as HTMLElement;
    });
    expect(
      within(group)
        .getAllByRole('radio')
        .map((r) => (r as HTMLInputElement).value),
    ).toEqual([
      'not_consistent',
      'consistent',
      'highly_consistent',
      'typical',
      'diagnostic',
      'cannot_assess',
    ]);
    for (const label of ['Highly consistent with', 'Typical of', 'Diagnostic of', 'Cannot assess'])
      expect(within(group).getByText(label)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Complete screening' }));
    const reasonField = () =>
      document.querySelector('[data-path="injuries.items.0.consistencyReason"]') as HTMLElement;
    await waitFor(() =>
      expect(reasonField().textContent).toContain('Give the reason the consistency cannot be assessed'),
    );
    expect(requests.some((r) => r.path.endsWith('/complete-screening'))).toBe(false);

    fireEvent.change(within(reasonField()).getByLabelText(/Why it cannot be assessed/), {
      target: { value: 'Healed scar, no account of its age' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'PUT')).toBe(true));
    const put = requests.find((r) => r.method === 'PUT') as FakeRequest;
    expect(put.body).toMatchObject({
      structured: {
        injuries: {
          items: [{ consistency: 'cannot_assess', consistencyReason: 'Healed scar, no account of its age' }],
        },
      },
    });
  });

  it('INJ-3: a screening graded on the earlier scale ("cannot say") stays readable', async () => {
    const injury = {
      side: 'front' as const,
      region: 'face' as const,
      description: 'Bruise 3 cm under the left eye',
      consistency: 'cannot_say' as const,
    };
    screeningApi(
      'male',
      completeScreening({ injuries: { status: 'assessed', items: [injury], illTreatment: 'denied' } }),
    );
    renderScreening(`/clinical/screenings/${ENCOUNTER}`);
    await title();
    // The form takes the server's values after its first render: wait for the injury to be there.
    const group = await waitFor(() => {
      const found = document.querySelector('[data-path="injuries.items.0.consistency"]');
      expect(found).not.toBeNull();
      return found as HTMLElement;
    });
    const old = group.querySelector('input[value="cannot_say"]') as HTMLInputElement;
    expect(old.checked).toBe(true);
    expect(within(group).getByText('Cannot say (earlier scale: grade again)')).toBeTruthy();
  });

  function completedScreeningApi(session: ReturnType<typeof sessionFor>) {
    return fakeApi(session, {
      'GET /api/v1/encounters/enc-1': () =>
        jsonResponse({ ...encounter(completeScreening(), 4), status: 'completed' }),
      [`GET /api/v1/persons/${PERSON}`]: () => jsonResponse(person('male')),
      'GET /api/v1/institutions': () => jsonResponse({ items: [] }),
      'POST /api/v1/encounters/enc-1/sign': () => jsonResponse({ version: 5 }),
    });
  }

  it('issue 14: a signed screening reads as a document: who completed and countersigned it and when, each section’s answers as text, no form fields', async () => {
    fakeApi(sessionFor(['doctor'], { institutionIds: ['inst-1'] }), {
      'GET /api/v1/encounters/enc-1': () =>
        jsonResponse({
          ...encounter(
            completeScreening({
              injuries: {
                status: 'assessed',
                noInjuriesSeen: false,
                items: [
                  {
                    side: 'front',
                    region: 'face',
                    description: 'Bruise 3 cm under the left eye',
                    personsAccount: 'Fell in the van',
                    consistency: 'consistent',
                  },
                ],
                illTreatment: 'denied',
              },
            }),
            5,
          ),
          status: 'signed',
          authorName: 'Həsənova Günay',
          signedAt: '2026-11-28T10:00:00.000Z',
          signedBy: 'u-doc',
          signedByName: 'Dr Kərimova Rəna',
          contentHash: 'a'.repeat(64),
        }),
      [`GET /api/v1/persons/${PERSON}`]: () => jsonResponse(person('male')),
      'GET /api/v1/institutions': () =>
        jsonResponse({
          items: [
            {
              id: 'inst-1',
              code: 'PILOT-1',
              name: { az: 'P1', en: 'P1', ru: 'P1' },
              kind: 'closed_prison',
              populationSex: 'male',
              capacity: 100,
              timeZone: 'Asia/Baku',
            },
          ],
        }),
    });
    renderScreening(`/clinical/screenings/${ENCOUNTER}`);
    await title();
    const record = await screen.findByRole('region', { name: 'Record' });
    // 08:00 and 10:00 UTC are 12:00 and 14:00 in Baku.
    await waitFor(() => expect(record.textContent).toContain('Completed by:Həsənova Günay · '));
    expect(record.textContent).toMatch(/Completed by:Həsənova Günay · [^·]*12:00/);
    expect(record.textContent).toMatch(/Countersigned by:Dr Kərimova Rəna · [^·]*14:00/);
    const injuries = screen.getByRole('region', { name: 'Injuries and ill-treatment' });
    expect(injuries.textContent).toContain('Description of the injury:Bruise 3 cm under the left eye');
    expect(injuries.textContent).toContain('Body region:Face');
    expect(injuries.textContent).toContain('Denies ill-treatment');
    expect(
      screen.getByRole('region', { name: 'Fitness for work, exercise and activities' }).textContent,
    ).toContain('Fitness for work:');
    // "Signed on" names the signer.
    expect(screen.getByRole('region', { name: 'Signed record' }).textContent).toMatch(
      /Signed on [^.]*14:00 by Dr Kərimova Rəna\./,
    );
    // A document, not greyed-out fields.
    expect(screen.queryAllByRole('radio')).toEqual([]);
    expect(screen.queryAllByRole('textbox').filter((e) => !e.closest('[role="dialog"]'))).toEqual([]);
  });

  it('ADM-1: the nurse who completed the screening cannot countersign it: it awaits a doctor', async () => {
    completedScreeningApi(nurse);
    renderScreening(`/clinical/screenings/${ENCOUNTER}`);
    await title();
    expect(await screen.findByText(/awaits a doctor's countersignature/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Countersign the screening' })).toBeNull();
  });

  it('ADM-1: a doctor countersigns the completed screening', async () => {
    const { requests } = completedScreeningApi(sessionFor(['doctor'], { institutionIds: ['inst-1'] }));
    renderScreening(`/clinical/screenings/${ENCOUNTER}`);
    await title();
    fireEvent.click(await screen.findByRole('button', { name: 'Countersign the screening' }));
    // Issue 14: signing asks first, naming what is signed.
    const dialog = await screen.findByRole('dialog', { name: 'Sign this note?' });
    expect(dialog.textContent).toContain('You are signing: Admission health screening');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign' }));
    await waitFor(() => expect(requests.some((r) => r.path.endsWith('/sign'))).toBe(true));
  });

  it('WOM-3: a woman’s form has the women’s section, with "declined to answer" for pregnancy; a man’s has none', async () => {
    screeningApi('female', emptyScreeningForm('female'));
    const first = renderScreening(`/clinical/screenings/${ENCOUNTER}`);
    await title();
    const women = await screen.findByRole('region', { name: "Women's health" });
    const pregnancy = within(women).getByRole('radiogroup', { name: /Pregnancy/ });
    expect(within(pregnancy).getByRole('radio', { name: 'Declined to answer' })).toBeTruthy();
    first.unmount();

    screeningApi('male', emptyScreeningForm('male'));
    renderScreening(`/clinical/screenings/${ENCOUNTER}`);
    await title();
    await screen.findByRole('region', { name: 'Injuries and ill-treatment' });
    expect(screen.queryByRole('region', { name: "Women's health" })).toBeNull();
    expect(screen.queryByText(/Pregnancy/)).toBeNull();
  });

  it('a draft kept in this browser (the network was lost before it was saved) is restored, then sent to the server', async () => {
    const kept = fromServerForm(emptyScreeningForm('male'), 'male');
    kept.healthNeeds = { status: 'assessed', currentMedication: 'Metformin 500 mg twice a day' };
    window.localStorage.setItem(
      draftStorageKey(nurse.user.id, ENCOUNTER),
      JSON.stringify({
        form: kept,
        content: encounter(emptyScreeningForm('male')).content,
        baseVersion: 3,
        savedAt: '2026-11-28T08:30:00.000Z',
      }),
    );
    const { requests } = screeningApi('male', emptyScreeningForm('male'));
    renderScreening(`/clinical/screenings/${ENCOUNTER}`);
    await title();
    expect(await screen.findByText('Unsaved changes restored')).toBeTruthy();
    expect((screen.getByLabelText('Current medication') as HTMLTextAreaElement).value).toBe(
      'Metformin 500 mg twice a day',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'PUT')).toBe(true));
    const put = requests.find((r) => r.method === 'PUT') as FakeRequest;
    expect(put.body).toMatchObject({
      version: 3,
      structured: { healthNeeds: { currentMedication: 'Metformin 500 mg twice a day' } },
    });
    // Once the server has it, the browser's copy is gone.
    await waitFor(() =>
      expect(window.localStorage.getItem(draftStorageKey(nurse.user.id, ENCOUNTER))).toBeNull(),
    );
  });

  it('MED-1: the draft kept in this browser is removed when the session expires (idle timeout: 401 on save)', async () => {
    screeningApi('male', emptyScreeningForm('male'), {
      'PUT /api/v1/encounters/enc-1': () => problemResponse(401, 'unauthenticated'),
    });
    renderScreening(`/clinical/screenings/${ENCOUNTER}`);
    await title();
    const healthNeeds = screen.getByRole('region', { name: 'Health needs and current medication' });
    fireEvent.click(within(healthNeeds).getByRole('radio', { name: 'Assessed' }));
    fireEvent.change(screen.getByLabelText('Current medication'), {
      target: { value: 'Methadone 60 mg' },
    });
    // Every change is kept in this browser while the session lasts…
    await waitFor(() =>
      expect(window.localStorage.getItem(draftStorageKey(nurse.user.id, ENCOUNTER))).toContain(
        'Methadone 60 mg',
      ),
    );
    window.sessionStorage.setItem(`${PRIVATE_STORAGE_PREFIX}other`, 'clinical');
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await screen.findByRole('button', { name: 'Sign in' });
    // …and none of it outlives the session on a shared ward computer.
    expect(window.localStorage.getItem(draftStorageKey(nurse.user.id, ENCOUNTER))).toBeNull();
    expect(window.sessionStorage.getItem(`${PRIVATE_STORAGE_PREFIX}other`)).toBeNull();
  });

  it('the vital signs and the allergy question start empty: no reading and no "no known allergies" filled in', async () => {
    screeningApi('male', emptyScreeningForm('male'));
    renderScreening(`/clinical/screenings/${ENCOUNTER}`);
    await title();
    const vitals = await screen.findByRole('region', { name: 'Weight, height and vital signs' });
    for (const label of [
      'Weight (kg)',
      'Height (cm)',
      'Systolic blood pressure (mmHg)',
      'Diastolic blood pressure (mmHg)',
      'Pulse (beats/min)',
      'Temperature (°C)',
      'Respiratory rate (breaths/min)',
      'Oxygen saturation (%)',
    ])
      expect((within(vitals).getByLabelText(label) as HTMLInputElement).value).toBe('');
    const allergies = screen.getByRole('region', { name: 'Allergies' });
    const answers = within(allergies).getAllByRole('radio') as HTMLInputElement[];
    expect(answers.map((r) => r.value)).toEqual(['none_known', 'listed', 'unknown']);
    expect(answers.some((r) => r.checked)).toBe(false);

    // Completing without an answer names the question, in words.
    fireEvent.click(screen.getByRole('button', { name: 'Complete screening' }));
    await within(allergies).findByText(
      'Ask about allergies and record the answer ("No known allergies" is an answer too).',
    );
  });

  it('out-of-range readings (pulse 500, temperature 60) get a translated message naming the range, and are not saved', async () => {
    const { requests } = screeningApi('male', completeScreening({ vitals: {} }));
    renderScreening(`/clinical/screenings/${ENCOUNTER}`);
    await title();
    const vitals = await screen.findByRole('region', { name: 'Weight, height and vital signs' });
    fireEvent.change(within(vitals).getByLabelText('Pulse (beats/min)'), { target: { value: '500' } });
    fireEvent.change(within(vitals).getByLabelText('Temperature (°C)'), { target: { value: '60' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await within(vitals).findByText(
      'Out of range: enter a value between 20 and 250 beats/min, or leave it empty.',
    );
    expect(
      within(vitals).getByText('Out of range: enter a value between 30 and 45 °C, or leave it empty.'),
    ).toBeTruthy();
    await waitFor(() => expect(vitals.contains(document.activeElement)).toBe(true));
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Complete screening' }));
    expect(requests.some((r) => r.path.endsWith('/complete-screening'))).toBe(false);

    // Corrected (a decimal typed as it comes), the readings go with the draft.
    fireEvent.change(within(vitals).getByLabelText('Pulse (beats/min)'), { target: { value: '76' } });
    fireEvent.change(within(vitals).getByLabelText('Temperature (°C)'), { target: { value: '36.8' } });
    const allergies = screen.getByRole('region', { name: 'Allergies' });
    fireEvent.click(within(allergies).getByRole('radio', { name: 'No known allergies' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'PUT')).toBe(true));
    const put = requests.find((r) => r.method === 'PUT') as FakeRequest;
    expect(put.body).toMatchObject({
      structured: {
        vitals: { pulse: 76, temperature: 36.8 },
        allergies: { answer: 'none_known', items: [] },
      },
    });
  });

  it('the server’s field error on a reading is shown at that reading, in words', async () => {
    screeningApi('male', completeScreening({ vitals: { pulse: 70 } }), {
      'PUT /api/v1/encounters/enc-1': () =>
        problemResponse(400, 'clinical_not_allowed', [
          { path: 'body.structured.vitals.spo2', code: 'implausible_value', message: 'implausible_value' },
        ]),
    });
    renderScreening(`/clinical/screenings/${ENCOUNTER}`);
    await title();
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    const vitals = screen.getByRole('region', { name: 'Weight, height and vital signs' });
    await within(vitals).findByText('Out of range: enter a value between 50 and 100 %, or leave it empty.');
  });

  it('a listed allergy needs its substance, kind and severity before completion', async () => {
    const { requests } = screeningApi('male', completeScreening({ allergies: { answer: null, items: [] } }));
    renderScreening(`/clinical/screenings/${ENCOUNTER}`);
    await title();
    const allergies = await screen.findByRole('region', { name: 'Allergies' });
    fireEvent.click(within(allergies).getByRole('radio', { name: 'Yes: list them' }));
    const first = await within(allergies).findByRole('group', { name: 'Allergy 1' });
    fireEvent.click(screen.getByRole('button', { name: 'Complete screening' }));
    await within(first).findByText('Name the substance (at least 2 characters).');
    expect(within(first).getAllByText('Answer this question.')).toHaveLength(2);
    expect(requests.some((r) => r.path.endsWith('/complete-screening'))).toBe(false);
  });
});
