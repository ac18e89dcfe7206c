import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, sessionFor } from '../test/fakeApi.ts';
import { jsonResponse, renderApp } from '../test/renderApp.tsx';
import { LANGUAGE_STORAGE_KEY } from './i18n.ts';

describe('the shell', () => {
  it('renders in Azerbaijani by default, with landmarks and a skip link', async () => {
    fakeApi(sessionFor(['doctor'], { language: 'az' }));
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'İş siyahınız' })).toBeTruthy();
    expect(await screen.findByText('Vaxtı çatmış tapşırıq yoxdur.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Custodia' })).toBeTruthy();
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Əsas naviqasiya' })).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Əsas məzmuna keç' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Çıxış' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('az');
  });

  it('switches to English and Russian, updates <html lang>, remembers the choice here and for the user', async () => {
    const api = fakeApi(sessionFor(['doctor'], { language: 'az' }), {
      'PUT /api/v1/account/language': () => jsonResponse({ ok: true }),
    });
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'İş siyahınız' });
    const select = screen.getByLabelText('Dil');

    fireEvent.change(select, { target: { value: 'en' } });
    expect(await screen.findByRole('heading', { level: 1, name: 'Your worklist' })).toBeTruthy();
    expect(await screen.findByText('No tasks are due.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'System status' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');

    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'ru' } });
    expect(await screen.findByRole('heading', { level: 1, name: 'Ваш список задач' })).toBeTruthy();
    expect(await screen.findByText('Нет задач к выполнению.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Состояние системы' })).toBeTruthy();
    expect(screen.getByLabelText('Язык')).toBeTruthy();
    expect(document.documentElement.lang).toBe('ru');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('ru');

    const puts = api.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.body)).toEqual([{ language: 'en' }, { language: 'ru' }]);
    expect(puts.every((r) => r.headers.get('x-csrf-token') === 'csrf-token-for-tests')).toBe(true);
  });

  it('starts in the language remembered from the last visit before sign-in', async () => {
    fakeApi(null);
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'ru');
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Вход в систему' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('ru');
  });

  it('after sign-in, switches to the language remembered for the user', async () => {
    fakeApi(sessionFor(['nurse'], { language: 'ru' }));
    renderApp('/', { language: 'az' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Ваш список задач' })).toBeTruthy();
    await waitFor(() => expect(document.documentElement.lang).toBe('ru'));
  });

  it('after sign-in, keeps the language picked on the sign-in page and remembers it for the account', async () => {
    const api = fakeApi(null, {
      'POST /api/v1/auth/sign-in': () => jsonResponse(sessionFor(['nurse'], { language: 'az' })),
      'PUT /api/v1/account/language': () => jsonResponse({ ok: true }),
    });
    renderApp('/', { language: 'az' });
    await screen.findByRole('heading', { level: 1, name: 'Sistemə giriş' });
    fireEvent.change(screen.getByLabelText('Dil'), { target: { value: 'en' } });
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    fireEvent.change(screen.getByLabelText(/User name/), { target: { value: 'demo.nurse' } });
    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'custodia-demo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Your worklist' })).toBeTruthy();
    await waitFor(() =>
      expect(api.requests.filter((r) => r.method === 'PUT').map((r) => r.body)).toEqual([{ language: 'en' }]),
    );
    expect(document.documentElement.lang).toBe('en');
  });

  it('shows a translated not-found page for an unknown address', async () => {
    fakeApi(sessionFor(['doctor']));
    renderApp('/no/such/page', { language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to your worklist' })).toBeTruthy();
    expect(document.title).toBe('Page not found · Custodia');
  });

  it('says so when the session cannot be checked, and tries again on request', async () => {
    const api = fakeApi(null, {
      'GET /api/v1/auth/session': () => {
        throw new TypeError('Failed to fetch');
      },
    });
    renderApp('/', { language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Cannot check your sign-in' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('The Custodia server cannot be reached.');
    const before = api.requests.length;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(api.requests.length).toBeGreaterThan(before));
  });
});
