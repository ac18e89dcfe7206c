import type { ProgrammesDeps } from './context.ts';
import { createEpisodeCommands } from './episodes.ts';
import { createIsolationReviews } from './isolation-review.ts';
import { createPepService } from './pep.ts';
import { createProgrammeReads } from './reads.ts';
import { createStaffScreening } from './staff-screening.ts';

/**
 * The programmes service (issue 16; ADR 0044): a facade over the episode commands (episodes.ts) and
 * the reads, worklists, reports and contributions (reads.ts).
 */
export function createProgrammesService(deps: ProgrammesDeps) {
  const commands = createEpisodeCommands(deps);
  const reads = createProgrammeReads(deps, commands);
  // PHC-6 (ADR 0050): isolation reviews.
  const isolation = createIsolationReviews(deps);
  return {
    ...commands,
    ...reads,
    ...createPepService(deps),
    // PHC-9 (ADR 0057): the staff's yearly TB screenings.
    ...createStaffScreening(deps),
    reviewIsolation: isolation.reviewIsolation,
    clock: deps.clock,
    /** Staff names (identity's), for the vaccination's FHIR performer. */
    displayNames: deps.displayNames,
  };
}

export type ProgrammesService = ReturnType<typeof createProgrammesService>;
