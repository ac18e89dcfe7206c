import type { Drug, StockOverview } from '@custodia/domain/medication';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, sessionFor } from '../../test/fakeApi.ts';
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
const drug = (code: string, en: string, strength: string): Drug => ({
  id: `d-${code}`,
  code,
  inn: en,
  names: { az: en, en, ru: en },
  strength,
  form: 'tablet',
  route: 'oral',
  atcCode: null,
  highRisk: false,
  programme: null,
  supervisedOnly: false,
  observeAfter: false,
});
const metformin = drug('metformin', 'Metformin', '500 mg');
const methadone = drug('methadone', 'Methadone', '10 mg/ml');
const stock: StockOverview = {
  institutionId: 'i1',
  timeZone: 'Asia/Baku',
  lines: [
    {
      drug: metformin,
      controlled: false,
      available: 0,
      total: 0,
      activePrescriptions: 3,
      stockOut: true,
      batches: [],
    },
    {
      drug: methadone,
      controlled: true,
      available: 480,
      total: 480,
      activePrescriptions: 2,
      stockOut: false,
      batches: [
        {
          id: 'b1',
          batchNumber: 'MET-1',
          expiryDate: '2026-12-20',
          quantity: 480,
          supplier: 'CMW',
          reference: null,
          receivedAt: '2026-10-01T06:00:00.000Z',
          expiry: 'expiring',
        },
      ],
    },
  ],
  tasks: [
    {
      id: 't1',
      drug: metformin,
      openedAt: '2026-11-28T04:10:00.000Z',
      lastAt: '2026-11-28T04:10:00.000Z',
      doses: 2,
      status: 'open',
      resolution: null,
      note: null,
      resolvedBy: null,
      resolvedAt: null,
    },
  ],
};
const pharmacist = () => sessionFor(['pharmacist'], { institutionIds: ['i1'] });
const routes = {
  'GET /api/v1/institutions': () => jsonResponse({ items: [institution] }),
  'GET /api/v1/medication/stock': () => jsonResponse(stock),
  'GET /api/v1/medication/stock/movements': () => jsonResponse({ items: [], nextCursor: null }),
  'POST /api/v1/medication/stock-tasks/t1/resolution': () => jsonResponse({ id: 't1' }, 201),
};

describe('the pharmacy pages (ADR 0040)', () => {
  it('MDX-3: the stock page shows the stock task, the stock-out and an expiring batch; the task is resolved with what was done', async () => {
    const api = fakeApi(pharmacist(), routes);
    renderApp('/medication/pharmacy', { language: 'en' });
    expect(await screen.findByText(/^Metformin 500 mg: not available on a round \(2 doses\)/)).toBeTruthy();
    expect(screen.getByText('Out of stock')).toBeTruthy();
    expect(screen.getByText('Expires within 60 days')).toBeTruthy();
    expect(screen.getByText('Controlled')).toBeTruthy();
    // Nothing is sent without a resolution and a note.
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    expect(await screen.findByText('Choose a resolution and say what was done.')).toBeTruthy();
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
    fireEvent.click(screen.getByLabelText('Resolution: Metformin 500 mg'));
    fireEvent.click(await screen.findByRole('option', { name: 'Stock received', hidden: true }));
    fireEvent.change(screen.getByLabelText('What was done: Metformin 500 mg'), {
      target: { value: 'Batch MF-9 received' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'POST')).toBe(true));
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({
      resolution: 'received',
      note: 'Batch MF-9 received',
    });
  });

  it('the worklist lines open the page that resolves them, in their institution', async () => {
    const line = (kind: string, subjectId: string, label: string) => ({
      module: 'medication',
      kind,
      severity: 'overdue',
      subjectId,
      institutionId: 'i1',
      label,
      since: null,
    });
    fakeApi(pharmacist(), {
      ...routes,
      'GET /api/v1/worklist': () =>
        jsonResponse({
          items: [
            line('stock_task', 't1', 'Metformin 500 mg · 2'),
            line('stock_out', 'd-metformin', 'Metformin 500 mg · 3'),
            line('batch_expiring', 'b1', 'Methadone 10 mg/ml · MET-1'),
            line('controlled_incident', 'c1', 'Methadone 10 mg/ml · -15'),
          ],
        }),
    });
    renderApp('/', { language: 'en' });
    expect(await screen.findByText(/Stock tasks: doses not available on a round/)).toBeTruthy();
    const href = (name: string) => screen.getByRole('link', { name }).getAttribute('href');
    expect(href('Metformin 500 mg · 2')).toBe('/medication/pharmacy?institutionId=i1');
    expect(href('Metformin 500 mg · 3')).toBe(
      '/medication/pharmacy/receive?institutionId=i1&drugId=d-metformin',
    );
    expect(href('Methadone 10 mg/ml · MET-1')).toBe(
      '/medication/pharmacy/write-off?institutionId=i1&batchId=b1',
    );
    expect(href('Methadone 10 mg/ml · -15')).toBe('/medication/pharmacy/controlled?institutionId=i1');
  });

  it('a destruction the server refuses for want of a witness shows the reason in words on the witness field', async () => {
    fakeApi(pharmacist(), {
      ...routes,
      'POST /api/v1/medication/stock/write-offs': () =>
        jsonResponse(
          {
            type: 'about:blank',
            title: 'Bad Request',
            status: 400,
            code: 'rule_refused',
            detail: 'The pharmacy rules do not allow this; see the field errors.',
            errors: [{ path: 'body.witness', code: 'witness_required', message: 'witness_required' }],
          },
          400,
          'application/problem+json',
        ),
    });
    renderApp('/medication/pharmacy/write-off?batchId=b1', { language: 'en' });
    await screen.findByRole('heading', { level: 1, name: 'Return, waste or destroy' });
    fireEvent.change(screen.getByLabelText(/^Quantity \(units\)/), { target: { value: '10' } });
    fireEvent.change(screen.getByLabelText(/^Reason/), { target: { value: 'Contaminated bottle' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record the destruction' }));
    expect(await screen.findByText('A controlled drug needs a witness.')).toBeTruthy();
  });

  it('PHC-3: a custodial officer has no pharmacy page in the navigation', async () => {
    fakeApi(sessionFor(['custodial_officer'], { institutionIds: ['i1'] }), routes);
    renderApp('/', { language: 'en' });
    await screen.findByRole('navigation', { name: /Main navigation/ });
    expect(screen.queryByRole('link', { name: 'Pharmacy stock' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Controlled-drug book' })).toBeNull();
  });
});
