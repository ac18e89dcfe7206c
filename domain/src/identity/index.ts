import { z } from 'zod';
import { pageSchema } from '../platform/index.ts';
import { BREAK_GLASS_REASON_MIN } from './rules.ts';

export * from './password.ts';
export * from './rules.ts';

/**
 * Data classes (PRODUCT.md, "Confidentiality is the spine of the design"; STANDARDS X-3, MED-1).
 * Every route declares the class of data it touches. `public` is for what anyone may read without
 * signing in (the health probe, the API description, the web app itself); `account` is a signed-in
 * user's own account and session.
 */
export const dataClasses = [
  'public',
  'account',
  'administrative',
  'custodial',
  'health_alert',
  'clinical',
  'restricted_clinical',
  'aggregate',
  'audit',
] as const;
export type DataClass = (typeof dataClasses)[number];

/** The roles of PRODUCT.md ("Who uses it"). A user holds one or more. */
export const roles = [
  'system_admin',
  'governor',
  'deputy_governor',
  'custodial_officer',
  'personal_officer',
  'registry_officer',
  'social_worker',
  'doctor',
  'psychiatrist',
  'psychologist',
  'feldsher',
  'nurse',
  'pharmacist',
  'dentist',
  'health_manager',
  'ministry_analyst',
  'training_coordinator',
  'standards_coordinator',
  'inspector',
  'outside_specialist',
] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles);

/** Health-care roles: shorter idle timeout, two-factor sign-in mandatory in production (MED-1). */
export const clinicalRoles: ReadonlySet<Role> = new Set<Role>([
  'doctor',
  'psychiatrist',
  'psychologist',
  'feldsher',
  'nurse',
  'pharmacist',
  'dentist',
  'health_manager',
]);

/** Roles whose scope is every institution of the country (within their data classes). */
export const nationalRoles: ReadonlySet<Role> = new Set<Role>([
  'health_manager',
  'ministry_analyst',
  'inspector',
]);

/**
 * Named capabilities. A route declares exactly one. `public` needs no sign-in; `authenticated` needs
 * only a session (one's own account); everything else needs a role that grants it.
 * Each has the data class it opens.
 */
