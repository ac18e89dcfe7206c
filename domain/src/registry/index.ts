import { z } from 'zod';

export * from './kinds.ts';
export * from './names.ts';
export * from './structure.ts';

export const sexes = ['male', 'female'] as const;
export const legalStatuses = ['remand', 'sentenced'] as const;
export const absenceKinds = ['court', 'hospital', 'investigative'] as const;
export const custodyStatuses = [
  'not_admitted',
  'in_custody',
  'in_transit',
  'temporarily_absent',
  'released',
] as const;
export type CustodyStatus = (typeof custodyStatuses)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v || null);
const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());
const date = z.iso.date();

export const familyMemberSchema = z.object({
  relation: text(60),
  name: text(160),
  isChild: z.boolean().default(false),
  age: z.number().int().min(0).max(120).nullish(),
  whereabouts: optionalText(300),
  caredForBy: optionalText(200),
});

/** Mandela rule 7 data: an admission cannot be saved without it (STANDARDS ADM-3). */
export const admissionSchema = z.object({
  institutionId: z.string().min(1).max(64),
  admittedAt: instant,
  commitmentOrderReference: text(120),
  issuingAuthority: text(200),
  legalBasis: text(500),
  legalStatus: z.enum(legalStatuses),
  arrestedAt: instant,
  arrestPlace: text(300),
  visibleInjuries: text(2000),
  illTreatmentComplaints: text(2000),
  propertySummary: text(2000),
  familyMembers: z.array(familyMemberSchema).max(30),
  emergencyContact: z.object({ name: text(160), relation: text(60), phone: text(40) }),
  informationGivenInLanguage: z.boolean(),
});
export type Admission = z.infer<typeof admissionSchema>;

export const personInputSchema = z
  .object({
    surnameLatin: optionalText(80),
    givenNameLatin: optionalText(80),
    patronymicLatin: optionalText(80),
    surnameCyrillic: optionalText(80),
    givenNameCyrillic: optionalText(80),
    patronymicCyrillic: optionalText(80),
    birthDate: date,
    sex: z.enum(sexes),
    genderIdentity: optionalText(60),
    citizenship: text(60),
    language: text(40),
    interpreterNeeded: z.boolean(),
    prisonNumber: text(30),
    nationalId: optionalText(40),
  })
  .refine((p) => (p.surnameLatin && p.givenNameLatin) || (p.surnameCyrillic && p.givenNameCyrillic), {
    message: 'name_required',
    path: ['surnameLatin'],
  });

export const admitSchema = z.object({
  person: personInputSchema,
  admission: admissionSchema,
  /** Set after the user has seen the possible duplicates and confirmed this is someone else. */
  confirmedNotDuplicate: z.boolean().default(false),
});

/**
 * A new custody episode for a person already registered (after a release): the whole Mandela rule 7
 * record again (ADM-3), identity unchanged.
 */
export const readmitSchema = z.object({ admission: admissionSchema });
export type ReadmitInput = z.infer<typeof readmitSchema>;

/**
 * The planned release date of the person's current custody (issue 16; ADR 0050): a calendar day in
 * the institution's zone, null to clear it. Never before the admission (`planned_release_before_admission`).
 */
export const plannedReleaseSchema = z.object({ plannedReleaseDate: date.nullable() });
export type PlannedReleaseInput = z.infer<typeof plannedReleaseSchema>;

/** Why a planned release date is refused, or null. */
export function plannedReleaseProblem(
  state: { status: CustodyStatus; admittedOn: string | null },
  plannedReleaseDate: string | null,
): 'planned_release_not_in_custody' | 'planned_release_before_admission' | null {
  if (state.status === 'not_admitted' || state.status === 'released') return 'planned_release_not_in_custody';
  if (plannedReleaseDate && state.admittedOn && plannedReleaseDate < state.admittedOn)
    return 'planned_release_before_admission';
  return null;
}

