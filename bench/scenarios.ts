import type { Dialect } from '../server/src/platform/db/database.ts';
import { BENCH_ADMIN, BENCH_CLINICIAN, BENCH_PASSWORD } from './generators/identity.ts';
import { FLOOR_PATH } from './lib/floor.ts';
import type { ScaleName } from './lib/scales.ts';
import { clinicalScenarios } from './scenarios-clinical.ts';
import { deathsScenarios } from './scenarios-deaths.ts';
import { forceScenarios } from './scenarios-force.ts';
import { injuriesScenarios } from './scenarios-injuries.ts';
import { medicationScenarios } from './scenarios-medication.ts';
import { mentalhealthScenarios } from './scenarios-mentalhealth.ts';
import { programmesScenarios } from './scenarios-programmes.ts';
import { requestsScenarios } from './scenarios-requests.ts';
import { restraintScenarios } from './scenarios-restraint.ts';
import { segregationScenarios } from './scenarios-segregation.ts';

export interface ScenarioContext {
  /** The real server, e.g. http://127.0.0.1:41234 (no trailing slash). */
  baseUrl: string;
  dialect: Dialect;
  /** The scale recorded by bench:generate, when there is one. */
  scale: ScaleName | undefined;
  /** What the generator left for the scenarios: `system_setting` rows whose key starts with `bench_`. */
  settings: Record<string, string>;
  /** The run's timing, so a set-up can prepare enough one-use data (drafts to sign). */
  timing: { warmupSeconds: number; durationSeconds: number; connections: number };
  /** One JSON request to the real server, for set-up (log in, find an id to read). */
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: unknown }>;
}