export const permissionCatalogue = {
  public: { dataClass: 'public' },
  authenticated: { dataClass: 'account' },
  'identity.user.read': { dataClass: 'administrative' },
  'identity.user.manage': { dataClass: 'administrative' },
  'identity.role.read': { dataClass: 'administrative' },
  'audit.read': { dataClass: 'audit' },
  'audit.subject_access': { dataClass: 'audit' },
  'audit.break_glass.review': { dataClass: 'audit' },
  'record.break_glass': { dataClass: 'clinical' },
  'fhir.patient.read': { dataClass: 'clinical' },
  'registry.institution.read': { dataClass: 'custodial' },
  'registry.occupancy.read': { dataClass: 'custodial' },
  'registry.person.read': { dataClass: 'custodial' },
  'registry.person.write': { dataClass: 'custodial' },
  'registry.staff.read': { dataClass: 'administrative' },
  'registry.staff.manage': { dataClass: 'administrative' },
  'registry.institution.manage': { dataClass: 'administrative' },
  /** Health alerts shared with custodial staff: functional flags, never a diagnosis (MED-3, ADM-10). */
  'health_alert.read': { dataClass: 'health_alert' },
  'health_alert.write': { dataClass: 'clinical' },
  /** MHS-3: a check of a person under observation, by the officers and health staff who look. */
  'health_alert.check.record': { dataClass: 'health_alert' },
  /** The medical file of people held where the user works (MED-1). */
  'clinical.record.read': { dataClass: 'clinical' },
  'clinical.record.write': { dataClass: 'clinical' },
  /** Admission screening (ADM-1 … ADM-10): doctors, feldshers and nurses only. */
  'clinical.screening.complete': { dataClass: 'clinical' },
  /** ADM-1: a nurse or feldsher completes the screening; a doctor countersigns it (doctors only). */
  'clinical.screening.countersign': { dataClass: 'clinical' },
  /** Items marked sensitive (HIV status, psychotherapy notes): their author and these roles only. */
  'clinical.restricted.read': { dataClass: 'restricted_clinical' },
  /** A person's request for a copy of their own file (MED-2). */
  'clinical.access_request.manage': { dataClass: 'clinical' },
  'terminology.read': { dataClass: 'clinical' },
  /** Counts and rates without names (screening within 24 h, and later modules' indicators). */
  'statistics.read': { dataClass: 'aggregate' },
  /** Restraint and seclusion (RST-*): the ward's board and the actions on it; no diagnosis in any. */
  'restraint.board.read': { dataClass: 'custodial' },
  'restraint.episode.start': { dataClass: 'custodial' },
  'restraint.observation.record': { dataClass: 'custodial' },
  /** A doctor's order, approval, examination and reviews (RST-2, RST-7). */
  'restraint.episode.approve': { dataClass: 'clinical' },
  /** The register (RST-10): governors and monitors read it; every access audited. */
  'restraint.register.read': { dataClass: 'custodial' },
  'restraint.report.read': { dataClass: 'aggregate' },
  'restraint.policy.manage': { dataClass: 'administrative' },
  /** Medication (MDX-*): a person's prescriptions and doses, the round; health staff only (MED-3). */
  'medication.read': { dataClass: 'clinical' },
  /** The formulary: the drug list, no person in it. */
  'medication.formulary.read': { dataClass: 'administrative' },
  /** Prescribing, revising, pausing and stopping: prescribers (doctors) only. */
  'medication.prescribe': { dataClass: 'clinical' },
  /** Recording a dose given or not given (MDX-2): nurses, feldshers, doctors. */
  'medication.administer': { dataClass: 'clinical' },
  /** Pharmacy stock (ADR 0040): batches, the ledger, the controlled-drug book; no person in it. */
  'medication.stock.read': { dataClass: 'administrative' },
  /** PHC-3: receipts, ward issues, returns, write-offs, daily counts, stock tasks: the pharmacist. */
  'medication.stock.manage': { dataClass: 'administrative' },
  /** A supply dispensed to a person (in-possession, release): clinical (MedicationDispense). */
  'medication.dispense': { dataClass: 'clinical' },
  /** The second person at a controlled drug's destruction or daily count (a different user). */
  'medication.controlled.witness': { dataClass: 'administrative' },
  /** Closes a controlled-drug count incident with an explanation: pharmacist, health manager. */
  'medication.controlled.resolve': { dataClass: 'administrative' },
  /** ADR 0045: a prescriber in their own right (doctors): gives verbal orders; a feldsher prescribes only where allowed. */
  'medication.prescribe.independent': { dataClass: 'clinical' },
  /** ADR 0045: records a doctor's verbal (telephone) order, to be countersigned: nurses, feldshers. */
  'medication.verbal_order.record': { dataClass: 'clinical' },
  /** ADR 0045: an institution's medication settings (round times, drug flags, feldsher prescribing). */
  'medication.settings.manage': { dataClass: 'administrative' },
  /** MDX-3, MED-3 (ADR 0046): an officer marks a person not brought to a dose round; no drug seen. */
  'medication.attendance.mark': { dataClass: 'custodial' },
  /** Issue 15 item 8: the round reports with reasons, units and adherence per person (health staff). */
  'medication.report.read': { dataClass: 'clinical' },
  /** MDX-3: regime-caused missed doses per unit and day, no drug; small counts suppressed (DAT-6). */
  'medication.regime_report.read': { dataClass: 'aggregate' },
  /** Segregation (SEG-*): the wing list and placements, without the content of health visits. */
  'segregation.read': { dataClass: 'custodial' },
  /** SEG-6: management signs a placement; no health role holds this. */
  'segregation.placement.decide': { dataClass: 'custodial' },
  /** SEG-4, MHS-7: the director's override for a protected person. */
  'segregation.placement.override': { dataClass: 'custodial' },
  'segregation.day.record': { dataClass: 'custodial' },
  /** SEG-5, SEG-7: a clinician's visit; its content is clinical (MED-1). */
  'segregation.health_visit.record': { dataClass: 'clinical' },
  'segregation.health_visit.read': { dataClass: 'clinical' },
  /** SEG-8: the director's or a senior manager's daily visit. */
  'segregation.management_visit.record': { dataClass: 'custodial' },
  /** SEG-7, SEG-11: the director's decisions. */
  'segregation.decision.record': { dataClass: 'custodial' },
  /** SEG-13: the whole record for the national preventive mechanism and the CPT. */
  'segregation.export': { dataClass: 'custodial' },
  /** SSH-1: any staff member raises a self-harm or suicide concern, in one screen. */
  'selfharm.concern.raise': { dataClass: 'custodial' },
  /** SSH-1: the plans, their schedule and checks as a health alert (no level, no diagnosis: MED-3). */
  'selfharm.plan.read': { dataClass: 'health_alert' },
  /** SSH-1, MHS-3: a check recorded from the ward list. */
  'selfharm.check.record': { dataClass: 'health_alert' },
  /** SSH-1, MHS-3, MHS-8: the assessment, the reviews, the post-incident and post-closure reviews. */
  'selfharm.assess': { dataClass: 'clinical' },
  /** The clinical part of a plan: risk level, assessment, diagnosis, notes (health roles only). */
  'selfharm.clinical.read': { dataClass: 'clinical' },
  /** MHS-8: serious self-harm or an attempted suicide recorded on a plan. */
  'selfharm.incident.record': { dataClass: 'clinical' },
  /** Open care plans and missed checks per wing (DAT-6 for non-clinical readers). */
  'selfharm.report.read': { dataClass: 'aggregate' },
  /** INJ-7, RST-11: uses of force (no examination content); filing, the governor's review, the register. */
  'force.read': { dataClass: 'custodial' },
  'force.report.file': { dataClass: 'custodial' },
  'force.review': { dataClass: 'custodial' },
  'force.register.read': { dataClass: 'aggregate' },
  /** RST-11, MED-4: the examination after force; its content is clinical (MED-1). */
  'force.examination.record': { dataClass: 'clinical' },
  'force.examination.read': { dataClass: 'clinical' },
  /** Deaths, serious injuries, disappearances (INJ-8, DTH-1; ADR 0037): event, checklist, investigation. */
  'deaths.read': { dataClass: 'custodial' },
  'deaths.record': { dataClass: 'custodial' },
  'deaths.checklist.record': { dataClass: 'custodial' },
  'deaths.close': { dataClass: 'custodial' },
  /** MON-2: an action of a review marked done with its evidence. */
  'deaths.action.record': { dataClass: 'custodial' },
  /** DAT-7: cause, autopsy, the frozen file and the review's findings: health roles only. */
  'deaths.clinical.read': { dataClass: 'clinical' },
  'deaths.clinical.record': { dataClass: 'clinical' },
  /** MHS-8: the internal mortality review, its reviewers and recommendations. */
  'deaths.review.manage': { dataClass: 'clinical' },
  /** DAT-7: the register by institution and month (suppressed counts for non-clinical readers). */
  'deaths.register.read': { dataClass: 'custodial' },
  /** MED-5: requests to health care: their content is clinical (health staff only). */
  'requests.health.read': { dataClass: 'clinical' },
  'requests.health.enter': { dataClass: 'clinical' },
  'requests.health.triage': { dataClass: 'clinical' },
  /** MED-5: unlock the kiosk for a person, who types; write-only (answers an id, never content). */
  'requests.kiosk.submit': { dataClass: 'custodial' },
  /** RES-7: register a complaint; read those neither confidential nor to an independent body. */
  'requests.complaint.register': { dataClass: 'custodial' },
  'requests.complaint.read': { dataClass: 'custodial' },
  /** RES-7: the governor's office answers, forwards and closes, and reads confidential ones to it. */
  'requests.complaint.handle': { dataClass: 'custodial' },
  /** RES-7: the independent bodies' handling role (NPM, CPT): complaints addressed to them. */
  'requests.complaint.independent': { dataClass: 'custodial' },
  /** MED-5, RES-7: the monthly registers, counts only (DAT-6 suppression for non-clinical readers). */
  'requests.register.read': { dataClass: 'aggregate' },
  /** Injuries (INJ-1 … INJ-6, INJ-9; ADR 0035): the records, photos and reports are clinical. */
  'injuries.record.read': { dataClass: 'clinical' },
  'injuries.record.write': { dataClass: 'clinical' },
  /** INJ-4: that a report was sent (date, recipient, reference), never its content. */
  'injuries.report.status.read': { dataClass: 'custodial' },
  'injuries.recipients.manage': { dataClass: 'administrative' },
  /** INJ-6: the register by institution and month (suppressed for non-clinical readers, DAT-6). */
  'injuries.register.read': { dataClass: 'aggregate' },
  /** Hunger strikes (HUN-1 … HUN-10; ADR 0042): the record is clinical, custodial staff see an alert only. */
  'hungerstrike.read': { dataClass: 'clinical' },
  'hungerstrike.record': { dataClass: 'clinical' },
  /** HUN-2, HUN-7, HUN-9: the physician's part (capacity, interventions, notices to the authority). */
  'hungerstrike.assess': { dataClass: 'clinical' },
  /** The report by duration (suppressed for non-clinical readers, DAT-6). */
  'hungerstrike.report.read': { dataClass: 'aggregate' },
  /** RST-8, STF-4: a staff member's restraint training and its expiry (until the training module). */
  'staff.training.record': { dataClass: 'administrative' },
  /** The time limits in force and their legal sources: open to every signed-in user. */
  'rules.threshold.read': { dataClass: 'administrative' },
  /** Time limits of the rules, loosened only with a recorded legal basis. */
  'rules.threshold.manage': { dataClass: 'administrative' },
  /** MHS-1: any member of staff refers a person to mental health (write-only: answers its id). */
  'mentalhealth.referral.raise': { dataClass: 'custodial' },
  /** MHS-1, MHS-2, MHT-1: the inbox, instruments, scores and therapy registers (health staff). */
  'mentalhealth.read': { dataClass: 'clinical' },
  /** MHT-1: answers to an instrument, with the person or by them on a tablet. */
  'mentalhealth.instrument.record': { dataClass: 'clinical' },
  /** MHS-1, MHS-5: the assessment (history, mental state, risk, working diagnosis): restricted. */
  'mentalhealth.assess': { dataClass: 'restricted_clinical' },
  /** MHS-2, MHS-9: therapy courses, enrolment and session registers. */
  'mentalhealth.therapy.manage': { dataClass: 'clinical' },
  /** MHT-1: adds a licensed instrument to the registry (the ministry's health management). */
  'mentalhealth.instrument.manage': { dataClass: 'administrative' },
  /** MHS-1, MHS-2, MHT-3: the month's report (small counts suppressed outside health care, DAT-6). */
  'mentalhealth.report.read': { dataClass: 'aggregate' },
  /** Programme registers (issue 16, ADR 0044): episodes, tests, contacts; clinical (health roles). */
  'programmes.read': { dataClass: 'clinical' },
  'programmes.record': { dataClass: 'clinical' },
  /** TB-1, PHC-8: registration, regimen and outcome: the treating doctor. */
  'programmes.register': { dataClass: 'clinical' },
  /** TB-3, DAT-6: the cohort reports (counts; small ones suppressed for non-clinical readers). */
  'programmes.report.read': { dataClass: 'aggregate' },
  /** The regimen templates (configurable). */
  'programmes.regimen.manage': { dataClass: 'administrative' },
  /** PHC-9 (ADR 0057): the staff's yearly TB screenings and their coverage: occupational health. */
  'programmes.staff_screen.manage': { dataClass: 'clinical' },
} as const satisfies Record<string, { dataClass: DataClass }>;
export type Permission = keyof typeof permissionCatalogue;
export const permissions = Object.keys(permissionCatalogue) as Permission[];

