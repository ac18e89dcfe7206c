import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../test/fakeApi.ts';
import { jsonResponse, renderApp } from '../../test/renderApp.tsx';

describe('system status page', () => {
  it('shows the service status, database engine and version, without sign-in', async () => {
    fakeApi(null, {
      'GET /api/health': () => jsonResponse({ status: 'ok', database: 'sqlite', version: '0.1.0' }),
    });
    renderApp('/platform/status', { language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'System status' })).toBeTruthy();
    expect(await screen.findByText('Working')).toBeTruthy();
    expect(screen.getByText('SQLite (embedded database)')).toBeTruthy();
    expect(screen.getByText('0.1.0')).toBeTruthy();
  });

  it('says so, in the chosen language, when the server cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    renderApp('/platform/status', { language: 'az' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Xidmətə qoşulmaq mümkün deyil');
    expect(alert.textContent).toContain('Custodia serverinə qoşulmaq mümkün deyil.');
  });
});
