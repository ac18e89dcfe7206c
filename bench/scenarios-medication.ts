import type { Scenario, ScenarioContext } from './scenarios.ts';
import { signedIn, signedInForWrites } from './scenarios.ts';

// The generator's names, repeated here (importing the generator would load server code for a string).
const MEDICATION_FACTS = 'bench_medication';
const BENCH_DOCTOR = 'bench.doctor';
const HOUR = 3_600_000;

interface MedicationBenchFacts {
  institutionId: string;
  unitId: string;
  today: string;
  heavyPersonId: string;
  recording: { prescriptionId: string; firstDueAt: string }[];
  everyHours: number;
  recordingDays: number;
}

function factsOf(context: ScenarioContext): MedicationBenchFacts {
  const raw = context.settings[MEDICATION_FACTS];
  if (!raw) throw new Error(`no ${MEDICATION_FACTS} setting: run bench:generate -- --only medication`);
  return JSON.parse(raw) as MedicationBenchFacts;
}

const query = (values: Record<string, string>) => new URLSearchParams(values).toString();

/**
 * Medication (issue 15, Performance; ADR 0046): the morning round of 150 people of a unit
 * (p99 ≤ 25 ms), a person's medication page and their dose history's first page (flat in history
 * length), recording a dose (write + audit, durable: ≥ 1,500/s on SQLite, ≥ 800/s on PostgreSQL), and
 * the daily per-unit report of the largest institution (< 1 s).
 */
export const medicationScenarios: Scenario[] = [
  {
    name: 'medication-round-unit',
    path: '/api/v1/medication/round?institutionId=:id&unitId=:unit&date=:today&round=morning',
    p99BudgetMs: 25,
    async setup(context) {
      const { institutionId, unitId, today } = factsOf(context);
      return {
        headers: await signedIn(context, BENCH_DOCTOR),
        path: `/api/v1/medication/round?${query({ institutionId, unitId, date: today, round: 'morning' })}`,
      };
    },
  },
  {
    name: 'medication-person',
    path: '/api/v1/persons/:id/medication',
    p99BudgetMs: 25,
    async setup(context) {
      return {
        headers: await signedIn(context, BENCH_DOCTOR),
        path: `/api/v1/persons/${encodeURIComponent(factsOf(context).heavyPersonId)}/medication`,
      };
    },
  },
  {
    name: 'medication-person-doses',
    path: '/api/v1/persons/:id/medication/administrations?limit=20',
    p99BudgetMs: 25,
    async setup(context) {
      return {
        headers: await signedIn(context, BENCH_DOCTOR),
        path: `/api/v1/persons/${encodeURIComponent(factsOf(context).heavyPersonId)}/medication/administrations?limit=20`,
      };
    },
  },
  {
    name: 'medication-record-dose',
    method: 'POST',
    path: '/api/v1/medication/prescriptions/:id/administrations',
    minRequestsPerSecond: { sqlite: 1_500, postgresql: 800 },
    async setup(context) {
      const facts = factsOf(context);
      const headers = await signedInForWrites(context, BENCH_DOCTOR);
      const perPrescription = (facts.recordingDays * 24) / facts.everyHours;
      let n = 0;
      // Each request records the next unrecorded due dose: prescription by prescription, dose by dose.
      return {
        headers,
        next: () => {
          const i = n++;
          const p = facts.recording[i % facts.recording.length] as MedicationBenchFacts['recording'][number];
          const k = Math.floor(i / facts.recording.length) % perPrescription;
          const dueAt = new Date(Date.parse(p.firstDueAt) + k * facts.everyHours * HOUR).toISOString();
          return {
            path: `/api/v1/medication/prescriptions/${encodeURIComponent(p.prescriptionId)}/administrations`,
            body: { dueAt, outcome: 'given', mouthCheck: true },
          };
        },
      };
    },
  },
  {
    name: 'medication-report-day',
    path: '/api/v1/medication/reports/rounds?institutionId=:id&from=:day&to=:day',
    p99BudgetMs: 1_000,
    // One reader at a time: the budget is one analyst's wait (Scenario.connections).
    connections: 1,
    async setup(context) {
      const { institutionId, today } = factsOf(context);
      const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 24 * HOUR).toISOString().slice(0, 10);
      return {
        headers: await signedIn(context, BENCH_DOCTOR),
        path: `/api/v1/medication/reports/rounds?${query({ institutionId, from: yesterday, to: yesterday })}`,
      };
    },
  },
];
