import { clinicalErrorCodes } from './clinical/errors.ts';
import { deathsErrorCodes } from './deaths/errors.ts';
import { forceErrorCodes } from './force/errors.ts';
import { hungerstrikeErrorCodes } from './hungerstrike/errors.ts';
import { identityErrorCodes } from './identity/errors.ts';
import { injuriesErrorCodes } from './injuries/errors.ts';
import { medicationErrorCodes } from './medication/errors.ts';
import { mentalhealthErrorCodes } from './mentalhealth/errors.ts';
import { registryErrorCodes } from './registry/errors.ts';
import { requestsErrorCodes } from './requests/errors.ts';
import { restraintErrorCodes } from './restraint/errors.ts';
import { segregationErrorCodes } from './segregation/errors.ts';
import { selfharmErrorCodes } from './selfharm/errors.ts';

/**
 * The error codes each module declares, one line per module (ADR 0021): a new module adds its
 * `errors.ts` and one line here, and never edits the platform's list.
 */
export const moduleErrorCodes = [
  ...identityErrorCodes,
  ...registryErrorCodes,
  ...clinicalErrorCodes,
  ...restraintErrorCodes,
  ...segregationErrorCodes,
  ...medicationErrorCodes,
  ...forceErrorCodes,
  ...deathsErrorCodes,
  ...requestsErrorCodes,
  ...injuriesErrorCodes,
  ...mentalhealthErrorCodes,
  ...hungerstrikeErrorCodes,
  ...selfharmErrorCodes,
] as const;
