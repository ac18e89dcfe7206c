import { z } from 'zod';
import { safetyAlertSchema } from '../clinical/alerts.ts';
import { pageSchema } from '../platform/index.ts';
import { cellLightings, spaceProblemCodes, structureWarnings } from './structure.ts';

/**
 * What the registry API answers (issue 11): the server serialises through these schemas, so a key
 * not named here never leaves it, and the web infers its types from them.
 */

export const idResponseSchema = z.object({ id: z.string() });

export const localizedNameSchema = z.object({ az: z.string(), en: z.string(), ru: z.string() });
export type LocalizedName = z.infer<typeof localizedNameSchema>;

export const institutionSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  name: localizedNameSchema,
});
export type InstitutionSummary = z.infer<typeof institutionSummarySchema>;

export const institutionSchema = institutionSummarySchema.extend({
  kind: z.string(),
  populationSex: z.string(),
  capacity: z.number(),
  timeZone: z.string(),
});
export type Institution = z.infer<typeof institutionSchema>;
export const institutionsSchema = z.object({ items: z.array(institutionSchema) });

const spaceProblem = z.enum(spaceProblemCodes);

export const cellSchema = z.object({
  id: z.string(),
  code: z.string(),
  cellType: z.string(),
  certifiedCapacity: z.number(),
  floorAreaM2: z.number(),
  occupants: z.number(),
  spaceProblems: z.array(spaceProblem),
  /** SEG-12: the cell's lighting (only `adequate` may be allocated), since when and why. */
  lighting: z.enum(cellLightings),
  lightingSince: z.string().nullable(),
  lightingReason: z.string().nullable(),
  /** For an edit (optimistic concurrency, ADR 0009). */
  version: z.number(),
});
export type Cell = z.infer<typeof cellSchema>;

export const unitSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  cells: z.array(cellSchema),
  version: z.number(),
});
export type Unit = z.infer<typeof unitSchema>;

/** An institution with its units, cells and occupancy (RES-8 flags per cell). */
export const institutionDetailSchema = institutionSchema.extend({
  units: z.array(unitSchema),
  version: z.number(),
});
export type InstitutionDetail = z.infer<typeof institutionDetailSchema>;

export const spaceAlertSchema = z.object({
  cellId: z.string(),
  cellCode: z.string(),
  cellType: z.string(),
  institutionId: z.string(),
  institutionCode: z.string(),
  certifiedCapacity: z.number(),
  floorAreaM2: z.number(),
  occupants: z.number(),
  problems: z.array(spaceProblem),
});
export type SpaceAlert = z.infer<typeof spaceAlertSchema>;
export const spaceAlertsSchema = z.object({ items: z.array(spaceAlertSchema) });

/** The names of a person, in either script or both. */
export const personNamesSchema = z.object({
  surnameLatin: z.string().nullable(),
  givenNameLatin: z.string().nullable(),
  surnameCyrillic: z.string().nullable(),
  givenNameCyrillic: z.string().nullable(),
});

export const personListItemSchema = personNamesSchema.extend({
  id: z.string(),
  prisonNumber: z.string(),
  birthDate: z.string(),
  sex: z.string(),
  status: z.string(),
  institution: institutionSummarySchema.nullable(),
  /**
   * MED-3: the health alerts in force, coded (what to do, never why), for a reader holding
   * `health_alert.read`; left out for any other reader.
   */
  alerts: z.array(safetyAlertSchema).optional(),
});
export type PersonListItem = z.infer<typeof personListItemSchema>;
export const personPageSchema = pageSchema(personListItemSchema);

export const personSummarySchema = personListItemSchema.extend({
  patronymicLatin: z.string().nullable(),
  patronymicCyrillic: z.string().nullable(),
  genderIdentity: z.string().nullable(),
  citizenship: z.string(),
  language: z.string(),
  interpreterNeeded: z.boolean(),
  nationalId: z.string().nullable(),
  legalStatus: z.string().nullable(),
  admittedAt: z.string().nullable(),
  /** The planned release date of the current custody (YYYY-MM-DD), if recorded (ADR 0050). */
  plannedReleaseDate: z.string().nullable().optional(),
  statusSince: z.string().nullable(),
  cell: z.object({ id: z.string(), code: z.string(), cellType: z.string() }).nullable(),
  destinationInstitution: institutionSummarySchema.nullable(),
  /** The current photo (ADM-3 identity), if one was taken. */
  photo: z.object({ id: z.string(), contentType: z.string(), uploadedAt: z.string() }).nullable(),
  version: z.number(),
});
export type PersonSummary = z.infer<typeof personSummarySchema>;

export const photoStoredSchema = z.object({
  id: z.string(),
  contentType: z.string(),
  sha256: z.string(),
  size: z.number(),
  uploadedAt: z.string(),
});

export const custodyEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  institutionId: z.string().nullable(),
  cellId: z.string().nullable(),
  destinationInstitutionId: z.string().nullable(),
  absenceKind: z.string().nullable(),
  legalStatus: z.string().nullable(),
  returnedFromPoliceOrInvestigation: z.boolean().nullable(),
  correctsEventId: z.string().nullable(),
  enteredInError: z.boolean(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type CustodyEvent = z.infer<typeof custodyEventSchema>;
export const custodyEventPageSchema = pageSchema(custodyEventSchema);

/** A person the server thinks may be the one being admitted (the candidates of a 409 possible_duplicate). */
export const duplicateCandidateSchema = personNamesSchema.extend({
  /** Null for someone outside the user's scope: only name, date of birth and prison are shown. */
  id: z.string().nullable(),
  prisonNumber: z.string().nullable(),
  birthDate: z.string(),
  institution: institutionSummarySchema.nullable(),
});
export type DuplicateCandidate = z.infer<typeof duplicateCandidateSchema>;

export const staffMemberSchema = z.object({
  id: z.string(),
  institutionId: z.string(),
  fullName: z.string(),
  sex: z.string(),
  position: z.string(),
  userId: z.string().nullable(),
  active: z.boolean(),
  /** RST-8: restraint training valid until (YYYY-MM-DD), or null. */
  restraintTrainedUntil: z.string().nullable(),
  version: z.number(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;
export const staffPageSchema = pageSchema(staffMemberSchema);

/** What a new institution, unit or cell answers. */
export const structureCreatedSchema = z.object({ id: z.string(), version: z.number().int() });
/** What an edit answers: the new version, and what to look at although it was saved (RES-8). */
export const structureChangedSchema = structureCreatedSchema.extend({
  occupants: z.number().int(),
  /** Saved, but to look at: e.g. a capacity below the people held there now (RES-8). */
  warnings: z.array(z.enum(structureWarnings)),
});
export const cellChangedSchema = structureChangedSchema.extend({ spaceProblems: z.array(spaceProblem) });
/** Any of the answers above, as the web reads them. */
export type StructureChange = z.infer<typeof structureCreatedSchema> &
  Partial<Omit<z.infer<typeof cellChangedSchema>, 'id' | 'version'>>;

/** The names of a person as any answer carries them: the patronymics where the answer has them. */
export type PersonNames = z.infer<typeof personNamesSchema> &
  Partial<Pick<PersonSummary, 'patronymicLatin' | 'patronymicCyrillic'>>;