const signedIn: Permission[] = ['authenticated', 'registry.institution.read', 'rules.threshold.read'];
/** Staff who work with the people held in an institution see who is there (custodial data only). */
const institutional: Permission[] = [...signedIn, 'registry.person.read'];
/** Custodial staff who look after people day to day see the health alerts, nothing else (MED-3). */
const custodial: Permission[] = [...institutional, 'health_alert.read'];
/** Every health-care professional who keeps the medical file. */
const clinician: Permission[] = [
  ...institutional,
  'health_alert.read',
  'health_alert.write',
  'health_alert.check.record',
  'clinical.record.read',
  'clinical.record.write',
  'terminology.read',
  'record.break_glass',
  'fhir.patient.read',
];
/** Doctors, feldshers and nurses complete admission screening (ADM-1). */
const screener: Permission[] = [...clinician, 'clinical.screening.complete'];
/** Ward staff who may have to act in a crisis: start, supervise, observe, end, debrief (RST-*). */
const restraintWard: Permission[] = [
  // The names of colleagues who apply and supervise it (RST-4, RST-8).
  'registry.staff.read',
  'restraint.board.read',
  'restraint.episode.start',
  'restraint.observation.record',
  'restraint.register.read',
];
const restraintDoctor: Permission[] = [...restraintWard, 'restraint.episode.approve'];
/** Medication (issue 15): who reads, gives and prescribes; custodial roles hold none (MED-3). */
const medicationGiver: Permission[] = [
  'medication.read',
  'medication.formulary.read',
  'medication.administer',
  'medication.report.read',
  'medication.regime_report.read',
];
const prescriber: Permission[] = [
  ...medicationGiver,
  'medication.prescribe',
  'medication.prescribe.independent',
];
/** ADR 0040: health staff who give doses read the pharmacy's stock and may witness a controlled drug. */
const stockReader: Permission[] = ['medication.stock.read', 'medication.controlled.witness'];
/** SEG-5: health staff who visit separated people; SEG-6: they never sign a placement. */
const segregationHealth: Permission[] = [
  'segregation.read',
  'segregation.health_visit.record',
  'segregation.health_visit.read',
];
/** INJ-7, RST-11: health staff examine after force; they do not file reports as staff involved (ADR 0036). */
const forceHealth: Permission[] = ['force.read', 'force.examination.record', 'force.examination.read'];
/** SEG-2 … SEG-11: management signs, visits and decides. */
/** INJ-8, DTH-1 (ADR 0037): who reports an event and works its checklist. */
const deathsManager: Permission[] = [
  'deaths.read',
  'deaths.record',
  'deaths.checklist.record',
  'deaths.action.record',
  'deaths.register.read',
];
/** DAT-7, MHS-8: health roles read and record the clinical part and run the review. */
const deathsHealth: Permission[] = [
  ...deathsManager,
  'deaths.clinical.read',
  'deaths.clinical.record',
  'deaths.review.manage',
];
/** HUN-1 … HUN-10 (ADR 0042): health staff follow a strike; the physician assesses. */
const hungerNurse: Permission[] = ['hungerstrike.read', 'hungerstrike.record'];
const hungerPhysician: Permission[] = [...hungerNurse, 'hungerstrike.assess', 'hungerstrike.report.read'];
const segregationManager: Permission[] = [
  'segregation.read',
  'segregation.placement.decide',
  'segregation.day.record',
  'segregation.management_visit.record',
];