/** What a scenario's set-up decides: the path to load (with an id in it) and headers (a session cookie). */
export interface PreparedRequest {
  path?: string;
  headers?: Record<string, string>;
  /**
   * Called for every request (warm-up included) instead of repeating one: answers its path and
   * body, e.g. a different record to read or a fresh draft to sign.
   */
  next?: () => { path: string; body?: unknown };
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Scenario {
  /** Short and stable: results are compared by name across runs. */
  name: string;
  /** Which server answers: the real one (default) or the bare floor. */
  target?: 'server' | 'floor';
  method?: HttpMethod;
  path: string;
  /** Sent as JSON with every request. */
  body?: unknown;
  /** Runs once before the warm-up, e.g. logs in and returns `{ headers: { cookie } }`. */
  setup?: (context: ScenarioContext) => Promise<PreparedRequest>;
  /** The 99th-percentile latency this scenario must stay within, in ms (one figure, or per engine). */
  p99BudgetMs?: number | Partial<Record<Dialect, number>>;
  /** The throughput this scenario must reach, in requests per second (one figure, or per engine). */
  minRequestsPerSecond?: number | Partial<Record<Dialect, number>>;
  /**
   * Connections for this scenario instead of the run's: 1 for a report that one analyst reads at a
   * time (a country's cohort or cascade), whose budget is one reader's wait, not ten readers queued
   * behind each other on one Node process.
   */
  connections?: number;
}

/** The floor: a bare Fastify route in the benchmark process, no database. Always measured first. */
export const floorScenario: Scenario = { name: 'floor', target: 'floor', path: FLOOR_PATH };

interface Session {
  cookie: string;
  csrfToken: string;
}

const sessions = new WeakMap<ScenarioContext, Map<string, Promise<Session>>>();

/**
 * Signs in once per run as the generated bench administrator and answers the session cookie header.
 * A scenario for a route that needs a session returns `{ headers: await signedIn(context) }`.
 */
export async function signedIn(
  context: ScenarioContext,
  username = BENCH_ADMIN,
): Promise<Record<string, string>> {
  return { cookie: (await session(context, username)).cookie };
}

/** The session cookie and the CSRF header a write (POST, PUT...) needs. */
export async function signedInForWrites(
  context: ScenarioContext,
  username: string,
): Promise<Record<string, string>> {
  const { cookie, csrfToken } = await session(context, username);
  return { cookie, 'x-csrf-token': csrfToken };
}

function session(context: ScenarioContext, username: string): Promise<Session> {
  let byUser = sessions.get(context);
  if (!byUser) {
    byUser = new Map();
    sessions.set(context, byUser);
  }
  let pending = byUser.get(username);
  if (!pending) {
    pending = (async () => {
      const answer = await context.request('POST', '/api/v1/auth/sign-in', {
        username,
        password: BENCH_PASSWORD,
      });
      const cookie = answer.headers
        .getSetCookie()
        .map((c) => c.split(';')[0] ?? '')
        .find((c) => c.startsWith('custodia_session='));
      const csrfToken = (answer.body as { csrfToken?: string }).csrfToken;
      if (answer.status !== 200 || !cookie || !csrfToken) {
        throw new Error(`sign-in as ${username} answered ${answer.status}: is the database generated?`);
      }
      return { cookie, csrfToken };
    })();
    byUser.set(username, pending);
  }
  return pending;
}

/**
 * Every read route of the real server. A module adds its own scenarios here (list pages, a person's
 * record, worklists...), with `setup: withSession` when the route needs a signed-in user.
 * Budgets: see docs/benchmarks.md (set from what a 2-core machine gives, with headroom).
 */
const withSession = async (context: ScenarioContext): Promise<PreparedRequest> => ({
  headers: await signedIn(context),
});

export const scenarios: Scenario[] = [
  { name: 'health', path: '/api/health', p99BudgetMs: { sqlite: 10, postgresql: 15 } },
  { name: 'openapi', path: '/api/openapi.json', p99BudgetMs: 25 },
  {
    name: 'session',
    path: '/api/v1/auth/session',
    setup: withSession,
    p99BudgetMs: { sqlite: 25, postgresql: 50 },
  },
  { name: 'roles', path: '/api/v1/roles', setup: withSession, p99BudgetMs: { sqlite: 25, postgresql: 50 } },
  {
    name: 'users-page',
    path: '/api/v1/users?limit=50',
    setup: withSession,
    p99BudgetMs: { sqlite: 60, postgresql: 100 },
  },
  {
    name: 'user',
    path: '/api/v1/users/:id',
    p99BudgetMs: { sqlite: 40, postgresql: 80 },
    async setup(context) {
      const headers = await signedIn(context);
      const page = await context.request('GET', '/api/v1/users?limit=50&q=staff.000', undefined, headers);
      const items = (page.body as { items?: { id: string }[] }).items ?? [];
      const user = items[items.length - 1];
      if (!user) throw new Error('no generated staff account to read');
      return { headers, path: `/api/v1/users/${user.id}` };
    },
  },
];

/** Signs in as the national health manager, who may read every institution's people and FHIR records. */
const asClinician = (context: ScenarioContext) => signedIn(context, BENCH_CLINICIAN);

const people = new WeakMap<ScenarioContext, Promise<string>>();

/** One generated person, the same for every registry scenario of a run: the last of a search page. */
function aPerson(context: ScenarioContext): Promise<string> {
  let id = people.get(context);
  if (!id) {
    id = (async () => {
      const headers = await asClinician(context);
      const page = await context.request('GET', '/api/v1/persons?limit=50', undefined, headers);
      const items = (page.body as { items?: { id: string }[] }).items ?? [];
      const person = items[items.length - 1];
      if (page.status !== 200 || !person) throw new Error(`no generated person to read (${page.status})`);
      return person.id;
    })();
    people.set(context, id);
  }
  return id;
}

const clinicianPath =
  (template: (id: string) => string) =>
  async (context: ScenarioContext): Promise<PreparedRequest> => ({
    headers: await asClinician(context),
    path: template(await aPerson(context)),
  });

/**
 * Registry scenarios (issue 4): search p99 ≤ 20 ms and a person's page data p99 ≤ 25 ms, on SQLite
 * and on PostgreSQL, at pilot and at national scale. `Məmmədov` is the most common surname: about 4%
 * of the people at pilot scale and 10% (27,000 people) at national scale.
 */
scenarios.push(
  {
    name: 'persons-search-latin',
    path: `/api/v1/persons?q=${encodeURIComponent('Məmmədov')}&limit=50`,
    setup: async (context) => ({ headers: await asClinician(context) }),
    p99BudgetMs: 20,
  },
  {
    name: 'persons-search-cyrillic',
    path: `/api/v1/persons?q=${encodeURIComponent('Мамедов')}&limit=50`,
    setup: async (context) => ({ headers: await asClinician(context) }),
    p99BudgetMs: 20,
  },
  // Two words, as a user narrows a common surname: far fewer matches, the same query shape.
  {
    name: 'persons-search-two-words',
    path: `/api/v1/persons?q=${encodeURIComponent('Məmmədov Elvin')}&limit=50`,
    setup: async (context) => ({ headers: await asClinician(context) }),
    p99BudgetMs: 20,
  },
  {
    name: 'person',
    path: '/api/v1/persons/:id',
    setup: clinicianPath((id) => `/api/v1/persons/${id}`),
    p99BudgetMs: 25,
  },
  {
    name: 'person-events',
    path: '/api/v1/persons/:id/events',
    setup: clinicianPath((id) => `/api/v1/persons/${id}/events`),
    p99BudgetMs: 25,
  },
  // The cost of the audit record on a clinical read: the same person, unaudited then audited.
  {
    name: 'person-unaudited',
    path: '/api/v1/persons/:id',
    setup: clinicianPath((id) => `/api/v1/persons/${id}`),
  },
  {
    name: 'fhir-patient-audited',
    path: '/fhir/R4/Patient/:id',
    setup: clinicianPath((id) => `/fhir/R4/Patient/${id}`),
  },
);

scenarios.push(...clinicalScenarios);
scenarios.push(...restraintScenarios);
scenarios.push(...forceScenarios);
scenarios.push(...deathsScenarios);
scenarios.push(...requestsScenarios);
scenarios.push(...injuriesScenarios);
scenarios.push(...segregationScenarios);
scenarios.push(...medicationScenarios);
scenarios.push(...programmesScenarios);
scenarios.push(...mentalhealthScenarios);

export function budgetFor(scenario: Scenario, dialect: Dialect): number | undefined {
  const budget = scenario.p99BudgetMs;
  return typeof budget === 'number' ? budget : budget?.[dialect];
}

export function minRateFor(scenario: Scenario, dialect: Dialect): number | undefined {
  const rate = scenario.minRequestsPerSecond;
  return typeof rate === 'number' ? rate : rate?.[dialect];
}
