import {
  type ComplianceMeasure,
  instantToWallTime,
  type Language,
  type PlacementKind,
  type RegisterGroup,
  type SegregationRegister,
  type SummaryMeasure,
} from '@custodia/domain';
import type { ExportFile } from '../../platform/export/attachment.ts';
import { csvDocument, csvMediaType } from '../../platform/export/csv.ts';
import { createPdf } from '../../platform/export/pdf.ts';

/**
 * The segregation register with its daily compliance as CSV or PDF (issue 18 item 7; ADR 0039),
 * every code in words in az, en or ru, times in the institution's zone, the summary with its DAT-6
 * suppression stated. The web app's words for the same codes are in its `segregation` locales.
 */

type Words<K extends string> = Record<Language, Record<K, string>>;

const kindWords: Words<PlacementKind | 'total'> = {
  az: {
    disciplinary: 'İntizam',
    administrative: 'İnzibati',
    protective: 'Qoruyucu',
    own_request: 'Öz istəyi ilə',
    total: 'Cəmi',
  },
  en: {
    disciplinary: 'Disciplinary',
    administrative: 'Administrative',
    protective: 'Protective',
    own_request: 'Own request',
    total: 'Total',
  },
  ru: {
    disciplinary: 'Дисциплинарное',
    administrative: 'Административное',
    protective: 'Защитное',
    own_request: 'По собственной просьбе',
    total: 'Всего',
  },
};

const measureWords: Words<SummaryMeasure> = {
  az: {
    placements: 'Yerləşdirmələr',
    people: 'Şəxslər',
    days: 'Günlər',
    recordedDays: 'Qeydə alınmış günlər',
    solitaryDays: 'Tək saxlanma günləri (SEG-1)',
    outdoorShortDays: 'Açıq havada 1 saatdan az (SEG-10)',
    contactShortDays: 'Ünsiyyət 2 saatdan az (SEG-9)',
    healthVisitDays: 'Tibbi baxışlı günlər',
    healthVisitMissedDays: 'Tibbi baxışsız günlər (SEG-5)',
    managementVisitDays: 'Rəhbərlik baxışlı günlər',
    managementVisitMissedDays: 'Rəhbərlik baxışsız günlər (SEG-8)',
  },
  en: {
    placements: 'Placements',
    people: 'People',
    days: 'Days',
    recordedDays: 'Days recorded',
    solitaryDays: 'Solitary days (SEG-1)',
    outdoorShortDays: 'Under 1 h outdoors (SEG-10)',
    contactShortDays: 'Contact under 2 h (SEG-9)',
    healthVisitDays: 'Days with a health visit',
    healthVisitMissedDays: 'Days without a health visit (SEG-5)',
    managementVisitDays: 'Days with a management visit',
    managementVisitMissedDays: 'Days without a management visit (SEG-8)',
  },
  ru: {
    placements: 'Помещения',
    people: 'Лица',
    days: 'Дни',
    recordedDays: 'Дни с записью',
    solitaryDays: 'Дни одиночного содержания (SEG-1)',
    outdoorShortDays: 'Менее 1 ч на воздухе (SEG-10)',
    contactShortDays: 'Общение менее 2 ч (SEG-9)',
    healthVisitDays: 'Дни с медицинским посещением',
    healthVisitMissedDays: 'Дни без медицинского посещения (SEG-5)',
    managementVisitDays: 'Дни с посещением руководства',
    managementVisitMissedDays: 'Дни без посещения руководства (SEG-8)',
  },
};

const words = {
  az: {
    title: 'Təcridetmə reyestri',
    prisonNumber: 'Məhbus nömrəsi',
    person: 'Şəxs',
    kind: 'Növ',
    started: 'Başlanğıc',
    plannedEnd: 'Planlaşdırılan son',
    ended: 'Son',
    open: 'davam edir',
    group: 'Qrup',
    summary: 'Xülasə',
    placements: (n: number) => `Yerləşdirmələr: ${n}. Vaxtlar müəssisənin saat qurşağındadır.`,
    suppressed: 'gizlədilib',
    suppressedNote: (max: number, n: number) =>
      `Kiçik saylar (1–${max}) və onları aşkar edə bilən saylar gizlədilib: ${n} xana (DAT-6).`,
    notSuppressed: 'Tam saylar (tibb xidməti daxilində).',
  },
  en: {
    title: 'Segregation register',
    prisonNumber: 'Prison number',
    person: 'Person',
    kind: 'Kind',
    started: 'Started',
    plannedEnd: 'Planned end',
    ended: 'Ended',
    open: 'open',
    group: 'Group',
    summary: 'Summary',
    placements: (n: number) => `${n} placements. Times in the institution's time zone.`,
    suppressed: 'suppressed',
    suppressedNote: (max: number, n: number) =>
      `Small counts (1–${max}) and the counts they could be worked out from are left out: ${n} cells (DAT-6).`,
    notSuppressed: 'Whole counts (within the health service).',
  },
  ru: {
    title: 'Реестр одиночного содержания',
    prisonNumber: 'Номер заключенного',
    person: 'Лицо',
    kind: 'Вид',
    started: 'Начало',
    plannedEnd: 'Плановое окончание',
    ended: 'Окончание',
    open: 'продолжается',
    group: 'Группа',
    summary: 'Сводка',
    placements: (n: number) => `Помещений: ${n}. Время в часовом поясе учреждения.`,
    suppressed: 'скрыто',
    suppressedNote: (max: number, n: number) =>
      `Малые числа (1–${max}) и числа, по которым их можно вычислить, скрыты: ${n} ячеек (DAT-6).`,
    notSuppressed: 'Полные числа (внутри медицинской службы).',
  },
} satisfies Record<Language, unknown>;

