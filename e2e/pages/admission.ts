/**
 * Admission (ADM-3): the form of the registry officer, and the same admission through the API for
 * a test whose story starts with a person already admitted.
 */
import { expect } from 'vitest';
import type { ApiClient } from '../fixtures.ts';
import { field, type Shell } from './shell.ts';

export class AdmissionForm {
  constructor(readonly shell: Shell) {}

  /** A field of the form by its label. */
  field(label: string) {
    return field(this.shell.main, label);
  }
}

export interface Newcomer {
  surname: string;
  given: string;
  patronymic?: string;
  birthDate: string;
  prisonNumber: string;
  admittedAt: string;
  /** How long before the admission the arrest was. */
  arrestedHoursBefore: number;
  commitmentOrderReference: string;
  visibleInjuries: string;
  propertySummary: string;
  emergencyContact: { name: string; relation: string; phone: string };
}

/** The id of an institution by its code (`PILOT-1`), as the signed-in user sees the list. */
export async function institutionId(api: ApiClient, code: string): Promise<string> {
  const { items } = (await api.get('/api/v1/institutions')).json<{ items: { id: string; code: string }[] }>();
  const found = items.find((i) => i.code === code);
  expect(found, `institution ${code}`).toBeTruthy();
  return found?.id ?? '';
}

/** Admits a new person through the API as the signed-in registry officer; answers their id. */
export async function admitThroughApi(api: ApiClient, institution: string, who: Newcomer): Promise<string> {
  const res = await api.post('/api/v1/persons', {
    person: {
      surnameLatin: who.surname,
      givenNameLatin: who.given,
      ...(who.patronymic ? { patronymicLatin: who.patronymic } : {}),
      birthDate: who.birthDate,
      sex: 'male',
      citizenship: 'AZ',
      language: 'az',
      interpreterNeeded: false,
      prisonNumber: who.prisonNumber,
    },
    admission: {
      institutionId: institution,
      admittedAt: who.admittedAt,
      commitmentOrderReference: who.commitmentOrderReference,
      issuingAuthority: 'Bakı Ağır Cinayətlər Məhkəməsi',
      legalBasis: 'CM 177.2',
      legalStatus: 'remand',
      arrestedAt: new Date(Date.parse(who.admittedAt) - who.arrestedHoursBefore * 3_600_000).toISOString(),
      arrestPlace: 'Bakı',
      visibleInjuries: who.visibleInjuries,
      illTreatmentComplaints: 'Yoxdur',
      propertySummary: who.propertySummary,
      familyMembers: [],
      emergencyContact: who.emergencyContact,
      informationGivenInLanguage: true,
    },
    confirmedNotDuplicate: true,
  });
  expect(res.status, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}
