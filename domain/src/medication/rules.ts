import { instantToWallTime, wallTimeToInstant } from '../platform/zoned-time.ts';
import {
  type AdministrationOutcome,
  type DeliveryMode,
  defaultRoundTimes,
  defaultTimesOfDay,
  type FrequencyCode,
  type NotGivenReason,
  type PrescriptionStatus,
  type RoundName,
  reasonsNeedingNote,
  roundNames,
} from './vocabulary.ts';

/**
 * The medication rules (STANDARDS MDX-1 … MDX-5, DOMAIN.md §1): pure functions, `now` passed in.
 * Due, late and missed are derived from `now`, never stored by a timer (MDX-2).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const medicationLimits = {
  /** Issue 15 item 5: supervised doses of a programme drug missed in a row before the prescriber is told. */
  programmeMissedInARow: 2,
  /** MDX-2: a dose not recorded 60 min after its time is late (Bahmni's default, DOMAIN.md §1.3). */
  lateMinutes: 60,
  /** A dose not recorded 6 h after its time is shown as missed; it can still be recorded (MDX-2). */
  missedMinutes: 360,
  /** A prescription lapses 90 days after its start unless an earlier end is given (DOMAIN.md §1.3). */
  expiryDays: 90,
  /** A time given for a dose may be a few minutes ahead of the server's clock. */
  clockSkewMinutes: 5,
} as const;
export type MedicationLimits = { -readonly [K in keyof typeof medicationLimits]: number };