/** A person's photo (ADM-3 identity): JPEG or PNG, recognised by content, at most 2 MB. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const photoContentTypes = ['image/jpeg', 'image/png'] as const;

const eventBase = { occurredAt: instant, note: optionalText(1000) };

export const custodyEventInputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('admission'), ...eventBase, admission: admissionSchema }),
  z.object({
    type: z.literal('placement'),
    ...eventBase,
    cellId: z.string().min(1).max(64),
    overCapacityReason: optionalText(500),
    /** ADM-6: why a person under airborne isolation is placed in a shared ordinary cell. */
    placementGuardReason: optionalText(500),
  }),
  z.object({
    type: z.literal('transfer_out'),
    ...eventBase,
    destinationInstitutionId: z.string().min(1).max(64),
  }),
  z.object({ type: z.literal('transfer_in'), ...eventBase }),
  z.object({ type: z.literal('absence_out'), ...eventBase, absenceKind: z.enum(absenceKinds) }),
  z.object({
    type: z.literal('absence_return'),
    ...eventBase,
    /** ADM-5: back from police custody or an investigative transfer — triggers a new health screening. */
    returnedFromPoliceOrInvestigation: z.boolean(),
  }),
  z.object({ type: z.literal('release'), ...eventBase, releaseReason: text(300) }),
  z.object({ type: z.literal('legal_status'), ...eventBase, legalStatus: z.enum(legalStatuses) }),
  z.object({
    type: z.literal('entered_in_error'),
    ...eventBase,
    correctsEventId: z.string().min(1).max(64),
    reason: text(500),
  }),
]);
export type CustodyEventInput = z.infer<typeof custodyEventInputSchema>;
export type CustodyEventType = CustodyEventInput['type'];

/** A recorded event, as the rules see it. */
export interface CustodyEventFact {
  id: string;
  type: CustodyEventType;
  occurredAt: string;
  institutionId: string | null;
  cellId: string | null;
  destinationInstitutionId: string | null;
  absenceKind: string | null;
  legalStatus: string | null;
  correctsEventId: string | null;
}

export interface CustodyState {
  status: CustodyStatus;
  institutionId: string | null;
  cellId: string | null;
  /** When the current status began. */
  since: string | null;
  destinationInstitutionId: string | null;
  legalStatus: string | null;
  admittedAt: string | null;
}

export const initialState: CustodyState = {
  status: 'not_admitted',
  institutionId: null,
  cellId: null,
  since: null,
  destinationInstitutionId: null,
  legalStatus: null,
  admittedAt: null,
};

/** Facts in the order they happened, without those marked "entered in error" (and without the marks). */
export function effectiveEvents(events: CustodyEventFact[]): CustodyEventFact[] {
  const voided = new Set(events.filter((e) => e.type === 'entered_in_error').map((e) => e.correctsEventId));
  return events
    .filter((e) => e.type !== 'entered_in_error' && !voided.has(e.id))
    .sort((a, b) =>
      a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.id < b.id ? -1 : 1,
    );
}

/** Applies one event to a state. Call `checkEvent` first: this assumes the event is allowed. */
export function applyEvent(state: CustodyState, e: CustodyEventFact): CustodyState {
  switch (e.type) {
    case 'admission':
      return {
        status: 'in_custody',
        institutionId: e.institutionId,
        cellId: null,
        since: e.occurredAt,
        destinationInstitutionId: null,
        legalStatus: e.legalStatus,
        admittedAt: e.occurredAt,
      };
    case 'placement':
      return { ...state, cellId: e.cellId };
    case 'transfer_out':
      return {
        ...state,
        status: 'in_transit',
        cellId: null,
        since: e.occurredAt,
        destinationInstitutionId: e.destinationInstitutionId,
      };
    case 'transfer_in':
      return {
        ...state,
        status: 'in_custody',
        institutionId: state.destinationInstitutionId,
        destinationInstitutionId: null,
        since: e.occurredAt,
      };
    case 'absence_out':
      return { ...state, status: 'temporarily_absent', since: e.occurredAt };
    case 'absence_return':
      return { ...state, status: 'in_custody', since: e.occurredAt };
    case 'release':
      return { ...state, status: 'released', cellId: null, since: e.occurredAt };
    case 'legal_status':
      return { ...state, legalStatus: e.legalStatus };
    default:
      return state;
  }
}

