import { type AuditEvent, instantToWallTime, type Language } from '@custodia/domain';
import { auditActionText } from '@custodia/domain/audit/words';
import type { Executor } from '../../platform/db/database.ts';
import type { ExportFile } from '../../platform/export/attachment.ts';
import { csvDocument, csvMediaType } from '../../platform/export/csv.ts';
import { createPdf } from '../../platform/export/pdf.ts';
import type { Services } from '../../services.ts';
import { dataClassWords, outcomeWords, purposeWords, rolesText } from './export-labels.ts';
import { searchAudit } from './service.ts';

/** A subject-access report lists who looked at the person's medical file. */
export const subjectAccess = { personId: '', dataClasses: ['clinical', 'restricted_clinical'] };

/** The whole history of looks at a person's medical file, oldest page first as searched. */
async function subjectAccessEvents(db: Executor, personId: string): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const next = await searchAudit(db, { ...subjectAccess, personId, limit: 200, cursor });
    events.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor);
  return events;
}

/** A file name part made of the person's id alone. */
const safeName = (personId: string) => personId.replace(/[^A-Za-z0-9-]/g, '');

/** An instant in the time zone named in the column header, to the second (no milliseconds). */
const zoned = (at: string, timeZone: string) => instantToWallTime(at, timeZone).replace('T', ' ');

/**
 * The subject-access report as CSV, the whole history, every field quoted, in the reader's
 * language (issue 14 item 7): codes as words, the action code kept in a column of its own for
 * those who search by it, times in the deployment's time zone (named in the header).
 */
export async function accessReportCsv(
  services: Pick<Services, 'database' | 'config'>,
  personId: string,
  language: Language,
): Promise<ExportFile> {
  const l = labels[language];
  const timeZone = services.config.timeZone;
  const header = [
    `${l.time} (${timeZone})`,
    l.user,
    l.role,
    l.action,
    l.actionCode,
    l.dataClass,
    l.purpose,
    l.outcome,
  ];
  const rows = (await subjectAccessEvents(services.database.db, personId)).map((e) => [
    zoned(e.at, timeZone),
    e.username,
    rolesText(e.role, language),
    auditActionText(e.action, language),
    e.action,
    dataClassWords[language][e.dataClass],
    purposeWords[language][e.purpose],
    outcomeWords[language][e.outcome],
  ]);
  return {
    filename: `access-report-${safeName(personId)}.csv`,
    contentType: csvMediaType,
    body: csvDocument([header, ...rows], { quoteAll: true }),
  };
}

const labels = {
  az: {
    title: 'Tibbi sənədə baxışlar haqqında arayış',
    person: 'Şəxs',
    intro:
      'Bu arayış şəxsin tibbi sənədinə kimin, nə vaxt və hansı məqsədlə baxdığını göstərir (subyektin müraciəti).',
    time: 'Vaxt',
    user: 'İstifadəçi',
    role: 'Rol',
    action: 'Əməliyyat',
    actionCode: 'Əməliyyatın kodu',
    dataClass: 'Məlumat sinfi',
    purpose: 'Məqsəd',
    outcome: 'Nəticə',
    none: 'Heç bir baxış qeydə alınmayıb.',
    total: 'Cəmi',
  },
  en: {
    title: 'Report of access to the medical file',
    person: 'Person',
    intro:
      'This report lists who looked at the person’s medical file, when and for what purpose (subject access request).',
    time: 'Time',
    user: 'User',
    role: 'Role',
    action: 'Action',
    actionCode: 'Action code',
    dataClass: 'Data class',
    purpose: 'Purpose',
    outcome: 'Outcome',
    none: 'No access has been recorded.',
    total: 'Total',
  },
  ru: {
    title: 'Справка о доступе к медицинской карте',
    person: 'Лицо',
    intro:
      'В справке указано, кто, когда и с какой целью обращался к медицинской карте лица (запрос субъекта данных).',
    time: 'Время',
    user: 'Пользователь',
    role: 'Роль',
    action: 'Действие',
    actionCode: 'Код действия',
    dataClass: 'Класс данных',
    purpose: 'Цель',
    outcome: 'Результат',
    none: 'Обращений не зарегистрировано.',
    total: 'Всего',
  },
} as const satisfies Record<Language, Record<string, string>>;

type Person = Awaited<ReturnType<Services['registry']['getPerson']>>;

/**
 * The subject-access report as a PDF, in the requested language (issue 3, STANDARDS X-2), with the
 * person's institution in its header and the time it was made in that institution's time zone.
 */
export async function accessReportPdf(
  services: Pick<Services, 'database' | 'registry' | 'clock' | 'config'>,
  person: Person,
  input: { language: Language; generatedBy: string },
): Promise<ExportFile> {
  const l = labels[input.language];
  const events = await subjectAccessEvents(services.database.db, person.id);
  const institution = person.institution
    ? (await services.registry.listInstitutions()).find((i) => i.id === person.institution?.id)
    : undefined;
  const name = [
    person.surnameLatin ?? person.surnameCyrillic,
    person.givenNameLatin ?? person.givenNameCyrillic,
  ]
    .filter(Boolean)
    .join(' ');
  const pdf = createPdf({
    title: l.title,
    language: input.language,
    institution: institution?.name[input.language] ?? null,
    generatedAt: services.clock.now().toISOString(),
    generatedBy: input.generatedBy,
    timeZone: institution?.timeZone ?? services.config.timeZone,
  });
  pdf.text(`${l.person}: ${person.prisonNumber} · ${name} · ${person.birthDate}`, { size: 10 });
  pdf.text(l.intro, { before: 0.5 });
  pdf.space();
  // Issue 14 item 7: codes in words in the reader's language, each action's code beneath its
  // words (auditors search by it); times in the institution's zone, named in the header.
  const timeZone = institution?.timeZone ?? services.config.timeZone;
  pdf.table(
    [`${l.time} (${timeZone})`, l.user, l.role, l.action, l.purpose, l.outcome],
    events.map((e) => {
      const words = auditActionText(e.action, input.language);
      return [
        zoned(e.at, timeZone),
        e.username ?? '—',
        rolesText(e.role, input.language) || '—',
        words.includes(e.action) ? words : `${words}\n${e.action}`,
        purposeWords[input.language][e.purpose],
        outcomeWords[input.language][e.outcome],
      ];
    }),
    [85, 75, 90, 150, 70, 45],
  );
  if (events.length === 0) pdf.text(l.none);
  pdf.text(`${l.total}: ${events.length}`, { before: 1 });
  return {
    filename: `access-report-${safeName(person.id)}.pdf`,
    contentType: 'application/pdf',
    body: await pdf.end(),
  };
}