/**
 * The role → permission map: one readable table, shown on the administration page.
 * The system administrator has no clinical permission (PRODUCT.md; STANDARDS MED-1): it manages
 * accounts, not records. Auditing sits with the health manager and the inspectors.
 */
export const rolePermissions: Record<Role, Permission[]> = {
  system_admin: [
    'injuries.recipients.manage',
    ...signedIn,
    'identity.user.read',
    'identity.user.manage',
    'identity.role.read',
    'registry.staff.read',
    'registry.staff.manage',
    'registry.institution.manage',
    'rules.threshold.manage',
    'staff.training.record',
    'medication.settings.manage',
  ],
  governor: [
    'programmes.report.read',
    'requests.complaint.register',
    'requests.complaint.read',
    'requests.complaint.handle',
    'requests.register.read',
    'injuries.report.status.read',
    'injuries.register.read',
    ...custodial,
    'identity.role.read',
    'registry.occupancy.read',
    'registry.staff.read',
    'registry.institution.manage',
    'statistics.read',
    'restraint.board.read',
    'restraint.register.read',
    'restraint.report.read',
    'restraint.policy.manage',
    ...segregationManager,
    'segregation.placement.override',
    'segregation.decision.record',
    'segregation.export',
    'force.read',
    'force.report.file',
    'force.review',
    'force.register.read',
    ...deathsManager,
    'deaths.close',
    'mentalhealth.referral.raise',
    'mentalhealth.report.read',
    'hungerstrike.report.read',
    'medication.regime_report.read',
  ],
  deputy_governor: [
    'requests.complaint.register',
    'requests.complaint.read',
    'requests.complaint.handle',
    'requests.register.read',
    ...custodial,
    'identity.role.read',
    'registry.occupancy.read',
    'registry.staff.read',
    'restraint.board.read',
    'restraint.register.read',
    'restraint.report.read',
    ...segregationManager,
    'segregation.export',
    'force.read',
    'force.report.file',
    'force.register.read',
    ...deathsManager,
    'mentalhealth.referral.raise',
    'hungerstrike.report.read',
    'medication.regime_report.read',
  ],
  custodial_officer: [
    'requests.kiosk.submit',
    ...custodial,
    'health_alert.check.record',
    ...restraintWard,
    'segregation.read',
    'segregation.day.record',
    'force.read',
    'force.report.file',
    'mentalhealth.referral.raise',
    'medication.attendance.mark',
  ],
  personal_officer: [
    ...custodial,
    'health_alert.check.record',
    'requests.kiosk.submit',
    'mentalhealth.referral.raise',
    'medication.attendance.mark',
  ],
  registry_officer: [
    'requests.complaint.register',
    'requests.complaint.read',
    ...custodial,
    'registry.person.write',
    'registry.occupancy.read',
    'mentalhealth.referral.raise',
  ],
  social_worker: [
    ...custodial,
    'requests.complaint.register',
    'requests.complaint.read',
    'requests.kiosk.submit',
    'mentalhealth.referral.raise',
  ],
  doctor: [
    'programmes.read',
    'programmes.record',
    'programmes.register',
    'programmes.report.read',
    'requests.health.read',
    'requests.health.enter',
    'requests.health.triage',
    'requests.kiosk.submit',
    'requests.register.read',
    'injuries.record.read',
    'injuries.record.write',
    ...screener,
    'clinical.screening.countersign',
    'clinical.restricted.read',
    'clinical.access_request.manage',
    ...restraintDoctor,
    ...segregationHealth,
    ...prescriber,
    ...forceHealth,
    ...stockReader,
    ...deathsHealth,
    'mentalhealth.referral.raise',
    'mentalhealth.read',
    'mentalhealth.instrument.record',
    'mentalhealth.therapy.manage',
    'mentalhealth.report.read',
    ...hungerPhysician,
  ],
  psychiatrist: [
    'requests.health.read',
    'requests.health.enter',
    'requests.health.triage',
    'injuries.record.read',
    'injuries.record.write',
    ...clinician,
    'clinical.restricted.read',
    ...restraintDoctor,
    ...segregationHealth,
    ...prescriber,
    ...forceHealth,
    'deaths.read',
    'deaths.clinical.read',
    'deaths.review.manage',
    'mentalhealth.referral.raise',
    'mentalhealth.read',
    'mentalhealth.instrument.record',
    'mentalhealth.assess',
    'mentalhealth.therapy.manage',
    'mentalhealth.report.read',
    ...hungerPhysician,
  ],
  psychologist: [
    ...clinician,
    'clinical.restricted.read',
    'deaths.read',
    'deaths.clinical.read',
    'deaths.review.manage',
    'mentalhealth.referral.raise',
    'mentalhealth.read',
    'mentalhealth.instrument.record',
    'mentalhealth.assess',
    'mentalhealth.therapy.manage',
    'mentalhealth.report.read',
  ],
  feldsher: [
    'programmes.read',
    'programmes.record',
    'injuries.record.read',
    'injuries.record.write',
    'requests.health.read',
    'requests.health.enter',
    'requests.health.triage',
    'requests.kiosk.submit',
    ...screener,
    ...restraintWard,
    ...segregationHealth,
    ...medicationGiver,
    ...forceHealth,
    ...stockReader,
    'mentalhealth.referral.raise',
    'mentalhealth.read',
    'mentalhealth.instrument.record',
    ...hungerNurse,
    // ADR 0045: prescribes only where the institution allows it (checked by the service).
    'medication.prescribe',
    'medication.verbal_order.record',
  ],
  nurse: [
    'programmes.read',
    'programmes.record',
    'injuries.record.read',
    'injuries.record.write',
    'requests.health.read',
    'requests.health.enter',
    'requests.health.triage',
    'requests.kiosk.submit',
    ...screener,
    ...restraintWard,
    ...segregationHealth,
    ...medicationGiver,
    ...forceHealth,
    ...stockReader,
    'mentalhealth.referral.raise',
    'mentalhealth.read',
    'mentalhealth.instrument.record',
    ...hungerNurse,
    'medication.verbal_order.record',
  ],
  pharmacist: [
    ...institutional,
    'health_alert.read',
    'clinical.record.read',
    'terminology.read',
    'fhir.patient.read',
    'medication.read',
    'medication.formulary.read',
    // ADR 0040: the pharmacy (PHC-3).
    'medication.stock.read',
    'medication.stock.manage',
    'medication.dispense',
    'medication.controlled.witness',
    'medication.controlled.resolve',
    'mentalhealth.referral.raise',
  ],
  dentist: [...clinician, 'mentalhealth.referral.raise'],
  // Reviews break-the-glass, so does not hold it; national scope already covers every prison.
  health_manager: [
    'programmes.read',
    'programmes.report.read',
    'programmes.regimen.manage',
    // PHC-9 (ADR 0057): the institution's occupational-health reader of the staff's TB screenings.
    'programmes.staff_screen.manage',
    'requests.health.read',
    'requests.register.read',
    'injuries.record.read',
    'injuries.recipients.manage',
    'injuries.register.read',
    ...clinician.filter((p) => p !== 'record.break_glass'),
    'identity.role.read',
    'audit.read',
    'audit.subject_access',
    'audit.break_glass.review',
    'clinical.access_request.manage',
    'statistics.read',
    'rules.threshold.manage',
    'restraint.board.read',
    'restraint.register.read',
    'restraint.report.read',
    'restraint.policy.manage',
    'force.read',
    'force.examination.read',
    'force.register.read',
    // ADR 0040: reads the pharmacy's stock and closes controlled-drug incidents.
    'medication.stock.read',
    'medication.controlled.resolve',
    ...deathsHealth,
    'deaths.close',
    'mentalhealth.read',
    'mentalhealth.instrument.manage',
    'mentalhealth.report.read',
    'hungerstrike.read',
    'hungerstrike.report.read',
    'medication.settings.manage',
    'medication.report.read',
    'medication.regime_report.read',
  ],
  ministry_analyst: [
    'programmes.report.read',
    ...signedIn,
    'statistics.read',
    'restraint.report.read',
    'force.register.read',
    'requests.register.read',
    'mentalhealth.report.read',
    'hungerstrike.report.read',
  ],
  training_coordinator: [...signedIn, 'registry.staff.read', 'staff.training.record'],
  standards_coordinator: [...signedIn, 'identity.role.read'],
  inspector: [
    'requests.complaint.read',
    'requests.complaint.independent',
    'requests.register.read',
    'injuries.register.read',
    ...institutional,
    'identity.role.read',
    'audit.read',
    'registry.occupancy.read',
    'restraint.register.read',
    'restraint.report.read',
    'segregation.read',
    'segregation.export',
    'force.read',
    'force.register.read',
    'deaths.read',
    'deaths.register.read',
    'mentalhealth.report.read',
    'hungerstrike.report.read',
  ],
  outside_specialist: ['authenticated'],
};

