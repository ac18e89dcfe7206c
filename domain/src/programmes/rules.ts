import type {
  DstDrug,
  ProgrammeCode,
  TbBacteriology,
  TbOutcome,
  TbRegistrationCategory,
  TbResistance,
  TbSite,
  TbTest,
} from './vocabulary.ts';
import { drResistanceClasses } from './vocabulary.ts';

/**
 * The pure rules of the programme registers (TB-1 … TB-5, PHC-7 … PHC-9): no clock of their own,
 * `now` or `today` passed in. Calendar dates are `YYYY-MM-DD` in the institution's zone.
 */

const DAY = 86_400_000;
/** A problem of an input: the path of the field and a code the web translates. */
export interface ProgrammeProblem {
  path: string;
  code: string;
}

/** The earlier and the later of two ISO dates or instants (compared as text, as they sort). */
export const earlierOf = (a: string, b: string): string => [a, b].sort()[0] as string;
export const laterOf = (a: string, b: string): string => [a, b].sort()[1] as string;

/** A calendar date `n` days later (negative: earlier). */
export function programmeAddDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** A calendar date `n` months later, the day clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function programmeAddMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Days from `from` to `to` (positive when `to` is later). */
export function programmeDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

// ---------------------------------------------------------------------------------------------------
// The engine (DOMAIN.md §0.4): one open episode per programme and person, exactly one final outcome.

/** An episode as the rules see it. */
export interface EpisodeFacts {
  id: string;
  programme: ProgrammeCode;
  /** Null while open. */
  outcome: string | null;
}

/** DOMAIN §0.4: a person has at most one open episode of a programme. */
export function openEpisodeProblem(
  existing: readonly EpisodeFacts[],
  programme: ProgrammeCode,
): ProgrammeProblem | null {
  return existing.some((e) => e.programme === programme && e.outcome === null)
    ? { path: 'programme', code: 'episode_already_open' }
    : null;
}

// ---------------------------------------------------------------------------------------------------
// Tests and results.

/** A test of the register as the rules see it. */
export interface TestFacts {
  test: TbTest;
  sampleOn: string;
  resultOn: string | null;
  /** Smear: a grade; Xpert: `detected`…; culture: `positive`…; X-ray: `suggestive_of_tb`…. */
  result: string | null;
  /** Xpert: the rifampicin result. */
  rifampicin?: string | null;
  /** DST: a result per drug. */
  dst?: Partial<Record<DstDrug, string>> | null;
}

/** A result is dated on or after its sample, and not in the future (issue 16, bad input). */
export function resultDateProblems(sampleOn: string, resultOn: string, today: string): ProgrammeProblem[] {
  const problems: ProgrammeProblem[] = [];
  if (resultOn < sampleOn) problems.push({ path: 'resultOn', code: 'result_before_sample' });
  if (resultOn > today) problems.push({ path: 'resultOn', code: 'in_the_future' });
  return problems;
}

/** A sample is not taken in the future. */
export function sampleDateProblems(sampleOn: string, today: string): ProgrammeProblem[] {
  return sampleOn > today ? [{ path: 'sampleOn', code: 'in_the_future' }] : [];
}

/** Whether a resulted test shows TB bacteria (positive smear, culture or rapid molecular test). */
export function bacteriologicallyPositive(t: TestFacts): boolean {
  if (!t.result) return false;
  if (t.test === 'smear') return t.result !== 'negative';
  if (t.test === 'xpert') return t.result === 'detected';
  if (t.test === 'culture') return t.result === 'positive';
  return false;
}

/** Whether a resulted smear or culture is negative (a bacteriological response, PHC-8). */
export function bacteriologicallyNegative(t: TestFacts): boolean {
  return (t.test === 'smear' || t.test === 'culture') && t.result === 'negative';
}

