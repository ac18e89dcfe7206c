import { render, screen } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../test/fakeApi.ts';
import { App } from './App.tsx';
import { createI18n, moduleNamespaces } from './i18n.ts';
import { createQueryClient } from './queryClient.ts';
import { appRoutes } from './router.tsx';

/** Which namespaces an instance holds, as `language/namespace`. */
function loaded(i18n: ReturnType<typeof createI18n>): string[] {
  const held: string[] = [];
  for (const language of ['az', 'en', 'ru']) {
    for (const namespace of ['common', ...moduleNamespaces]) {
      if (i18n.hasResourceBundle(language, namespace)) held.push(`${language}/${namespace}`);
    }
  }
  return held;
}

describe('locale files on demand', () => {
  it('finds the shell and every module folder with locale files', () => {
    expect(moduleNamespaces).toEqual(
      expect.arrayContaining([
        'audit',
        'clinical',
        'identity',
        'platform',
        'registry',
        'restraint',
        'screening',
      ]),
    );
  });

  it('starts with the shell in one language, then loads a namespace when asked, in that language only', async () => {
    const i18n = createI18n('en');
    await i18n.loadNamespaces('common');
    expect(loaded(i18n)).toEqual(['en/common']);
    expect(i18n.t('signIn.title')).toBe('Sign in');

    await i18n.loadNamespaces('registry');
    expect(loaded(i18n)).toEqual(['en/common', 'en/registry']);
    expect(i18n.t('registry:nav.persons')).toBe('People');
  });

  it('loads every namespace in use in the new language before it switches', async () => {
    const i18n = createI18n('en');
    await i18n.loadNamespaces(['common', 'restraint']);
    await i18n.changeLanguage('ru');
    expect(loaded(i18n)).toEqual(['en/common', 'en/restraint', 'ru/common', 'ru/restraint']);
    expect(i18n.t('restraint:nav.board')).toBe(i18n.getResource('ru', 'restraint', 'nav.board'));
    expect(document.documentElement.lang).toBe('ru');
  });

  it('shows the sign-in page with the shell and the public entries only, never a raw key', async () => {
    fakeApi(null);
    const i18n = createI18n('en');
    const queryClient = createQueryClient();
    queryClient.setDefaultOptions({ queries: { retry: false } });
    const router = createMemoryRouter(appRoutes(), { initialEntries: ['/'] });
    render(<App i18n={i18n} queryClient={queryClient} router={router} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    // The status page is open to everyone: its entry's label comes from the platform namespace.
    expect(await screen.findByRole('link', { name: 'System status' })).toBeTruthy();
    expect(loaded(i18n)).toEqual(['en/common', 'en/platform']);
    expect(screen.queryByText(/^\w+:[\w.]+$/)).toBeNull();
  });
});
