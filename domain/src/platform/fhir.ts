import { z } from 'zod';

/**
 * A FHIR R4 resource as the FHIR facade answers it (`application/fhir+json`). Each resource is built
 * field by field by its module's mapper and checked against the R4 profiles in the tests (ADR 0022):
 * the schema names its type and lets the resource through as built, rather than copying R4 here.
 */
export function fhirResourceSchema(resourceType: string) {
  return z.looseObject({ resourceType: z.literal(resourceType) });
}

export const FHIR_MEDIA_TYPE = 'application/fhir+json';