/**
 * TB-1: the resistance class from the results (2021 definitions). Rifampicin resistance from Xpert or
 * DST; MDR = RR + isoniazid; pre-XDR = MDR/RR + a fluoroquinolone; XDR = pre-XDR + bedaquiline or
 * linezolid; Hr = isoniazid-resistant, rifampicin-susceptible. `unknown` without any result.
 */
export function resistanceFromTests(tests: readonly TestFacts[]): TbResistance {
  const r = new Set<DstDrug>();
  const s = new Set<DstDrug>();
  for (const t of tests) {
    if (t.test === 'xpert' && t.result === 'detected') {
      if (t.rifampicin === 'detected') r.add('rifampicin');
      else if (t.rifampicin === 'not_detected') s.add('rifampicin');
    }
    if (t.test === 'dst' && t.dst) {
      for (const [drug, value] of Object.entries(t.dst) as [DstDrug, string][]) {
        if (value === 'resistant') r.add(drug);
        else if (value === 'susceptible') s.add(drug);
      }
    }
  }
  return classifyResistance(r, s);
}

/** TB-1: the class from the drugs found resistant and susceptible. */
export function classifyResistance(
  resistant: ReadonlySet<DstDrug>,
  susceptible: ReadonlySet<DstDrug>,
): TbResistance {
  if (resistant.has('rifampicin')) {
    if (resistant.has('fluoroquinolone'))
      return resistant.has('bedaquiline') || resistant.has('linezolid') ? 'xdr' : 'pre_xdr';
    return resistant.has('isoniazid') ? 'mdr' : 'rr';
  }
  if (resistant.has('isoniazid')) return 'hr';
  if (susceptible.has('rifampicin')) return 'susceptible';
  return 'unknown';
}

/** Whether a class is treated and reported as drug-resistant TB (RR/MDR and beyond). */
export const isDrugResistant = (r: TbResistance) => drResistanceClasses.includes(r);

/** The registration as the rules see it (TB-1). */
export interface RegistrationFacts {
  category: TbRegistrationCategory;
  bacteriology: TbBacteriology;
  site: TbSite;
  resistance: TbResistance;
  diagnosedOn: string;
  registeredOn: string;
}

/**
 * TB-1: a registration the results support: "bacteriologically confirmed" needs a positive result,
 * a drug-resistant class needs the rifampicin result that shows it, dates not in the future and the
 * registration not before the diagnosis.
 */
export function registrationProblems(
  input: RegistrationFacts,
  tests: readonly TestFacts[],
  today: string,
): ProgrammeProblem[] {
  const problems: ProgrammeProblem[] = [];
  if (input.bacteriology === 'bacteriologically_confirmed' && !tests.some(bacteriologicallyPositive))
    problems.push({ path: 'bacteriology', code: 'no_positive_result' });
  if (isDrugResistant(input.resistance)) {
    const found = resistanceFromTests(tests);
    if (!isDrugResistant(found)) problems.push({ path: 'resistance', code: 'no_resistance_result' });
  }
  if (input.diagnosedOn > today) problems.push({ path: 'diagnosedOn', code: 'in_the_future' });
  if (input.registeredOn > today) problems.push({ path: 'registeredOn', code: 'in_the_future' });
  if (input.registeredOn < input.diagnosedOn)
    problems.push({ path: 'registeredOn', code: 'registered_before_diagnosis' });
  return problems;
}

/** The register number: institution code, programme, year of registration, sequence (TB-CS). */
export function registerNumber(institutionCode: string, year: number, sequence: number): string {
  return `${institutionCode}-TB-${year}-${String(sequence).padStart(4, '0')}`;
}

// ---------------------------------------------------------------------------------------------------
// Monitoring (WHO): sputum smear at the end of months 2, 5 and 6 for susceptible TB; monthly culture
// for RR/MDR-TB through the treatment.

export interface MonitoringItem {
  month: number;
  test: 'smear' | 'culture';
  dueOn: string;
  /** A sample taken within 14 days of the due date counts. */
  doneOn: string | null;
  state: 'done' | 'upcoming' | 'due' | 'overdue';
}

