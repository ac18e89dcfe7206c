import { z } from 'zod';
import { pageSchema } from '../platform/index.ts';
import type { ThresholdId } from '../platform/thresholds.ts';
import type { HealthAlertDetail } from './alerts.ts';
import type { EncounterContent } from './encounter.ts';
import type { ScreeningForm } from './screening.ts';

/**
 * What the clinical API answers (issue 11): the server serialises through these schemas, so a key
 * not named here never leaves it, and the web infers its types from them.
 */

/**
 * A JSON object checked by its own schema when it was written (an encounter's content, a screening
 * form, an alert's detail) and sent as stored, not checked again on the way out; the types below
 * read it as the schema that checked it.
 */
const storedObject = () => z.record(z.string(), z.unknown());

export const createdSchema = z.object({ id: z.string() });
export const versionSchema = z.object({ version: z.number() });

export const correctionSchema = z.object({
  id: z.string(),
  kind: z.string(),
  reason: z.string(),
  text: z.string().nullable(),
  authorId: z.string(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
  contentHash: z.string(),
});
export type Correction = z.infer<typeof correctionSchema>;

/** An encounter as the server shows it to this viewer (`hidden`: restricted, content withheld). */
export const encounterSchema = z.object({
  id: z.string(),
  personId: z.string(),
  institutionId: z.string().nullable(),
  type: z.string(),
  status: z.string(),
  startedAt: z.string(),
  authorId: z.string(),
  authorName: z.string().nullable(),
  restricted: z.boolean(),
  hidden: z.boolean(),
  content: storedObject().nullable(),
  /** A screening's form (null for other encounters, and in the chart's list). */
  structured: z.unknown(),
  taskId: z.string().nullable(),
  contentHash: z.string().nullable(),
  signedAt: z.string().nullable(),
  signedBy: z.string().nullable(),
  signedByName: z.string().nullable(),
  enteredInError: z.boolean(),
  corrections: z.array(correctionSchema),
  version: z.number(),
  updatedAt: z.string(),
});
export type Encounter = Omit<z.infer<typeof encounterSchema>, 'content'> & {
  content: EncounterContent | null;
};
/** A screening encounter (`GET /api/v1/encounters/:id`) carries its form in `structured`. */
export type ScreeningEncounter = Omit<Encounter, 'structured'> & { structured: ScreeningForm | null };
export const encounterPageSchema = pageSchema(encounterSchema);

export const observationSchema = z.object({
  id: z.string(),
  category: z.string(),
  test: z.string(),
  codeSystem: z.string(),
  code: z.string(),
  valueNumber: z.number().nullable(),
  valueCode: z.string().nullable(),
  unit: z.string().nullable(),
  note: z.string().nullable(),
  effectiveAt: z.string(),
  restricted: z.boolean(),
  authorId: z.string(),
  encounterId: z.string().nullable(),
});
export type Observation = z.infer<typeof observationSchema>;
export const observationPageSchema = pageSchema(observationSchema);

export const problemSchema = z.object({
  id: z.string(),
  codeSystem: z.string(),
  code: z.string(),
  display: z.string(),
  onsetDate: z.string().nullable(),
  note: z.string().nullable(),
  restricted: z.boolean(),
  recordedAt: z.string(),
  authorId: z.string(),
});
export type Problem = z.infer<typeof problemSchema>;

export const allergySchema = z.object({
  id: z.string(),
  substance: z.string(),
  category: z.string(),
  type: z.string(),
  reaction: z.string().nullable(),
  severity: z.string(),
  recordedAt: z.string(),
  /** The screening it was named at (null when entered on the chart). */
  encounterId: z.string().nullable().optional(),
});
export type Allergy = z.infer<typeof allergySchema>;

/** The latest answer to "any allergies?": "no known allergies", with where, when and by whom. */
export const allergyStatementSchema = z.object({
  statement: z.enum(['none_known']),
  encounterId: z.string().nullable(),
  recordedAt: z.string(),
  authorName: z.string().nullable(),
});
export type AllergyStatement = z.infer<typeof allergyStatementSchema>;

/** An injury recorded on a screening's body chart (ADM-4, INJ-1), as the chart's injury record lists it. */
export const chartInjurySchema = z.object({
  encounterId: z.string(),
  index: z.number().int(),
  recordedAt: z.string(),
  authorName: z.string().nullable(),
  side: z.string(),
  region: z.string(),
  description: z.string(),
  personsAccount: z.string().nullable(),
  consistency: z.string(),
  illTreatment: z.string().nullable(),
});
export type ChartInjury = z.infer<typeof chartInjurySchema>;

/** A task in the chart summary. */
export const chartTaskSchema = z.object({
  id: z.string(),
  kind: z.string(),
  sourceRef: z.string().nullable(),
  dueAt: z.string(),
  triggeredAt: z.string(),
  encounterId: z.string().nullable(),
});
export type ChartTask = z.infer<typeof chartTaskSchema>;

/** The alerts in the chart summary: coded, no author note, no diagnosis (MED-3). */
export const chartAlertSchema = z.object({
  id: z.string(),
  kind: z.string(),
  detail: storedObject().nullable(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
});
export type ChartAlert = Omit<z.infer<typeof chartAlertSchema>, 'detail'> & {
  detail: HealthAlertDetail | null;
};

/** `GET /api/v1/persons/:id/chart`: the medical record's summary on one screen. */
const chartCoreSchema = z.object({
  person: z.object({
    id: z.string(),
    sex: z.string(),
    birthDate: z.string(),
    status: z.string(),
    institutionId: z.string().nullable(),
  }),
  problems: z.array(problemSchema),
  allergies: z.array(allergySchema),
  /** "No known allergies" when that is the latest answer and no allergy is listed; else null. */
  allergyStatement: allergyStatementSchema.nullable().optional(),
  /** The injuries the person's screenings recorded, newest first (not retyped: read from them). */
  injuries: z.array(chartInjurySchema).optional(),
  vitals: z.array(observationSchema),
  labs: z.array(observationSchema),
  encounters: z.array(encounterSchema),
  tasks: z.array(chartTaskSchema),
  alerts: z.array(chartAlertSchema),
});
/** The chart summary: its own sections, and those other modules contribute. */
export const chartSchema = chartCoreSchema
  // The sections other modules contribute (the server's chart-section contribution point, ADR 0020),
  // each under its own key, e.g. `restraints` (RST-10); each module builds its section field by field.
  .catchall(z.unknown());
export type Chart = Omit<z.infer<typeof chartCoreSchema>, 'encounters' | 'alerts'> & {
  encounters: Encounter[];
  alerts: ChartAlert[];
};

/** MHS-3: an observation's checks: the last, the next due, and whether it was missed. */
export const observationCheckStateSchema = z.object({
  lastCheckAt: z.string().nullable(),
  nextCheckDueAt: z.string(),
  overdue: z.boolean(),
});

/** `GET /api/v1/persons/:id/health-alerts`: what custodial staff see — a function, never a reason. */
export const healthAlertSchema = z.object({
  id: z.string(),
  personId: z.string(),
  detail: storedObject(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  active: z.boolean(),
  /** MHS-3: an observation's checks (null for other kinds). */
  observation: observationCheckStateSchema.nullable().optional(),
  version: z.number(),
});
export type HealthAlert = Omit<z.infer<typeof healthAlertSchema>, 'detail'> & { detail: HealthAlertDetail };
export const healthAlertsSchema = z.object({ items: z.array(healthAlertSchema) });
export const alertReviewedSchema = z.object({ id: z.string(), version: z.number() });

export const conceptSchema = z.object({
  system: z.string(),
  code: z.string(),
  display: z.string(),
  language: z.string(),
  /** From the demonstration list the demo seed adds, not an imported ICD-10. */
  demo: z.boolean(),
});
export type Concept = z.infer<typeof conceptSchema>;
export const conceptsSchema = z.object({ items: z.array(conceptSchema) });

export const consentSchema = z.object({
  id: z.string(),
  topic: z.string(),
  decision: z.string(),
  informationGiven: z.string(),
  signature: z.string(),
  witness: z.string().nullable(),
  recordedAt: z.string(),
  authorId: z.string(),
  encounterId: z.string().nullable(),
});
export type Consent = z.infer<typeof consentSchema>;
export const consentPageSchema = pageSchema(consentSchema);

/** A document of the medical file (`GET /api/v1/persons/:id/documents`). */
export const clinicalDocumentSchema = z.object({
  id: z.string(),
  personId: z.string(),
  type: z.string(),
  title: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  restricted: z.boolean(),
  authorId: z.string(),
  uploadedAt: z.string(),
});
export type ClinicalDocument = z.infer<typeof clinicalDocumentSchema>;
export const clinicalDocumentPageSchema = pageSchema(clinicalDocumentSchema);

/** MED-2: a request for a copy of one's own medical file, and when it was fulfilled. */
export const accessRequestSchema = z.object({
  id: z.string(),
  receivedAt: z.string(),
  thirdParty: z.string().nullable(),
  note: z.string().nullable(),
  fulfilledAt: z.string().nullable(),
  version: z.number(),
});
export type AccessRequest = z.infer<typeof accessRequestSchema>;
export const accessRequestsSchema = z.object({ items: z.array(accessRequestSchema) });

/** A time limit in force (`GET /api/v1/rule-thresholds`), with its source and legal basis. */
export const thresholdSchema = z.object({
  id: z.string() as unknown as z.ZodType<ThresholdId>,
  defaultValue: z.number(),
  value: z.number(),
  sourceRef: z.string(),
  legalBasis: z.string().nullable(),
  setAt: z.string().nullable(),
});
export type Threshold = z.infer<typeof thresholdSchema>;
export const thresholdsSchema = z.object({ items: z.array(thresholdSchema) });

/** One open clinical task, as `GET /api/v1/clinical-tasks` lists it (due/overdue derived from now). */
export const clinicalTaskSchema = z.object({
  id: z.string(),
  personId: z.string(),
  institutionId: z.string(),
  kind: z.string(),
  sourceRef: z.string(),
  triggeredAt: z.string(),
  dueAt: z.string(),
  state: z.enum(['due', 'overdue', 'done']),
  completedAt: z.string().nullable(),
  encounterId: z.string().nullable(),
  person: z.object({
    prisonNumber: z.string(),
    surnameLatin: z.string().nullable(),
    givenNameLatin: z.string().nullable(),
    surnameCyrillic: z.string().nullable(),
    givenNameCyrillic: z.string().nullable(),
    sex: z.string(),
  }),
});
export type ClinicalTask = z.infer<typeof clinicalTaskSchema>;
export const clinicalTasksSchema = z.object({ items: z.array(clinicalTaskSchema) });

export const screeningStartedSchema = z.object({ encounterId: z.string(), created: z.boolean() });
export const screeningCompletedSchema = z.object({
  version: z.number(),
  alertIds: z.array(z.string()),
  taskIds: z.array(z.string()),
});
export const encounterSignedSchema = z.object({
  contentHash: z.string(),
  signedAt: z.string(),
  version: z.number(),
});
export const vitalsRecordedSchema = z.object({ ids: z.array(z.string()) });

/** ADM-1; outside the health service a count left out is null and `suppression` says so (DAT-6). */
export const screeningRateSchema = z.object({
  admissions: z.number().nullable(),
  screened: z.number().nullable(),
  screenedInTime: z.number().nullable(),
  percentInTime: z.number().nullable(),
  medianMinutes: z.number().nullable(),
  suppression: z.object({ threshold: z.number(), cells: z.array(z.string()) }).nullable(),
});
export type ScreeningRateShown = z.infer<typeof screeningRateSchema>;
