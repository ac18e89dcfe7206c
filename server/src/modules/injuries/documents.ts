import {
  injuryCauses,
  injuryIndicators,
  instantToWallTime,
  type Language,
  SMALL_CELL,
  suppress,
} from '@custodia/domain';
import type { ExportFile } from '../../platform/export/attachment.ts';
import { csvDocument, csvMediaType } from '../../platform/export/csv.ts';
import { createPdf } from '../../platform/export/pdf.ts';
import type { InjuryRecordView } from './views.ts';

type Words = Record<Language, string>;
const w = (en: string, az: string, ru: string): Words => ({ az, en, ru });

/** The words of the injury documents (INJ-4: the report in the recipient's language; INJ-5: the copy). */
const words = {
  reportTitle: w(
    'Report of injuries possibly indicating ill-treatment',
    'Pis rəftara dəlalət edə biləcək xəsarətlər barədə məlumat',
    'Сообщение о телесных повреждениях, возможно указывающих на жестокое обращение',
  ),
  copyTitle: w('Injury record (copy)', 'Xəsarət qeydi (surət)', 'Запись о телесных повреждениях (копия)'),
  to: w('To', 'Kimə', 'Кому'),
  person: w('Person', 'Şəxs', 'Лицо'),
  context: w('Context', 'Səbəb', 'Повод'),
  examinedAt: w('Examined at', 'Müayinə vaxtı', 'Время осмотра'),
  present: w('Persons present', 'İştirak edənlər', 'Присутствовали'),
  interpreter: w('Interpreter', 'Tərcüməçi', 'Переводчик'),
  outOfHearing: w(
    'Examined out of hearing and sight of non-medical staff',
    'Qeyri-tibbi işçilərin eşitmə və görmə məsafəsindən kənarda müayinə edilib',
    'Осмотр вне пределов слышимости и видимости немедицинского персонала',
  ),
  notOutOfHearing: w(
    'Non-medical staff could hear or see; reason',
    'Qeyri-tibbi işçilər eşidə və ya görə bilirdi; səbəb',
    'Немедицинский персонал мог слышать или видеть; причина',
  ),
  account: w("The person's account", 'Şəxsin izahatı', 'Объяснение лица'),
  allegation: w('Allegation of ill-treatment', 'Pis rəftar iddiası', 'Заявление о жестоком обращении'),
  who: w('Who', 'Kim', 'Кто'),
  when: w('When', 'Nə vaxt', 'Когда'),
  where: w('Where', 'Harada', 'Где'),
  how: w('How', 'Necə', 'Как'),
  findings: w('Findings', 'Müayinənin nəticələri', 'Результаты осмотра'),
  noInjuries: w('No injuries seen', 'Xəsarət görünmür', 'Повреждений не обнаружено'),
  conclusion: w(
    'Conclusion (Istanbul Protocol)',
    'Nəticə (İstanbul Protokolu)',
    'Заключение (Стамбульский протокол)',
  ),
  suggests: w(
    'The findings suggest ill-treatment',
    'Nəticələr pis rəftara dəlalət edir',
    'Результаты указывают на жестокое обращение',
  ),
  cause: w('Cause category', 'Səbəb kateqoriyası', 'Категория причины'),
  tests: w(
    'Tests, referrals and treatment',
    'Müayinələr, göndərişlər və müalicə',
    'Исследования, направления и лечение',
  ),
  photos: w('Photographs (SHA-256)', 'Fotoşəkillər (SHA-256)', 'Фотографии (SHA-256)'),
  noPhotos: w('No photographs', 'Fotoşəkil yoxdur', 'Фотографий нет'),
  clinician: w('Clinician', 'Həkim', 'Врач'),
  signedAt: w('Signed at', 'İmzalanma vaxtı', 'Время подписи'),
  amendments: w('Amendments', 'Düzəlişlər', 'Исправления'),
  objected: w(
    'The person objected to this report; it is sent as the law requires. Objection',
    'Şəxs bu məlumata etiraz etdi; məlumat qanunun tələbi ilə göndərilir. Etiraz',
    'Лицо возражало против сообщения; оно направляется, как того требует закон. Возражение',
  ),
  yes: w('yes', 'bəli', 'да'),
  no: w('no', 'xeyr', 'нет'),
  cm: w('cm', 'sm', 'см'),
} as const;

