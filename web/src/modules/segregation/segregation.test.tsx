import type { Placement, SegregationRegister, WingList } from '@custodia/domain/segregation';
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

const wing: WingList = {
  institutionId: 'i1',
  today: '2026-12-06',
  items: [
    {
      id: 's1',
      personId: 'p1',
      prisonNumber: 'AZ-1001',
      name: 'Məmmədov Əli',
      kind: 'disciplinary',
      cellCode: null,
      startedAt: '2026-11-24T06:00:00.000Z',
      plannedEndAt: '2026-12-08T06:00:00.000Z',
      dayNumber: 13,
      solitaryRun: 13,
      alerts: ['pre_alert_day_13', 'day_record_due', 'health_visit_missed'],
      today: null,
    },
  ],
};

const placement: Placement = {
  id: 's1',
  personId: 'p1',
  prisonNumber: 'AZ-1001',
  name: 'Məmmədov Əli',
  institutionId: 'i1',
  kind: 'disciplinary',
  reason: 'Fight in the dining hall',
  offenceReference: 'DISC-1',
  decidedBy: 'Demo governor',
  startedAt: '2026-11-24T06:00:00.000Z',
  plannedEndAt: '2026-12-08T06:00:00.000Z',
  endedAt: null,
  cellCode: null,
  overrideReason: null,
  dayNumber: 13,
  solitaryRun: 13,
  alerts: ['pre_alert_day_13', 'health_visit_due'],
  missedHealthVisitDays: [],
  missedManagementVisitDays: [],
  directorDecisionDueAt: null,
  reviewDueAt: null,
  timeline: [
    {
      id: 'v1',
      type: 'health_visit',
      at: '2026-12-05T08:00:00.000Z',
      recordedAt: '2026-12-05T08:01:00.000Z',
      author: 'Demo nurse',
      day: null,
      minutes: null,
      flags: [],
      recommendsEnding: false,
      decisionKind: null,
      outcome: null,
      text: null,
    },
  ],
};

const routes = {
  'GET /api/v1/institutions': () => jsonResponse({ items: [institution] }),
  'GET /api/v1/segregation/wing': () => jsonResponse(wing),
  'GET /api/v1/segregation/placements/s1': () => jsonResponse(placement),
};
const officer = () => sessionFor(['custodial_officer'], { institutionIds: ['i1'] });

describe('the segregation wing list (SEG-1 … SEG-10)', () => {
  it('shows the flags in words in each language, never as codes', async () => {
    fakeApi(officer(), routes);
    const { i18n } = renderApp('/segregation', { language: 'en' });
    expect(await screen.findByText('Day 13 or later of solitary: must end by day 15')).toBeTruthy();
    expect(screen.getByText('Breach: a day without a health visit')).toBeTruthy();
    expect(screen.queryByText(/pre_alert_day_13/)).toBeNull();
    await i18n.changeLanguage('ru');
    expect(
      await screen.findByText(
        '13-й или более поздний день одиночного содержания: завершить не позднее 15-го дня',
      ),
    ).toBeTruthy();
    await i18n.changeLanguage('az');
    expect(
      await screen.findByText('Tək saxlamanın 13-cü günü və ya sonrası: 15-ci günədək bitməlidir'),
    ).toBeTruthy();
  });

  it('SEG-1: the minutes start empty, an empty or too large value is refused before sending, then one Enter saves with an Idempotency-Key', async () => {
    const api = fakeApi(officer(), {
      ...routes,
      'POST /api/v1/segregation/placements/s1/days': () => jsonResponse({ id: 'd1' }, 201),
    });
    renderApp('/segregation', { language: 'en' });
    const out = await screen.findByRole('textbox', { name: 'Out of cell (min): Məmmədov Əli' });
    const outdoor = screen.getByRole('textbox', { name: 'Outdoors (min): Məmmədov Əli' });
    const contact = screen.getByRole('textbox', { name: 'Contact (min): Məmmədov Əli' });
    for (const box of [out, outdoor, contact]) expect((box as HTMLInputElement).value).toBe('');
    const form = screen.getByRole('form', { name: 'Record today: Məmmədov Əli' });
    fireEvent.change(out, { target: { value: '1500' } });
    fireEvent.change(outdoor, { target: { value: '60' } });
    fireEvent.submit(form);
    expect(await screen.findByText('A day has at most 1440 minutes.')).toBeTruthy();
    expect(screen.getByText('Enter the minutes (0 to 1440).')).toBeTruthy();
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(out, { target: { value: '60' } });
    fireEvent.change(contact, { target: { value: '30' } });
    fireEvent.submit(form);
    expect(await within(form).findByText("Today's record saved for Məmmədov Əli.")).toBeTruthy();
    const post = api.requests.find((r) => r.path === '/api/v1/segregation/placements/s1/days');
    expect(post?.body).toEqual({
      day: '2026-12-06',
      outOfCellMinutes: 60,
      outdoorMinutes: 60,
      contactMinutes: 30,
    });
    expect(post?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{32,36}$/);
  });

  it('shows a server refusal in words (a day for an ended placement)', async () => {
    fakeApi(officer(), {
      ...routes,
      'POST /api/v1/segregation/placements/s1/days': () =>
        problemResponse(400, 'rule_refused', [{ path: 'body', code: 'placement_ended', message: 'x' }]),
    });
    renderApp('/segregation', { language: 'en' });
    const form = await screen.findByRole('form', { name: 'Record today: Məmmədov Əli' });
    fireEvent.change(within(form).getByRole('textbox', { name: /Out of cell/ }), { target: { value: '60' } });
    fireEvent.change(within(form).getByRole('textbox', { name: /Outdoors/ }), { target: { value: '60' } });
    fireEvent.change(within(form).getByRole('textbox', { name: /Contact/ }), { target: { value: '60' } });
    fireEvent.submit(form);
    expect((await within(form).findByRole('alert')).textContent).toBe('This placement has already ended.');
  });
});

