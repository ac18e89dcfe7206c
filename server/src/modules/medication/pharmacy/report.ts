import { addDaysToDate, expiryState, wallTimeToInstant } from '@custodia/domain';
import type { ExportFile } from '../../../platform/export/attachment.ts';
import { csvDocument, csvMediaType } from '../../../platform/export/csv.ts';
import { createPdf } from '../../../platform/export/pdf.ts';
import type { Caller } from '../../identity/index.ts';
import type { MedicationContext } from '../context.ts';
import { expiryWarningDaysOf } from '../limits.ts';
import { drugsById } from '../views.ts';
import type { PharmacyService } from './stock.ts';

const columns = [
  'drug',
  'strength',
  'controlled',
  'batch',
  'expiry date',
  'expiry',
  'in stock',
  'received',
  'issued to rounds',
  'dispensed to persons',
  'returned',
  'wasted',
  'destroyed',
];
const widths = [110, 60, 50, 70, 62, 50, 45, 45, 50, 55, 45, 45, 50];

/**
 * Issue 15 item 8 (stock and expiry; ADR 0040): per institution and month, each batch held or moved
 * in the month — its expiry (flagged within 60 days), the quantity in stock now, and the month's
 * movements by kind. No person in it (administrative), so no small-number suppression is needed.
 */
export function createStockReport(ctx: MedicationContext, pharmacy: PharmacyService) {
  const { db, clock } = ctx;
  return async function stockReport(
    caller: Caller,
    query: { institutionId: string; month: string; format: 'csv' | 'pdf' },
  ): Promise<ExportFile> {
    const inst = await pharmacy.institution(caller.viewer, query.institutionId);
    const zone = inst.timeZone;
    const first = `${query.month}-01`;
    const next = addDaysToDate(first, 32).slice(0, 7);
    const start = wallTimeToInstant(`${first}T00:00:00`, zone) ?? `${first}T00:00:00.000Z`;
    const end = wallTimeToInstant(`${next}-01T00:00:00`, zone) ?? `${next}-01T00:00:00.000Z`;
    const [batches, moved] = await Promise.all([
      db
        .selectFrom('medication_stock_batch')
        .selectAll()
        .where('institution_id', '=', query.institutionId)
        .orderBy('expiry_date')
        .execute(),
      db
        .selectFrom('medication_stock_movement')
        .select(['batch_id', 'kind', (eb) => eb.fn.sum<number>('quantity').as('n')])
        .where('institution_id', '=', query.institutionId)
        .where('recorded_at', '>=', start)
        .where('recorded_at', '<', end)
        .groupBy(['batch_id', 'kind'])
        .execute(),
    ]);
    const sums = new Map(moved.map((m) => [`${m.batch_id}|${m.kind}`, Math.abs(Number(m.n))]));
    const movedIds = new Set(moved.map((m) => m.batch_id));
    const shown = batches.filter((b) => b.quantity > 0 || movedIds.has(b.id));
    const drugs = await drugsById(
      db,
      shown.map((b) => b.drug_id),
    );
    const now = clock.now();
    const warningDays = await expiryWarningDaysOf(ctx, db, [query.institutionId]);
    const lines = shown
      .map((b) => {
        const drug = drugs.get(b.drug_id);
        const sum = (kind: string) => sums.get(`${b.id}|${kind}`) ?? 0;
        return [
          drug?.inn ?? '',
          drug?.strength ?? '',
          drug?.controlled === 1 ? 'yes' : 'no',
          b.batch_number,
          b.expiry_date,
          expiryState(b.expiry_date, now, zone, warningDays),
          Number(b.quantity),
          sum('receipt'),
          sum('issue_round'),
          sum('dispense_person'),
          sum('return'),
          sum('waste'),
          sum('destroy'),
        ];
      })
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[4]).localeCompare(String(b[4])));
    const name = `stock-${query.month}`;
    if (query.format === 'csv')
      return { filename: `${name}.csv`, contentType: csvMediaType, body: csvDocument([columns, ...lines]) };
    const pdf = createPdf({
      title: 'Stock and expiry',
      language: 'en',
      institution: inst.name,
      period: query.month,
      generatedAt: now.toISOString(),
      generatedBy: caller.user.displayName,
      timeZone: zone,
      landscape: true,
    });
    const expiring = lines.filter((l) => l[5] === 'expiring').length;
    const expired = lines.filter((l) => l[5] === 'expired' && Number(l[6]) > 0).length;
    pdf.text(
      `${lines.length} batches. Expiring within 60 days: ${expiring}. Expired and still held: ${expired}. Quantities in units (tablets, ml, vials).`,
      { size: 8 },
    );
    pdf.table(columns, lines, widths, { size: 7 });
    return { filename: `${name}.pdf`, contentType: 'application/pdf', body: await pdf.end() };
  };
}
