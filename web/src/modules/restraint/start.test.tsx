import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, sessionFor } from '../../test/fakeApi.ts';
import { jsonResponse, renderApp } from '../../test/renderApp.tsx';

/** Issue 14 items 4, 7 and 11: the restraint start form as an officer meets it. */
const institution = {
  id: 'i1',
  code: 'PILOT-1',
  name: { az: 'P1', en: 'P1', ru: 'P1' },
  kind: 'closed_prison',
  populationSex: 'male',
  capacity: 100,
  timeZone: 'Asia/Baku',
};
const cell = (id: string, code: string, cellType: string) => ({
  id,
  code,
  cellType,
  certifiedCapacity: 1,
  floorAreaM2: 9,
  occupants: 0,
  spaceProblems: [],
  version: 1,
});
const detail = {
  ...institution,
  version: 1,
  units: [
    {
      id: 'u1',
      code: 'A',
      name: 'Block A',
      version: 1,
      cells: [
        cell('c1', 'A-101', 'ordinary'),
        cell('c2', 'A-102', 'infectious_isolation'),
        cell('c3', 'A-103', 'safe'),
      ],
    },
    {
      id: 'u2',
      code: 'M',
      name: 'Medical',
      version: 1,
      cells: [cell('c4', 'M-1', 'medical'), cell('c5', 'M-2', 'seclusion')],
    },
  ],
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
  birthDate: '1990-01-01',
  sex: 'male',
  status: 'in_custody',
  institution: { id: 'i1', code: 'PILOT-1', name: institution.name },
  genderIdentity: null,
  citizenship: 'AZ',
  language: 'az',
  interpreterNeeded: false,
  nationalId: null,
  legalStatus: 'sentenced',
  admittedAt: '2026-11-01T08:00:00.000Z',
  statusSince: '2026-11-01T08:00:00.000Z',
  cell: null,
  destinationInstitution: null,
  photo: null,
  version: 1,
  alerts: [
    {
      id: 'a1',
      detail: { kind: 'observation', intervalMinutes: 15 },
      startsAt: '2026-11-28T07:00:00.000Z',
      endsAt: null,
    },
    {
      id: 'a2',
      detail: { kind: 'infection_control', precaution: 'airborne' },
      startsAt: '2026-11-28T07:00:00.000Z',
      endsAt: null,
    },
  ],
};
const routes = {
  'GET /api/v1/institutions': () => jsonResponse({ items: [institution] }),
  'GET /api/v1/institutions/i1': () => jsonResponse(detail),
  'GET /api/v1/persons/p1': () => jsonResponse(person),
  'GET /api/v1/staff': () => jsonResponse({ items: [], nextCursor: null }),
};
const officer = () => sessionFor(['custodial_officer'], { institutionIds: ['i1'] });

async function openStart(language: 'en' | 'ru' | 'az' = 'en') {
  fakeApi(officer(), routes);
  const rendered = renderApp('/restraint/start?person=p1', { language });
  await screen.findByText(/Məmmədov Əli · AZ-1001/);
  return rendered;
}

/** The options of the room list once it is open (Mantine's dropdown, in a portal). */
async function roomOptions() {
  return waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>('[data-combobox-option]')];
    if (!found.length) throw new Error('the room list is not open');
    return found;
  });
}

/** Whether the label naming `text` carries Mantine's required asterisk. */
const asterisked = (text: RegExp) =>
  Boolean(
    screen.getByText(text, { selector: 'label, div[class*="label"]' }).querySelector('[class*="required"]'),
  );

describe('starting restraint (issue 14)', () => {
  it('MED-3: the start form shows the person’s health alerts in words before anything is chosen', async () => {
    await openStart('en');
    const list = screen.getByRole('list', { name: 'Health alerts' });
    expect(within(list).getByText('Observe every 15 minutes')).toBeTruthy();
    expect(within(list).getByText('Infection control: airborne precautions')).toBeTruthy();
  });

  it('MED-3: the people offered while choosing whom show their health alerts', async () => {
    fakeApi(officer(), {
      ...routes,
      'GET /api/v1/persons': () => jsonResponse({ items: [person], nextCursor: null }),
    });
    renderApp('/restraint/start', { language: 'en' });
    fireEvent.change(await screen.findByLabelText(/^Person/), { target: { value: 'Məm' } });
    const choice = await screen.findByRole('button', { name: 'Məmmədov Əli · AZ-1001' });
    const list = within(choice.parentElement as HTMLElement).getByRole('list', { name: 'Health alerts' });
    expect(within(list).getByText('Observe every 15 minutes')).toBeTruthy();
  });

  it('RST-16: the room list puts the seclusion rooms, safe cells and medical rooms first, each kind in words, and filters by typing', async () => {
    await openStart('en');
    const room = await screen.findByLabelText(/^Room/, { selector: 'input' });
    fireEvent.click(room);
    const options = (await roomOptions()).map((o) => o.textContent);
    expect(options).toEqual([
      'M · M-2 · Seclusion room',
      'A · A-103 · Safe cell',
      'M · M-1 · Medical cell',
      'A · A-101 · Ordinary cell',
      'A · A-102 · Infection isolation',
    ]);
    // No code in brackets, in any option.
    expect(options.join(' ')).not.toMatch(/\(|_/);
    // Typing (the input has the focus, as when a user types).
    room.focus();
    fireEvent.change(room, { target: { value: 'isol' } });
    await waitFor(() =>
      expect([...document.querySelectorAll('[data-combobox-option]')].map((o) => o.textContent)).toEqual([
        'A · A-102 · Infection isolation',
      ]),
    );
    fireEvent.click((await roomOptions())[0] as HTMLElement);
    expect(await screen.findByText(/not a seclusion room, safe cell or medical room/)).toBeTruthy();
  });

  it('the room kinds read in Russian too, never as a code', async () => {
    const { i18n } = await openStart('en');
    await i18n.changeLanguage('ru');
    fireEvent.click(await screen.findByLabelText(/^Помещение/, { selector: 'input' }));
    const options = (await roomOptions()).map((o) => o.textContent ?? '');
    expect(options).toHaveLength(5);
    expect(options.join(' ')).not.toMatch(/seclusion|safe|medical|ordinary|infectious_isolation/);
  });

  it('a required field shows its asterisk once its condition holds (equipment, holds, late-entry reason)', async () => {
    await openStart('en');
    expect(asterisked(/^Type of measure/)).toBe(true);
    expect(asterisked(/^Why it is entered more than 10 minutes/)).toBe(false);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Mechanical' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Physical' }));
    expect(asterisked(/^Equipment \(padded/)).toBe(true);
    expect(asterisked(/^Holds/)).toBe(true);
    // A start typed 30 minutes ago (institution time) needs its reason.
    const earlier = new Date(Date.now() - 30 * 60_000 + 4 * 3_600_000).toISOString().slice(0, 16);
    fireEvent.change(screen.getByLabelText(/^Started at/), { target: { value: earlier } });
    await waitFor(() => expect(asterisked(/^Why it is entered more than 10 minutes/)).toBe(true));
  });
});