/**
 * Self-harm care plans (issue 17 item 4, ADR 0041), kept as one block so the table above stays as
 * it was: every staff role working in a prison raises a concern and sees the plans' schedules
 * (SSH-1); officers and health staff record checks; psychologists, psychiatrists and doctors assess
 * and review; health roles read the clinical part; managers read the report (suppressed, DAT-6).
 */
const selfharmStaff: Permission[] = ['selfharm.concern.raise', 'selfharm.plan.read'];
const selfharmChecker: Permission[] = [...selfharmStaff, 'selfharm.check.record'];
const selfharmClinician: Permission[] = [
  ...selfharmChecker,
  'selfharm.clinical.read',
  'selfharm.incident.record',
];
const selfharmAssessor: Permission[] = [...selfharmClinician, 'selfharm.assess', 'selfharm.report.read'];
export const selfharmRolePermissions: Partial<Record<Role, Permission[]>> = {
  governor: [...selfharmChecker, 'selfharm.report.read'],
  deputy_governor: [...selfharmChecker, 'selfharm.report.read'],
  custodial_officer: selfharmChecker,
  personal_officer: selfharmChecker,
  registry_officer: selfharmStaff,
  social_worker: selfharmStaff,
  doctor: selfharmAssessor,
  psychiatrist: selfharmAssessor,
  psychologist: selfharmAssessor,
  feldsher: selfharmClinician,
  nurse: selfharmClinician,
  pharmacist: selfharmStaff,
  dentist: selfharmStaff,
  health_manager: ['selfharm.plan.read', 'selfharm.clinical.read', 'selfharm.report.read'],
  ministry_analyst: ['selfharm.report.read'],
  inspector: ['selfharm.report.read'],
};
for (const [role, extra] of Object.entries(selfharmRolePermissions))
  rolePermissions[role as Role].push(...(extra ?? []));

