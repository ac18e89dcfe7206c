import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { institutionStorageKey } from '../../app/activeInstitution.ts';
import { fakeApi, problemResponse, sessionFor } from '../../test/fakeApi.ts';
import { jsonResponse, renderApp } from '../../test/renderApp.tsx';
import type { Institution, InstitutionDetail } from './registry.api.ts';
import type { StaffMember } from './staff.api.ts';

const pilot1: Institution = {
  id: 'inst-1',
  code: 'PILOT-1',
  name: { az: '1 nömrəli Cəzaçəkmə Müəssisəsi', en: 'Penitentiary Institution No. 1', ru: 'Учреждение № 1' },
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
const detail1: InstitutionDetail = {
  ...pilot1,
  version: 3,
  units: [
    {
      id: 'unit-a',
      code: 'A',
      name: 'A blok',
      version: 1,
      cells: [
        {
          id: 'cell-a1',
          code: 'A-001',
          cellType: 'ordinary',
          certifiedCapacity: 8,
          floorAreaM2: 34,
          occupants: 6,
          spaceProblems: [],
          lighting: 'adequate',
          lightingSince: null,
          lightingReason: null,
          version: 2,
        },
        {
          id: 'cell-a2',
          code: 'A-002',
          cellType: 'ordinary',
          certifiedCapacity: 2,
          floorAreaM2: 12,
          occupants: 0,
          spaceProblems: [],
          lighting: 'constantly_lit',
          lightingSince: '2026-11-27',
          lightingReason: 'Lamp without a switch',
          version: 4,
        },
      ],
    },
  ],
};
const detail2: InstitutionDetail = { ...detail1, ...pilot2, units: [] };

const governor = () => sessionFor(['governor'], { institutionIds: ['inst-1'] });
const routes = {
  'GET /api/v1/institutions': () => jsonResponse({ items: [pilot1, pilot2] }),
  'GET /api/v1/institutions/inst-1': () => jsonResponse(detail1),
  'GET /api/v1/institutions/inst-2': () => jsonResponse(detail2),
};
const field = (scope: HTMLElement, label: string) =>
  within(scope).getByLabelText(new RegExp(`^${label.replace(/[()²]/g, '\\$&')}( \\*)?$`));
const errorOf = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('institutions, units and cells (issue 4, ADR 0009)', () => {
  it('the forms are there only with the permission and the scope', async () => {
    fakeApi(governor(), routes);
    const first = renderApp('/registry/institutions/inst-1', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'PILOT-1 · Penitentiary Institution No. 1' });
    expect(screen.getByRole('button', { name: 'Add unit' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add cell to unit A' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Edit cell A-001' })).toBeTruthy();
    first.unmount();

    // Another governor's prison: read only.
    const second = renderApp('/registry/institutions/inst-2', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'PILOT-2 · Pre-trial Detention Centre No. 2' });
    expect(screen.queryByRole('button', { name: 'Add unit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit institution' })).toBeNull();
    second.unmount();

    // A governor does not add institutions; the system administrator does.
    const list = renderApp('/registry/institutions', { language: 'en' });
    await screen.findByRole('link', { name: 'PILOT-2' });
    expect(screen.queryByRole('button', { name: 'Add institution' })).toBeNull();
    list.unmount();
    fakeApi(sessionFor(['system_admin'], { institutionIds: ['inst-1'] }), routes);
    renderApp('/registry/institutions', { language: 'en' });
    expect(await screen.findByRole('button', { name: 'Add institution' })).toBeTruthy();
  });

  it('an inspector (no permission) sees no form', async () => {
    fakeApi(sessionFor(['inspector'], { national: true }), routes);
    renderApp('/registry/institutions/inst-1', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'PILOT-1 · Penitentiary Institution No. 1' });
    expect(screen.queryByRole('button', { name: /Add unit|Edit/ })).toBeNull();
  });

  it('a cell: a floor area of 0 is refused here, a valid one is sent, and the RES-8 warning is shown', async () => {
    const api = fakeApi(governor(), {
      ...routes,
      'PATCH /api/v1/cells/cell-a1': () =>
        jsonResponse({
          id: 'cell-a1',
          version: 3,
          occupants: 6,
          warnings: ['capacity_below_occupancy'],
          spaceProblems: ['over_capacity'],
        }),
    });
    renderApp('/registry/institutions/inst-1', { language: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit cell A-001' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit cell A-001' });
    fireEvent.change(field(dialog, 'Floor area (m²)'), { target: { value: '0' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(errorOf(field(dialog, 'Floor area (m²)'))).toContain(
        'Enter an area greater than 0 and at most 1,000 m².',
      ),
    );
    expect(api.requests.some((r) => r.method === 'PATCH')).toBe(false);

    fireEvent.change(field(dialog, 'Floor area (m²)'), { target: { value: '33,5' } });
    fireEvent.change(field(dialog, 'Certified capacity'), { target: { value: '4' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByText(/The capacity is lower than the 6 people held there now/);
    const patch = api.requests.find((r) => r.method === 'PATCH');
    expect(patch?.body).toEqual({
      code: 'A-001',
      cellType: 'ordinary',
      certifiedCapacity: 4,
      floorAreaM2: 33.5,
      version: 2,
    });
    expect(screen.getByText(/Living space \(RES-8\): Over capacity\./)).toBeTruthy();
  });

  it('SEG-12: a cell’s lighting is shown in words, and recorded with a date and a reason (nothing pre-filled)', async () => {
    const api = fakeApi(governor(), {
      ...routes,
      'PUT /api/v1/cells/cell-a1/lighting': () => jsonResponse({ id: 'cell-a1', version: 3 }),
    });
    renderApp('/registry/institutions/inst-1', { language: 'en' });
    const row = (await screen.findByText('A-002')).closest('tr') as HTMLElement;
    expect(within(row).getByText('Constantly lit')).toBeTruthy();
    expect(within(row).getByText('Cannot be allocated')).toBeTruthy();
    expect(within(row).getByText(/Since 27.11.2026: Lamp without a switch/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Lighting cell A-001' }));
    const dialog = await screen.findByRole('dialog', { name: 'Lighting of cell A-001' });
    expect((field(dialog, 'Lighting') as HTMLSelectElement).value).toBe('');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(field(dialog, 'Lighting').getAttribute('aria-invalid')).toBe('true'));
    expect(api.requests.some((r) => r.method === 'PUT')).toBe(false);
    fireEvent.change(field(dialog, 'Lighting'), { target: { value: 'no_natural_light' } });
    fireEvent.change(field(dialog, 'From'), { target: { value: '2026-11-28' } });
    fireEvent.change(field(dialog, 'Reason'), { target: { value: 'Window bricked up' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'PUT')).toBe(true));
    expect(api.requests.find((r) => r.method === 'PUT')?.body).toEqual({
      lighting: 'no_natural_light',
      since: '2026-11-28',
      reason: 'Window bricked up',
      version: 2,
    });
  });

  it('a unit whose code is taken: the server’s 409 is shown at the code field, in Azerbaijani', async () => {
    fakeApi(
      { ...governor(), user: { ...governor().user, language: 'az' } },
      {
        ...routes,
        'POST /api/v1/institutions/inst-1/units': () =>
          problemResponse(409, 'conflict', [{ path: 'body.code', code: 'code_taken', message: 'x' }]),
      },
    );
    renderApp('/registry/institutions/inst-1', { language: 'az' });
    fireEvent.click(await screen.findByRole('button', { name: 'Bölmə əlavə et' }));
    const dialog = await screen.findByRole('dialog', { name: 'PILOT-1 müəssisəsinə bölmə əlavə et' });
    fireEvent.change(field(dialog, 'Bölmənin kodu'), { target: { value: 'A' } });
    fireEvent.change(field(dialog, 'Bölmənin adı'), { target: { value: 'A blok' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Yadda saxla' }));
    await waitFor(() =>
      expect(errorOf(field(dialog, 'Bölmənin kodu'))).toContain(
        'Bu kod artıq istifadə olunur: başqasını seçin.',
      ),
    );
  });

  it('an institution with an unknown time zone is refused before it is sent', async () => {
    const api = fakeApi(sessionFor(['system_admin'], { institutionIds: ['inst-1'] }), routes);
    renderApp('/registry/institutions', { language: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Add institution' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add institution' });
    fireEvent.change(field(dialog, 'Time zone'), { target: { value: 'Asia/Bakuu' } });
    fireEvent.change(field(dialog, 'Capacity'), { target: { value: '-5' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(errorOf(field(dialog, 'Time zone'))).toContain('This time zone is not known.'),
    );
    expect(errorOf(field(dialog, 'Capacity'))).toContain('Enter a whole number from 0 to 100,000.');
    expect(errorOf(field(dialog, 'Name in Russian'))).toContain('Fill in this field.');
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
  });
});

const member = (n: number, institutionId = 'inst-1'): StaffMember => ({
  id: `staff-${n}`,
  institutionId,
  fullName: `Əməkdaş ${String(n).padStart(3, '0')}`,
  sex: n % 2 ? 'male' : 'female',
  position: 'custodial_officer',
  userId: n === 1 ? 'user-1' : null,
  active: true,
  restraintTrainedUntil: n === 1 ? '2027-06-30' : null,
  version: 1,
});

describe('the staff directory', () => {
  it('lists staff a page at a time, filters by institution, and adds a member with a linked account', async () => {
    const admin = sessionFor(['system_admin'], { institutionIds: ['inst-1', 'inst-2'] });
    const api = fakeApi(admin, {
      ...routes,
      'GET /api/v1/staff': (request) => {
        const cursor = request.url.searchParams.get('cursor');
        const institution = request.url.searchParams.get('institutionId');
        if (institution === 'inst-2')
          return jsonResponse({ items: [member(99, 'inst-2')], nextCursor: null });
        return cursor
          ? jsonResponse({ items: [member(3)], nextCursor: null })
          : jsonResponse({ items: [member(1), member(2)], nextCursor: 'next' });
      },
      'GET /api/v1/users': () =>
        jsonResponse({
          items: [{ id: 'user-7', username: 'demo.doctor', displayName: 'Demo · Doctor', active: true }],
          nextCursor: null,
        }),
      'POST /api/v1/staff': () => jsonResponse({ id: 'staff-new' }, 201),
    });
    renderApp('/', { language: 'en' });
    fireEvent.click(await screen.findByRole('link', { name: 'Staff' }));
    await screen.findByRole('heading', { level: 1, name: 'Staff' });
    expect(await screen.findByText('Staff shown: 2. There are more.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show more staff' }));
    expect(await screen.findByText('Staff shown: 3.')).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: 'Əməkdaş 003' })).toBeTruthy();
    // The position in words, never its code.
    expect(screen.getAllByText('Custodial officer').length).toBe(3);
    expect(screen.queryByText('custodial_officer')).toBeNull();

    fireEvent.change(screen.getByLabelText('Show staff of'), { target: { value: 'inst-2' } });
    expect(await screen.findByRole('rowheader', { name: 'Əməkdaş 099' })).toBeTruthy();
    expect(
      api.requests.some(
        (r) => r.path === '/api/v1/staff' && r.url.searchParams.get('institutionId') === 'inst-2',
      ),
    ).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Add staff member' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add staff member' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(errorOf(field(dialog, 'Full name'))).toContain('Fill in this field.'));
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
    fireEvent.change(field(dialog, 'Full name'), { target: { value: 'Nigar Əliyeva' } });
    // Issue 14 item 7: the position is chosen from a list in words, and sent as its code.
    const position = field(dialog, 'Position') as HTMLSelectElement;
    expect([...position.options].map((o) => o.textContent)).toContain('Head of health care');
    fireEvent.change(position, { target: { value: 'doctor' } });
    fireEvent.change(field(dialog, 'Sex'), { target: { value: 'female' } });
    fireEvent.change(await within(dialog).findByLabelText(/^Linked user account/), {
      target: { value: 'user-7' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(await screen.findByText('The staff member has been added.')).toBeTruthy();
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({
      institutionId: 'inst-2',
      fullName: 'Nigar Əliyeva',
      sex: 'female',
      position: 'doctor',
      userId: 'user-7',
    });
  });

  it('staff who may only read see no form; without registry.staff.read there is no entry', async () => {
    fakeApi(sessionFor(['deputy_governor'], { institutionIds: ['inst-1'] }), {
      ...routes,
      'GET /api/v1/staff': () => jsonResponse({ items: [member(1)], nextCursor: null }),
    });
    const first = renderApp('/registry/staff', { language: 'en' });
    expect(await screen.findByText('Staff shown: 1.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add staff member' })).toBeNull();
    first.unmount();
    fakeApi(sessionFor(['social_worker'], { institutionIds: ['inst-1'] }), routes);
    renderApp('/', { language: 'en' });
    await screen.findByRole('link', { name: 'Institutions' });
    expect(screen.queryByRole('link', { name: 'Staff' })).toBeNull();
  });
});

describe('the institution switcher (ADR 0009)', () => {
  it('several institutions: the choice is remembered per user and is the admission form’s default', async () => {
    const officer = sessionFor(['registry_officer'], { institutionIds: ['inst-1', 'inst-2'] });
    fakeApi(officer, routes);
    const first = renderApp('/registry/admit', { language: 'en' });
    const switcher = await screen.findByRole('combobox', { name: /^Working in/ });
    await waitFor(() => expect(within(switcher).getAllByRole('option')).toHaveLength(3));
    // Nothing chosen yet: no guess in the form.
    expect((screen.getByLabelText(/^Institution/) as HTMLSelectElement).value).toBe('');
    fireEvent.change(switcher, { target: { value: 'inst-2' } });
    expect(window.localStorage.getItem(institutionStorageKey(officer.user.id))).toBe('inst-2');
    first.unmount();

    renderApp('/registry/admit', { language: 'en' });
    await waitFor(() =>
      expect((screen.getByLabelText(/^Institution/) as HTMLSelectElement).value).toBe('inst-2'),
    );
    expect((screen.getByRole('combobox', { name: /^Working in/ }) as HTMLSelectElement).value).toBe('inst-2');
  });

  it('one institution: its name, no switcher', async () => {
    fakeApi(governor(), routes);
    renderApp('/', { language: 'en' });
    const name = await screen.findByTestId('institution-name');
    expect(name.textContent).toContain('PILOT-1 · Penitentiary Institution No. 1');
    expect(screen.queryByRole('combobox', { name: /^Working in/ })).toBeNull();
  });
  it('RST-8: records a staff member’s restraint training (training coordinator)', async () => {
    const coordinator = sessionFor(['training_coordinator'], { institutionIds: ['inst-1'] });
    const api = fakeApi(coordinator, {
      'GET /api/v1/institutions': () => jsonResponse({ items: [] }),
      'GET /api/v1/staff': () => jsonResponse({ items: [member(1), member(2)], nextCursor: null }),
      'PUT /api/v1/staff/staff-2/restraint-training': () => jsonResponse({ version: 2 }),
    });
    renderApp('/registry/staff', { language: 'en' });
    expect(await screen.findByText('2027-06-30')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Change the restraint training of Əməkdaş 002' }));
    fireEvent.change(screen.getByLabelText('Restraint training of Əməkdaş 002 valid until'), {
      target: { value: '2027-01-31' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.requests.find((r) => r.method === 'PUT')?.body).toEqual({
        trainedUntil: '2027-01-31',
        version: 1,
      }),
    );
  });
});
