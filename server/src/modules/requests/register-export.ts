import type { Language, RequestsRegister } from '@custodia/domain';
import type { ExportFile } from '../../platform/export/attachment.ts';
import { csvDocument, csvMediaType } from '../../platform/export/csv.ts';
import { createPdf } from '../../platform/export/pdf.ts';

/** The register's words in az, en and ru (codes shown as words, ADR 0029). */
const en = {
  title: 'Requests and complaints register',
  requests: 'Requests to health care (MED-5)',
  complaints: 'Complaints and requests (RES-7)',
  section: 'Section',
  line: 'Line',
  received: 'Received',
  triaged: 'Triaged',
  triagedInTime: 'Triaged in time (24 h; urgent the same day)',
  late: 'Triaged late or overdue',
  answered: 'Answered',
  answeredInTime: 'Answered within the deadline',
  overdue: 'Answer overdue',
  total: 'Total',
  allegations: 'Allegations of ill-treatment escalated (INJ-4)',
  suppressed: 'suppressed',
  suppressedNote:
    'Counts from 1 to {n} are suppressed (DAT-6), with the cells they could be worked out from: {c} cells.',
  notSuppressed: 'No count is suppressed.',
  urgency: 'Urgency',
  channel: 'Channel',
  addressee: 'Addressee',
  category: 'Category',
  routine: 'Routine',
  urgent: 'Urgent',
  sealed_box: 'Sealed box',
  kiosk: 'Kiosk',
  governor: 'Governor',
  ministry: 'Ministry',
  prosecutor: 'Prosecutor',
  ombudsman: 'Ombudsman (NPM)',
  court: 'Court',
  cpt: 'CPT',
  ill_treatment: 'Ill-treatment',
  health_care: 'Health care',
  conditions: 'Conditions',
  food: 'Food',
  contact_family: 'Contact with family',
  legal_aid: 'Legal matters',
  discipline: 'Discipline',
  staff_conduct: 'Staff conduct',
  property: 'Property',
  work_education: 'Work and education',
  other: 'Other',
};
type Words = typeof en;
const words: Record<Language, Words> = {
  en,
  az: {
    title: 'Müraciətlər və şikayətlər reyestri',
    requests: 'Tibbi xidmətə müraciətlər (MED-5)',
    complaints: 'Şikayətlər və müraciətlər (RES-7)',
    section: 'Bölmə',
    line: 'Sətir',
    received: 'Daxil olub',
    triaged: 'Triaj edilib',
    triagedInTime: 'Vaxtında triaj (24 saat; təcili həmin gün)',
    late: 'Gecikmiş və ya vaxtı keçmiş triaj',
    answered: 'Cavablandırılıb',
    answeredInTime: 'Müddətində cavablandırılıb',
    overdue: 'Cavabın vaxtı keçib',
    total: 'Cəmi',
    allegations: 'Pis rəftar iddiaları göndərilib (INJ-4)',
    suppressed: 'gizlədilib',
    suppressedNote:
      '1-dən {n}-ə qədər saylar gizlədilib (DAT-6), onları hesablamağa imkan verən xanalarla birlikdə: {c} xana.',
    notSuppressed: 'Heç bir say gizlədilməyib.',
    urgency: 'Təcililik',
    channel: 'Kanal',
    addressee: 'Ünvan',
    category: 'Kateqoriya',
    routine: 'Adi',
    urgent: 'Təcili',
    sealed_box: 'Möhürlü qutu',
    kiosk: 'Kiosk',
    governor: 'Rəis',
    ministry: 'Nazirlik',
    prosecutor: 'Prokuror',
    ombudsman: 'Ombudsman (MPM)',
    court: 'Məhkəmə',
    cpt: 'CPT',
    ill_treatment: 'Pis rəftar',
    health_care: 'Tibbi xidmət',
    conditions: 'Saxlanma şəraiti',
    food: 'Qida',
    contact_family: 'Ailə ilə əlaqə',
    legal_aid: 'Hüquqi məsələlər',
    discipline: 'İntizam',
    staff_conduct: 'Əməkdaşların davranışı',
    property: 'Əmlak',
    work_education: 'İş və təhsil',
    other: 'Digər',
  },
  ru: {
    title: 'Реестр обращений и жалоб',
    requests: 'Обращения в медицинскую службу (MED-5)',
    complaints: 'Жалобы и обращения (RES-7)',
    section: 'Раздел',
    line: 'Строка',
    received: 'Поступило',
    triaged: 'Сортировка проведена',
    triagedInTime: 'Сортировка в срок (24 ч; срочные в тот же день)',
    late: 'Сортировка с опозданием или просрочена',
    answered: 'Дан ответ',
    answeredInTime: 'Ответ в срок',
    overdue: 'Ответ просрочен',
    total: 'Всего',
    allegations: 'Заявления о жестоком обращении направлены (INJ-4)',
    suppressed: 'скрыто',
    suppressedNote:
      'Числа от 1 до {n} скрыты (DAT-6) вместе с ячейками, по которым их можно вычислить: {c} ячеек.',
    notSuppressed: 'Ни одно число не скрыто.',
    urgency: 'Срочность',
    channel: 'Канал',
    addressee: 'Адресат',
    category: 'Категория',
    routine: 'Обычное',
    urgent: 'Срочное',
    sealed_box: 'Опечатанный ящик',
    kiosk: 'Киоск',
    governor: 'Начальник учреждения',
    ministry: 'Министерство',
    prosecutor: 'Прокурор',
    ombudsman: 'Омбудсмен (НПМ)',
    court: 'Суд',
    cpt: 'ЕКПП',
    ill_treatment: 'Жестокое обращение',
    health_care: 'Медицинская помощь',
    conditions: 'Условия содержания',
    food: 'Питание',
    contact_family: 'Связь с семьёй',
    legal_aid: 'Правовые вопросы',
    discipline: 'Дисциплина',
    staff_conduct: 'Поведение сотрудников',
    property: 'Имущество',
    work_education: 'Работа и обучение',
    other: 'Другое',
  },
};

