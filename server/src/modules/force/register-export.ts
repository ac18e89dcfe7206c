import {
  EXAMINATION_LIMIT_MINUTES,
  type ForceRegisterCountsShown,
  forceTypes,
  type Language,
} from '@custodia/domain';
import type { ExportFile } from '../../platform/export/attachment.ts';
import { csvDocument, csvMediaType } from '../../platform/export/csv.ts';
import { createPdf } from '../../platform/export/pdf.ts';

/** The register as released to its reader: counts suppressed or not (DAT-6). */
export interface ForceRegisterShown {
  total: ForceRegisterCountsShown;
  units: (ForceRegisterCountsShown & { unitCode: string })[];
  suppression: { threshold: number; cells: string[] } | null;
}

type Words = {
  title: string;
  unit: string;
  institution: string;
  incidents: string;
  subjects: string;
  inTime: (hours: number) => string;
  late: string;
  refused: string;
  notExamined: string;
  referred: string;
  suppressed: string;
  suppressedNote: (max: number, cells: number) => string;
  notSuppressed: string;
  types: Record<(typeof forceTypes)[number], string>;
};

/** The register's words in az, en and ru (codes never reach the reader). */
export const registerWords: Record<Language, Words> = {
  az: {
    title: 'Güc tətbiqi reyestri',
    unit: 'Bölmə',
    institution: 'Müəssisə üzrə cəmi',
    incidents: 'Hallar',
    subjects: 'Güc tətbiq edilən şəxslər',
    inTime: (h) => `${h} saat ərzində müayinə`,
    late: 'Gecikmiş müayinə',
    refused: 'Müayinədən imtina',
    notExamined: 'Müayinə edilməyib',
    referred: 'Araşdırmaya göndərilib',
    suppressed: 'gizlədilib',
    suppressedNote: (max, cells) =>
      `Kiçik saylar (1–${max}) və onlardan hesablana bilən saylar gizlədilib: ${cells} xana.`,
    notSuppressed: 'Tibbi xidmət üçün: bütün saylar göstərilir.',
    types: {
      physical_hold: 'Fiziki tutma',
      mechanical_restraint: 'Mexaniki məhdudlaşdırma',
      baton: 'Dəyənək',
      incapacitant_spray: 'Qıcıqlandırıcı sprey',
      other: 'Digər',
    },
  },
  en: {
    title: 'Use-of-force register',
    unit: 'Unit',
    institution: 'Institution total',
    incidents: 'Uses of force',
    subjects: 'People force was used on',
    inTime: (h) => `Examined within ${h} h`,
    late: 'Examined late',
    refused: 'Examination refused',
    notExamined: 'Not examined',
    referred: 'Referred for investigation',
    suppressed: 'suppressed',
    suppressedNote: (max, cells) =>
      `Small counts (1–${max}) and the counts they could be worked out from are suppressed: ${cells} cells.`,
    notSuppressed: 'For the health service: every count is shown.',
    types: {
      physical_hold: 'Physical hold',
      mechanical_restraint: 'Mechanical restraint',
      baton: 'Baton',
      incapacitant_spray: 'Incapacitant spray',
      other: 'Other',
    },
  },
  ru: {
    title: 'Реестр применения силы',
    unit: 'Отделение',
    institution: 'Итого по учреждению',
    incidents: 'Случаи',
    subjects: 'Лица, к которым применена сила',
    inTime: (h) => `Осмотр в течение ${h} ч`,
    late: 'Осмотр с опозданием',
    refused: 'Отказ от осмотра',
    notExamined: 'Не осмотрены',
    referred: 'Направлено на расследование',
    suppressed: 'скрыто',
    suppressedNote: (max, cells) =>
      `Малые числа (1–${max}) и числа, из которых их можно вычислить, скрыты: ${cells} ячеек.`,
    notSuppressed: 'Для медицинской службы: показаны все числа.',
    types: {
      physical_hold: 'Физическое удержание',
      mechanical_restraint: 'Механические средства',
      baton: 'Дубинка',
      incapacitant_spray: 'Раздражающий спрей',
      other: 'Другое',
    },
  },
};

function table(register: ForceRegisterShown, language: Language) {
  const w = registerWords[language];
  const header = [
    w.unit,
    w.incidents,
    ...forceTypes.map((t) => w.types[t]),
    w.subjects,
    w.inTime(EXAMINATION_LIMIT_MINUTES / 60),
    w.late,
    w.refused,
    w.notExamined,
    w.referred,
  ];
  // A suppressed count reads "suppressed" in words, never an empty or zero cell.
  const cell = (n: number | null) => (n === null ? w.suppressed : n);
  const line = (unit: string, c: ForceRegisterCountsShown) => [
    unit,
    cell(c.incidents),
    ...forceTypes.map((t) => cell(c.byType[t])),
    cell(c.subjects),
    cell(c.examinedInTime),
    cell(c.examinedLate),
    cell(c.refused),
    cell(c.notExamined),
    cell(c.referred),
  ];
  const note = register.suppression
    ? w.suppressedNote(register.suppression.threshold - 1, register.suppression.cells.length)
    : w.notSuppressed;
  return {
    header,
    lines: [line(w.institution, register.total), ...register.units.map((u) => line(u.unitCode, u))],
    note,
  };
}

/** INJ-7, RST-11: the monthly register as CSV, in the reader's language, its suppression stated (DAT-6). */
export function forceRegisterCsv(
  register: ForceRegisterShown,
  month: string,
  language: Language,
): ExportFile {
  const { header, lines, note } = table(register, language);
  return {
    filename: `use-of-force-register-${month}.csv`,
    contentType: csvMediaType,
    body: csvDocument([[`${registerWords[language].title} ${month}`], [note], header, ...lines]),
  };
}

/** INJ-7, RST-11: the monthly register as PDF (the platform's builder, ADR 0026). */
export async function forceRegisterPdf(
  register: ForceRegisterShown,
  month: string,
  language: Language,
  context: { institution: string | null; timeZone: string; generatedAt: string; generatedBy: string },
): Promise<ExportFile> {
  const { header, lines, note } = table(register, language);
  const pdf = createPdf({
    title: registerWords[language].title,
    language,
    institution: context.institution,
    period: month,
    generatedAt: context.generatedAt,
    generatedBy: context.generatedBy,
    timeZone: context.timeZone,
    landscape: true,
  });
  pdf.text(note, { size: 8 });
  pdf.table(header, lines, [80, 50, 60, 65, 50, 60, 45, 60, 60, 55, 55, 55, 60], { size: 8 });
  return {
    filename: `use-of-force-register-${month}.pdf`,
    contentType: 'application/pdf',
    body: await pdf.end(),
  };
}
