import type { Language, MentalHealthReport } from '@custodia/domain';
import type { ExportFile } from '../../platform/export/attachment.ts';
import { csvDocument, csvMediaType } from '../../platform/export/csv.ts';
import { createPdf } from '../../platform/export/pdf.ts';

/** The report's words in az, en and ru (codes shown as words, ADR 0029). */
const en = {
  title: 'Mental health report',
  referrals: 'Referrals by urgency and time to assessment (MHS-1)',
  urgency: 'Urgency',
  referred: 'Referred',
  assessed: 'Assessed',
  inTime: 'Assessed in time',
  medianHours: 'Median hours to assessment',
  immediate: 'Immediate',
  h24: 'Within 24 h',
  h72: 'Within 72 h',
  transfers: 'Transfers to a psychiatric facility (MHS-5)',
  requested: 'Requested',
  transferred: 'Transferred',
  waitingOverTarget: 'Waiting beyond 14 days',
  attendance: 'Session attendance (MHT-3: the regime’s causes apart)',
  code: 'Attendance',
  count: 'Count',
  sessions: 'Sessions held',
  attended: 'Attended',
  did_not_attend: 'Did not attend',
  cancelled_by_person: 'Cancelled by the person',
  cancelled_by_service: 'Cancelled by the service',
  prevented_by_regime: 'Prevented by the regime (lockdown, no escort)',
  in_segregation: 'In segregation',
  transferred_or_released: 'Transferred or released',
  outcomes: 'Outcomes of those who finished a course (PHQ-9 / GAD-7)',
  finished: 'Finished a course (≥ 2 sessions attended)',
  atCaseness: 'At caseness at the start',
  recovered: 'Recovered',
  reliableImprovement: 'Reliable improvement',
  indicator: 'Mental-health caseload with a non-drug intervention this month (MHS-2)',
  caseload: 'Caseload',
  withNonDrug: 'With at least one non-drug session attended',
  percent: 'Share (%)',
  line: 'Line',
  value: 'Value',
  section: 'Section',
  suppressed: 'suppressed',
  suppressedNote:
    'Counts from 1 to {n} are suppressed (DAT-6), with the cells they could be worked out from: {c} cells.',
  notSuppressed: 'No count is suppressed.',
};
type Words = typeof en;
const words: Record<Language, Words> = {
  en,
  az: {
    title: 'Psixi sağlamlıq hesabatı',
    referrals: 'Təcililiyə görə göndərişlər və qiymətləndirməyə qədər vaxt (MHS-1)',
    urgency: 'Təcililik',
    referred: 'Göndərilib',
    assessed: 'Qiymətləndirilib',
    inTime: 'Vaxtında qiymətləndirilib',
    medianHours: 'Qiymətləndirməyə qədər median saat',
    immediate: 'Dərhal',
    h24: '24 saat ərzində',
    h72: '72 saat ərzində',
    transfers: 'Psixiatriya müəssisəsinə köçürmələr (MHS-5)',
    requested: 'Tələb olunub',
    transferred: 'Köçürülüb',
    waitingOverTarget: '14 gündən artıq gözləyən',
    attendance: 'Seanslarda iştirak (MHT-3: rejimlə bağlı səbəblər ayrıca)',
    code: 'İştirak',
    count: 'Say',
    sessions: 'Keçirilmiş seanslar',
    attended: 'İştirak edib',
    did_not_attend: 'Gəlməyib',
    cancelled_by_person: 'Şəxs tərəfindən ləğv edilib',
    cancelled_by_service: 'Xidmət tərəfindən ləğv edilib',
    prevented_by_regime: 'Rejim mane olub (qapanma, müşayiət yoxdur)',
    in_segregation: 'Təcriddə',
    transferred_or_released: 'Köçürülüb və ya azad edilib',
    outcomes: 'Kursu bitirənlərin nəticələri (PHQ-9 / GAD-7)',
    finished: 'Kursu bitirib (≥ 2 seansda iştirak)',
    atCaseness: 'Başlanğıcda klinik həddə',
    recovered: 'Sağalıb',
    reliableImprovement: 'Etibarlı yaxşılaşma',
    indicator: 'Bu ay qeyri-dərman müdaxiləsi alan psixi sağlamlıq pasiyentləri (MHS-2)',
    caseload: 'Pasiyentlər',
    withNonDrug: 'Ən azı bir qeyri-dərman seansında iştirak edən',
    percent: 'Pay (%)',
    line: 'Sətir',
    value: 'Dəyər',
    section: 'Bölmə',
    suppressed: 'gizlədilib',
    suppressedNote:
      '1-dən {n}-dək saylar gizlədilib (DAT-6), onları hesablamağa imkan verən xanalarla birlikdə: {c} xana.',
    notSuppressed: 'Heç bir say gizlədilməyib.',
  },
  ru: {
    title: 'Отчёт о психическом здоровье',
    referrals: 'Направления по срочности и время до оценки (MHS-1)',
    urgency: 'Срочность',
    referred: 'Направлено',
    assessed: 'Оценено',
    inTime: 'Оценено в срок',
    medianHours: 'Медиана часов до оценки',
    immediate: 'Немедленно',
    h24: 'В течение 24 ч',
    h72: 'В течение 72 ч',
    transfers: 'Переводы в психиатрическое учреждение (MHS-5)',
    requested: 'Запрошено',
    transferred: 'Переведено',
    waitingOverTarget: 'Ожидают дольше 14 дней',
    attendance: 'Посещение занятий (MHT-3: причины режима отдельно)',
    code: 'Посещение',
    count: 'Число',
    sessions: 'Проведено занятий',
    attended: 'Присутствовал',
    did_not_attend: 'Не пришёл',
    cancelled_by_person: 'Отменено самим человеком',
    cancelled_by_service: 'Отменено службой',
    prevented_by_regime: 'Помешал режим (карантин, нет конвоя)',
    in_segregation: 'В изоляции',
    transferred_or_released: 'Переведён или освобождён',
    outcomes: 'Результаты завершивших курс (PHQ-9 / GAD-7)',
    finished: 'Завершили курс (≥ 2 занятий)',
    atCaseness: 'Выше клинического порога в начале',
    recovered: 'Выздоровление',
    reliableImprovement: 'Достоверное улучшение',
    indicator: 'Пациенты с немедикаментозным вмешательством в этом месяце (MHS-2)',
    caseload: 'Пациенты',
    withNonDrug: 'Посетили хотя бы одно немедикаментозное занятие',
    percent: 'Доля (%)',
    line: 'Строка',
    value: 'Значение',
    section: 'Раздел',
    suppressed: 'скрыто',
    suppressedNote:
      'Числа от 1 до {n} скрыты (DAT-6) вместе с ячейками, из которых их можно вычислить: {c} ячеек.',
    notSuppressed: 'Ни одно число не скрыто.',
  },
};

