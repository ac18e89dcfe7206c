import { lazy } from 'react';
import type { AppModule, WorklistItem } from '../../app/appModule.ts';

type Pages = typeof import('./medication.pages.ts');
const page = (name: Exclude<keyof Pages, 'PersonMedicationTab'>) => async () => ({
  Component: (await import('./medication.pages.ts'))[name],
});
/** ADR 0046: the officer's attendance page and the round reports. */
const roundsPage = (name: keyof typeof import('./rounds/rounds.pages.ts')) => async () => ({
  Component: (await import('./rounds/rounds.pages.ts'))[name],
});

/**
 * Medication in the web app (issue 15, first slice): the dose round, prescribing from the person's
 * page, and the person's medication tab. Custodial staff see none of it; their worklist shows only
 * that a person must attend the dose round (MED-3), which links to the person's custodial page.
 */
export const medicationModule: AppModule = {
  name: 'medication',
  namespaces: ['medication', 'registry', 'rounds'],
  nav: [
    { to: '/medication/round', labelKey: 'medication:nav.round', permission: 'medication.read' },
    // ADR 0040: the pharmacy (stock, receipts, dispensing, write-offs, the controlled-drug book, the report).
    { to: '/medication/pharmacy', labelKey: 'medication:nav.pharmacy', permission: 'medication.stock.read' },
    {
      to: '/medication/pharmacy/controlled',
      labelKey: 'medication:nav.controlled',
      permission: 'medication.stock.read',
    },
    // ADR 0045: the prescriber's orders and the institution's medication settings.
    { to: '/medication/orders', labelKey: 'medication:nav.orders', permission: 'medication.prescribe' },
    {
      to: '/medication/settings',
      labelKey: 'medication:nav.settings',
      permission: 'medication.settings.manage',
    },
    {
      to: '/medication/reports',
      labelKey: 'rounds:nav.reports',
      permission: 'medication.regime_report.read',
    },
    {
      to: '/medication/attendance',
      labelKey: 'rounds:nav.attendance',
      permission: 'medication.attendance.mark',
    },
  ],
  routes: [
    { path: 'medication/round', handle: { permission: 'medication.read' }, lazy: page('RoundPage') },
    {
      path: 'medication/persons/:id/prescribe',
      handle: { permission: 'medication.prescribe' },
      lazy: page('PrescribePage'),
    },
    {
      path: 'medication/pharmacy',
      handle: { permission: 'medication.stock.read' },
      lazy: page('PharmacyStockPage'),
    },
    {
      path: 'medication/pharmacy/receive',
      handle: { permission: 'medication.stock.manage' },
      lazy: page('ReceiveStockPage'),
    },
    {
      path: 'medication/pharmacy/dispense',
      handle: { permission: 'medication.stock.manage' },
      lazy: page('DispensePage'),
    },
    {
      path: 'medication/pharmacy/write-off',
      handle: { permission: 'medication.stock.manage' },
      lazy: page('WriteOffPage'),
    },
    {
      path: 'medication/pharmacy/controlled',
      handle: { permission: 'medication.stock.read' },
      lazy: page('ControlledBookPage'),
    },
    {
      path: 'medication/pharmacy/report',
      handle: { permission: 'medication.stock.read' },
      lazy: page('StockReportPage'),
    },
    { path: 'medication/orders', handle: { permission: 'medication.prescribe' }, lazy: page('OrdersPage') },
    {
      path: 'medication/reconciliations/:id',
      handle: { permission: 'medication.prescribe' },
      lazy: page('ReconcilePage'),
    },
    {
      path: 'medication/persons/:id/verbal-order',
      handle: { permission: 'medication.verbal_order.record' },
      lazy: page('VerbalOrderPage'),
    },
    {
      path: 'medication/settings',
      handle: { permission: 'medication.settings.manage' },
      lazy: page('MedicationSettingsPage'),
    },
    {
      path: 'medication/reports',
      handle: { permission: 'medication.regime_report.read' },
      lazy: roundsPage('RoundReportPage'),
    },
    {
      path: 'medication/attendance',
      // Whoever has the attendance lines (MED-3) sees the list; only officers may mark (the button).
      handle: { permission: 'health_alert.read' },
      lazy: roundsPage('AttendancePage'),
    },
  ],
  personTabs: [
    {
      key: 'medication',
      labelKey: 'medication:tabs.medication',
      permission: 'medication.read',
      component: lazy(async () => ({ default: (await import('./medication.pages.ts')).PersonMedicationTab })),
    },
  ],
  worklistLink: (item) =>
    pharmacyLink(item) ??
    ordersLink(item) ??
    (item.kind === 'attend_dose_round'
      ? // ADR 0046: the attendance list, where an officer marks the person not brought (regime).
        `/medication/attendance?person=${encodeURIComponent(item.subjectId)}`
      : item.kind === 'programme_doses_missed'
        ? `/registry/persons/${encodeURIComponent(item.subjectId)}?tab=medication`
        : item.kind === 'dose_due' || item.kind === 'dose_overdue'
          ? // The round holding the dose (the morning round's late doses when the noon round is on).
            `/medication/round${item.dueAt ? `?at=${encodeURIComponent(item.dueAt)}` : ''}`
          : null),
};

/** ADR 0040: the pharmacy's worklist lines open the page that resolves them, in their institution. */
function pharmacyLink(item: WorklistItem): string | null {
  const inst = item.institutionId ? `institutionId=${encodeURIComponent(item.institutionId)}` : '';
  const id = encodeURIComponent(item.subjectId);
  switch (item.kind) {
    case 'stock_task':
      return `/medication/pharmacy?${inst}`;
    case 'stock_out':
      return `/medication/pharmacy/receive?${inst}&drugId=${id}`;
    case 'batch_expiring':
      return `/medication/pharmacy/write-off?${inst}&batchId=${id}`;
    case 'controlled_incident':
      return `/medication/pharmacy/controlled?${inst}`;
    default:
      return null;
  }
}

/** ADR 0045: the prescriber's lines open the orders page (a reconciliation its own page). */
function ordersLink(item: WorklistItem): string | null {
  switch (item.kind) {
    case 'verbal_order_countersign':
    case 'prescription_renewal':
    case 'release_preparation':
    case 'possession_review':
      return '/medication/orders';
    case 'medication_reconciliation':
      return `/medication/reconciliations/${encodeURIComponent(item.subjectId)}`;
    case 'verbal_orders_overdue':
      return `/medication/settings?institutionId=${encodeURIComponent(item.subjectId)}`;
    default:
      return null;
  }
}
