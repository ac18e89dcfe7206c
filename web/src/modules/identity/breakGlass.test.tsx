import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, problemResponse, sessionFor } from '../../test/fakeApi.ts';
import { jsonResponse, renderApp } from '../../test/renderApp.tsx';

const nav = () => screen.getByRole('navigation', { name: 'Main navigation' });

describe('break the glass', () => {
  it('explains the rules, checks the reason before sending, then shows until when and links the person', async () => {
    const api = fakeApi(sessionFor(['doctor']), {
      'POST /api/v1/break-glass': () =>
        jsonResponse({ id: 'bg1', personId: 'p-42', expiresAt: '2026-03-01T11:30:00.000Z' }, 201),
    });
    renderApp('/identity/break-glass', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Break the glass: emergency access' });
    expect(within(nav()).getByRole('link', { name: 'Break the glass' })).toBeTruthy();
    expect(within(nav()).queryByRole('link', { name: 'Break-the-glass review' })).toBeNull();
    expect(screen.getByText('For emergencies only')).toBeTruthy();
    expect(screen.getByText(/reviews every emergency access/)).toBeTruthy();
    expect(screen.getByText(/at least 20 characters \(written: 0\)/)).toBeTruthy();

    fireEvent.change(screen.getByRole('textbox', { name: /^Prison number/ }), {
      target: { value: 'AZ2001' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: /^Reason/ }), { target: { value: 'Chest pain' } });
    expect(screen.getByText(/\(written: 10\)/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Break the glass' }));
    expect(await screen.findByText('Describe the reason in at least 20 characters.')).toBeTruthy();
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(screen.getByRole('textbox', { name: /^Reason/ }), {
      target: { value: '  Chest pain on transfer, own doctor unreachable  ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Break the glass' }));
    const granted = await screen.findByRole('status', { name: 'Emergency access granted' });
    expect(granted.textContent).toMatch(/until 01\/03\/2026/);
    expect(within(granted).getByRole('link', { name: 'Open the person’s record' }).getAttribute('href')).toBe(
      '/registry/persons/p-42',
    );
    const sent = api.requests.find((r) => r.method === 'POST');
    expect(sent?.body).toEqual({
      prisonNumber: 'AZ2001',
      reason: 'Chest pain on transfer, own doctor unreachable',
    });
    expect(sent?.headers.get('x-csrf-token')).toBe('csrf-token-for-tests');
  });

  it('says so when the daily limit is reached or the person is already in scope, in Azerbaijani', async () => {
    let answer = 429;
    fakeApi(sessionFor(['nurse'], { language: 'az' }), {
      'POST /api/v1/break-glass': () =>
        answer === 429 ? problemResponse(429, 'break_glass_limit') : problemResponse(409, 'conflict'),
    });
    renderApp('/identity/break-glass', { language: 'az' });
    await screen.findByRole('heading', { level: 1, name: 'Təcili giriş' });
    fireEvent.change(screen.getByRole('textbox', { name: /^Məhbus nömrəsi/ }), { target: { value: 'AZ9' } });
    fireEvent.change(screen.getByRole('textbox', { name: /^Səbəb/ }), {
      target: { value: 'Huşunu itirib, təcili yardım lazımdır' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Təcili giriş aç' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'təcili giriş sorğularının həddinə çatmısınız',
    );

    answer = 409;
    fireEvent.click(screen.getByRole('button', { name: 'Təcili giriş aç' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('səlahiyyət dairənizdədir'));
  });

  it('is not offered to a role without the permission', async () => {
    fakeApi(sessionFor(['custodial_officer']));
    renderApp('/identity/break-glass', { language: 'en' });
    await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(within(nav()).queryByRole('link', { name: 'Break the glass' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Break the glass' })).toBeNull();
  });
});

const access = (n: number, extra: Record<string, unknown> = {}) => ({
  id: `bg${n}`,
  userId: 'u-doctor',
  personId: `p${n}`,
  prisonNumber: `AZ10${n}`,
  overLimit: false,
  username: 'demo.doctor',
  displayName: 'Demo · Doctor',
  reason: `Emergency number ${n}: unconscious on arrival`,
  startedAt: '2026-03-01T10:30:00.000Z',
  expiresAt: '2026-03-01T11:30:00.000Z',
  reviewedBy: null,
  reviewedAt: null,
  reviewNote: null,
  ...extra,
});

describe('break-the-glass review', () => {
  it('lists pending accesses and takes one off the list when it is marked reviewed', async () => {
    const reviewed = new Set<string>();
    const api = fakeApi(sessionFor(['health_manager']), {
      'GET /api/v1/break-glass': () =>
        jsonResponse({ items: [access(1), access(2)].filter((a) => !reviewed.has(a.id)), nextCursor: null }),
      'POST /api/v1/break-glass/bg1/review': () => {
        reviewed.add('bg1');
        return jsonResponse({ ok: true });
      },
    });
    renderApp('/identity/break-glass-review', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Break-the-glass review' });
    expect(within(nav()).getByRole('link', { name: 'Break-the-glass review' })).toBeTruthy();
    expect(await screen.findByText('Accesses shown: 2.')).toBeTruthy();
    const first = screen.getAllByRole('listitem', { name: 'Demo · Doctor (demo.doctor)' })[0]!;
    expect(within(first).getByText('Emergency number 1: unconscious on arrival')).toBeTruthy();
    expect(within(first).getByRole('link', { name: 'AZ101' }).getAttribute('href')).toBe(
      '/registry/persons/p1',
    );
    expect(within(first).getByText('Awaiting review')).toBeTruthy();

    fireEvent.click(within(first).getByRole('button', { name: 'Mark reviewed' }));
    expect(await within(first).findByText('Write a review note.')).toBeTruthy();
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(within(first).getByRole('textbox', { name: /^Review note/ }), {
      target: { value: 'Checked with the duty doctor: justified.' },
    });
    fireEvent.click(within(first).getByRole('button', { name: 'Mark reviewed' }));
    await waitFor(() => expect(screen.queryByText('Emergency number 1: unconscious on arrival')).toBeNull());
    expect(screen.getByText('Emergency number 2: unconscious on arrival')).toBeTruthy();
    expect(await screen.findByText('Accesses shown: 1.')).toBeTruthy();
    const sent = api.requests.find((r) => r.method === 'POST');
    expect(sent?.body).toEqual({ note: 'Checked with the duty doctor: justified.' });
    expect(sent?.headers.get('x-csrf-token')).toBe('csrf-token-for-tests');
  });

  it('flags a request refused over the daily limit, and one for a prison number that belongs to no one', async () => {
    fakeApi(sessionFor(['health_manager']), {
      'GET /api/v1/break-glass': () =>
        jsonResponse({
          items: [
            access(1, { overLimit: true, expiresAt: '2026-03-01T10:30:00.000Z' }),
            access(2, { personId: null, prisonNumber: 'XX999' }),
          ],
          nextCursor: null,
        }),
    });
    renderApp('/identity/break-glass-review', { language: 'en' });
    expect(await screen.findByText('Accesses shown: 2.')).toBeTruthy();
    const [over, unknown] = screen.getAllByRole('listitem', { name: 'Demo · Doctor (demo.doctor)' });
    expect(
      within(over!).getByText(
        'Refused: over the daily limit of break-the-glass requests. Nothing was opened.',
      ),
    ).toBeTruthy();
    expect(within(unknown!).getByText('XX999: no one has this prison number')).toBeTruthy();
    expect(within(unknown!).queryByRole('link')).toBeNull();
  });

  it('shows all accesses with reviewer and note, a page at a time', async () => {
    const api = fakeApi(sessionFor(['health_manager']), {
      'GET /api/v1/break-glass': (request) => {
        const status = request.url.searchParams.get('status');
        if (status === 'pending') return jsonResponse({ items: [], nextCursor: null });
        return request.url.searchParams.get('cursor')
          ? jsonResponse({ items: [access(3)], nextCursor: null })
          : jsonResponse({
              items: [
                access(4, {
                  reviewedBy: 'demo.health-manager',
                  reviewedAt: '2026-03-02T09:00:00.000Z',
                  reviewNote: 'Justified: seizure.',
                }),
              ],
              nextCursor: 'c1',
            });
      },
    });
    renderApp('/identity/break-glass-review', { language: 'en' });
    expect(await screen.findByText('No emergency access awaits review.')).toBeTruthy();
    fireEvent.click(screen.getByRole('switch', { name: 'Show reviewed accesses too' }));
    expect(await screen.findByText('Accesses shown: 1. There are more.')).toBeTruthy();
    expect(screen.getByText('Justified: seizure.')).toBeTruthy();
    expect(screen.getByText(/^demo\.health-manager, 02\/03\/2026/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Mark reviewed' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Accesses shown: 2.')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Mark reviewed' })).toHaveLength(1);
    expect(api.requests.filter((r) => r.path === '/api/v1/break-glass').map((r) => r.url.search)).toEqual([
      '?status=pending&limit=20',
      '?status=all&limit=20',
      '?status=all&limit=20&cursor=c1',
    ]);
  });

  it('says so when someone else reviewed the access meanwhile', async () => {
    fakeApi(sessionFor(['health_manager'], { language: 'ru' }), {
      'GET /api/v1/break-glass': () => jsonResponse({ items: [access(5)], nextCursor: null }),
      'POST /api/v1/break-glass/bg5/review': () => problemResponse(404, 'not_found'),
    });
    renderApp('/identity/break-glass-review', { language: 'ru' });
    await screen.findByRole('heading', { level: 1, name: 'Проверка экстренных доступов' });
    fireEvent.change(await screen.findByRole('textbox', { name: /^Заметка о проверке/ }), {
      target: { value: 'Проверено' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Отметить как проверенный' }));
    expect((await screen.findByRole('alert')).textContent).toContain('уже проверен');
  });
});