/** MHS-1, MHS-2, MHT-3: the month's report as CSV or PDF, in the reader's language, suppression stated. */
export async function reportExport(
  report: MentalHealthReport,
  format: 'csv' | 'pdf',
  language: Language,
  context: { institution: string; timeZone: string; generatedAt: string; generatedBy: string },
): Promise<ExportFile> {
  const w = words[language];
  const word = (code: string) => (w as Record<string, string>)[code] ?? code;
  const cell = (n: number | null) => (n === null ? w.suppressed : n);
  const sections: { title: string; header: string[]; lines: (string | number)[][] }[] = [
    {
      title: w.referrals,
      header: [w.urgency, w.referred, w.assessed, w.inTime, w.medianHours],
      lines: report.referrals.map((r) => [
        word(r.urgency),
        cell(r.referred),
        cell(r.assessed),
        cell(r.inTime),
        r.medianHours ?? '',
      ]),
    },
    {
      title: w.transfers,
      header: [w.line, w.value],
      lines: [
        [w.requested, cell(report.transfers.requested)],
        [w.transferred, cell(report.transfers.transferred)],
        [w.waitingOverTarget, cell(report.transfers.waitingOverTarget)],
      ],
    },
    {
      title: w.attendance,
      header: [w.code, w.count],
      lines: [
        ...report.attendance.map((a) => [word(a.code), cell(a.count)]),
        [w.sessions, cell(report.sessions)],
      ],
    },
    {
      title: w.outcomes,
      header: [w.line, w.value],
      lines: [
        [w.finished, cell(report.outcomes.finished)],
        [w.atCaseness, cell(report.outcomes.atCaseness)],
        [w.recovered, cell(report.outcomes.recovered)],
        [w.reliableImprovement, cell(report.outcomes.reliableImprovement)],
      ],
    },
    {
      title: w.indicator,
      header: [w.line, w.value],
      lines: [
        [w.caseload, cell(report.indicator.caseload)],
        [w.withNonDrug, cell(report.indicator.withNonDrug)],
        [w.percent, report.indicator.percent ?? w.suppressed],
      ],
    },
  ];
  const note = report.suppression
    ? w.suppressedNote
        .replace('{n}', String(report.suppression.threshold - 1))
        .replace('{c}', String(report.suppression.cells.length))
    : w.notSuppressed;
  const name = `mental-health-report-${report.month}`;
  if (format === 'csv') {
    const lines = sections.flatMap((s) => [[w.section, ...s.header], ...s.lines.map((l) => [s.title, ...l])]);
    return { filename: `${name}.csv`, contentType: csvMediaType, body: csvDocument([...lines, [note]]) };
  }
  const pdf = createPdf({
    title: w.title,
    language,
    institution: context.institution,
    period: report.month,
    generatedAt: context.generatedAt,
    generatedBy: context.generatedBy,
    timeZone: context.timeZone,
  });
  pdf.text(note, { size: 8 });
  for (const s of sections) {
    pdf.heading(s.title, 11);
    pdf.table(s.header, s.lines, s.header.length === 5 ? [170, 80, 80, 90, 90] : [340, 170], { size: 8 });
  }
  return { filename: `${name}.pdf`, contentType: 'application/pdf', body: await pdf.end() };
}