/** Days before its date that a monitoring sample falls due, and after which it is overdue. */
export const MONITORING_WINDOW_DAYS = 14;

/** The monitoring schedule of a treatment and its state at `today`. */
export function monitoringSchedule(
  treatment: { startOn: string; months: number; resistance: TbResistance },
  tests: readonly Pick<TestFacts, 'test' | 'sampleOn'>[],
  today: string,
): MonitoringItem[] {
  const dr = isDrugResistant(treatment.resistance);
  const months = dr
    ? Array.from({ length: treatment.months }, (_, i) => i + 1)
    : [2, 5, 6].filter((m) => m <= Math.max(treatment.months, 6));
  const test: 'smear' | 'culture' = dr ? 'culture' : 'smear';
  const used = new Set<number>();
  return months.map((month) => {
    const dueOn = programmeAddMonths(treatment.startOn, month);
    const index = tests.findIndex(
      (t, i) =>
        !used.has(i) &&
        t.test === test &&
        Math.abs(programmeDaysBetween(dueOn, t.sampleOn)) <= MONITORING_WINDOW_DAYS,
    );
    if (index >= 0) used.add(index);
    const doneOn = index >= 0 ? (tests[index]?.sampleOn ?? null) : null;
    const state: MonitoringItem['state'] = doneOn
      ? 'done'
      : today > programmeAddDays(dueOn, MONITORING_WINDOW_DAYS)
        ? 'overdue'
        : today >= programmeAddDays(dueOn, -MONITORING_WINDOW_DAYS)
          ? 'due'
          : 'upcoming';
    return { month, test, dueOn, doneOn, state };
  });
}

// ---------------------------------------------------------------------------------------------------
// Adherence and interruption (PHC-7, PHC-8, TB-2).

/** TB-2: months of interruption after which "lost to follow-up" is proposed. */
export const LTFU_INTERRUPTION_MONTHS = 2;

export interface AdherenceFacts {
  /** Supervised doses due since the start (each dose slot). */
  due: number;
  /** Of those, given (fully or partly). */
  given: number;
  /** The last day a supervised dose was given (institution's zone), or null. */
  lastGivenOn: string | null;
}

/** Adherence as a whole percentage of the supervised doses due (null before any is due). */
export function adherencePercent(a: AdherenceFacts): number | null {
  return a.due > 0 ? Math.round((100 * a.given) / a.due) : null;
}

/**
 * TB-2, PHC-8: "lost to follow-up" is proposed when treatment has been interrupted for 2 consecutive
 * months: no supervised dose given since the later of the treatment start and the last dose, for at
 * least 2 calendar months up to `today`. A proposal, never an outcome recorded by itself.
 */
export function ltfuProposal(
  treatment: { startOn: string; outcome: TbOutcome | null },
  lastGivenOn: string | null,
  today: string,
): { interruptedSince: string } | null {
  if (treatment.outcome) return null;
  const since = lastGivenOn && lastGivenOn > treatment.startOn ? lastGivenOn : treatment.startOn;
  return programmeAddMonths(since, LTFU_INTERRUPTION_MONTHS) <= today ? { interruptedSince: since } : null;
}

// ---------------------------------------------------------------------------------------------------
// Outcomes (PHC-8, TB-2): WHO definitions checked where the data can check them.

export interface OutcomeFacts {
  outcome: TbOutcome;
  outcomeOn: string;
  failureReason?: string | null;
}

/**
 * PHC-8 (2021 definitions): "cured" needs a bacteriologically confirmed pulmonary case, a negative
 * smear or culture in the last month of treatment and one on an earlier occasion, and no positive
 * result after the first negative one (no evidence of failure); "completed" and "cured" need a
 * treatment started; "failed" needs the reason the regimen was stopped or changed; the date is on or
 * after the registration and not in the future.
 */