/**
 * The permissions of a set of roles. Worked out once per distinct set (every signed-in request asks
 * for them, and the role table never changes while a process runs); read-only, so one answer can
 * serve every caller.
 */
export function permissionsOf(userRoles: readonly Role[]): ReadonlySet<Permission> {
  const key = userRoles.join(',');
  let known = permissionsByRoles.get(key);
  if (!known) {
    known = new Set(userRoles.flatMap((r) => rolePermissions[r] ?? []));
    permissionsByRoles.set(key, known);
  }
  return known;
}
const permissionsByRoles = new Map<string, ReadonlySet<Permission>>();

export function isClinicalUser(userRoles: readonly Role[]): boolean {
  return userRoles.some((r) => clinicalRoles.has(r));
}

export const languages = ['az', 'en', 'ru'] as const;
export type Language = (typeof languages)[number];

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,62}$/, 'username_format');

export { signInSchema, twoFactorSchema } from './sign-in.ts';

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});

export const userCreateSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(2).max(120),
  roles: z.array(roleSchema).min(1).max(roles.length),
  institutionIds: z.array(z.string().trim().min(1).max(64)).max(100).default([]),
  staffId: z.string().trim().max(64).nullable().optional(),
  language: z.enum(languages).default('az'),
});

export const userUpdateSchema = z.object({
  version: z.number().int().min(1),
  displayName: z.string().trim().min(2).max(120).optional(),
  roles: z.array(roleSchema).min(1).max(roles.length).optional(),
  institutionIds: z.array(z.string().trim().min(1).max(64)).max(100).optional(),
  active: z.boolean().optional(),
});

