import { bbvOutcomesOf, bbvTestsOf } from './bbv.ts';
import type { ProgrammeCode } from './vocabulary.ts';
import {
  programmeTaskKinds,
  tbBacteriology,
  tbOutcomes,
  tbRegistrationCategories,
  tbTests,
} from './vocabulary.ts';

/**
 * The programme engine (DOMAIN.md §0.4): every programme is an episode with a registration category,
 * repeatable events (tests, treatment, reviews) and exactly one final outcome. A programme is this
 * definition; the tables, the services and the pages are the engine's. HIV, hepatitis B and C and
 * opioid substitution join by adding their code and definition here (ADR 0044).
 */
export interface ProgrammeDefinition {
  code: ProgrammeCode;
  /** Registration categories (TB: WHO history groups). */
  categories: readonly string[];
  /** Final outcomes; exactly one per episode. */
  outcomes: readonly string[];
  /** Outcomes after which a new episode opens at once (TB-2: failure). */
  reopeningOutcomes: readonly string[];
  /** The tests the programme orders and results. */
  tests: readonly string[];
  /** Whether results are restricted clinical data (the treating team and the person only). */
  restricted: boolean;
  /** Whether the register needs airborne-isolation handling (ADM-6). */
  airborne: boolean;
  /** The LOINC code of the programme's condition section in FHIR, and its SNOMED CT condition. */
  condition: { system: string; code: string; display: string };
}

export const programmeDefinitions: Record<ProgrammeCode, ProgrammeDefinition> = {
  tb: {
    code: 'tb',
    categories: tbRegistrationCategories,
    outcomes: tbOutcomes,
    reopeningOutcomes: ['treatment_failed'],
    tests: tbTests,
    restricted: false,
    airborne: true,
    condition: { system: 'http://snomed.info/sct', code: '56717001', display: 'Tuberculosis' },
  },
  // ADR 0048: the blood-borne programmes open on a positive result, restricted to the treating team.
  hiv: {
    code: 'hiv',
    categories: ['new_diagnosis', 'known_on_art', 'known_interrupted'],
    outcomes: bbvOutcomesOf.hiv,
    reopeningOutcomes: [],
    tests: bbvTestsOf.hiv,
    restricted: true,
    airborne: false,
    condition: {
      system: 'http://snomed.info/sct',
      code: '86406008',
      display: 'Human immunodeficiency virus infection',
    },
  },
  hbv: {
    code: 'hbv',
    categories: ['new_diagnosis'],
    outcomes: bbvOutcomesOf.hbv,
    reopeningOutcomes: [],
    tests: bbvTestsOf.hbv,
    restricted: true,
    airborne: false,
    condition: { system: 'http://snomed.info/sct', code: '66071002', display: 'Viral hepatitis type B' },
  },
  hcv: {
    code: 'hcv',
    categories: ['new_diagnosis', 'reinfection'],
    outcomes: bbvOutcomesOf.hcv,
    reopeningOutcomes: [],
    tests: bbvTestsOf.hcv,
    restricted: true,
    airborne: false,
    condition: { system: 'http://snomed.info/sct', code: '50711007', display: 'Viral hepatitis type C' },
  },
};

/** The bacteriology codes, exported for the forms. */
export const programmeBacteriology = tbBacteriology;
export const allProgrammeTaskKinds = programmeTaskKinds;
