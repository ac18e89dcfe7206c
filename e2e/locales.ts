/**
 * The web app's catalogues the browser tests read their expected words from, in one place: when a
 * module's locale files move, only these lines change.
 */
export { default as azCommon } from '../web/src/locales/az/common.json';
export { default as azRegistry } from '../web/src/locales/az/registry.json';
export { default as enClinical } from '../web/src/locales/en/clinical.json';
export { default as enCommon } from '../web/src/locales/en/common.json';
export { default as enRegistry } from '../web/src/locales/en/registry.json';
export { default as enRestraint } from '../web/src/locales/en/restraint.json';
export { default as enScreening } from '../web/src/locales/en/screening.json';
