import type { HungerEpisode } from '@custodia/domain/hungerstrike';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, problemResponse, sessionFor } from '../../test/fakeApi.ts';
import { jsonResponse, renderApp } from '../../test/renderApp.tsx';
import { hungerstrikeModule } from './module.ts';

const item = (kind: string) => ({
  module: 'hungerstrike',
  kind,
  severity: 'due' as const,
  subjectId: 'e1',
  label: 'Məmmədov Əli · AZ-1',
  since: null,
});

describe('hunger strikes in the web app (ADR 0042)', () => {
  it('HUN-5, HUN-6, HUN-10: each worklist line leads to the page where it is done', () => {
    expect(hungerstrikeModule.worklistLink?.(item('hungerstrike_daily_offer'))).toBe('/hunger-strikes/e1');
    expect(hungerstrikeModule.worklistLink?.(item('hungerstrike_reconfirmation'))).toBe(
      '/hunger-strikes/e1/instructions',
    );
    expect(hungerstrikeModule.worklistLink?.(item('hungerstrike_refeeding_step'))).toBe(
      '/hunger-strikes/e1/refeeding',
    );
    expect(hungerstrikeModule.worklistLink?.(item('injuries_report_to_send'))).toBeNull();
  });
});

const institution = {
  id: 'i1',
  code: 'PILOT-1',
  name: { az: 'P1', en: 'P1', ru: 'P1' },
  kind: 'closed_prison',
  populationSex: 'male',
  capacity: 100,
  timeZone: 'Asia/Baku',
};

const episode: HungerEpisode = {
  id: 'e1',
  personId: 'p1',
  name: 'Məmmədov Əli',
  prisonNumber: 'AZ-1001',
  institutionId: 'i1',
  version: 1,
  startedAt: '2026-12-02T05:00:00.000Z',
  type: 'food',
  collective: false,
  collectiveGroupId: null,
  linkedEpisodes: [],
  statedAim: null,
  state: 'ongoing',
  endedAt: null,
  endManner: null,
  due: {
    day: '2026-12-06',
    dayNumber: 5,
    offerDue: true,
    measurementsDue: true,
    dueAt: '2026-12-06T20:00:00.000Z',
    missedDays: 0,
  },
  measurementsDueFrom: '2026-12-05T05:00:00.000Z',
  signs: [],
  baselineKg: 74,
  lastKg: 72,
  capacity: null,
  baseline: null,
  information: [],
  days: [
    {
      id: 'd4',
      day: '2026-12-05',
      dayNumber: 4,
      offeredAt: '2026-12-05T06:00:00.000Z',
      assessment: 'done',
      weight: { status: 'done', kg: 72 },
      vitals: { status: 'refused', pulse: null, systolic: null, diastolic: null, temperature: null },
      fluidsTaken: true,
      note: null,
      by: 'Demo nurse',
    },
  ],
  dayCount: 1,
  advanceInstructions: null,
  reconfirmations: [],
  reconfirmation: null,
  notices: [],
  independentPhysician: [],
  interventions: [],
  refeeding: null,
  mentalHealthReferralTaskId: null,
};

const routes = {
  'GET /api/v1/institutions': () => jsonResponse({ items: [institution] }),
  'GET /api/v1/hunger-strikes/e1': () => jsonResponse(episode),
};
const nurse = () => sessionFor(['nurse'], { institutionIds: ['i1'] });

describe('the hunger-strike record (HUN-5, HUN-7)', () => {
  it('HUN-5: the day’s form starts with nothing chosen — no status, no value, never "normal" — and sends each as done or refused', async () => {
    const api = fakeApi(nurse(), {
      ...routes,
      'POST /api/v1/hunger-strikes/e1/days': () => jsonResponse({ id: 'd5' }, 201),
    });
    renderApp('/hunger-strikes/e1', { language: 'en' });
    const form = await screen.findByRole('form', { name: 'Record today’s offer' });
    for (const select of within(form).getAllByRole('combobox'))
      expect((select as HTMLSelectElement).value).toBe('');
    expect(within(form).queryByText(/normal/i)).toBeNull();
    // Day 4: the vital signs the person refused read as refused, not as empty or normal.
    expect(within(screen.getByRole('table', { name: /Days recorded/ })).getByText('Refused')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText(/^Offer of assessment/), { target: { value: 'done' } });
    fireEvent.change(within(form).getByLabelText(/^Weight/), { target: { value: 'done' } });
    fireEvent.change(await within(form).findByLabelText(/^Weight \(kg\)/), { target: { value: '71,5' } });
    fireEvent.change(within(form).getByLabelText(/^Vital signs/), { target: { value: 'refused' } });
    fireEvent.submit(form);
    expect(await within(form).findByText('Saved.')).toBeTruthy();
    const post = api.requests.find((r) => r.method === 'POST');
    expect(post?.body).toMatchObject({
      assessment: 'done',
      weight: { status: 'done', kg: 71.5 },
      vitals: { status: 'refused' },
      fluidsTaken: null,
    });
    expect(post?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{32,36}$/);
  });

  it('HUN-7: the interventions offered are the known ones, none forced; the incapacity decision only without consent; a refusal reads in words', async () => {
    fakeApi(sessionFor(['doctor'], { institutionIds: ['i1'] }), {
      ...routes,
      'POST /api/v1/hunger-strikes/e1/interventions': () =>
        problemResponse(400, 'force_feeding_not_permitted'),
    });
    renderApp('/hunger-strikes/e1', { language: 'en' });
    const form = await screen.findByRole('form', { name: 'Intervention' });
    const options = within(form)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual([
      'Choose…',
      'Oral supplement',
      'Intravenous fluids',
      'Artificial nutrition',
      'Transfer to hospital',
    ]);
    expect(options.some((o) => /force/i.test(o ?? ''))).toBe(false);
    // Without consent, the physician may record the decision for a person without capacity.
    fireEvent.click(within(form).getByLabelText(/^The person lacks capacity/));
    expect(within(form).getByLabelText(/in the person’s interest/)).toBeTruthy();
    fireEvent.click(within(form).getByLabelText(/^The person lacks capacity/));
    fireEvent.change(within(form).getByLabelText(/^Intervention/), { target: { value: 'oral_supplement' } });
    fireEvent.click(within(form).getByLabelText('The person consents'));
    fireEvent.submit(form);
    expect(await within(form).findByText(/There is no force-feeding order/)).toBeTruthy();
  });
});
