import { instantToWallTime, type Placement } from '@custodia/domain';
import type { ExportFile } from '../../platform/export/attachment.ts';
import { csvDocument, csvMediaType } from '../../platform/export/csv.ts';
import { createPdf } from '../../platform/export/pdf.ts';

/** The columns of the record, one line per entry of a placement's timeline (SEG-13). */
const placementColumns = [
  'placement',
  'prison number',
  'person',
  'kind',
  'reason',
  'offence',
  'decided by',
  'started',
  'planned end',
  'ended',
  'director override',
];
const entryColumns = [
  'entry',
  'at',
  'day',
  'minutes out of cell',
  'minutes outdoors',
  'minutes of contact',
  'flags',
  'health care recommends ending',
  'decision',
  'outcome',
  'text',
  'recorded by',
  'recorded at',
];
/** The entry table's column widths in the landscape PDF, in points. */
const widths = [62, 62, 52, 40, 40, 40, 90, 50, 70, 40, 110, 75, 62];

/**
 * SEG-13: the whole segregation record of an institution for a period, for the national preventive
 * mechanism and the CPT: each placement's decision, reason, start and end, reviews and decisions,
 * daily records (minutes out of cell, outdoors, in contact, and their flags), health and management
 * visits (that they happened, and a recommendation to end; never the clinical content), each entry
 * with its author and time in the institution's zone.
 */
export async function oversightExport(
  placements: readonly Placement[],
  query: { institutionName: string; from: string; to: string; format: 'csv' | 'pdf' },
  context: { timeZone: string; generatedAt: string; generatedBy: string },
): Promise<ExportFile> {
  const zone = context.timeZone;
  const local = (iso: string | null) => (iso ? instantToWallTime(iso, zone) : '');
  const entryLine = (e: Placement['timeline'][number]) => [
    e.type,
    local(e.at),
    e.day ?? '',
    e.minutes?.outOfCellMinutes ?? '',
    e.minutes?.outdoorMinutes ?? '',
    e.minutes?.contactMinutes ?? '',
    e.flags.join('+'),
    e.recommendsEnding === null ? '' : e.recommendsEnding ? 'yes' : 'no',
    e.decisionKind ?? '',
    e.outcome ?? '',
    e.text ?? '',
    e.author,
    local(e.recordedAt),
  ];
  const name = `segregation-record-${query.from}-${query.to}`;
  if (query.format === 'csv') {
    const header = [...placementColumns, ...entryColumns].map((c) =>
      ['started', 'planned end', 'ended', 'at', 'recorded at'].includes(c) ? `${c} (${zone})` : c,
    );
    const lines = placements.flatMap((p) => {
      const head = [
        p.id,
        p.prisonNumber,
        p.name,
        p.kind,
        p.reason,
        p.offenceReference ?? '',
        p.decidedBy,
        local(p.startedAt),
        local(p.plannedEndAt),
        local(p.endedAt),
        p.overrideReason ?? '',
      ];
      return p.timeline.map((e) => [...head, ...entryLine(e)]);
    });
    return { filename: `${name}.csv`, contentType: csvMediaType, body: csvDocument([header, ...lines]) };
  }
  const pdf = createPdf({
    title: 'Segregation record',
    language: 'en',
    institution: query.institutionName,
    period: `${query.from} – ${query.to}`,
    generatedAt: context.generatedAt,
    generatedBy: context.generatedBy,
    timeZone: zone,
    landscape: true,
  });
  pdf.text(
    `${placements.length} placements. Times in ${zone}. Health visits are listed as made; their clinical content is not part of this record.`,
    {
      size: 8,
    },
  );
  for (const p of placements) {
    pdf.heading(`${p.prisonNumber} ${p.name} · ${p.kind}`, 10);
    pdf.text(
      [
        `Reason: ${p.reason}`,
        p.offenceReference ? `Offence: ${p.offenceReference}` : null,
        `Decided by: ${p.decidedBy}`,
        `Started: ${local(p.startedAt)}; planned end: ${local(p.plannedEndAt)}; ended: ${local(p.endedAt) || 'open'}`,
        p.overrideReason ? `Director's override: ${p.overrideReason}` : null,
        p.missedHealthVisitDays.length
          ? `Days without a health visit: ${p.missedHealthVisitDays.join(', ')}`
          : null,
        `Consecutive solitary days up to today or the end: ${p.solitaryRun}`,
      ]
        .filter(Boolean)
        .join('\n'),
      { size: 8 },
    );
    pdf.table(entryColumns, p.timeline.map(entryLine), widths, { size: 7 });
  }
  return { filename: `${name}.pdf`, contentType: 'application/pdf', body: await pdf.end() };
}
