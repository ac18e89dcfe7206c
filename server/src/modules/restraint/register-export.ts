import { instantToWallTime, wallTimeToInstant } from '@custodia/domain/platform';
import type { ExportFile } from '../../platform/export/attachment.ts';
import { csvDocument, csvMediaType } from '../../platform/export/csv.ts';
import { createPdf } from '../../platform/export/pdf.ts';
import type { Services } from '../../services.ts';

/** Issue 14: the instant a calendar day starts in a time zone (the register's periods are the institution's days). */
export function dayStartIn(date: string, timeZone: string): string {
  return wallTimeToInstant(`${date}T00:00`, timeZone) ?? `${date}T00:00:00.000Z`;
}

type RegisterReader = Parameters<Services['restraint']['register']>[0];

/** RST-10: the register columns, as a delegation reads them. */
const header = [
  'started',
  'ended',
  'minutes',
  'prison number',
  'person',
  'types',
  'authorisation',
  'harm',
  'applied by',
  'supervised by',
  'ordered or approved by',
  'flags',
  'injuries to person',
  'injuries to staff',
  'end reason',
];
/** Column widths in the landscape PDF, in points. */
const widths = [60, 60, 28, 62, 70, 55, 55, 55, 60, 60, 60, 50, 40, 40, 27];

/**
 * RST-10: the register of an institution for a period as CSV or PDF, no clinical detail: the person
 * and the staff by name (prison number and name; who applied, supervised, ordered or approved), as a
 * delegation reads it, never account ids.
 */
export async function restraintRegisterExport(
  services: Pick<Services, 'restraint' | 'registry' | 'config'>,
  reader: RegisterReader,
  query: { institutionId: string; from: string; to: string; format: 'csv' | 'pdf' },
  generated: { at: string; by: string },
): Promise<ExportFile> {
  const { institutionId, from, to, format } = query;
  const institution = (await services.registry.listInstitutions()).find((i) => i.id === institutionId);
  const zone = institution?.timeZone ?? services.config.timeZone;
  // Issue 14: the period's days and every time in the institution's zone, to the minute ("2026-12-06 09:12").
  const wall = (iso: string | null) =>
    iso ? instantToWallTime(iso, zone).slice(0, 16).replace('T', ' ') : '';
  const rows: Awaited<ReturnType<Services['restraint']['register']>>['items'] = [];
  let cursor: string | undefined;
  do {
    const page = await services.restraint.register(
      reader,
      {
        institutionId,
        from: dayStartIn(from, zone),
        to: dayStartIn(to, zone),
        limit: 200,
        ...(cursor ? { cursor } : {}),
      },
      // The exports leave clinical detail out, even for the health service.
      false,
    );
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const lines = rows.map((e) => [
    wall(e.startedAt),
    wall(e.state.endedAt),
    e.state.durationMinutes,
    e.person?.prisonNumber ?? '',
    e.person?.name ?? '',
    e.types.join('+'),
    e.authorisation,
    e.harm,
    e.appliedByNames.join('; '),
    e.supervisedByNames.join('; '),
    e.orderedOrApprovedByName ?? '',
    e.flags.join('+'),
    e.injuriesToPerson ?? '',
    e.injuriesToStaff ?? '',
    e.endReason ?? '',
  ]);
  const name = `restraint-register-${from}-${to}`;
  if (format === 'csv') {
    return { filename: `${name}.csv`, contentType: csvMediaType, body: csvDocument([header, ...lines]) };
  }
  const pdf = createPdf({
    title: 'Restraint register',
    language: 'en',
    institution: institution?.name.en ?? null,
    period: `${from} – ${to}`,
    generatedAt: generated.at,
    generatedBy: generated.by,
    timeZone: zone,
    landscape: true,
  });
  pdf.text(`${rows.length} episodes`, { size: 8 });
  pdf.table(header, lines, widths, { size: 7 });
  return { filename: `${name}.pdf`, contentType: 'application/pdf', body: await pdf.end() };
}