const lineMeasures: readonly ComplianceMeasure[] = [
  'days',
  'recordedDays',
  'solitaryDays',
  'outdoorShortDays',
  'contactShortDays',
  'healthVisitDays',
  'healthVisitMissedDays',
  'managementVisitDays',
  'managementVisitMissedDays',
];
const groups: readonly RegisterGroup[] = [
  'disciplinary',
  'administrative',
  'protective',
  'own_request',
  'total',
];
const summaryMeasures: readonly SummaryMeasure[] = ['placements', 'people', ...lineMeasures];

/** What the register is: which lines (none when only the summary is released) and the words. */
function tables(register: SegregationRegister, language: Language, withLines: boolean) {
  const w = words[language];
  const local = (iso: string | null) => (iso ? instantToWallTime(iso, register.timeZone) : '');
  const lineHeader = [
    w.prisonNumber,
    w.person,
    w.kind,
    w.started,
    w.plannedEnd,
    w.ended,
    ...lineMeasures.map((m) => measureWords[language][m]),
  ];
  const lines = withLines
    ? register.lines.map((l) => [
        l.prisonNumber,
        l.name,
        kindWords[language][l.kind],
        local(l.startedAt),
        local(l.plannedEndAt),
        l.endedAt ? local(l.endedAt) : w.open,
        ...lineMeasures.map((m) => l.compliance[m]),
      ])
    : [];
  // A left-out count is written as "suppressed" in words, never as an empty or zero cell.
  const shown = (n: number | null) => (n === null ? w.suppressed : n);
  const summaryHeader = [w.group, ...summaryMeasures.map((m) => measureWords[language][m])];
  const summary = groups.map((g) => [
    kindWords[language][g],
    ...summaryMeasures.map((m) => shown(register.summary[g][m])),
  ]);
  const note = register.suppression
    ? w.suppressedNote(register.suppression.threshold - 1, register.suppression.cells.length)
    : w.notSuppressed;
  return { lineHeader, lines, summaryHeader, summary, note };
}

const period = (r: SegregationRegister) => (r.from === r.to ? r.from : `${r.from} – ${r.to}`);
const fileName = (r: SegregationRegister, ext: string) =>
  `segregation-register-${r.from}${r.from === r.to ? '' : `-${r.to}`}.${ext}`;

/** The register as CSV: title, suppression note, the summary, then one line per placement. */
export function registerCsv(
  register: SegregationRegister,
  language: Language,
  withLines: boolean,
): ExportFile {
  const t = tables(register, language, withLines);
  const w = words[language];
  const rows: (string | number)[][] = [
    [`${w.title} ${period(register)} (${register.timeZone})`],
    [t.note],
    t.summaryHeader,
    ...t.summary,
  ];
  if (withLines) rows.push([], t.lineHeader, ...t.lines);
  return { filename: fileName(register, 'csv'), contentType: csvMediaType, body: csvDocument(rows) };
}

/** The register as a landscape PDF through the platform's builder (ADR 0026). */
export async function registerPdf(
  register: SegregationRegister,
  language: Language,
  withLines: boolean,
  context: { institutionName: string; generatedAt: string; generatedBy: string },
): Promise<ExportFile> {
  const t = tables(register, language, withLines);
  const w = words[language];
  const pdf = createPdf({
    title: w.title,
    language,
    institution: context.institutionName,
    period: period(register),
    generatedAt: context.generatedAt,
    generatedBy: context.generatedBy,
    timeZone: register.timeZone,
    landscape: true,
  });
  pdf.text(`${w.placements(register.lines.length)} ${t.note}`, { size: 8 });
  pdf.heading(w.summary, 10);
  pdf.table(t.summaryHeader, t.summary, [80, ...summaryMeasures.map(() => 60)], { size: 7 });
  if (withLines) {
    pdf.heading(w.title, 10);
    pdf.table(t.lineHeader, t.lines, [55, 80, 55, 62, 62, 62, ...lineMeasures.map(() => 42)], { size: 7 });
  }
  return { filename: fileName(register, 'pdf'), contentType: 'application/pdf', body: await pdf.end() };
}