export function outcomeProblems(
  input: OutcomeFacts,
  episode: {
    registration: Pick<RegistrationFacts, 'bacteriology' | 'site' | 'registeredOn'> | null;
    treatmentStartOn: string | null;
  },
  tests: readonly TestFacts[],
  today: string,
): ProgrammeProblem[] {
  const problems: ProgrammeProblem[] = [];
  if (!episode.registration) return [{ path: 'outcome', code: 'not_registered' }];
  if (input.outcomeOn > today) problems.push({ path: 'outcomeOn', code: 'in_the_future' });
  if (input.outcomeOn < episode.registration.registeredOn)
    problems.push({ path: 'outcomeOn', code: 'before_registration' });
  const needsTreatment = input.outcome === 'cured' || input.outcome === 'treatment_completed';
  if (needsTreatment && !episode.treatmentStartOn) problems.push({ path: 'outcome', code: 'no_treatment' });
  if (input.outcome === 'treatment_failed' && !input.failureReason?.trim())
    problems.push({ path: 'failureReason', code: 'failure_reason_required' });
  if (input.outcome === 'cured') {
    if (episode.registration.bacteriology !== 'bacteriologically_confirmed')
      problems.push({ path: 'outcome', code: 'cured_needs_confirmation' });
    const start = episode.treatmentStartOn ?? episode.registration.registeredOn;
    const monitoring = tests
      .filter((t) => (t.test === 'smear' || t.test === 'culture') && t.result && t.sampleOn >= start)
      .sort((a, b) => a.sampleOn.localeCompare(b.sampleOn));
    const negatives = monitoring.filter(bacteriologicallyNegative);
    const lastMonth = programmeAddMonths(input.outcomeOn, -1);
    const endNegative = negatives.some((t) => t.sampleOn >= lastMonth && t.sampleOn <= input.outcomeOn);
    const earlier = negatives.some((t) => t.sampleOn < lastMonth);
    const firstNegative = negatives[0]?.sampleOn;
    const positiveAfter = firstNegative
      ? monitoring.some((t) => bacteriologicallyPositive(t) && t.sampleOn > firstNegative)
      : false;
    if (!endNegative || !earlier) problems.push({ path: 'outcome', code: 'cured_needs_negative_results' });
    if (positiveAfter) problems.push({ path: 'outcome', code: 'cured_positive_after_conversion' });
  }
  return problems;
}

/** Treatment success (PHC-8) = cured + completed. */
export const isTreatmentSuccess = (o: string | null) => o === 'cured' || o === 'treatment_completed';

// ---------------------------------------------------------------------------------------------------
// Cohorts (TB-3): notifications by date of diagnosis, outcome cohorts by quarter of registration.

