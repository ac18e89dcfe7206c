/**
 * The web app's catalogues the browser tests read their expected words from, in one place: when a
 * module's locale files move, only these lines change (ADR 0023: each module's folder holds them).
 */
export { default as azCommon } from '../web/src/app/locales/az.json';
export { default as enCommon } from '../web/src/app/locales/en.json';
export { default as enClinical } from '../web/src/modules/clinical/locales/en.json';
export { default as enScreening } from '../web/src/modules/clinical/screening/locales/en.json';
export { default as enDeaths } from '../web/src/modules/deaths/locales/en.json';
export { default as enForce } from '../web/src/modules/force/locales/en.json';
export { default as enHungerstrike } from '../web/src/modules/hungerstrike/locales/en.json';
export { default as enInjuries } from '../web/src/modules/injuries/locales/en.json';
export { default as enMedication } from '../web/src/modules/medication/locales/en.json';
export { default as enRounds } from '../web/src/modules/medication/rounds/locales/en.json';
export { default as enMentalhealth } from '../web/src/modules/mentalhealth/locales/en.json';
export { default as enProgrammes } from '../web/src/modules/programmes/locales/en.json';
export { default as azRegistry } from '../web/src/modules/registry/locales/az.json';
export { default as enRegistry } from '../web/src/modules/registry/locales/en.json';
export { default as enRequests } from '../web/src/modules/requests/locales/en.json';
export { default as enRestraint } from '../web/src/modules/restraint/locales/en.json';
export { default as enSegregation } from '../web/src/modules/segregation/locales/en.json';
export { default as enSelfharm } from '../web/src/modules/selfharm/locales/en.json';
