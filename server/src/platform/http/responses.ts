import { FHIR_MEDIA_TYPE, fhirResourceSchema } from '@custodia/domain';
import { z } from 'zod';

/** Text or bytes, sent as they are (described as binary in the OpenAPI document). */
const fileBody = z.string().meta({ format: 'binary' }) as z.ZodType<string | Buffer>;

/**
 * The response of a route that answers a file or a stream rather than JSON: its content type,
 * declared explicitly (issue 11: every API route declares what it answers), and no serialiser runs
 * over the bytes.
 */
export function fileResponse(contentTypes: readonly string[], description: string) {
  return {
    description,
    content: Object.fromEntries(contentTypes.map((type) => [type, { schema: fileBody }])),
  };
}

/**
 * The response of a command that answers nothing (204): no body (`type: 'null'` tells the OpenAPI
 * document so), and the handler sends none (`reply.status(204).send()`), hence `undefined` as its type.
 */
export const noContentResponse = z
  .null()
  .meta({ type: 'null', description: 'No content' }) as unknown as z.ZodType<undefined>;

/** A FHIR resource of one type, answered as `application/fhir+json`. */
export function fhirResponse(resourceType: string, description: string) {
  return { description, content: { [FHIR_MEDIA_TYPE]: { schema: fhirResourceSchema(resourceType) } } };
}

/** A FHIR read or search refused (400) or not found (404): an OperationOutcome. */
export const fhirOutcomeResponse = fhirResponse('OperationOutcome', 'An OperationOutcome');