/** `2026-Q4` of a calendar date. */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/** The first and last day of a quarter `YYYY-Qn`. */
export function quarterBounds(quarter: string): { from: string; to: string } {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  const from = `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
  const to = programmeAddDays(programmeAddMonths(from, 3), -1);
  return { from, to };
}

/** The quarter `n` quarters before (or after, when negative). */
export function quarterMinus(quarter: string, n: number): string {
  const index = Number(quarter.slice(0, 4)) * 4 + Number(quarter.slice(6)) - 1 - n;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** TB-3: the outcome cohort reported with a quarter is the one registered four quarters earlier. */
export const outcomeCohortOf = (quarter: string) => quarterMinus(quarter, 4);

/** TB-3: whether an episode belongs to the outcome cohort of `cohortQuarter` (by date of registration). */
export function inCohort(registeredOn: string | null, cohortQuarter: string): boolean {
  return registeredOn !== null && quarterOf(registeredOn) === cohortQuarter;
}

/** The last finished quarter on `today` (reports default to it). */
export function lastFinishedQuarter(today: string): string {
  return quarterMinus(quarterOf(today), 1);
}

// ---------------------------------------------------------------------------------------------------
// Screening (PHC-9, TRC-5): everyone at least once a year, and at release.

/** PHC-9: days after which a yearly TB screening falls due again. */
export const YEARLY_SCREEN_DAYS = 365;

/** PHC-9: the day the next yearly screening is due (the admission day when never screened). */
export function yearlyScreenDueOn(lastScreenedOn: string | null, admittedOn: string): string {
  return lastScreenedOn ? programmeAddDays(lastScreenedOn, YEARLY_SCREEN_DAYS) : admittedOn;
}

// ---------------------------------------------------------------------------------------------------
// Contact investigation (TB-5, PHC-7): who shared a cell or unit with the index case.

/** TB-5: the months of placement history a contact investigation looks back. */
export const CONTACT_LOOKBACK_MONTHS = 3;

/** One stay in a cell, from the placement history (`to` null: still there). Instants. */
export interface Stay {
  personId: string;
  cellId: string;
  unitId: string | null;
  from: string;
  to: string | null;
}

export interface Contact {
  personId: string;
  setting: 'cell' | 'unit';
  overlapFrom: string;
  overlapTo: string;
}

/**
 * TB-5: the contacts of an index case from the placement history: everyone whose stay overlapped one
 * of the index case's stays in the same cell (setting `cell`) or the same unit (`unit`), within the
 * window `[from, to]`; one line per person, a shared cell outranking a shared unit, the overlap from
 * the first to the last shared moment.
 */
export function contactsFromStays(
  indexPersonId: string,
  index: readonly Stay[],
  others: readonly Stay[],
  window: { from: string; to: string },
): Contact[] {
  const byPerson = new Map<string, Contact>();
  const clip = (s: Stay) => ({
    from: laterOf(s.from, window.from),
    to: s.to === null ? window.to : earlierOf(s.to, window.to),
  });
  for (const mine of index) {
    const a = clip(mine);
    if (a.from >= a.to) continue;
    for (const other of others) {
      if (other.personId === indexPersonId) continue;
      const setting =
        other.cellId === mine.cellId ? 'cell' : mine.unitId && other.unitId === mine.unitId ? 'unit' : null;
      if (!setting) continue;
      const b = clip(other);
      const from = laterOf(a.from, b.from);
      const to = earlierOf(a.to, b.to);
      if (from >= to) continue;
      const seen = byPerson.get(other.personId);
      if (!seen) {
        byPerson.set(other.personId, { personId: other.personId, setting, overlapFrom: from, overlapTo: to });
        continue;
      }
      if (setting === 'cell') seen.setting = 'cell';
      if (from < seen.overlapFrom) seen.overlapFrom = from;
      if (to > seen.overlapTo) seen.overlapTo = to;
    }
  }
  return [...byPerson.values()].sort(
    (x, y) =>
      (x.setting === y.setting ? 0 : x.setting === 'cell' ? -1 : 1) || x.personId.localeCompare(y.personId),
  );
}

// ---------------------------------------------------------------------------------------------------
// Infection control (ADM-6, PHC-6, PHC-7).

/**
 * ADM-6, PHC-7: an episode calls for airborne isolation while TB is presumed (not yet registered or
 * excluded) or registered as pulmonary, until the clinician ends the isolation or the episode ends.
 */
export function needsAirborneIsolation(e: {
  registered: boolean;
  site: TbSite | null;
  closed: boolean;
  isolationEndedOn: string | null;
}): boolean {
  if (e.closed || e.isolationEndedOn) return false;
  return !e.registered || e.site === 'pulmonary';
}

/**
 * ADM-6: placing a person under airborne isolation in a cell shared with others (more than one
 * place) that is not an isolation room needs a recorded reason.
 */
export function isolationPlacementProblem(
  cell: { cellType: string; certifiedCapacity: number },
  otherOccupants: number,
  reason: string | null | undefined,
): ProgrammeProblem | null {
  if (cell.cellType === 'infectious_isolation') return null;
  const shared = cell.certifiedCapacity > 1 || otherOccupants > 0;
  if (!shared || reason?.trim()) return null;
  return { path: 'placementGuardReason', code: 'airborne_isolation_shared_cell' };
}
