import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, problemResponse, sessionFor } from '../test/fakeApi.ts';
import { jsonResponse, renderApp } from '../test/renderApp.tsx';
import { PRIVATE_STORAGE_PREFIX } from './session.ts';

function fillSignIn(username: string, password: string) {
  fireEvent.change(screen.getByLabelText(/User name/), { target: { value: username } });
  fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

const navigation = () => screen.getByRole('navigation', { name: 'Main navigation' });
const navLabels = () =>
  within(navigation())
    .getAllByRole('link')
    .map((link) => link.textContent);

describe('sign-in', () => {
  it('is shown for any page when nobody is signed in, with the user name field focused', async () => {
    fakeApi(null);
    renderApp('/identity/users', { language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText(/User name/)));
    expect(document.title).toBe('Sign in · Custodia');
    // Before sign-in only public entries are offered, and no demo note is shown.
    expect(navLabels()).toEqual(['System status']);
    expect(screen.queryByText(/demo/i)).toBeNull();
  });

  it('checks the fields with the domain schema before asking the server', async () => {
    const api = fakeApi(null);
    renderApp('/', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findAllByText('Fill in this field.')).toHaveLength(2);
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('shows a refused sign-in as a translated message, in English and in Azerbaijani', async () => {
    fakeApi(null, { 'POST /api/v1/auth/sign-in': () => problemResponse(401, 'sign_in_failed') });
    const { i18n } = renderApp('/', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    fillSignIn('demo.officer', 'wrong password');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Sign-in failed: the user name or password is wrong');

    await i18n.changeLanguage('az');
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Daxil olmaq mümkün olmadı: istifadəçi adı və ya parol səhvdir',
    );
  });

  it('says to wait when sign-in is rate limited', async () => {
    fakeApi(null, { 'POST /api/v1/auth/sign-in': () => problemResponse(429, 'too_many_requests') });
    renderApp('/', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    fillSignIn('demo.officer', 'custodia-demo');
    expect((await screen.findByRole('alert')).textContent).toContain('Too many requests');
  });

  it('asks for the second factor when the server wants it, then opens the shell', async () => {
    const doctor = sessionFor(['doctor'], { displayName: 'Dr Aliyeva', twoFactorEnabled: true });
    let codeTries = 0;
    const api = fakeApi(null, {
      'POST /api/v1/auth/sign-in': () => jsonResponse({ twoFactorRequired: true }),
      'POST /api/v1/auth/two-factor': () =>
        ++codeTries === 1 ? problemResponse(401, 'two_factor_failed') : jsonResponse(doctor),
      'POST /api/v1/auth/sign-out': () => jsonResponse({ ok: true }),
    });
    renderApp('/', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    fillSignIn('demo.doctor', 'custodia-demo');

    expect(await screen.findByRole('heading', { level: 2, name: 'Verification code' })).toBeTruthy();
    const code = screen.getByLabelText(/^Code/);
    await waitFor(() => expect(document.activeElement).toBe(code));

    fireEvent.change(code, { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The verification code is not valid');

    fireEvent.change(screen.getByLabelText(/^Code/), { target: { value: '654321' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Your worklist' })).toBeTruthy();
    expect(screen.getByText('Dr Aliyeva')).toBeTruthy();
    expect(api.requests.find((r) => r.path === '/api/v1/auth/two-factor')?.body).toEqual({ code: '123456' });

    // State-changing requests now carry the session's CSRF token; sign-out returns to sign-in, and
    // removes clinical data kept in the browser (a screening draft) but not the language choice.
    window.localStorage.setItem(`${PRIVATE_STORAGE_PREFIX}screening-draft.u1.e1`, '{"form":{}}');
    window.localStorage.setItem('custodia.language', 'en');
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(window.localStorage.getItem(`${PRIVATE_STORAGE_PREFIX}screening-draft.u1.e1`)).toBeNull();
    expect(window.localStorage.getItem('custodia.language')).toBe('en');
    const signOut = api.requests.find((r) => r.path === '/api/v1/auth/sign-out');
    expect(signOut?.headers.get('x-csrf-token')).toBe('csrf-token-for-tests');
  });

  it('returns to the sign-in page when the session ends while working', async () => {
    let ended = false;
    fakeApi(sessionFor(['system_admin']), {
      'GET /api/v1/users': () =>
        ended ? problemResponse(401, 'session_expired') : jsonResponse({ items: [], nextCursor: null }),
    });
    renderApp('/identity/users', { language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Users' })).toBeTruthy();
    ended = true;
    fireEvent.change(screen.getByRole('textbox', { name: /^Search/ }), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
  });
});

describe('navigation by permission', () => {
  // Other modules add entries of their own: check the administration and audit entries only.
  const adminAndAudit = ['Users', 'Roles and permissions', 'Audit trail', 'Subject-access report'];
  const shown = () => navLabels().filter((label) => adminAndAudit.includes(label ?? ''));

  it('offers administration to the system administrator, not audit', async () => {
    fakeApi(sessionFor(['system_admin']));
    renderApp('/', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Your worklist' });
    expect(shown()).toEqual(['Users', 'Roles and permissions']);
    expect(navLabels()).toEqual(expect.arrayContaining(['Home', 'My account', 'System status']));
  });

  it('offers the audit trail and subject-access report to the health manager, not user administration', async () => {
    fakeApi(sessionFor(['health_manager']));
    renderApp('/', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Your worklist' });
    expect(shown()).toEqual(['Roles and permissions', 'Audit trail', 'Subject-access report']);
  });

  it('offers a custodial officer neither administration nor audit', async () => {
    fakeApi(sessionFor(['custodial_officer']));
    renderApp('/', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Your worklist' });
    expect(shown()).toEqual([]);
    expect(navLabels()).toEqual(expect.arrayContaining(['Home', 'My account', 'System status']));
  });

  it('hides every entry that needs a permission the user lacks', async () => {
    const { modules } = await import('./modules.ts');
    const session = sessionFor(['outside_specialist']);
    fakeApi(session);
    renderApp('/', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Your worklist' });
    const hrefs = within(navigation())
      .getAllByRole('link')
      .map((link) => link.getAttribute('href'));
    for (const entry of modules.flatMap((m) => m.nav)) {
      const needed = entry.permission ?? 'authenticated';
      const allowed =
        ['public', 'authenticated'].includes(needed) || session.user.permissions.includes(needed);
      expect(hrefs.includes(entry.to), `${entry.to} (${needed})`).toBe(allowed);
    }
  });
});

describe('the not-allowed page', () => {
  for (const path of ['/identity/users', '/identity/users/new', '/identity/roles', '/audit/events']) {
    it(`is shown to a custodial officer who opens ${path} directly`, async () => {
      const api = fakeApi(sessionFor(['custodial_officer']));
      renderApp(path, { language: 'en' });
      expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeTruthy();
      expect(screen.getByText(/Your account does not have permission to open this page/)).toBeTruthy();
      expect(screen.getByRole('link', { name: 'Go to your worklist' })).toBeTruthy();
      expect(document.title).toBe('Not allowed · Custodia');
      // The page did not even ask the server for the data.
      expect(api.requests.map((r) => r.path)).toEqual(['/api/v1/auth/session']);
    });
  }

  it('is translated', async () => {
    fakeApi(sessionFor(['custodial_officer'], { language: 'az' }));
    renderApp('/audit/subject-access', { language: 'az' });
    expect(await screen.findByRole('heading', { level: 1, name: 'İcazə yoxdur' })).toBeTruthy();
  });
});

describe('what a user must do first', () => {
  it('sends a user with a one-time password to change it, whatever they open', async () => {
    fakeApi(sessionFor(['nurse'], { mustChangePassword: true }));
    const { router } = renderApp('/identity/account', { language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Change password' })).toBeTruthy();
    expect(screen.getByText(/You signed in with a one-time password/)).toBeTruthy();
    expect(router.state.location.pathname).toBe('/identity/account/password');
    expect(navLabels()).toEqual(['System status']);
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it('sends a user who must set up two-factor sign-in to the set-up page', async () => {
    fakeApi(sessionFor(['doctor'], { twoFactorEnrolmentRequired: true, permissions: ['authenticated'] }));
    const { router } = renderApp('/audit/events', { language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Two-factor sign-in' })).toBeTruthy();
    expect(screen.getByText(/must use two-factor sign-in/)).toBeTruthy();
    expect(router.state.location.pathname).toBe('/identity/account/two-factor');
  });
});
