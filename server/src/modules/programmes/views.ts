import {
  adherencePercent,
  ltfuProposal,
  monitoringSchedule,
  needsAirborneIsolation,
  type ProgrammeCode,
  type ProgrammeEpisode,
  type RegistrationFacts,
  type TbOutcome,
  type TbResistance,
  type TbSite,
  type TestFacts,
} from '@custodia/domain';
import type { ProgrammeEpisodeTable, ProgrammeTestTable } from './tables.ts';

/** Supervised doses of a treatment, as the medication module counts them. */
interface SupervisedAdherence {
  due: number;
  given: number;
  lastGivenAt: string | null;
}

/** Rows to answers and rule facts (pure). */

export function testFacts(t: ProgrammeTestTable): TestFacts {
  return {
    test: t.test as TestFacts['test'],
    sampleOn: t.sample_on,
    resultOn: t.result_on,
    result: t.result,
    rifampicin: t.rifampicin,
    dst: t.dst ? (JSON.parse(t.dst) as TestFacts['dst']) : null,
  };
}

export function testView(t: ProgrammeTestTable) {
  return {
    id: t.id,
    test: t.test as TestFacts['test'],
    purpose: t.purpose,
    specimen: t.specimen,
    sampleOn: t.sample_on,
    resultOn: t.result_on,
    result: t.result,
    rifampicin: t.rifampicin,
    dst: t.dst ? (JSON.parse(t.dst) as Record<string, string>) : null,
    orderedAt: t.ordered_at,
  };
}

export function registrationOf(e: ProgrammeEpisodeTable): RegistrationFacts | null {
  if (!e.registered_on || !e.category || !e.bacteriology || !e.site || !e.resistance || !e.diagnosed_on)
    return null;
  return {
    category: e.category as RegistrationFacts['category'],
    bacteriology: e.bacteriology as RegistrationFacts['bacteriology'],
    site: e.site as RegistrationFacts['site'],
    resistance: e.resistance as TbResistance,
    diagnosedOn: e.diagnosed_on,
    registeredOn: e.registered_on,
  };
}

export const isolationOf = (e: ProgrammeEpisodeTable) =>
  needsAirborneIsolation({
    registered: e.registered_on !== null,
    site: e.site as TbSite | null,
    closed: e.outcome !== null,
    isolationEndedOn: e.isolation_ended_on,
  });

export const prescriptionsOf = (e: ProgrammeEpisodeTable): string[] =>
  e.prescription_ids ? (JSON.parse(e.prescription_ids) as string[]) : [];

export function episodeView(
  e: ProgrammeEpisodeTable,
  tests: readonly ProgrammeTestTable[],
  adherence: SupervisedAdherence | undefined,
  contactInvestigationId: string | null,
  today: string,
  timeZoneDay: (instant: string) => string,
): ProgrammeEpisode {
  const registration = registrationOf(e);
  const facts = tests.map(testFacts);
  const treatment =
    e.treatment_start_on && e.regimen_code
      ? (() => {
          const a = adherence ?? { due: 0, given: 0, lastGivenAt: null };
          const lastGivenOn = a.lastGivenAt ? timeZoneDay(a.lastGivenAt) : null;
          const proposal = ltfuProposal(
            { startOn: e.treatment_start_on, outcome: e.outcome as TbOutcome | null },
            lastGivenOn,
            today,
          );
          return {
            regimenCode: e.regimen_code,
            startOn: e.treatment_start_on,
            months: e.treatment_months ?? 6,
            prescriptionIds: prescriptionsOf(e),
            adherence: {
              due: a.due,
              given: a.given,
              percent: adherencePercent({ ...a, lastGivenOn }),
              lastGivenOn,
            },
            ltfuProposedSince: proposal?.interruptedSince ?? null,
          };
        })()
      : null;
  const monitoring =
    treatment && registration && !e.outcome
      ? monitoringSchedule(
          { startOn: treatment.startOn, months: treatment.months, resistance: registration.resistance },
          facts,
          today,
        )
      : [];
  return {
    id: e.id,
    programme: e.programme as ProgrammeCode,
    personId: e.person_id,
    institutionId: e.institution_id,
    source: e.source,
    presumedOn: e.presumed_on,
    status: e.status as ProgrammeEpisode['status'],
    registerNumber: e.register_number,
    registration,
    treatment,
    outcome: e.outcome,
    outcomeOn: e.outcome_on,
    isolation: isolationOf(e),
    previousEpisodeId: e.previous_episode_id,
    tests: tests.map(testView),
    monitoring,
    contactInvestigationId,
    version: e.version,
  };
}
