import { z } from 'zod';
import { calendarDateIn } from '../platform/index.ts';
import { wallTimeToInstant } from '../platform/zoned-time.ts';

export * from './errors.ts';
export * from './responses.ts';

/**
 * Confidential requests to health care (MED-5) and complaints (RES-7), with allegations of
 * ill-treatment escalated at once (INJ-4). Pure functions: `now` and the institution's time zone are
 * passed in, never read here (ADR 0038).
 */

// ---------------------------------------------------------------------------------------------
// Requests to health care (MED-5)

/** MED-5: how a request reached health care: the sealed box (entered by health staff) or the kiosk. */
export const requestChannels = ['sealed_box', 'kiosk'] as const;
export type RequestChannel = (typeof requestChannels)[number];
export const requestUrgencies = ['routine', 'urgent'] as const;
export type RequestUrgency = (typeof requestUrgencies)[number];

/** MED-5: a routine request is triaged within 24 h of its receipt. */
export const TRIAGE_HOURS = 24;
/**
 * MED-5: an urgent request is triaged the same day (before midnight in the institution's zone), and
 * never with less than this many hours when it arrives late in the evening (ADR 0038).
 */
export const URGENT_TRIAGE_MIN_HOURS = 4;

/** MED-5: what triage decided. `no_action` needs its reason; an appointment its time. */
export const triageOutcomes = [
  'appointment_booked',
  'seen',
  'advice_given',
  'referred',
  'no_action',
] as const;
export type TriageOutcome = (typeof triageOutcomes)[number];

const instant = z.iso.datetime({ offset: false });
const text = z.string().trim().min(3, 'text_too_short').max(4000);

/** MED-5: a paper request from the sealed box, entered by health staff. */
export const boxRequestSchema = z.object({
  text,
  urgency: z.enum(requestUrgencies),
  /** When the box was opened: the time of receipt (the paper reached health care then). */
  boxOpenedAt: instant,
  /** The date the person wrote on the paper, when there is one. */
  paperDate: z.iso.date().nullish(),
  /** INJ-4: the request alleges torture or ill-treatment: escalated at once. */
  allegation: z.boolean().default(false),
  /** INJ-4: how the allegation goes to the prosecutor (required with an allegation). */
  dispatchChannel: z.enum(['electronic', 'post', 'hand', 'phone']).nullish(),
});
export type BoxRequestInput = z.infer<typeof boxRequestSchema>;

/** MED-5: a request the person typed on the kiosk; received when it is sent. */
export const kioskRequestSchema = z.object({
  text,
  urgency: z.enum(requestUrgencies),
});
export type KioskRequestInput = z.infer<typeof kioskRequestSchema>;

export const triageSchema = z.object({
  outcome: z.enum(triageOutcomes),
  /** The appointment's time, for `appointment_booked`. */
  appointmentAt: instant.nullish(),
  /** Why nothing is done, for `no_action`; where to, for `referred`. */
  reason: z.string().trim().max(2000).nullish(),
  note: z.string().trim().max(4000).nullish(),
});
export type TriageInput = z.infer<typeof triageSchema>;
/** The triage as sent: with the request's version (optimistic concurrency). */
export const triageBodySchema = triageSchema.extend({ version: z.number().int().min(1) });

