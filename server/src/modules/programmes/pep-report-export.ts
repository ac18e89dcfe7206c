import { type Language, type PepReport, pepExposureTypes } from '@custodia/domain';
import type { ExportFile } from '../../platform/export/attachment.ts';
import { csvDocument, csvMediaType } from '../../platform/export/csv.ts';
import { createPdf } from '../../platform/export/pdf.ts';

/**
 * "PEP within 72 h" as CSV or PDF (BBV-2, DAT-6): the exposures of the period, how many started
 * prophylaxis and how many within 72 h, the median delay, the exposures by type; words in az, en or
 * ru; suppressed cells shown as "<n" and the suppression stated.
 */
type Dict = Record<string, string>;
const words: Record<Language, Dict> = {
  az: {
    title: 'Ekspozisiyadan sonrakı profilaktika: 72 saat ərzində',
    period: 'Dövr',
    exposures: 'Ekspozisiyalar',
    started: 'Profilaktika başladılıb',
    within72h: '72 saat ərzində ilk doza',
    percent: '72 saat ərzində profilaktika (%)',
    medianHours: 'Ekspozisiyadan ilk dozaya qədər median (saat)',
    byType: 'Ekspozisiya növünə görə',
    definition:
      'Göstərici: dövrdə (ekspozisiya tarixinə görə) qeydə alınan ekspozisiyalardan ilk dozası ekspozisiyadan sonra 72 saat ərzində verilənlərin payı (BBV-2).',
    suppressed: 'Kiçik saylar (< {n}) gizlədilib (DAT-6).',
    needlestick: 'İynə batması',
    sexual: 'Cinsi əlaqə',
    sexual_assault: 'Cinsi zorakılıq',
    blood_splash: 'Qan sıçraması',
    bite_fight: 'Dalaşma / dişləmə',
    other: 'Digər',
  },
  en: {
    title: 'Post-exposure prophylaxis within 72 h',
    period: 'Period',
    exposures: 'Exposures',
    started: 'Prophylaxis started',
    within72h: 'First dose within 72 h',
    percent: 'PEP within 72 h (%)',
    medianHours: 'Median hours from exposure to first dose',
    byType: 'By type of exposure',
    definition:
      'Indicator: of the exposures of the period (by date of exposure), the share whose first dose was given within 72 h of the exposure (BBV-2).',
    suppressed: 'Small counts (< {n}) suppressed (DAT-6).',
    needlestick: 'Needlestick',
    sexual: 'Sexual exposure',
    sexual_assault: 'Sexual assault',
    blood_splash: 'Blood splash',
    bite_fight: 'Fight / bite',
    other: 'Other',
  },
  ru: {
    title: 'Постконтактная профилактика в течение 72 ч',
    period: 'Период',
    exposures: 'Контакты',
    started: 'Профилактика начата',
    within72h: 'Первая доза в течение 72 ч',
    percent: 'ПКП в течение 72 ч (%)',
    medianHours: 'Медиана часов от контакта до первой дозы',
    byType: 'По виду контакта',
    definition:
      'Показатель: доля контактов периода (по дате контакта), при которых первая доза дана в течение 72 ч после контакта (BBV-2).',
    suppressed: 'Малые числа (< {n}) скрыты (DAT-6).',
    needlestick: 'Укол иглой',
    sexual: 'Половой контакт',
    sexual_assault: 'Сексуальное насилие',
    blood_splash: 'Попадание крови',
    bite_fight: 'Драка / укус',
    other: 'Другое',
  },
};

function rows(report: PepReport, language: Language) {
  const w = words[language];
  const hidden = `<${report.suppression?.threshold ?? 5}`;
  const v = (n: number | null) => (n === null ? hidden : n);
  const main: [string, string | number][] = [
    [w.exposures as string, v(report.exposures)],
    [w.started as string, v(report.started)],
    [w.within72h as string, v(report.within72h)],
    [w.percent as string, report.percent === null ? '—' : `${report.percent}%`],
    [w.medianHours as string, report.medianHours === null ? '—' : report.medianHours],
  ];
  const types: [string, string | number][] = pepExposureTypes.map((t) => [
    w[t] as string,
    v(report.byType[t] ?? null),
  ]);
  return { w, main, types };
}

export function pepReportCsv(report: PepReport, language: Language): ExportFile {
  const { w, main, types } = rows(report, language);
  const records: (string | number)[][] = [
    [w.title as string],
    [w.period as string, `${report.from} – ${report.to}`],
    [],
    ...main,
    [],
    [w.byType as string],
    ...types,
    [],
    [w.definition as string],
    ...(report.suppression
      ? [[(w.suppressed as string).replace('{n}', String(report.suppression.threshold))]]
      : []),
  ];
  return {
    filename: `pep-report-${report.from}-${report.to}.csv`,
    contentType: csvMediaType,
    body: csvDocument(records),
  };
}

export async function pepReportPdf(
  report: PepReport,
  language: Language,
  meta: { institution: string | null; generatedBy: string; timeZone: string; at: Date },
): Promise<ExportFile> {
  const { w, main, types } = rows(report, language);
  const pdf = createPdf({
    title: w.title as string,
    language,
    institution: meta.institution,
    period: `${report.from} – ${report.to}`,
    generatedAt: meta.at,
    generatedBy: meta.generatedBy,
    timeZone: meta.timeZone,
  });
  pdf.table(
    ['', ''],
    main.map(([k, x]) => [k, String(x)]),
    [300, 120],
    { size: 9 },
  );
  pdf.heading(w.byType as string, 10);
  pdf.table(
    ['', ''],
    types.map(([k, x]) => [k, String(x)]),
    [300, 120],
    { size: 9 },
  );
  pdf.text(w.definition as string, { size: 8 });
  if (report.suppression)
    pdf.text((w.suppressed as string).replace('{n}', String(report.suppression.threshold)), { size: 8 });
  return {
    filename: `pep-report-${report.from}-${report.to}.pdf`,
    contentType: 'application/pdf',
    body: await pdf.end(),
  };
}
