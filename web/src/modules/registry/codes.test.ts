import {
  absenceKinds,
  cellTypes,
  custodyStatuses,
  institutionKinds,
  legalStatuses,
  populationSexes,
  sexes,
  staffPositions,
} from '@custodia/domain/registry';
import {
  approvedEquipment,
  approvedHolds,
  endReasons,
  harmKinds,
  lessRestrictiveMeasures,
  restraintTypes,
  supervisionPositions,
} from '@custodia/domain/restraint';
import { describe, expect, it } from 'vitest';
import restraintAz from '../restraint/locales/az.json';
import restraintEn from '../restraint/locales/en.json';
import restraintRu from '../restraint/locales/ru.json';
import az from './locales/az.json';
import en from './locales/en.json';
import ru from './locales/ru.json';

type Catalogue = Record<string, unknown>;
const at = (catalogue: Catalogue, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Catalogue | undefined)?.[key], catalogue);

/**
 * Issue 14 item 7: every code a page shows has its words in az, en and ru, so no page falls back to
 * the code itself ("infectious_isolation"). The locale check (app/locales.test.ts) compares the
 * languages with each other; this one compares them with the codes the domain can send.
 */
describe('codes shown as words in every language', () => {
  const lists: [Catalogue[], string, readonly string[]][] = [
    [[az, en, ru], 'cellTypes', cellTypes],
    [[az, en, ru], 'staffPositions', staffPositions],
    [[az, en, ru], 'institutionKinds', institutionKinds],
    [[az, en, ru], 'populationSexes', populationSexes],
    [[az, en, ru], 'sexes', sexes],
    [[az, en, ru], 'legalStatuses', legalStatuses],
    [[az, en, ru], 'absenceKinds', absenceKinds],
    [[az, en, ru], 'statuses', custodyStatuses],
    [[restraintAz, restraintEn, restraintRu], 'types', restraintTypes],
    [[restraintAz, restraintEn, restraintRu], 'harm', harmKinds],
    [[restraintAz, restraintEn, restraintRu], 'measures', lessRestrictiveMeasures],
    [[restraintAz, restraintEn, restraintRu], 'equipment', approvedEquipment],
    [[restraintAz, restraintEn, restraintRu], 'holds', approvedHolds],
    [[restraintAz, restraintEn, restraintRu], 'episode.endReasons', endReasons],
    [[restraintAz, restraintEn, restraintRu], 'start.positions', supervisionPositions],
  ];
  for (const [catalogues, path, codes] of lists) {
    it(`every code of ${path} has words in az, en and ru`, () => {
      for (const catalogue of catalogues)
        for (const code of codes) {
          const words = at(catalogue, `${path}.${code}`);
          expect(typeof words === 'string' && words.length > 0, `${path}.${code}`).toBe(true);
          expect(words).not.toBe(code);
        }
    });
  }
});
