import { render } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { App } from '../app/App.tsx';
import type { LanguageCode } from '../app/i18n.ts';
import { createQueryClient } from '../app/queryClient.ts';
import { appRoutes } from '../app/router.tsx';
import { testI18n } from './i18n.ts';

/** Renders the whole app (shell, router, providers) at a path, as main.tsx does in the browser. */
export function renderApp(path = '/', options: { language?: LanguageCode } = {}) {
  const i18n = testI18n(options.language);
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false } });
  const router = createMemoryRouter(appRoutes(), { initialEntries: [path] });
  const result = render(<App i18n={i18n} queryClient={queryClient} router={router} />);
  return { ...result, i18n, queryClient, router };
}

/** A fetch answer as the server sends it. */
export function jsonResponse(body: unknown, status = 200, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType } });
}
