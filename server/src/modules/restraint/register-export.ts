import type { Language } from '@custodia/domain';
import { wallTimeToInstant } from '@custodia/domain/platform';
import type { ExportFile } from '../../platform/export/attachment.ts';
import { csvDocument, csvMediaType } from '../../platform/export/csv.ts';
import { createPdf } from '../../platform/export/pdf.ts';
import type { Services } from '../../services.ts';
import {
  authorisationWords,
  endReasonWords,
  flagWords,
  harmWords,
  registerColumns,
  reportWords,
  typeWords,
  wallTime,
  wordFor,
} from './export-labels.ts';

/** Issue 14: the instant a calendar day starts in a time zone (the register's periods are the institution's days). */
export function dayStartIn(date: string, timeZone: string): string {
  return wallTimeToInstant(`${date}T00:00`, timeZone) ?? `${date}T00:00:00.000Z`;
}

type RegisterReader = Parameters<Services['restraint']['register']>[0];

/** RST-10: the register's columns, as a delegation reads them (words in `export-labels.ts`). */
const columns = [
  'started',
  'ended',
  'minutes',
  'prisonNumber',
  'person',
  'types',
  'authorisation',
  'harm',
  'appliedBy',
  'supervisedBy',
  'orderedOrApprovedBy',
  'flags',
  'injuriesToPerson',
  'injuriesToStaff',
  'endReason',
] as const;
/**
 * Column widths in the landscape PDF, in points; the table widens a column to its longest word
 * (and narrows the others) so that a cell breaks between words, never inside one.
 */
const widths = [58, 58, 34, 62, 70, 58, 62, 58, 62, 62, 62, 62, 48, 48, 50];

/**
 * RST-10: the register of an institution for a period as CSV or PDF, no clinical detail: the person
 * and the staff by name (prison number and name; who applied, supervised, ordered or approved), as a
 * delegation reads it, never account ids.
 */
export async function restraintRegisterExport(
  services: Pick<Services, 'restraint' | 'registry' | 'config'>,
  reader: RegisterReader,
  query: { institutionId: string; from: string; to: string; format: 'csv' | 'pdf'; language: Language },
  generated: { at: string; by: string },
): Promise<ExportFile> {
  const { institutionId, from, to, format, language } = query;
  const institution = (await services.registry.listInstitutions()).find((i) => i.id === institutionId);
  const timeZone = institution?.timeZone ?? services.config.timeZone;
  const rows: Awaited<ReturnType<Services['restraint']['register']>>['items'] = [];
  let cursor: string | undefined;
  do {
    const page = await services.restraint.register(
      reader,
      {
        institutionId,
        from: dayStartIn(from, timeZone),
        to: dayStartIn(to, timeZone),
        limit: 200,
        ...(cursor ? { cursor } : {}),
      },
      // The exports leave clinical detail out, even for the health service.
      false,
    );
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  // Issue 14 item 7: codes in words, in the reader's language; times in the institution's zone.
  const words = registerColumns[language];
  const header = columns.map((c) =>
    c === 'started' || c === 'ended' ? `${words[c]} (${timeZone})` : words[c],
  );
  const lines = rows.map((e) => [
    wallTime(e.startedAt, timeZone),
    wallTime(e.state.endedAt, timeZone),
    e.state.durationMinutes,
    e.person?.prisonNumber ?? '',
    e.person?.name ?? '',
    e.types.map((t) => wordFor(typeWords, language, t)).join(', '),
    wordFor(authorisationWords, language, e.authorisation),
    wordFor(harmWords, language, e.harm),
    e.appliedByNames.join('; '),
    e.supervisedByNames.join('; '),
    e.orderedOrApprovedByName ?? '',
    e.flags.map((f) => wordFor(flagWords, language, f)).join('; '),
    e.injuriesToPerson ?? '',
    e.injuriesToStaff ?? '',
    e.endReason ? wordFor(endReasonWords, language, e.endReason) : '',
  ]);
  const name = `restraint-register-${from}-${to}`;
  if (format === 'csv') {
    return { filename: `${name}.csv`, contentType: csvMediaType, body: csvDocument([header, ...lines]) };
  }
  const pdf = createPdf({
    title: reportWords[language].registerTitle,
    language,
    institution: institution?.name[language] ?? null,
    period: `${from} – ${to}`,
    generatedAt: generated.at,
    generatedBy: generated.by,
    timeZone,
    landscape: true,
  });
  pdf.text(reportWords[language].episodeCount(rows.length), { size: 8 });
  pdf.table(header, lines, widths, { size: 7 });
  return { filename: `${name}.pdf`, contentType: 'application/pdf', body: await pdf.end() };
}
