import { contentFor } from '@custodia/domain';
import { BENCH_CLINICIAN } from './generators/identity.ts';
import type { Scenario, ScenarioContext } from './scenarios.ts';
import { signedIn, signedInForWrites } from './scenarios.ts';

// The generator's names, repeated here: importing bench/generators/clinical.ts would load the server's
// clinical module into the load generator's process for two strings.
const BENCH_DOCTOR = 'bench.doctor';
const CLINICAL_FACTS = 'bench_clinical';

interface ClinicalBenchFacts {
  institutionId: string;
  heavyPersonId: string;
  chartPersonIds: string[];
  draftPersonIds: string[];
}

function factsOf(context: ScenarioContext): ClinicalBenchFacts {
  const raw = context.settings[CLINICAL_FACTS];
  if (!raw) throw new Error(`no ${CLINICAL_FACTS} setting: generate the database again (clinical part)`);
  return JSON.parse(raw) as ClinicalBenchFacts;
}

const asClinician = (context: ScenarioContext) => signedIn(context, BENCH_CLINICIAN);

/** The most drafts a sign run prepares (about 40 s of set-up at this machine's write rate). */
const MAX_DRAFTS = 40_000;

/**
 * Creates drafts authored by the bench doctor through the API, 10 at a time, enough for the warm-up
 * and the measured seconds at the rate drafts were created (signing costs about as much), twice over.
 */
async function prepareDrafts(context: ScenarioContext, headers: Record<string, string>, people: string[]) {
  const ids: string[] = [];
  let cursor = 0;
  const create = async () => {
    const personId = people[cursor++ % people.length] as string;
    const content = {
      ...contentFor('routine', new Date(Date.now() - 60_000).toISOString(), 'Bench Doctor'),
      subjective: 'Planlı müayinə, şikayəti yoxdur.',
      objective: 'Ümumi vəziyyəti kafidir.',
      assessment: 'Vəziyyəti stabildir.',
      plan: 'Bir aydan sonra təkrar baxış.',
    };
    const answer = await context.request('POST', `/api/v1/persons/${personId}/encounters`, content, headers);
    const id = (answer.body as { id?: string }).id;
    if (answer.status !== 201 || !id)
      throw new Error(`creating a draft answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    ids.push(id);
  };
  const batch = async (count: number) => {
    let left = count;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (left-- > 0) await create();
      }),
    );
  };
  const started = performance.now();
  await batch(1_000);
  const rate = 1_000 / ((performance.now() - started) / 1000);
  const { warmupSeconds, durationSeconds } = context.timing;
  const wanted = Math.min(MAX_DRAFTS, Math.ceil(rate * (warmupSeconds + durationSeconds) * 2) + 500);
  if (wanted > ids.length) await batch(wanted - ids.length);
  return ids;
}

/**
 * The medical record (issue 5), all at 10 connections like the rest: the chart summary of a random
 * charted person (each request another of about 200), of the person with 5,000 encounters, the
 * screening worklist of one institution, and signing (each request signs a fresh draft).
 */
export const clinicalScenarios: Scenario[] = [
  {
    name: 'chart',
    path: '/api/v1/persons/:id/chart',
    p99BudgetMs: 25,
    async setup(context) {
      const { chartPersonIds } = factsOf(context);
      if (!chartPersonIds.length) throw new Error('no charted person generated');
      let n = 0;
      return {
        headers: await asClinician(context),
        next: () => ({ path: `/api/v1/persons/${chartPersonIds[n++ % chartPersonIds.length]}/chart` }),
      };
    },
  },
  {
    name: 'chart-5000-encounters',
    path: '/api/v1/persons/:id/chart',
    p99BudgetMs: 25,
    async setup(context) {
      return {
        headers: await asClinician(context),
        path: `/api/v1/persons/${factsOf(context).heavyPersonId}/chart`,
      };
    },
  },
  {
    name: 'screening-worklist',
    path: '/api/v1/clinical-tasks?institutionId=:id',
    p99BudgetMs: 25,
    async setup(context) {
      return {
        headers: await asClinician(context),
        path: `/api/v1/clinical-tasks?institutionId=${encodeURIComponent(factsOf(context).institutionId)}`,
      };
    },
  },
  {
    name: 'encounter-sign',
    method: 'POST',
    path: '/api/v1/encounters/:id/sign',
    body: { version: 1 },
    minRequestsPerSecond: { sqlite: 1_000 },
    async setup(context) {
      const headers = await signedInForWrites(context, BENCH_DOCTOR);
      const drafts = await prepareDrafts(context, headers, factsOf(context).draftPersonIds);
      let n = 0;
      // Past the last draft, the last one again: it answers 409 and the run reports it as broken.
      const nextId = () => drafts[Math.min(n++, drafts.length - 1)] as string;
      return {
        headers,
        next: () => ({ path: `/api/v1/encounters/${nextId()}/sign`, body: { version: 1 } }),
      };
    },
  },
];
