import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { Executor } from './database.ts';

/**
 * A statement built and compiled once, run with each request's values (issue 13, ADR 0052). The
 * chart's summary is one statement of nine subqueries; building its tree and compiling it to SQL, the
 * same SQL every time, was most of Kysely's seventh of a chart's time in a profile. Here the query is
 * built once per shape (what changes its SQL, e.g. whether the reader sees restricted items) with a
 * placeholder text for each value, and each run copies the compiled parameters with the placeholders
 * replaced.
 *
 * A value must reach the statement as a parameter of its own, unchanged (`where person_id = ?`): the
 * first compile of a shape checks that no placeholder was folded into another value (a concatenation
 * in code), and throws otherwise. A shape may leave a value out (the restricted reader's statement
 * does not name the reader).
 */
export function compiledOnce<K extends string, R>(
  names: readonly K[],
  build: (executor: Executor, values: Record<K, string>, shape: string) => Compilable<R>,
) {
  const shapes = new Map<string, { compiled: CompiledQuery<R>; slots: (K | null)[] }>();
  const placeholders = Object.fromEntries(
    names.map((name) => [name, `\u0000compiled-once:${name}\u0000`]),
  ) as Record<K, string>;
  const byPlaceholder = new Map(names.map((name) => [placeholders[name] as string, name]));

  function compile(executor: Executor, shape: string) {
    const compiled = build(executor, placeholders, shape).compile();
    const slots = compiled.parameters.map((p) => {
      if (typeof p !== 'string' || !p.includes('\u0000compiled-once:')) return null;
      const name = byPlaceholder.get(p);
      if (!name) throw new Error(`compiledOnce: a value was changed on its way into the statement: ${p}`);
      return name;
    });
    const entry = { compiled, slots };
    shapes.set(shape, entry);
    return entry;
  }

  return {
    /** Runs the statement of this shape with these values (`shape` names what changes its SQL). */
    async execute(executor: Executor, shape: string, values: Record<K, string>): Promise<QueryResult<R>> {
      const { compiled, slots } = shapes.get(shape) ?? compile(executor, shape);
      const parameters = compiled.parameters.map((p, i) => {
        const slot = slots[i];
        return slot ? values[slot] : p;
      });
      return executor.executeQuery<R>({ ...compiled, parameters });
    },
  };
}