/** Current status and location, derived from the events (never typed in). */
export function deriveState(events: CustodyEventFact[]): CustodyState {
  return effectiveEvents(events).reduce(applyEvent, initialState);
}

export type EventProblem =
  | 'before_birth'
  | 'before_previous_event'
  | 'in_the_future'
  | 'not_in_custody'
  | 'already_in_custody'
  | 'not_in_transit'
  | 'not_absent'
  | 'same_institution'
  | 'cell_elsewhere'
  | 'arrest_after_admission';

/**
 * Whether an event may be recorded after the given history (issue 4, bad input): impossible dates
 * and impossible transitions are refused, each with its own code.
 */
export function checkEvent(
  history: CustodyEventFact[],
  event: CustodyEventFact,
  context: { birthDate: string; now: Date; cellInstitutionId?: string | null; arrestedAt?: string | null },
): EventProblem | null {
  if (event.type === 'entered_in_error') return null;
  if (new Date(event.occurredAt).getTime() > context.now.getTime() + 5 * 60_000) return 'in_the_future';
  if (event.occurredAt.slice(0, 10) < context.birthDate) return 'before_birth';
  const effective = effectiveEvents(history);
  const last = effective[effective.length - 1];
  if (last && event.occurredAt < last.occurredAt) return 'before_previous_event';
  const state = effective.reduce(applyEvent, initialState);
  switch (event.type) {
    case 'admission':
      if (state.status !== 'not_admitted' && state.status !== 'released') return 'already_in_custody';
      if (context.arrestedAt && context.arrestedAt > event.occurredAt) return 'arrest_after_admission';
      return null;
    case 'placement':
      if (state.status !== 'in_custody') return 'not_in_custody';
      if (context.cellInstitutionId !== state.institutionId) return 'cell_elsewhere';
      return null;
    case 'transfer_out':
      if (state.status !== 'in_custody') return 'not_in_custody';
      if (event.destinationInstitutionId === state.institutionId) return 'same_institution';
      return null;
    case 'transfer_in':
      return state.status === 'in_transit' ? null : 'not_in_transit';
    case 'absence_out':
    case 'release':
      return state.status === 'in_custody' ? null : 'not_in_custody';
    case 'absence_return':
      return state.status === 'temporarily_absent' ? null : 'not_absent';
    case 'legal_status':
      return state.status === 'not_admitted' || state.status === 'released' ? 'not_in_custody' : null;
    default:
      return null;
  }
}

/** RES-8: living space below 6 m² for one person or 4 m² per person when shared, or over capacity. */
export const SINGLE_CELL_MIN_M2 = 6;
export const SHARED_CELL_MIN_M2_PER_PERSON = 4;

export type SpaceProblem = 'below_single_minimum' | 'below_shared_minimum' | 'over_capacity';

export function spaceProblems(cell: {
  floorAreaM2: number;
  certifiedCapacity: number;
  occupants: number;
}): SpaceProblem[] {
  const problems: SpaceProblem[] = [];
  const people = Math.max(cell.occupants, cell.certifiedCapacity, 1);
  if (people === 1 && cell.floorAreaM2 < SINGLE_CELL_MIN_M2) problems.push('below_single_minimum');
  if (people > 1 && cell.floorAreaM2 / people < SHARED_CELL_MIN_M2_PER_PERSON)
    problems.push('below_shared_minimum');
  if (cell.occupants > cell.certifiedCapacity) problems.push('over_capacity');
  return problems;
}

/** Hours in transit after which a person appears on the worklist (issue 4). */
export const TRANSIT_ALERT_HOURS = 24;
export * from './errors.ts';
export * from './responses.ts';