export const languageChangeSchema = z.object({ language: z.enum(languages) });
export const breakGlassReviewSchema = z.object({ note: z.string().trim().min(1).max(1000) });

export const breakGlassRequestSchema = z.object({
  prisonNumber: z.string().trim().min(1).max(30),
  reason: z.string().trim().min(BREAK_GLASS_REASON_MIN, 'reason_too_short').max(1000),
});

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  roles: z.array(roleSchema),
  institutionIds: z.array(z.string()),
  staffId: z.string().nullable(),
  language: z.enum(languages),
  twoFactorEnabled: z.boolean(),
  locked: z.boolean(),
  version: z.number().int(),
});
export type User = z.infer<typeof userSchema>;
export * from './errors.ts';

/*
 * What the identity API answers (issue 11): the server serialises through these schemas, so a key
 * not named here never leaves it, and the web infers its types from them.
 */

export const okSchema = z.object({ ok: z.literal(true) });

/** The signed-in user and the CSRF token, as `GET /api/v1/auth/session` describes them. */
export const sessionSchema = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.string()),
    permissions: z.array(z.string()),
    institutionIds: z.array(z.string()),
    national: z.boolean(),
    language: z.enum(languages),
    twoFactorEnabled: z.boolean(),
    twoFactorEnrolmentRequired: z.boolean(),
    mustChangePassword: z.boolean(),
  }),
  csrfToken: z.string(),
  /**
   * The deployment's time zone (Asia/Baku for the pilots): times that concern no institution in
   * particular are shown in it, never in the browser's (issue 14).
   */
  timeZone: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;
