import { AsyncLocalStorage } from 'node:async_hooks';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/**
 * Statements per request (issue 13): every statement a request runs is counted, so the request log
 * line carries the count and the API tests assert it for the pages that must not grow with the data
 * (an N+1 — a statement inside a loop — fails CI instead of a national deployment).
 */
interface Tally {
  statements: number;
}

const current = new AsyncLocalStorage<Tally>();

/** Runs `fn` (and everything it starts) with a tally of its own; `statementsSoFar` reads it. */
export function withStatementTally<T>(fn: () => T): T {
  return current.run({ statements: 0 }, fn);
}

/** Statements run so far by the current request (undefined outside one). */
export function statementsSoFar(): number | undefined {
  return current.getStore()?.statements;
}

/**
 * The Kysely plugin that counts: once per executed statement (results pass through
 * `transformResult` once per execution; `transformQuery` also runs for embedded subqueries).
 */
export const statementCounter: KyselyPlugin = {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  },
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const tally = current.getStore();
    if (tally) tally.statements += 1;
    return args.result;
  },
};