/** The register's tables in words: requests by urgency and channel, complaints by addressee and category. */
function tables(register: RequestsRegister, language: Language) {
  const w = words[language];
  const word = (code: string) => (w as Record<string, string>)[code] ?? code;
  const cell = (n: number | null) => (n === null ? w.suppressed : n);
  const r = register.requests;
  const c = register.complaints;
  const requests = {
    header: [w.urgency, w.received, w.triaged, w.triagedInTime, w.late],
    lines: [
      ...r.byUrgency.map((u) => [
        word(u.urgency),
        cell(u.received),
        cell(u.triaged),
        cell(u.triagedInTime),
        cell(u.late),
      ]),
      ...r.byChannel.map((ch) => [`${w.channel}: ${word(ch.channel)}`, cell(ch.received), '', '', '']),
      [w.total, cell(r.total), '', '', ''],
    ],
  };
  const complaints = {
    header: [w.addressee, w.received, w.answered, w.answeredInTime, w.overdue],
    lines: [
      ...c.byAddressee.map((a) => [
        word(a.addressee),
        cell(a.received),
        cell(a.answered),
        cell(a.answeredInTime),
        cell(a.overdue),
      ]),
      ...c.byCategory.map((k) => [`${w.category}: ${word(k.category)}`, cell(k.received), '', '', '']),
      [w.allegations, cell(c.allegations), '', '', ''],
      [w.total, cell(c.total), '', '', ''],
    ],
  };
  const note = register.suppression
    ? (w.suppressedNote as string)
        .replace('{n}', String(register.suppression.threshold - 1))
        .replace('{c}', String(register.suppression.cells.length))
    : (w.notSuppressed as string);
  return { requests, complaints, note, w };
}

/** MED-5, RES-7: the month's register as CSV or PDF, in the reader's language, its suppression stated (DAT-6). */
export async function registerExport(
  register: RequestsRegister,
  format: 'csv' | 'pdf',
  language: Language,
  context: { institution: string; timeZone: string; generatedAt: string; generatedBy: string },
): Promise<ExportFile> {
  const { requests, complaints, note, w } = tables(register, language);
  const name = `requests-register-${register.month}`;
  if (format === 'csv') {
    const lines = [
      [w.section as string, ...requests.header],
      ...requests.lines.map((l) => [w.requests as string, ...l]),
      [w.section as string, ...complaints.header],
      ...complaints.lines.map((l) => [w.complaints as string, ...l]),
      [note],
    ];
    return { filename: `${name}.csv`, contentType: csvMediaType, body: csvDocument(lines) };
  }
  const pdf = createPdf({
    title: w.title as string,
    language,
    institution: context.institution,
    period: register.month,
    generatedAt: context.generatedAt,
    generatedBy: context.generatedBy,
    timeZone: context.timeZone,
  });
  pdf.text(note, { size: 8 });
  pdf.heading(w.requests as string, 11);
  pdf.table(requests.header, requests.lines, [170, 80, 80, 90, 90], { size: 8 });
  pdf.heading(w.complaints as string, 11);
  pdf.table(complaints.header, complaints.lines, [170, 80, 80, 90, 90], { size: 8 });
  return { filename: `${name}.pdf`, contentType: 'application/pdf', body: await pdf.end() };
}