const codes: Record<string, Words> = {
  admission: w('Admission', 'Qəbul', 'Поступление'),
  after_use_of_force: w('After use of force', 'Güc tətbiqindən sonra', 'После применения силы'),
  on_request: w("At the person's request", 'Şəxsin xahişi ilə', 'По просьбе лица'),
  allegation: w('Allegation', 'İddia', 'Заявление'),
  in_care: w('Seen in the course of care', 'Müalicə zamanı aşkarlanıb', 'Выявлено в ходе лечения'),
  not_consistent: w('Not consistent with', 'Uyğun deyil', 'Не соответствует'),
  consistent: w('Consistent with', 'Uyğundur', 'Соответствует'),
  highly_consistent: w('Highly consistent with', 'Tam uyğundur', 'Вполне соответствует'),
  typical: w('Typical of', 'Səciyyəvidir', 'Типично для'),
  diagnostic: w('Diagnostic of', 'Diaqnostikdir', 'Диагностически подтверждает'),
  pre_admission: w(
    'Before admission / police custody',
    'Qəbuldan əvvəl / polis nəzarəti',
    'До поступления / в полиции',
  ),
  between_prisoners: w('Between prisoners', 'Məhbuslar arasında', 'Между заключёнными'),
  staff_force: w('Staff use of force', 'İşçilərin güc tətbiqi', 'Применение силы персоналом'),
  self_harm: w('Self-harm', 'Özünəzərər', 'Самоповреждение'),
  accident: w('Accident', 'Bədbəxt hadisə', 'Несчастный случай'),
  unknown: w('Unknown', 'Məlum deyil', 'Неизвестно'),
  front: w('front', 'ön', 'спереди'),
  back: w('back', 'arxa', 'сзади'),
};
const code = (c: string, l: Language) => codes[c]?.[l] ?? c;

/** The record's text blocks, in one language, shared by the report (INJ-4) and the copy (INJ-5). */
function recordLines(r: InjuryRecordView, l: Language, zone: string, personLabel: string) {
  const t = (k: keyof typeof words) => words[k][l];
  const at = (iso: string) => `${instantToWallTime(iso, zone).replace('T', ' ')} (${zone})`;
  const lines: { heading?: string; text: string }[] = [];
  lines.push({
    text: [
      `${t('person')}: ${personLabel}`,
      `${t('context')}: ${code(r.context, l)}`,
      `${t('examinedAt')}: ${at(r.examinedAt)}`,
      `${t('present')}: ${r.personsPresent}`,
      r.interpreter ? `${t('interpreter')}: ${r.interpreter}` : null,
      r.outOfHearingAndSight ? t('outOfHearing') : `${t('notOutOfHearing')}: ${r.presenceReason ?? ''}`,
    ]
      .filter(Boolean)
      .join('\n'),
  });
  const a = r.account;
  lines.push({
    heading: t('account'),
    text: [
      a.text,
      `${t('allegation')}: ${a.allegation ? t('yes') : t('no')}`,
      a.who ? `${t('who')}: ${a.who}` : null,
      a.when ? `${t('when')}: ${a.when}` : null,
      a.where ? `${t('where')}: ${a.where}` : null,
      a.how ? `${t('how')}: ${a.how}` : null,
    ]
      .filter(Boolean)
      .join('\n'),
  });
  lines.push({
    heading: t('findings'),
    text: r.noInjuriesSeen
      ? t('noInjuries')
      : r.lesions
          .map(
            (x, i) =>
              `${i + 1}. ${x.type} · ${code(x.view, l)} · ${x.region}${x.lengthCm ? ` · ${x.lengthCm}${x.widthCm ? `×${x.widthCm}` : ''} ${t('cm')}` : ''}${x.colour ? ` · ${x.colour}` : ''}${x.shape ? ` · ${x.shape}` : ''} · ${x.estimatedAge}${x.description ? ` — ${x.description}` : ''}`,
          )
          .join('\n'),
  });
  lines.push({
    heading: t('conclusion'),
    text: [
      code(r.conclusion, l),
      r.suggestsIllTreatment ? t('suggests') : null,
      `${t('cause')}: ${code(r.cause, l)}`,
      r.testsAndTreatment ? `${t('tests')}: ${r.testsAndTreatment}` : null,
    ]
      .filter(Boolean)
      .join('\n'),
  });
  lines.push({
    heading: t('photos'),
    text: r.photos.length ? r.photos.map((p) => `${at(p.takenAt)}  ${p.sha256}`).join('\n') : t('noPhotos'),
  });
  if (r.amendments.length) {
    lines.push({
      heading: t('amendments'),
      text: r.amendments.map((x) => `${at(x.at)} ${x.by}: ${x.reason} — ${x.text}`).join('\n'),
    });
  }
  lines.push({
    text: `${t('clinician')}: ${r.clinician.name}\n${t('signedAt')}: ${at(r.signedAt)}\nSHA-256: ${r.contentHash}`,
  });
  return lines;
}

