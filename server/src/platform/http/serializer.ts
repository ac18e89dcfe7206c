import fastJsonStringify from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';

/** The response schemas answered through a compiled serialiser (see `compiledResponse`). */
const compiled = new WeakSet<ZodType>();

/**
 * Marks the response schema of a hot route (the session, the chart, the worklist, the board) to be
 * serialised by fast-json-stringify, compiled once from the schema's JSON Schema (issue 13, ADR
 * 0047), instead of zod re-encoding the whole answer into a new object and `JSON.stringify` walking
 * it again. Only the properties the schema declares are written, as zod's strip did: a field a
 * repository adds by mistake still never reaches the client. What is not checked per request any
 * more is each value's type and enum; the route's API test checks its answers against the schema.
 *
 * A schema with a transform, a codec or a default (its JSON differs between what it takes and what
 * it gives) cannot be compiled: the app then refuses to start, rather than send something else.
 */
export function compiledResponse<T extends ZodType>(schema: T): T {
  compiled.add(schema);
  return schema;
}

/** The JSON Schema of what a compiled response writes; throws for a schema that cannot be compiled. */
export function compiledJsonSchema(schema: ZodType): Record<string, unknown> {
  const options = { unrepresentable: 'throw', target: 'draft-7' } as const;
  const output = z.toJSONSchema(schema, { ...options, io: 'output' });
  const input = z.toJSONSchema(schema, { ...options, io: 'input' });
  // Zod closes objects only on the output side; anything else that differs is a transform or default.
  if (JSON.stringify(output).replaceAll(',"additionalProperties":false', '') !== JSON.stringify(input)) {
    throw new Error('a compiled response schema must give what it takes (no transform, codec or default)');
  }
  return output as Record<string, unknown>;
}

/**
 * The app's serialiser compiler: fast-json-stringify for the schemas marked by `compiledResponse`,
 * fastify-type-provider-zod's (encode with zod, then `JSON.stringify`) for every other.
 */
export const serializerCompiler: FastifySerializerCompiler<unknown> = (route) => {
  const schema = route.schema as ZodType;
  if (schema instanceof z.ZodType && compiled.has(schema)) {
    try {
      return fastJsonStringify(
        compiledJsonSchema(schema) as unknown as Parameters<typeof fastJsonStringify>[0],
      );
    } catch (error) {
      throw new Error(`${route.method} ${route.url}: ${(error as Error).message}`);
    }
  }
  return zodSerializerCompiler(route as Parameters<typeof zodSerializerCompiler>[0]);
};
