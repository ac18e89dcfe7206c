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

/** The response of a command that answers nothing (204): declared, with no body to serialise. */
export const noContentResponse = { description: 'No content', content: {} };
