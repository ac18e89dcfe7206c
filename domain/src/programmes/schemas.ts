import { z } from 'zod';
import {
  contactOutcomes,
  cultureResults,
  dstDrugs,
  dstResults,
  exposureSettings,
  presumptiveSources,
  programmeCodes,
  programmeTaskKinds,
  screenMethods,
  screenOccasions,
  screenResults,
  smearResults,
  specimens,
  tbBacteriology,
  tbOutcomes,
  tbRegistrationCategories,
  tbResistanceClasses,
  tbSites,
  tbTests,
  xpertMtbResults,
  xpertRifResults,
  xrayResults,
} from './vocabulary.ts';

/** The requests and answers of the programmes API, shared by the server and the web (ADR 0021). */

const date = z.iso.date();
const note = z.string().trim().max(2000).nullish();

/** A TB screening (ADM-6, PHC-9): the method and its answer are chosen, never pre-filled. */
export const tbScreenSchema = z.object({
  method: z.enum(screenMethods),
  occasion: z.enum(screenOccasions),
  screenedOn: date,
  result: z.enum(screenResults),
  cough2Weeks: z.boolean().nullish(),
  fever: z.boolean().nullish(),
  weightLoss: z.boolean().nullish(),
  nightSweats: z.boolean().nullish(),
  note,
});
export type TbScreenInput = z.infer<typeof tbScreenSchema>;

/** Opens an episode (a presumptive case) by hand. */
export const episodeOpenSchema = z.object({
  // Only TB opens presumptive episodes; the blood-borne ones open on a positive result (ADR 0048).
  programme: z.enum(programmeCodes).extract(['tb']),
  source: z.enum(presumptiveSources),
  presumedOn: date,
  note,
});
export type EpisodeOpenInput = z.infer<typeof episodeOpenSchema>;

export const testOrderSchema = z.object({
  test: z.enum(tbTests),
  specimen: z.enum(specimens).nullish(),
  sampleOn: date,
  /** Monitoring (during treatment) or diagnostic. */
  purpose: z.enum(['diagnosis', 'monitoring']),
});
export type TestOrderInput = z.infer<typeof testOrderSchema>;

const resultBase = { resultOn: date, note };
export const testResultSchema = z.discriminatedUnion('test', [
  z.object({ test: z.literal('smear'), ...resultBase, result: z.enum(smearResults) }),
  z.object({
    test: z.literal('xpert'),
    ...resultBase,
    result: z.enum(xpertMtbResults),
    rifampicin: z.enum(xpertRifResults).nullish(),
  }),
  z.object({ test: z.literal('culture'), ...resultBase, result: z.enum(cultureResults) }),
  z.object({
    test: z.literal('dst'),
    ...resultBase,
    dst: z.partialRecord(z.enum(dstDrugs), z.enum(dstResults)),
  }),
  z.object({ test: z.literal('xray'), ...resultBase, result: z.enum(xrayResults) }),
]);
export type TestResultInput = z.infer<typeof testResultSchema>;

/** TB-1: the registration; the register number is assigned by the server. */
export const registrationSchema = z.object({
  category: z.enum(tbRegistrationCategories),
  bacteriology: z.enum(tbBacteriology),
  site: z.enum(tbSites),
  resistance: z.enum(tbResistanceClasses),
  diagnosedOn: date,
  registeredOn: date,
  note,
});
export type RegistrationInput = z.infer<typeof registrationSchema>;

/** The regimen prescribed from a template, through the medication module, supervised only. */
export const treatmentStartSchema = z.object({
  regimenCode: z.string().min(1).max(40),
  startOn: date,
  /** Which phase of the template to prescribe (0 = the first). */
  phase: z.number().int().min(0).max(5).default(0),
  /** Why the regimen is prescribed although one of its drugs matches a recorded allergy (ADR 0050). */
  allergyOverrideReason: z.string().trim().max(500).nullish(),
});
export type TreatmentStartInput = z.infer<typeof treatmentStartSchema>;

export const outcomeSchema = z.object({
  outcome: z.enum(tbOutcomes),
  outcomeOn: date,
  failureReason: z.string().trim().max(1000).nullish(),
  note,
});
export type OutcomeInput = z.infer<typeof outcomeSchema>;

/** A presumptive episode closed because TB was excluded. */
export const excludeSchema = z.object({ closedOn: date, note });
export const isolationEndSchema = z.object({ endedOn: date, reason: z.string().trim().min(3).max(1000) });

/** TB-5: a contact's screening, recorded on its task. */
export const contactScreenSchema = z.object({
  screenedOn: date,
  outcome: z.enum(contactOutcomes),
  note,
});
export type ContactScreenInput = z.infer<typeof contactScreenSchema>;

/** A programme task done (a yearly or release screening is done by recording the screening). */
export const taskDoneSchema = z.object({ doneOn: date, note });

/** A regimen template (configurable): phases of drug lines from the formulary. */
export const regimenLineSchema = z.object({
  drugCode: z.string().min(1).max(40),
  dose: z.number().positive(),
  doseUnit: z.string().min(1).max(20),
});
export const regimenPhaseSchema = z.object({
  months: z.number().int().min(1).max(24),
  lines: z.array(regimenLineSchema).min(1).max(8),
});
export const regimenTemplateSchema = z.object({
  code: z.string().min(1).max(40),
  name: z.string().min(1).max(120),
  group: z.enum(['susceptible', 'drug_resistant']),
  phases: z.array(regimenPhaseSchema).min(1).max(4),
  active: z.boolean(),
});
export type RegimenTemplate = z.infer<typeof regimenTemplateSchema>;

// ------------------------------------------------------------------------------------------- answers

const personRef = z.object({ id: z.string(), name: z.string(), prisonNumber: z.string().nullable() });