describe('a placement (MED-1, SEG-6)', () => {
  it('an officer sees that a visit was made, with no health-visit form and no clinical read', async () => {
    const api = fakeApi(officer(), routes);
    renderApp('/segregation/placements/s1', { language: 'en' });
    expect(await screen.findByText('Health visit made')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Record a health visit' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Health visits (health care only)' })).toBeNull();
    expect(api.requests.some((r) => r.path.endsWith('/health-visits'))).toBe(false);
  });

  it('a nurse records a visit with nothing pre-answered, and is not offered to sign a placement', async () => {
    const api = fakeApi(sessionFor(['nurse'], { institutionIds: ['i1'] }), {
      ...routes,
      'GET /api/v1/segregation/placements/s1/health-visits': () => jsonResponse({ items: [] }),
      'POST /api/v1/segregation/placements/s1/health-visits': () => jsonResponse({ id: 'v2' }, 201),
    });
    renderApp('/segregation/placements/s1', { language: 'en' });
    const form = await screen.findByRole('region', { name: 'Record a health visit' });
    for (const radio of within(form).getAllByRole('radio'))
      expect((radio as HTMLInputElement).checked).toBe(false);
    fireEvent.click(
      within(within(form).getByRole('radiogroup', { name: /^Seen/ })).getByRole('radio', { name: 'Yes' }),
    );
    fireEvent.click(
      within(within(form).getByRole('radiogroup', { name: /^Adverse effect/ })).getByRole('radio', {
        name: 'No',
      }),
    );
    fireEvent.click(within(form).getByRole('button', { name: 'Save visit' }));
    expect(await within(form).findByText('Health visit saved.')).toBeTruthy();
    const post = api.requests.find((r) => r.method === 'POST');
    expect(post?.body).toMatchObject({ seen: true, adverseEffect: false, note: null });
    expect(screen.queryByRole('region', { name: 'End the placement' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Start a placement' })).toBeNull();
  });
});

describe('the segregation register (issue 18 item 7)', () => {
  const counts = (n: number | null) => ({
    placements: n,
    people: n,
    days: n,
    recordedDays: n,
    solitaryDays: n,
    outdoorShortDays: n,
    contactShortDays: n,
    healthVisitDays: n,
    healthVisitMissedDays: n,
    managementVisitDays: n,
    managementVisitMissedDays: n,
  });
  const register: SegregationRegister = {
    institutionId: 'i1',
    from: '2026-12',
    to: '2026-12',
    timeZone: 'Asia/Baku',
    lines: [
      {
        id: 's1',
        personId: 'p1',
        prisonNumber: 'AZ-1001',
        name: 'Məmmədov Əli',
        kind: 'disciplinary',
        startedAt: '2026-11-24T06:00:00.000Z',
        plannedEndAt: '2026-12-08T06:00:00.000Z',
        endedAt: null,
        compliance: {
          days: 6,
          recordedDays: 5,
          solitaryDays: 4,
          outdoorShortDays: 2,
          contactShortDays: 3,
          healthVisitDays: 4,
          healthVisitMissedDays: 1,
          managementVisitDays: 5,
          managementVisitMissedDays: 0,
        },
      },
    ],
    summary: {
      disciplinary: counts(null),
      administrative: counts(0),
      protective: counts(0),
      own_request: counts(0),
      total: counts(null),
    },
    suppression: { threshold: 5, cells: ['disciplinary.placements', 'total.placements'] },
  };

  it('DAT-6: the summary marks the counts left out and says why; the lines show each day’s compliance; CSV and PDF links in the language shown', async () => {
    const governor = sessionFor(['governor'], { institutionIds: ['i1'] });
    const api = fakeApi(governor, {
      ...routes,
      'GET /api/v1/segregation/register': () => jsonResponse(register),
    });
    renderApp('/segregation/register', { language: 'en' });
    expect(await screen.findByRole('heading', { name: 'Segregation register' })).toBeTruthy();
    expect(
      await screen.findByText(/counts from 1 to 4 and the counts they could be worked out from/),
    ).toBeTruthy();
    const total = (await screen.findByText('Total')).closest('tr') as HTMLElement;
    expect(within(total).getAllByText('•').length).toBe(11);
    const line = screen.getByText('Məmmədov Əli').closest('tr') as HTMLElement;
    expect(within(line).getByText('Disciplinary solitary')).toBeTruthy();
    expect(screen.getAllByRole('columnheader', { name: 'Days without a health visit (SEG-5)' }).length).toBe(
      2,
    );
    const csv = screen.getByRole('link', { name: 'Download as CSV' }).getAttribute('href') ?? '';
    expect(csv).toContain('format=csv');
    expect(csv).toContain('language=en');
    expect(api.requests.some((r) => String(r.url).includes('/api/v1/segregation/register'))).toBe(true);
  });
});
