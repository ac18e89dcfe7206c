import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, problemResponse, sessionFor } from '../../test/fakeApi.ts';
import { jsonResponse, renderApp } from '../../test/renderApp.tsx';
import { svgDataUri } from './TwoFactorPage.tsx';

const user = {
  id: 'u1',
  username: 'a.aliyeva',
  displayName: 'Aysel Aliyeva',
  active: true,
  roles: ['nurse'],
  institutionIds: ['i1'],
  staffId: null,
  language: 'az',
  twoFactorEnabled: false,
  locked: false,
  version: 3,
};
const institutions = {
  items: [{ id: 'i1', code: 'PILOT-1', name: { az: 'Müəssisə 1', en: 'Institution 1', ru: 'Учреждение 1' } }],
};

describe('change password', () => {
  it('shows the policy and checks it before sending, then shows the server’s field errors', async () => {
    const api = fakeApi(sessionFor(['nurse'], { username: 'demo.nurse' }), {
      'POST /api/v1/account/password': () =>
        problemResponse(400, 'password_wrong', [
          { path: 'body.currentPassword', code: 'password_wrong', message: 'x' },
        ]),
    });
    renderApp('/identity/account', { language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'My account' })).toBeTruthy();
    expect(screen.getByText(/have at least 12 characters/)).toBeTruthy();

    fireEvent.change(screen.getByLabelText(/^Current password/), { target: { value: 'old one' } });
    fireEvent.change(screen.getByLabelText(/^New password/), { target: { value: 'demo.nurse-2024' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('The password must not contain your user name.')).toBeTruthy();
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(screen.getByLabelText(/^New password/), { target: { value: 'river stone window 42' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('The two new passwords are not the same.')).toBeTruthy();

    fireEvent.change(screen.getByLabelText(/^Repeat the new password/), {
      target: { value: 'river stone window 42' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('The current password is not right.')).toBeTruthy();
    const sent = api.requests.find((r) => r.path === '/api/v1/account/password');
    expect(sent?.body).toEqual({ currentPassword: 'old one', newPassword: 'river stone window 42' });
    expect(sent?.headers.get('x-csrf-token')).toBe('csrf-token-for-tests');
  });

  it('translates the policy problems the server reports', async () => {
    fakeApi(sessionFor(['nurse'], { language: 'ru' }), {
      'POST /api/v1/account/password': () =>
        problemResponse(400, 'password_policy', [
          { path: 'body.newPassword', code: 'password_too_common', message: 'too_common' },
        ]),
    });
    renderApp('/identity/account/password', { language: 'ru' });
    await screen.findByRole('heading', { level: 1, name: 'Смена пароля' });
    fireEvent.change(screen.getByLabelText(/^Текущий пароль/), { target: { value: 'old one' } });
    fireEvent.change(screen.getByLabelText(/^Новый пароль/), { target: { value: 'correct horse battery' } });
    fireEvent.change(screen.getByLabelText(/^Повторите/), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Сменить пароль' }));
    expect(await screen.findByText(/слишком распространён/)).toBeTruthy();
  });
});

describe('two-factor set-up', () => {
  it('shows the QR code as a data: image with alt text and the key as text', async () => {
    const qrSvg =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>';
    fakeApi(sessionFor(['doctor']), {
      'POST /api/v1/account/two-factor/enrolment': () =>
        jsonResponse({ secret: 'ABCDEFGHIJKLMNOP', otpauthUri: 'otpauth://totp/x', qrSvg }),
      'POST /api/v1/account/two-factor/confirm': () =>
        jsonResponse({ recoveryCodes: Array.from({ length: 10 }, (_, i) => `code${i}-xxxxx`) }),
    });
    renderApp('/identity/account/two-factor', { language: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Start set-up' }));
    const qr = await screen.findByRole('img', {
      name: 'QR code for adding Custodia to an authenticator app',
    });
    expect(qr.getAttribute('src')).toBe(svgDataUri(qrSvg));
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;utf8,%3Csvg/);
    expect(screen.getByText('ABCD EFGH IJKL MNOP')).toBeTruthy();

    fireEvent.change(screen.getByLabelText(/^Code from the app/), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    const list = await screen.findByRole('list', { name: 'Your recovery codes' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(10);
    expect(screen.getByText(/they will not be shown again/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Print' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy the codes' })).toBeTruthy();
  });

  it('does not offer to replace a second factor that is on', async () => {
    fakeApi(sessionFor(['doctor'], { twoFactorEnabled: true }));
    renderApp('/identity/account/two-factor', { language: 'en' });
    expect(await screen.findByText('Two-factor sign-in is on for your account.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Start set-up' })).toBeNull();
  });
});

describe('user administration', () => {
  it('creates a user and shows the one-time password', async () => {
    const api = fakeApi(sessionFor(['system_admin']), {
      'GET /api/v1/institutions': () => jsonResponse(institutions),
      'POST /api/v1/users': () => jsonResponse({ user, oneTimePassword: 'Xy7-one-time-pass' }, 201),
    });
    renderApp('/identity/users/new', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Create a user' });
    fireEvent.change(screen.getByRole('textbox', { name: /^User name/ }), { target: { value: 'Bad Name' } });
    fireEvent.change(screen.getByRole('textbox', { name: /^Name/ }), { target: { value: 'Aysel Aliyeva' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create the user' }));
    expect(await screen.findByText(/Use 3 to 63 characters/)).toBeTruthy();
    expect(screen.getByText('Choose at least 1.')).toBeTruthy();

    fireEvent.change(screen.getByRole('textbox', { name: /^User name/ }), { target: { value: 'A.Aliyeva' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Nurse' }));
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Institution 1 (PILOT-1)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Create the user' }));
    expect(await screen.findByText('Xy7-one-time-pass')).toBeTruthy();
    expect(screen.getByText('User a.aliyeva created')).toBeTruthy();
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({
      username: 'a.aliyeva',
      displayName: 'Aysel Aliyeva',
      roles: ['nurse'],
      institutionIds: ['i1'],
      language: 'az',
    });
  });

  it('offers a free-text institution field while the server has no registry', async () => {
    fakeApi(sessionFor(['system_admin']));
    renderApp('/identity/users/new', { language: 'en' });
    expect(await screen.findByRole('textbox', { name: /^Institution identifiers/ })).toBeTruthy();
  });

  it('sends the version when saving and offers to reload on a conflict', async () => {
    let loads = 0;
    const api = fakeApi(sessionFor(['system_admin']), {
      'GET /api/v1/institutions': () => jsonResponse(institutions),
      'GET /api/v1/users/u1': () => jsonResponse({ ...user, version: ++loads === 1 ? 3 : 4 }),
      'PATCH /api/v1/users/u1': () => problemResponse(409, 'stale_version'),
    });
    renderApp('/identity/users/u1', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'User a.aliyeva' });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Feldsher' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Someone else changed this record');
    expect(api.requests.find((r) => r.method === 'PATCH')?.body).toEqual({
      version: 3,
      displayName: 'Aysel Aliyeva',
      roles: ['nurse', 'feldsher'],
      institutionIds: ['i1'],
      active: true,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Load the latest version' }));
    await waitFor(() => expect(screen.getByRole('row', { name: /Version/ }).textContent).toContain('4'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('switches two-factor off for a user who lost phone and codes, after a confirmation', async () => {
    let on = true;
    const api = fakeApi(sessionFor(['system_admin']), {
      'GET /api/v1/institutions': () => jsonResponse(institutions),
      'GET /api/v1/users/u1': () => jsonResponse({ ...user, twoFactorEnabled: on }),
      'POST /api/v1/users/u1/two-factor-reset': () => {
        on = false;
        return jsonResponse({ ok: true });
      },
    });
    renderApp('/identity/users/u1', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'User a.aliyeva' });
    fireEvent.click(screen.getByRole('button', { name: 'Switch off two-factor sign-in…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, switch it off' }));
    await waitFor(() =>
      expect(screen.queryByRole('heading', { name: 'Switch off two-factor sign-in' })).toBeNull(),
    );
    expect(api.requests.some((r) => r.method === 'POST' && r.path.endsWith('/two-factor-reset'))).toBe(true);
  });

  it('lists users a page at a time', async () => {
    const page = (n: number, next: string | null) =>
      jsonResponse({
        items: Array.from({ length: 2 }, (_, i) => ({ ...user, id: `u${n}${i}`, username: `user.${n}${i}` })),
        nextCursor: next,
      });
    const api = fakeApi(sessionFor(['system_admin']), {
      'GET /api/v1/users': (request) =>
        request.url.searchParams.get('cursor') ? page(2, null) : page(1, 'c1'),
    });
    renderApp('/identity/users', { language: 'en' });
    expect(await screen.findByText('Users shown: 2. There are more.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Users shown: 4.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(api.requests.filter((r) => r.path === '/api/v1/users').map((r) => r.url.search)).toEqual([
      '?limit=50',
      '?limit=50&cursor=c1',
    ]);
  });
});