export const testSchema = z.object({
  id: z.string(),
  test: z.enum(tbTests),
  purpose: z.string(),
  specimen: z.string().nullable(),
  sampleOn: z.string(),
  resultOn: z.string().nullable(),
  result: z.string().nullable(),
  rifampicin: z.string().nullable(),
  dst: z.record(z.string(), z.string()).nullable(),
  orderedAt: z.string(),
});

export const monitoringItemSchema = z.object({
  month: z.number(),
  test: z.enum(['smear', 'culture']),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  state: z.enum(['done', 'upcoming', 'due', 'overdue']),
});

export const programmeEpisodeSchema = z.object({
  id: z.string(),
  programme: z.enum(programmeCodes),
  personId: z.string(),
  institutionId: z.string(),
  source: z.string(),
  presumedOn: z.string(),
  status: z.enum(['presumptive', 'registered', 'on_treatment', 'closed']),
  registerNumber: z.string().nullable(),
  registration: registrationSchema.omit({ note: true }).nullable(),
  treatment: z
    .object({
      regimenCode: z.string(),
      startOn: z.string(),
      months: z.number(),
      prescriptionIds: z.array(z.string()),
      adherence: z.object({
        due: z.number(),
        given: z.number(),
        percent: z.number().nullable(),
        lastGivenOn: z.string().nullable(),
      }),
      ltfuProposedSince: z.string().nullable(),
    })
    .nullable(),
  outcome: z.string().nullable(),
  outcomeOn: z.string().nullable(),
  isolation: z.boolean(),
  /** PHC-6 (ADR 0050): while the isolation is in force, its review due date and the last review. */
  isolationReview: z
    .object({
      dueOn: z.string(),
      lastReviewedOn: z.string().nullable(),
      infectiousUntil: z.string().nullable(),
    })
    .nullable()
    .optional(),
  previousEpisodeId: z.string().nullable(),
  tests: z.array(testSchema),
  monitoring: z.array(monitoringItemSchema),
  contactInvestigationId: z.string().nullable(),
  version: z.number(),
});
export type ProgrammeEpisode = z.infer<typeof programmeEpisodeSchema>;

export const personProgrammesSchema = z.object({
  episodes: z.array(programmeEpisodeSchema),
  screens: z.array(
    z.object({
      id: z.string(),
      method: z.string(),
      occasion: z.string(),
      screenedOn: z.string(),
      result: z.string(),
    }),
  ),
  presumptiveFromAdmission: z.boolean(),
});

export const tbRegisterLineSchema = z.object({
  episodeId: z.string(),
  person: personRef,
  status: programmeEpisodeSchema.shape.status,
  registerNumber: z.string().nullable(),
  presumedOn: z.string(),
  registeredOn: z.string().nullable(),
  category: z.string().nullable(),
  bacteriology: z.string().nullable(),
  site: z.string().nullable(),
  resistance: z.string().nullable(),
  regimenCode: z.string().nullable(),
  treatmentStartOn: z.string().nullable(),
  outcome: z.string().nullable(),
  outcomeOn: z.string().nullable(),
});
export const tbRegisterPageSchema = z.object({
  items: z.array(tbRegisterLineSchema),
  nextCursor: z.string().nullable(),
});

export const contactSchema = z.object({
  id: z.string(),
  person: personRef,
  setting: z.enum(exposureSettings),
  overlapFrom: z.string(),
  overlapTo: z.string(),
  screenedOn: z.string().nullable(),
  outcome: z.enum(contactOutcomes).nullable(),
  taskId: z.string().nullable(),
});
export const contactInvestigationSchema = z.object({
  id: z.string(),
  episodeId: z.string(),
  indexPerson: personRef,
  institutionId: z.string(),
  openedAt: z.string(),
  windowFrom: z.string(),
  windowTo: z.string(),
  /** Every contact of the investigation, and how many of them are screened. */
  total: z.number(),
  screened: z.number(),
  /** One page of the contacts (by setting, then id); `nextCursor` asks for the next. */
  contacts: z.array(contactSchema),
  nextCursor: z.string().nullable(),
});
export type ContactInvestigation = z.infer<typeof contactInvestigationSchema>;

/** A page of a contact investigation's contacts (TB-5): 100 by default, at most 200. */
export const contactInvestigationQuerySchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type ContactInvestigationQuery = z.infer<typeof contactInvestigationQuerySchema>;

export const taskSchema = z.object({
  id: z.string(),
  kind: z.enum(programmeTaskKinds),
  person: personRef,
  institutionId: z.string(),
  dueOn: z.string(),
  sourceId: z.string().nullable(),
  overdue: z.boolean(),
});
export const taskPageSchema = z.object({ items: z.array(taskSchema) });

const table = z.record(z.string(), z.number().nullable());
export const cohortReportSchema = z.object({
  institutionId: z.string().nullable(),
  quarter: z.string(),
  cohortQuarter: z.string(),
  notifications: table,
  outcomes: table,
  successRate: z.number().nullable(),
  mdrYear: z.number(),
  mdrOutcomes: table,
  mdrSuccessRate: z.number().nullable(),
  coverage: z.object({
    inCustody: z.number().nullable(),
    screened: z.number().nullable(),
    percent: z.number().nullable(),
  }),
  suppression: z.object({ threshold: z.number(), cells: z.array(z.string()) }).nullable(),
});
export type CohortReport = z.infer<typeof cohortReportSchema>;
export const quarterSchema = z.string().regex(/^\d{4}-Q[1-4]$/, 'quarter_format');

export const programmeCreatedSchema = z.object({ id: z.string() });
export const regimensSchema = z.object({ items: z.array(regimenTemplateSchema) });
