import {
  type CohortReport,
  cohortColumns,
  type Language,
  notificationColumns,
  notificationRows,
  outcomeRows,
} from '@custodia/domain';
import type { ExportFile } from '../../platform/export/attachment.ts';
import { csvDocument, csvMediaType } from '../../platform/export/csv.ts';
import { createPdf } from '../../platform/export/pdf.ts';

/**
 * The TB quarterly report as CSV or PDF (TB-3, PHC-9, DAT-6), in WHO's case-registration and
 * treatment-outcome layout, words in az, en or ru, suppressed cells shown as "<5" and stated.
 */
type Dict = Record<string, string>;
const words: Record<Language, Dict> = {
  az: {
    title: 'Vərəm: rüblük hesabat',
    notifications: 'Qeydiyyata alınmış hallar (diaqnoz tarixinə görə)',
    outcomes: 'Müalicə nəticələri: kohort',
    mdr: 'RR/MDR-vərəm kohortu',
    coverage: 'Illik skrininq əhatəsi',
    success: 'Müalicə uğuru (sağalmış + başa çatmış)',
    inCustody: 'Saxlanılanlar',
    screened: '12 ayda skrininq olunanlar',
    suppressed: 'Kiçik saylar (< {n}) gizlədilib (DAT-6).',
    row: 'Sətir',
    pulmonary_bc: 'Ağciyər, bakterioloji təsdiqlənmiş',
    pulmonary_cd: 'Ağciyər, klinik diaqnoz',
    extrapulmonary: 'Ağciyərdənkənar',
    total: 'Cəmi',
    new: 'Yeni',
    relapse: 'Residiv',
    previously_treated: 'Əvvəl müalicə olunmuş (residivsiz)',
    unknown_history: 'Tarixçə məlum deyil',
    new_relapse_bc: 'Yeni və residiv, bakterioloji təsdiqlənmiş ağciyər',
    new_relapse_cd_ep: 'Yeni və residiv, klinik / ağciyərdənkənar',
    cohort: 'Kohort',
    cured: 'Sağalıb',
    treatment_completed: 'Müalicə başa çatıb',
    treatment_failed: 'Müalicə uğursuz',
    died: 'Vəfat edib',
    lost_to_follow_up: 'İzləmədən çıxıb',
    not_evaluated: 'Qiymətləndirilməyib',
    not_assigned: 'Nəticə hələ yoxdur',
  },
  en: {
    title: 'Tuberculosis: quarterly report',
    notifications: 'Cases notified (by date of diagnosis)',
    outcomes: 'Treatment outcomes: cohort',
    mdr: 'RR/MDR-TB cohort',
    coverage: 'Yearly screening coverage',
    success: 'Treatment success (cured + completed)',
    inCustody: 'In custody',
    screened: 'Screened in 12 months',
    suppressed: 'Small counts (< {n}) suppressed (DAT-6).',
    row: 'Row',
    pulmonary_bc: 'Pulmonary, bacteriologically confirmed',
    pulmonary_cd: 'Pulmonary, clinically diagnosed',
    extrapulmonary: 'Extrapulmonary',
    total: 'Total',
    new: 'New',
    relapse: 'Relapse',
    previously_treated: 'Previously treated (excl. relapse)',
    unknown_history: 'Unknown history',
    new_relapse_bc: 'New and relapse, bact. confirmed pulmonary',
    new_relapse_cd_ep: 'New and relapse, clinically diagnosed / extrapulmonary',
    cohort: 'Cohort',
    cured: 'Cured',
    treatment_completed: 'Treatment completed',
    treatment_failed: 'Treatment failed',
    died: 'Died',
    lost_to_follow_up: 'Lost to follow-up',
    not_evaluated: 'Not evaluated',
    not_assigned: 'No outcome yet',
  },
  ru: {
    title: 'Туберкулёз: квартальный отчёт',
    notifications: 'Зарегистрированные случаи (по дате диагноза)',
    outcomes: 'Исходы лечения: когорта',
    mdr: 'Когорта РУ/МЛУ-ТБ',
    coverage: 'Охват ежегодным скринингом',
    success: 'Успешное лечение (излечен + лечение завершено)',
    inCustody: 'Содержится',
    screened: 'Обследовано за 12 месяцев',
    suppressed: 'Малые числа (< {n}) скрыты (DAT-6).',
    row: 'Строка',
    pulmonary_bc: 'Лёгочный, бактериологически подтверждённый',
    pulmonary_cd: 'Лёгочный, клинически диагностированный',
    extrapulmonary: 'Внелёгочный',
    total: 'Всего',
    new: 'Новый',
    relapse: 'Рецидив',
    previously_treated: 'Ранее леченный (кроме рецидива)',
    unknown_history: 'Анамнез неизвестен',
    new_relapse_bc: 'Новые и рецидивы, бакт. подтверждённый лёгочный',
    new_relapse_cd_ep: 'Новые и рецидивы, клинический / внелёгочный',
    cohort: 'Когорта',
    cured: 'Излечен',
    treatment_completed: 'Лечение завершено',
    treatment_failed: 'Неэффективное лечение',
    died: 'Умер',
    lost_to_follow_up: 'Выбыл из-под наблюдения',
    not_evaluated: 'Не оценён',
    not_assigned: 'Исхода ещё нет',
  },
};

