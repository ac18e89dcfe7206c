/** The medication module's pages: one chunk, loaded when one of its routes or its person tab is opened. */

export { ControlledBookPage } from './ControlledBookPage.tsx';
export { DispensePage } from './DispensePage.tsx';
export { MedicationSettingsPage } from './MedicationSettingsPage.tsx';
export { OrdersPage } from './OrdersPage.tsx';
export { PersonMedicationTab } from './PersonMedicationTab.tsx';
export { PharmacyStockPage } from './PharmacyStockPage.tsx';
export { PrescribePage } from './PrescribePage.tsx';
export { ReceiveStockPage } from './ReceiveStockPage.tsx';
export { ReconcilePage } from './ReconcilePage.tsx';
export { RoundPage } from './RoundPage.tsx';
export { StockReportPage } from './StockReportPage.tsx';
export { VerbalOrderPage } from './VerbalOrderPage.tsx';
export { WriteOffPage } from './WriteOffPage.tsx';