/** INJ-4: the report to the independent authority, in the recipient's language. */
export async function reportPdf(
  r: InjuryRecordView,
  recipient: { name: string; address: string; language: Language },
  context: {
    zone: string;
    personLabel: string;
    institutionName: string;
    generatedAt: string;
    generatedBy: string;
    objection: string | null;
  },
): Promise<Buffer> {
  const l = recipient.language;
  const pdf = createPdf({
    title: words.reportTitle[l],
    language: l,
    institution: context.institutionName,
    generatedAt: context.generatedAt,
    generatedBy: context.generatedBy,
    timeZone: context.zone,
  });
  pdf.text(`${words.to[l]}: ${recipient.name}\n${recipient.address}`, { size: 9 });
  if (context.objection) pdf.text(`${words.objected[l]}: ${context.objection}`, { size: 9, before: 0.5 });
  for (const block of recordLines(r, l, context.zone, context.personLabel)) {
    if (block.heading) pdf.heading(block.heading, 10);
    pdf.text(block.text, { size: 9 });
  }
  return pdf.end();
}

/** INJ-5: a copy of the record for the person or their lawyer. */
export async function copyPdf(
  r: InjuryRecordView,
  language: Language,
  context: {
    zone: string;
    personLabel: string;
    institutionName: string;
    generatedAt: string;
    generatedBy: string;
  },
): Promise<Buffer> {
  const pdf = createPdf({
    title: words.copyTitle[language],
    language,
    institution: context.institutionName,
    generatedAt: context.generatedAt,
    generatedBy: context.generatedBy,
    timeZone: context.zone,
  });
  for (const block of recordLines(r, language, context.zone, context.personLabel)) {
    if (block.heading) pdf.heading(block.heading, 10);
    pdf.text(block.text, { size: 9 });
  }
  return pdf.end();
}

export type RegisterRow = Parameters<typeof injuryIndicators>[0][number];

/**
 * INJ-6: the register of an institution for a month — counts by cause category and the indicators of
 * DOMAIN §6.2. DAT-6: for readers outside the health service, counts below 5 read "<5".
 */
export function registerSummary(rows: readonly RegisterRow[], admissions: number, clinical: boolean) {
  const i = injuryIndicators(rows, admissions);
  const n = (x: number) => (clinical ? x : suppress(x));
  const small = !clinical && i.injured > 0 && i.injured < SMALL_CELL;
  return {
    suppressed: !clinical,
    records: n(i.records),
    injured: n(i.injured),
    admissions: i.admissions,
    preAdmission: n(i.preAdmission),
    inPrison: n(i.inPrison),
    // Rates built on a suppressed count would give it away.
    preAdmissionPer100: small ? null : i.preAdmissionPer100,
    inPrisonPer100: small ? null : i.inPrisonPer100,
    withChartAndPhotosPct: small ? null : i.withChartAndPhotosPct,
    consistentAlleged: n(i.consistentAlleged),
    reportedInTimePct: !clinical && i.consistentAlleged < SMALL_CELL ? null : i.reportedInTimePct,
    byCause: injuryCauses.map((c) => ({ cause: c, count: n(i.byCause[c]) })),
  };
}
export type RegisterSummary = ReturnType<typeof registerSummary>;

/** INJ-6: the register as CSV or PDF, through the platform's one CSV writer and one PDF builder. */
export async function registerExport(
  summary: RegisterSummary,
  query: { institutionName: string; month: string; format: 'csv' | 'pdf' },
  context: { timeZone: string; generatedAt: string; generatedBy: string },
): Promise<ExportFile> {
  const name = `injury-register-${query.month}`;
  const lines: (string | number | null)[][] = [
    ['records', summary.records],
    ['with injuries', summary.injured],
    ['admissions', summary.admissions],
    ['pre-admission / police custody', summary.preAdmission],
    ['in prison', summary.inPrison],
    ['pre-admission per 100 admissions', summary.preAdmissionPer100],
    ['in prison per 100 admissions', summary.inPrisonPer100],
    ['% with body chart and photographs', summary.withChartAndPhotosPct],
    ['consistent with an allegation', summary.consistentAlleged],
    ['% of those reported within 24 h', summary.reportedInTimePct],
    ...summary.byCause.map((c) => [`cause: ${c.cause}`, c.count]),
  ];
  if (query.format === 'csv') {
    return {
      filename: `${name}.csv`,
      contentType: csvMediaType,
      body: csvDocument([['indicator', 'value'], ...lines]),
    };
  }
  const pdf = createPdf({
    title: 'Injury register',
    language: 'en',
    institution: query.institutionName,
    period: query.month,
    generatedAt: context.generatedAt,
    generatedBy: context.generatedBy,
    timeZone: context.timeZone,
  });
  if (summary.suppressed) pdf.text('Counts from 1 to 4 are shown as <5 (DAT-6).', { size: 8 });
  pdf.table(['indicator', 'value'], lines, [360, 140], { size: 9 });
  return { filename: `${name}.pdf`, contentType: 'application/pdf', body: await pdf.end() };
}
