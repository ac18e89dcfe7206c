import type { EncounterContent, EncounterType } from './encounter.ts';
import type { ScreeningForm } from './screening.ts';

/**
 * A complete screening with nothing found: the demo seed, the benchmarks and the tests start from it
 * and change what they need.
 */
export function completeScreening(overrides: Partial<ScreeningForm> = {}): ScreeningForm {
  return {
    allergies: { answer: 'none_known', items: [] },
    healthNeeds: {
      status: 'assessed',
      onOpioidSubstitution: false,
      onAntiretroviral: false,
      onTbTreatment: false,
      otherEssentialMedication: false,
    },
    injuries: { status: 'assessed', noInjuriesSeen: true, items: [], illTreatment: 'denied' },
    mentalHealth: { status: 'assessed', suicideScreen: 'negative', withdrawal: 'none' },
    tuberculosis: {
      status: 'assessed',
      cough: false,
      fever: false,
      nightSweats: false,
      weightLoss: false,
      haemoptysis: false,
      chestXray: 'normal',
    },
    bloodBorne: {
      status: 'assessed',
      hiv: 'accepted',
      hepatitisB: 'declined',
      hepatitisC: 'accepted',
      sti: 'declined',
    },
    fitness: { status: 'assessed', work: 'fit', exercise: 'fit', activities: 'fit' },
    women: null,
    ...overrides,
  };
}

/** The content of an encounter seen by one clinician alone (MED-4: out of hearing of custodial staff). */
export function contentFor(type: EncounterType, startedAt: string, clinicianName: string): EncounterContent {
  return {
    type,
    startedAt,
    personsPresent: [{ kind: 'clinician', name: clinicianName, sex: null }],
    interpreterUsed: false,
    femaleClinicianRequested: false,
    restricted: false,
  };
}
