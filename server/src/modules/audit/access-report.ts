import type { AuditEvent, Language } from '@custodia/domain';
import type { Executor } from '../../platform/db/database.ts';
import type { ExportFile } from '../../platform/export/attachment.ts';
import { csvDocument, csvMediaType } from '../../platform/export/csv.ts';
import { createPdf } from '../../platform/export/pdf.ts';
import type { Services } from '../../services.ts';
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

/** The subject-access report as CSV, the whole history, every field quoted. */
export async function accessReportCsv(db: Executor, personId: string): Promise<ExportFile> {
  const header = ['time', 'user', 'role', 'action', 'data class', 'purpose', 'outcome'];
  const rows = (await subjectAccessEvents(db, personId)).map((e) => [
    e.at,
    e.username,
    e.role,
    e.action,
    e.dataClass,
    e.purpose,
    e.outcome,
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
  const columns = ['time', 'user', 'role', 'action', 'purpose', 'outcome'] as const;
  pdf.table(
    columns.map((c) => l[c]),
    events.map((e) => [
      e.at.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'),
      e.username ?? '—',
      e.role ?? '—',
      e.action,
      e.purpose,
      e.outcome,
    ]),
    [120, 95, 80, 125, 55, 40],
  );
  if (events.length === 0) pdf.text(l.none);
  pdf.text(`${l.total}: ${events.length}`, { before: 1 });
  return {
    filename: `access-report-${safeName(person.id)}.pdf`,
    contentType: 'application/pdf',
    body: await pdf.end(),
  };
}