export type SessionUser = Session['user'];

/** A sign-in answers the session, or asks for the second factor first. */
export const signInAnswerSchema = z.union([sessionSchema, z.object({ twoFactorRequired: z.literal(true) })]);
export type SignInAnswer = z.infer<typeof signInAnswerSchema>;

export const signedOutOthersSchema = z.object({ ended: z.number().int() });
export const enrolmentSchema = z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() });
export type Enrolment = z.infer<typeof enrolmentSchema>;
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

export const userCreatedSchema = z.object({ user: userSchema, oneTimePassword: z.string() });
export const oneTimePasswordSchema = z.object({ oneTimePassword: z.string() });

/**
 * What `POST /api/v1/break-glass` answers: the person to open, and until when. The answer looks the
 * same for a number that belongs to no one (its person then opens as "not found").
 */
export const breakGlassGrantSchema = z.object({
  id: z.string(),
  personId: z.string(),
  expiresAt: z.string(),
});
export type BreakGlassGrant = z.infer<typeof breakGlassGrantSchema>;

/** One break-the-glass access on the health manager's review list. */
export const breakGlassAccessSchema = z.object({
  id: z.string(),
  /** The requester's account. */
  userId: z.string(),
  /** Null when the prison number asked for belongs to no one. */
  personId: z.string().nullable(),
  prisonNumber: z.string(),
  /** Refused because the requester was over the daily cap: it opened nothing. */
  overLimit: z.boolean(),
  username: z.string(),
  displayName: z.string(),
  reason: z.string(),
  startedAt: z.string(),
  expiresAt: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
});
export type BreakGlassAccess = z.infer<typeof breakGlassAccessSchema>;
export const breakGlassPageSchema = pageSchema(breakGlassAccessSchema);

/** Roles and the permissions each grants. */
export const roleCatalogueSchema = z.object({
  roles: z.array(z.object({ role: z.string(), permissions: z.array(z.string()) })),
  permissions: z.array(z.object({ permission: z.string(), dataClass: z.string() })),
});
export type RoleCatalogue = z.infer<typeof roleCatalogueSchema>;