/** The timing of a prescription, as stored on it. */
export interface Timing {
  frequency: FrequencyCode;
  /** Times of day (HH:MM) in the institution's zone, for the fixed frequencies. */
  timesOfDay?: readonly string[] | null;
  /** For `every_n_hours`: the interval and the first time of the day. */
  everyHours?: number | null;
  firstTime?: string | null;
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const minutesOf = (time: string) => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** The times of day (HH:MM, sorted) of a timing; none for PRN, which has no due doses. */
export function timesOfDay(timing: Timing): string[] {
  if (timing.frequency === 'prn') return [];
  if (timing.frequency === 'every_n_hours') {
    const every = timing.everyHours ?? 0;
    if (every < 1) return [];
    const first = minutesOf(timing.firstTime ?? '06:00');
    const times: string[] = [];
    for (let m = first; m < first + 24 * 60; m += every * 60) times.push(hhmm(m % (24 * 60)));
    return [...new Set(times)].sort();
  }
  const times = timing.timesOfDay?.length ? timing.timesOfDay : defaultTimesOfDay[timing.frequency];
  return [...new Set(times)].sort();
}

/** The number of doses a day, stored on the prescription (DOMAIN.md §1.5). PRN: its daily maximum. */
export function frequencyPerDay(timing: Timing, prnMaxPerDay?: number | null): number {
  if (timing.frequency === 'prn') return prnMaxPerDay ?? 0;
  return timesOfDay(timing).length;
}

/** The end of a prescription: the one given, but never later than the expiry (default 90 days). */
export function prescriptionEnd(
  startAt: string,
  endAt: string | null | undefined,
  limits: MedicationLimits = medicationLimits,
): string {
  const expiry = new Date(Date.parse(startAt) + limits.expiryDays * DAY).toISOString();
  return endAt && endAt < expiry ? endAt : expiry;
}

/** Whether a prescription has lapsed at `now` (its end passed): it must be renewed to continue. */
export function prescriptionExpired(endAt: string, now: Date): boolean {
  return now.getTime() >= Date.parse(endAt);
}

/** What the dose rules need of a prescription (the current version). */
export interface DosingPrescription extends Timing {
  status: PrescriptionStatus;
  /** When the current status began (a pause or a stop holds doses from then). */
  statusSince: string;
  startAt: string;
  endAt: string;
}

/**
 * The due doses of a prescription on a calendar day of the institution's zone (MDX-2: one slot per
 * due dose). A dose counts when it falls inside the prescription's period and before a pause or a
 * stop; PRN has none.
 */
export function dueDosesOn(
  p: DosingPrescription,
  date: string,
  timeZone: string,
  instantOf: (wall: string) => string | null = (wall) => wallTimeToInstant(wall, timeZone),
): string[] {
  const held = p.status === 'active' ? Number.POSITIVE_INFINITY : Date.parse(p.statusSince);
  const start = Date.parse(p.startAt);
  const end = Math.min(Date.parse(p.endAt), held);
  return timesOfDay(p).flatMap((time) => {
    const at = instantOf(`${date}T${time}`);
    if (!at) return [];
    const ms = Date.parse(at);
    return ms >= start && ms < end ? [new Date(ms).toISOString()] : [];
  });
}

/**
 * A wall time to instant conversion that remembers what it worked out: a list of doses repeats a few
 * times of day, and the zone arithmetic per dose is most of a round's cost. One per request.
 */
export function rememberedInstants(timeZone: string): (wall: string) => string | null {
  const known = new Map<string, string | null>();
  return (wall) => {
    let at = known.get(wall);
    if (at === undefined) {
      at = wallTimeToInstant(wall, timeZone);
      known.set(wall, at);
    }
    return at;
  };
}

/** The state of a due dose at `now`: recorded, or derived from its time (MDX-2). */
export type DoseState = 'recorded' | 'upcoming' | 'due' | 'late' | 'missed';

export function doseState(
  dueAt: string,
  recorded: boolean,
  now: Date,
  limits: MedicationLimits = medicationLimits,
): DoseState {
  if (recorded) return 'recorded';
  const since = now.getTime() - Date.parse(dueAt);
  if (since < 0) return 'upcoming';
  if (since < limits.lateMinutes * MINUTE) return 'due';
  if (since < limits.missedMinutes * MINUTE) return 'late';
  return 'missed';
}

/** The round a time of day belongs to: the nearest round time (configurable per institution). */
export function roundOf(time: string, roundTimes: Record<RoundName, string> = defaultRoundTimes): RoundName {
  const m = minutesOf(time);
  let best: RoundName = 'morning';
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const round of roundNames) {
    const d = Math.abs(minutesOf(roundTimes[round]) - m);
    if (d < bestDistance) {
      best = round;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * The round nearest an instant, with its calendar day in the institution's zone: at 02:00 the night
 * round of the day before (22:00), not the night round of the new day 20 hours ahead.
 */
export function nearestRound(
  at: Date,
  timeZone: string,
  roundTimes: Record<RoundName, string> = defaultRoundTimes,
): { date: string; round: RoundName } {
  const today = wallTimeToInstant(`${calendarDate(at, timeZone)}T12:00`, timeZone) ?? at.toISOString();
  let best = {
    date: calendarDate(at, timeZone),
    round: 'morning' as RoundName,
    distance: Number.POSITIVE_INFINITY,
  };
  for (const shift of [-1, 0, 1]) {
    const date = calendarDate(new Date(Date.parse(today) + shift * DAY), timeZone);
    for (const round of roundNames) {
      const instant = wallTimeToInstant(`${date}T${roundTimes[round]}`, timeZone);
      if (!instant) continue;
      const distance = Math.abs(Date.parse(instant) - at.getTime());
      if (distance < best.distance) best = { date, round, distance };
    }
  }
  return { date: best.date, round: best.round };
}

/**
 * The span of instants whose nearest round is a day's round (as `nearestRound` decides it): from the
 * midpoint with the round before to the midpoint with the round after, a minute wider on each side so a
 * tie at a midpoint is left to `nearestRound`. The round reads the prescriptions and the dose records of
 * this span only, not of three whole days. Null when the round's wall time does not exist that day.
 */
export function roundWindow(
  date: string,
  round: RoundName,
  timeZone: string,
  roundTimes: Record<RoundName, string> = defaultRoundTimes,
): { from: string; to: string } | null {
  const at = wallTimeToInstant(`${date}T${roundTimes[round]}`, timeZone);
  if (!at) return null;
  const centre = Date.parse(at);
  const instants: number[] = [];
  const noon = Date.parse(wallTimeToInstant(`${date}T12:00`, timeZone) ?? at);
  for (const shift of [-1, 0, 1]) {
    const day = calendarDate(new Date(noon + shift * DAY), timeZone);
    for (const name of roundNames) {
      const instant = wallTimeToInstant(`${day}T${roundTimes[name]}`, timeZone);
      if (instant) instants.push(Date.parse(instant));
    }
  }
  const before = Math.max(...instants.filter((i) => i < centre), centre - DAY);
  const after = Math.min(...instants.filter((i) => i > centre), centre + DAY);
  return {
    from: new Date(Math.floor((before + centre) / 2) - MINUTE).toISOString(),
    to: new Date(Math.ceil((centre + after) / 2) + MINUTE).toISOString(),
  };
}

/** The calendar day of an instant in a zone (YYYY-MM-DD). */
function calendarDate(at: Date, timeZone: string): string {
  return instantToWallTime(at, timeZone).slice(0, 10);
}

/** A refused rule: where and why (the web translates the code). */
export interface MedicationProblem {
  path: string;
  code: string;
}

/**
 * PRN limits: a minimum interval since the last dose given, and a maximum in any 24 hours.
 * `givenAts` are the times of the doses already given (in whole or in part).
 */
export function prnProblem(
  givenAts: readonly string[],
  at: string,
  limits: { minIntervalHours: number; maxPerDay: number },
): MedicationProblem | null {
  const t = Date.parse(at);
  const earlier = givenAts.map(Date.parse).filter((g) => g <= t);
  const last = Math.max(...earlier, Number.NEGATIVE_INFINITY);
  if (t - last < limits.minIntervalHours * HOUR) return { path: 'givenAt', code: 'prn_min_interval' };
  // The maximum counts the doses given in the 24 hours before this one.
  const inWindow = givenAts.map(Date.parse).filter((g) => g > t - DAY && g <= t).length;
  if (inWindow + 1 > limits.maxPerDay) return { path: 'givenAt', code: 'prn_max_per_day' };
  return null;
}

/** What the duplicate rule needs of an existing prescription. */
export interface ActiveOrder {
  id: string;
  drugId: string;
  route: string;
  status: PrescriptionStatus;
  endAt: string;
}

/**
 * MDX-4: a new order for the same drug and route overlapping an active (or paused) one is refused
 * unless it explicitly replaces that one. A stopped or lapsed order never blocks (DOMAIN.md §1.5:
 * discontinued orders blocking new ones is a reported pitfall).
 */
export function duplicateProblem(
  order: { drugId: string; route: string; startAt: string; replacesId?: string | null },
  existing: readonly ActiveOrder[],
): MedicationProblem | null {
  const clash = existing.find(
    (e) =>
      e.status !== 'stopped' &&
      e.drugId === order.drugId &&
      e.route === order.route &&
      e.endAt > order.startAt &&
      e.id !== order.replacesId,
  );
  return clash ? { path: 'drugId', code: 'duplicate_active' } : null;
}

/** What the delivery rule needs of a drug. */
export interface DrugFlags {
  highRisk: boolean;
  programme: string | null;
  supervisedOnly: boolean;
}

/**
 * MDX-5: programme drugs (TB, OST, HIV, HCV), high-risk drugs and those flagged supervised-only are
 * given supervised; in-possession needs a recorded risk assessment and a review date, not in the past.
 */
export function deliveryProblems(
  drug: DrugFlags,
  input: { delivery: DeliveryMode; riskAssessment?: string | null; reviewDate?: string | null },
  today?: string,
): MedicationProblem[] {
  if (input.delivery !== 'in_possession') return [];
  if (drug.programme || drug.highRisk || drug.supervisedOnly)
    return [{ path: 'delivery', code: 'supervised_only' }];
  const problems: MedicationProblem[] = [];
  if (!input.riskAssessment?.trim())
    problems.push({ path: 'riskAssessment', code: 'risk_assessment_required' });
  if (!input.reviewDate) problems.push({ path: 'reviewDate', code: 'review_date_required' });
  // A review already past when it is set would never be a review (the worklist would flag it at once).
  else if (today && input.reviewDate < today) problems.push({ path: 'reviewDate', code: 'review_date_past' });
  return problems;
}

/** What the record rules need of the prescription a dose is recorded against. */
export interface RecordingPrescription extends DosingPrescription {
  prn: boolean;
  delivery: DeliveryMode;
}

export interface AdministrationInput {
  dueAt?: string | null;
  outcome: AdministrationOutcome;
  reason?: NotGivenReason | null;
  note?: string | null;
  mouthCheck?: boolean | null;
  givenAt: string;
}

/**
 * MDX-2 and the bad-input rules of a dose record: a dose only for an active, started, unexpired
 * prescription, at one of its due times (or as needed for PRN), once per due time, not in the future;
 * a reason for a dose not given and a note for a refusal; a supervised dose given is observed (mouth
 * check). `alreadyRecorded` says whether the due time already has its record.
 */
export function administrationProblems(
  p: RecordingPrescription,
  input: AdministrationInput,
  ctx: { now: Date; timeZone: string; alreadyRecorded: boolean },
  limits: MedicationLimits = medicationLimits,
): MedicationProblem[] {
  const problems: MedicationProblem[] = [];
  const at = input.dueAt ?? input.givenAt;
  if (Date.parse(input.givenAt) > ctx.now.getTime() + limits.clockSkewMinutes * MINUTE)
    problems.push({ path: 'givenAt', code: 'in_the_future' });
  if (at < p.startAt) problems.push({ path: input.dueAt ? 'dueAt' : 'givenAt', code: 'before_start' });
  else if (at >= p.endAt) problems.push({ path: '', code: 'prescription_expired' });
  if (p.status !== 'active' && at >= p.statusSince)
    problems.push({
      path: '',
      code: p.status === 'stopped' ? 'prescription_stopped' : 'prescription_paused',
    });
  if (p.prn) {
    if (input.dueAt) problems.push({ path: 'dueAt', code: 'prn_has_no_due_time' });
  } else if (!input.dueAt) {
    problems.push({ path: 'dueAt', code: 'due_time_required' });
  } else {
    if (Date.parse(input.dueAt) > ctx.now.getTime() + limits.lateMinutes * MINUTE)
      problems.push({ path: 'dueAt', code: 'not_yet_due' });
    const date = input.dueAt.slice(0, 10);
    const days = [
      date,
      new Date(Date.parse(date) - DAY).toISOString().slice(0, 10),
      new Date(Date.parse(date) + DAY).toISOString().slice(0, 10),
    ];
    const due = days.flatMap((d) => dueDosesOn({ ...p, status: 'active' }, d, ctx.timeZone));
    if (!due.includes(new Date(input.dueAt).toISOString()))
      problems.push({ path: 'dueAt', code: 'not_a_due_time' });
  }
  // MDX-2: exactly one record per due dose.
  if (ctx.alreadyRecorded) problems.push({ path: 'dueAt', code: 'already_recorded' });
  if (input.outcome === 'not_given') {
    if (!input.reason) problems.push({ path: 'reason', code: 'reason_required' });
    else if (reasonsNeedingNote.has(input.reason) && !input.note?.trim())
      problems.push({ path: 'note', code: 'note_required' });
  } else {
    if (input.reason) problems.push({ path: 'reason', code: 'reason_only_when_not_given' });
    // Issue 15 item 5: a supervised dose is recorded as observed.
    if (p.delivery === 'supervised' && !input.mouthCheck)
      problems.push({ path: 'mouthCheck', code: 'mouth_check_required' });
  }
  return problems;
}

/** Folds Azerbaijani and Cyrillic letters to Latin ASCII, lower case, for matching substances. */
function fold(text: string): string {
  const map: Record<string, string> = {
    ə: 'a',
    ı: 'i',
    ö: 'o',
    ü: 'u',
    ş: 's',
    ç: 'c',
    ğ: 'g',
    а: 'a',
    б: 'b',
    в: 'v',
    г: 'g',
    д: 'd',
    е: 'e',
    ё: 'e',
    ж: 'zh',
    з: 'z',
    и: 'i',
    й: 'y',
    к: 'k',
    л: 'l',
    м: 'm',
    н: 'n',
    о: 'o',
    п: 'p',
    р: 'r',
    с: 's',
    т: 't',
    у: 'u',
    ф: 'f',
    х: 'kh',
    ц: 'ts',
    ч: 'ch',
    ш: 'sh',
    щ: 'sh',
    ы: 'y',
    э: 'e',
    ю: 'yu',
    я: 'ya',
    ь: '',
    ъ: '',
  };
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split('')
    .map((c) => map[c] ?? c)
    .join('')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The recorded allergies a drug may trigger: a substance that names the drug (its INN or a name in
 * any language) or is named by it. Refused without an override reason.
 */
export function allergyMatches(drugNames: readonly string[], substances: readonly string[]): string[] {
  const names = drugNames.map(fold).filter((n) => n.length >= 3);
  return substances.filter((s) => {
    const f = fold(s);
    if (f.length < 3) return false;
    return names.some((n) => n.includes(f) || f.includes(n) || n.split(' ')[0] === f.split(' ')[0]);
  });
}

/** A due dose as the adherence rule reads it: its time and what was recorded, if anything. */
export interface DoseOutcome {
  dueAt: string;
  outcome: AdministrationOutcome | null;
}

/**
 * Issue 15 item 5: how many of the latest due doses were missed in a row — not given (whatever the
 * reason), or not recorded by the end of the missed window — counting back from the latest dose
 * already past its time, and stopping at a dose given (in whole or in part). Doses not yet missed
 * are left out: they may still be given.
 */
export function missedInARow(
  doses: readonly DoseOutcome[],
  now: Date,
  limits: MedicationLimits = medicationLimits,
): number {
  const past = [...doses]
    .filter((d) => d.outcome !== null || doseState(d.dueAt, false, now, limits) === 'missed')
    .sort((a, b) => b.dueAt.localeCompare(a.dueAt));
  let count = 0;
  for (const d of past) {
    if (d.outcome === 'given' || d.outcome === 'given_partial') break;
    count += 1;
  }
  return count;
}