/** A problem found by a rule: the field it concerns (`''` for the whole body) and its code. */
export interface RequestProblem {
  path: string;
  code: string;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The calendar day after `day` (YYYY-MM-DD). */
function nextDay(day: string, n = 1): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The instant of midnight ending `day` in `timeZone`. */
function endOfDay(day: string, timeZone: string): Date {
  return new Date(wallTimeToInstant(`${nextDay(day)}T00:00:00`, timeZone) ?? `${nextDay(day)}T00:00:00Z`);
}

/**
 * MED-5: when triage of a request falls due: 24 h after receipt; an urgent one the same day
 * (midnight in the institution's zone), at least 4 h after receipt, never later than 24 h.
 */
export function triageDueAt(receivedAt: string, urgency: RequestUrgency, timeZone: string): string {
  const received = Date.parse(receivedAt);
  const routine = received + TRIAGE_HOURS * HOUR_MS;
  if (urgency === 'routine') return new Date(routine).toISOString();
  const midnight = endOfDay(calendarDateIn(new Date(received), timeZone), timeZone).getTime();
  const due = Math.min(routine, Math.max(midnight, received + URGENT_TRIAGE_MIN_HOURS * HOUR_MS));
  return new Date(due).toISOString();
}

/** MED-5: whether a request was triaged in time (null while it waits and is not yet late). */
export function triagedInTime(
  request: { receivedAt: string; urgency: RequestUrgency; triagedAt: string | null },
  now: Date,
  timeZone: string,
): boolean | null {
  const due = Date.parse(triageDueAt(request.receivedAt, request.urgency, timeZone));
  if (request.triagedAt) return Date.parse(request.triagedAt) <= due;
  return now.getTime() > due ? false : null;
}

/** MED-5: a paper's receipt: the box opened not in the future, the paper not written after it. */
export function boxRequestProblems(input: BoxRequestInput, now: Date, timeZone: string): RequestProblem[] {
  const problems: RequestProblem[] = [];
  if (Date.parse(input.boxOpenedAt) > now.getTime() + 5 * 60_000)
    problems.push({ path: 'boxOpenedAt', code: 'in_the_future' });
  if (input.paperDate && input.paperDate > calendarDateIn(new Date(input.boxOpenedAt), timeZone))
    problems.push({ path: 'paperDate', code: 'paper_after_box' });
  if (input.allegation && !input.dispatchChannel)
    problems.push({ path: 'dispatchChannel', code: 'dispatch_channel_required' });
  return problems;
}

/** MED-5: a triage records one outcome, with what that outcome needs; once per request. */
export function triageProblems(
  input: TriageInput,
  request: { receivedAt: string; triagedAt: string | null },
): RequestProblem[] {
  const problems: RequestProblem[] = [];
  if (request.triagedAt) problems.push({ path: '', code: 'already_triaged' });
  if (input.outcome === 'appointment_booked' && !input.appointmentAt)
    problems.push({ path: 'appointmentAt', code: 'appointment_required' });
  if (input.appointmentAt && input.appointmentAt < request.receivedAt)
    problems.push({ path: 'appointmentAt', code: 'before_receipt' });
  if ((input.outcome === 'no_action' || input.outcome === 'referred') && !input.reason)
    problems.push({ path: 'reason', code: 'reason_required' });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Complaints (RES-7)

/** RES-7: to whom a complaint or request is addressed. */
export const addressees = ['governor', 'ministry', 'prosecutor', 'ombudsman', 'court', 'cpt'] as const;
export type Addressee = (typeof addressees)[number];

/**
 * RES-7: the independent bodies. A complaint to one of them is always confidential: only the
 * independent body's handling role reads it, never the prison's staff.
 */
export const independentAddressees: ReadonlySet<Addressee> = new Set([
  'prosecutor',
  'ombudsman',
  'court',
  'cpt',
]);

export const complaintCategories = [
  'ill_treatment',
  'health_care',
  'conditions',
  'food',
  'contact_family',
  'legal_aid',
  'discipline',
  'staff_conduct',
  'property',
  'work_education',
  'other',
] as const;
export type ComplaintCategory = (typeof complaintCategories)[number];

/**
 * RES-7: the days an addressee has to answer, counted in calendar days (not working days, which
 * would need a holiday calendar) from the day of receipt in the institution's zone; due at the
 * midnight ending the last day (ADR 0038).
 */
export const answerDays: Record<Addressee, number> = {
  governor: 10,
  ministry: 30,
  prosecutor: 30,
  ombudsman: 30,
  court: 30,
  cpt: 60,
};

export const complaintStatuses = ['received', 'acknowledged', 'answered', 'forwarded', 'closed'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

/** INJ-4: how the allegation went to the independent body. */
export const dispatchChannels = ['electronic', 'post', 'hand', 'phone'] as const;
export type DispatchChannel = (typeof dispatchChannels)[number];

export const complaintRegisterSchema = z.object({
  addressee: z.enum(addressees),
  category: z.enum(complaintCategories),
  text: z.string().trim().min(3, 'text_too_short').max(8000),
  /** When the complaint was handed in or taken from the box (not in the future). */
  receivedAt: instant,
  /** RES-7: the person asks for confidentiality (a complaint to an independent body always is). */
  confidential: z.boolean().default(false),
  /** INJ-4: the complaint alleges torture or ill-treatment: escalated at once. */
  allegation: z.boolean().default(false),
  /** INJ-4: how the allegation is sent to the independent body (required with an allegation). */
  dispatchChannel: z.enum(dispatchChannels).nullish(),
  /** INJ-4: the body's or the post's reference, when there is one at once. */
  dispatchReference: z.string().trim().max(200).nullish(),
});
export type ComplaintRegisterInput = z.infer<typeof complaintRegisterSchema>;

export const complaintActions = ['acknowledge', 'answer', 'forward', 'close'] as const;
export type ComplaintAction = (typeof complaintActions)[number];

export const complaintActionSchema = z.object({
  action: z.enum(complaintActions),
  /** The answer (for `answer`), the reason (for `close`), a note otherwise. */
  text: z.string().trim().max(8000).nullish(),
  /** The date of the answer (for `answer`). */
  answerDate: z.iso.date().nullish(),
  /** Where a complaint is forwarded (for `forward`). */
  forwardTo: z.enum(addressees).nullish(),
  /** INJ-4: the person withdraws the complaint (closing it so). Refused for an allegation. */
  withdrawn: z.boolean().default(false),
});
export type ComplaintActionInput = z.infer<typeof complaintActionSchema>;
/** A step as sent: with the complaint's version (optimistic concurrency). */
export const complaintActionBodySchema = complaintActionSchema.extend({ version: z.number().int().min(1) });

/** RES-7: whether a complaint is confidential: marked so, or addressed to an independent body. */
export const isConfidential = (c: { addressee: Addressee; confidential: boolean }) =>
  c.confidential || independentAddressees.has(c.addressee);

/**
 * RES-7: who may read a complaint, by permission (ADR 0038). A complaint to an independent body:
 * only that body's handling role (`requests.complaint.independent`). One marked confidential to the
 * governor or the ministry: only the governor's office (`requests.complaint.handle`). Any other: the
 * staff who register complaints too (`requests.complaint.read`). Custodial staff on the wing hold
 * none of these.
 */
export function complaintReadableWith(
  has: (permission: ComplaintPermission) => boolean,
  c: { addressee: Addressee; confidential: boolean },
): boolean {
  if (independentAddressees.has(c.addressee)) return has('requests.complaint.independent');
  if (c.confidential) return has('requests.complaint.handle');
  return has('requests.complaint.read') || has('requests.complaint.handle');
}

/** RES-7: who may answer, forward and close a complaint. */
export function complaintHandledWith(
  has: (permission: ComplaintPermission) => boolean,
  c: { addressee: Addressee },
): boolean {
  return independentAddressees.has(c.addressee)
    ? has('requests.complaint.independent')
    : has('requests.complaint.handle');
}

export type ComplaintPermission =
  | 'requests.complaint.read'
  | 'requests.complaint.handle'
  | 'requests.complaint.independent';

/** RES-7: the answer's deadline: midnight ending the last of the addressee's days, in the institution's zone. */
export function answerDueAt(receivedAt: string, addressee: Addressee, timeZone: string): string {
  const day = calendarDateIn(new Date(receivedAt), timeZone);
  return endOfDay(nextDay(day, answerDays[addressee]), timeZone)
    .toISOString()
    .replace(/\.\d{3}Z$/, '.000Z');
}

/** RES-7: whether a complaint's answer is late now (answered, forwarded or closed ones are not). */
export function answerOverdue(c: { status: ComplaintStatus; answerDueAt: string }, now: Date): boolean {
  return (
    (c.status === 'received' || c.status === 'acknowledged') && now.getTime() > Date.parse(c.answerDueAt)
  );
}

/** RES-7, INJ-4: a complaint's registration: not received in the future; an allegation says how it goes. */
export function complaintRegisterProblems(input: ComplaintRegisterInput, now: Date): RequestProblem[] {
  const problems: RequestProblem[] = [];
  if (Date.parse(input.receivedAt) > now.getTime() + 5 * 60_000)
    problems.push({ path: 'receivedAt', code: 'in_the_future' });
  if (input.allegation && !input.dispatchChannel)
    problems.push({ path: 'dispatchChannel', code: 'dispatch_channel_required' });
  return problems;
}

/** RES-7: which actions each status allows. */
const allowed: Record<ComplaintStatus, readonly ComplaintAction[]> = {
  received: ['acknowledge', 'answer', 'forward', 'close'],
  acknowledged: ['answer', 'forward', 'close'],
  answered: ['close'],
  forwarded: ['answer', 'close'],
  closed: [],
};

/** The status an action leads to. */
export const statusAfter: Record<ComplaintAction, ComplaintStatus> = {
  acknowledge: 'acknowledged',
  answer: 'answered',
  forward: 'forwarded',
  close: 'closed',
};

/**
 * RES-7, INJ-4: an action on a complaint. An answer has its text and date (not in the future, not
 * before receipt); a forward its new addressee; a close its reason. An allegation's escalation
 * cannot be withdrawn (the report stands even if the person objects): refused by name.
 */
export function complaintActionProblems(
  input: ComplaintActionInput,
  c: { status: ComplaintStatus; addressee: Addressee; allegation: boolean; receivedAt: string },
  now: Date,
  timeZone: string,
): RequestProblem[] {
  const problems: RequestProblem[] = [];
  if (!allowed[c.status].includes(input.action)) problems.push({ path: 'action', code: 'not_allowed_now' });
  if (input.withdrawn && c.allegation) problems.push({ path: 'withdrawn', code: 'escalation_irreversible' });
  if (input.withdrawn && input.action !== 'close')
    problems.push({ path: 'withdrawn', code: 'not_allowed_now' });
  if (input.action === 'answer') {
    if (!input.text || input.text.length < 3) problems.push({ path: 'text', code: 'answer_required' });
    if (!input.answerDate) problems.push({ path: 'answerDate', code: 'answer_date_required' });
    else {
      if (input.answerDate > calendarDateIn(now, timeZone))
        problems.push({ path: 'answerDate', code: 'in_the_future' });
      if (input.answerDate < calendarDateIn(new Date(c.receivedAt), timeZone))
        problems.push({ path: 'answerDate', code: 'before_receipt' });
    }
  }
  if (input.action === 'forward') {
    if (!input.forwardTo) problems.push({ path: 'forwardTo', code: 'forward_to_required' });
    else if (input.forwardTo === c.addressee) problems.push({ path: 'forwardTo', code: 'same_addressee' });
  }
  if (input.action === 'close' && (!input.text || input.text.length < 3))
    problems.push({ path: 'text', code: 'reason_required' });
  return problems;
}

/** INJ-4: the independent body an allegation is sent to: the addressee if independent, else the prosecutor. */
export function allegationBody(addressee: Addressee): Addressee {
  return independentAddressees.has(addressee) ? addressee : 'prosecutor';
}

/** A register's month (YYYY-MM). */

/** The first instant of a month and of the next one, in `timeZone`. */
export function monthBounds(month: string, timeZone: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return {
    from: wallTimeToInstant(`${month}-01T00:00:00`, timeZone) ?? `${month}-01T00:00:00.000Z`,
    to: wallTimeToInstant(`${next}-01T00:00:00`, timeZone) ?? `${next}-01T00:00:00.000Z`,
  };
}