const cell = (v: number | null | undefined, threshold: number) =>
  v === null || v === undefined ? `<${threshold}` : v;

function tables(report: CohortReport, language: Language) {
  const w = words[language];
  const threshold = report.suppression?.threshold ?? 5;
  const nCols = [...notificationColumns, 'total'];
  const oCols = ['cohort', ...cohortColumns];
  return {
    w,
    notifications: {
      header: [w.row as string, ...nCols.map((c) => w[c] ?? c)],
      rows: [...notificationRows, 'total'].map((r) => [
        w[r] ?? r,
        ...nCols.map((c) => cell(report.notifications[`${r}.${c}`], threshold)),
      ]),
    },
    outcomes: {
      header: [w.row as string, ...oCols.map((c) => w[c] ?? c)],
      rows: outcomeRows.map((r) => [
        w[r] ?? r,
        ...oCols.map((c) => cell(report.outcomes[`${r}.${c}`], threshold)),
      ]),
    },
    mdr: {
      header: [w.row as string, ...oCols.map((c) => w[c] ?? c)],
      rows: [['total', ...oCols.map((c) => cell(report.mdrOutcomes[`total.${c}`], threshold))]].map((r) => [
        w.total,
        ...r.slice(1),
      ]),
    },
  };
}

export function reportCsv(report: CohortReport, language: Language): ExportFile {
  const t = tables(report, language);
  const w = t.w;
  const records: (string | number | null | undefined)[][] = [
    [w.title as string, report.quarter],
    [],
    [`${w.notifications} ${report.quarter}`],
    t.notifications.header,
    ...t.notifications.rows,
    [],
    [`${w.outcomes} ${report.cohortQuarter}`],
    t.outcomes.header,
    ...t.outcomes.rows,
    [w.success as string, report.successRate === null ? '' : `${report.successRate}%`],
    [],
    [`${w.mdr} ${report.mdrYear}`],
    t.mdr.header,
    ...t.mdr.rows,
    [w.success as string, report.mdrSuccessRate === null ? '' : `${report.mdrSuccessRate}%`],
    [],
    [w.coverage as string],
    [w.inCustody as string, report.coverage.inCustody],
    [w.screened as string, report.coverage.screened],
    ...(report.suppression
      ? [[(w.suppressed as string).replace('{n}', String(report.suppression.threshold))]]
      : []),
  ];
  return {
    filename: `tb-report-${report.quarter}.csv`,
    contentType: csvMediaType,
    body: csvDocument(records),
  };
}

export async function reportPdf(
  report: CohortReport,
  language: Language,
  meta: { institution: string | null; generatedBy: string; timeZone: string; at: Date },
): Promise<ExportFile> {
  const t = tables(report, language);
  const w = t.w;
  const pdf = createPdf({
    title: w.title as string,
    language,
    institution: meta.institution,
    period: report.quarter,
    generatedAt: meta.at,
    generatedBy: meta.generatedBy,
    timeZone: meta.timeZone,
    landscape: true,
  });
  pdf.heading(`${w.notifications} ${report.quarter}`, 10);
  pdf.table(t.notifications.header, t.notifications.rows, [170, 80, 80, 110, 90, 60], { size: 8 });
  pdf.heading(`${w.outcomes} ${report.cohortQuarter}`, 10);
  pdf.table(t.outcomes.header, t.outcomes.rows, [170, 50, 50, 60, 60, 50, 60, 60, 60], { size: 7 });
  pdf.text(`${w.success}: ${report.successRate === null ? '—' : `${report.successRate}%`}`, { size: 8 });
  pdf.heading(`${w.mdr} ${report.mdrYear}`, 10);
  pdf.table(t.mdr.header, t.mdr.rows, [170, 50, 50, 60, 60, 50, 60, 60, 60], { size: 7 });
  pdf.heading(w.coverage as string, 10);
  pdf.text(
    `${w.inCustody}: ${report.coverage.inCustody ?? '—'} · ${w.screened}: ${report.coverage.screened ?? `<${report.suppression?.threshold ?? 5}`}`,
    { size: 8 },
  );
  if (report.suppression)
    pdf.text((w.suppressed as string).replace('{n}', String(report.suppression.threshold)), { size: 8 });
  return {
    filename: `tb-report-${report.quarter}.pdf`,
    contentType: 'application/pdf',
    body: await pdf.end(),
  };
}
