import type { AuditOutcome, AuditPurpose, DataClass, Language, Role } from '@custodia/domain';

/**
 * The words of the subject-access exports (CSV and PDF) for the code lists the audit trail shares
 * with other modules: roles, data classes, purposes and outcomes, in az, en and ru (issue 14 item 7).
 * Copied from the web's locale files (`web/src/modules/identity/locales/` `roleNames` and
 * `dataClasses`, `web/src/modules/audit/locales/` `purposes` and `outcomes`), each table typed
 * complete for every code and language. The actions and record kinds have one table for server and
 * web alike (`auditActionWords`, domain/audit/words.ts).
 */
type Words<K extends string> = Record<Language, Record<K, string>>;

export const roleWords: Words<Role> = {
  az: {
    system_admin: 'Sistem administratoru',
    governor: 'Müəssisə rəisi',
    deputy_governor: 'Rəis müavini',
    custodial_officer: 'Nəzarətçi',
    personal_officer: 'Təhkim olunmuş əməkdaş',
    registry_officer: 'Qeydiyyat əməkdaşı',
    social_worker: 'Sosial işçi',
    doctor: 'Həkim',
    psychiatrist: 'Psixiatr',
    psychologist: 'Psixoloq',
    feldsher: 'Feldşer',
    nurse: 'Tibb bacısı',
    pharmacist: 'Əczaçı',
    dentist: 'Stomatoloq',
    health_manager: 'Səhiyyə rəhbəri (Baş Tibb İdarəsi)',
    ministry_analyst: 'Nazirlik analitiki',
    training_coordinator: 'Təlim koordinatoru',
    standards_coordinator: 'Standartlar üzrə koordinator',
    inspector: 'Müfəttiş / monitorinq',
    outside_specialist: 'Kənar mütəxəssis',
  },
  en: {
    system_admin: 'System administrator',
    governor: 'Governor',
    deputy_governor: 'Deputy governor',
    custodial_officer: 'Custodial officer',
    personal_officer: 'Personal officer',
    registry_officer: 'Registry officer',
    social_worker: 'Social worker',
    doctor: 'Doctor',
    psychiatrist: 'Psychiatrist',
    psychologist: 'Psychologist',
    feldsher: 'Feldsher',
    nurse: 'Nurse',
    pharmacist: 'Pharmacist',
    dentist: 'Dentist',
    health_manager: 'Health manager (Main Medical Department)',
    ministry_analyst: 'Ministry analyst',
    training_coordinator: 'Training coordinator',
    standards_coordinator: 'Standards coordinator',
    inspector: 'Inspector / monitor',
    outside_specialist: 'Outside specialist',
  },
  ru: {
    system_admin: 'Системный администратор',
    governor: 'Начальник учреждения',
    deputy_governor: 'Заместитель начальника',
    custodial_officer: 'Сотрудник надзора',
    personal_officer: 'Прикреплённый сотрудник',
    registry_officer: 'Сотрудник учёта',
    social_worker: 'Социальный работник',
    doctor: 'Врач',
    psychiatrist: 'Психиатр',
    psychologist: 'Психолог',
    feldsher: 'Фельдшер',
    nurse: 'Медсестра',
    pharmacist: 'Фармацевт',
    dentist: 'Стоматолог',
    health_manager: 'Руководитель здравоохранения (Главное медицинское управление)',
    ministry_analyst: 'Аналитик министерства',
    training_coordinator: 'Координатор обучения',
    standards_coordinator: 'Координатор по стандартам',
    inspector: 'Инспектор / мониторинг',
    outside_specialist: 'Внешний специалист',
  },
};
export const dataClassWords: Words<DataClass> = {
  az: {
    public: 'Açıq',
    account: 'Öz hesabı',
    administrative: 'İnzibati',
    custodial: 'Penitensiar',
    health_alert: 'Tibbi xəbərdarlıq',
    clinical: 'Klinik',
    restricted_clinical: 'Məhdud klinik',
    aggregate: 'Ümumiləşdirilmiş',
    audit: 'Audit',
  },
  en: {
    public: 'Public',
    account: 'Own account',
    administrative: 'Administrative',
    custodial: 'Custodial',
    health_alert: 'Health alert',
    clinical: 'Clinical',
    restricted_clinical: 'Restricted clinical',
    aggregate: 'Aggregate',
    audit: 'Audit',
  },
  ru: {
    public: 'Открытые',
    account: 'Своя учётная запись',
    administrative: 'Административные',
    custodial: 'Пенитенциарные',
    health_alert: 'Медицинское предупреждение',
    clinical: 'Клинические',
    restricted_clinical: 'Клинические ограниченного доступа',
    aggregate: 'Агрегированные',
    audit: 'Аудит',
  },
};
export const purposeWords: Words<AuditPurpose> = {
  az: {
    normal: 'İş',
    break_glass: 'Təcili giriş',
    subject_access: 'Giriş tarixçəsi hesabatı',
  },
  en: {
    normal: 'Work',
    break_glass: 'Emergency access',
    subject_access: 'Subject-access report',
  },
  ru: {
    normal: 'Работа',
    break_glass: 'Экстренный доступ',
    subject_access: 'Отчёт о доступе к данным',
  },
};
export const outcomeWords: Words<AuditOutcome> = {
  az: {
    allowed: 'İcazə verildi',
    denied: 'Rədd edildi',
  },
  en: {
    allowed: 'Allowed',
    denied: 'Refused',
  },
  ru: {
    allowed: 'Разрешено',
    denied: 'Отказано',
  },
};
/** Words for a comma-separated list of roles as the audit trail stores it; an unknown role reads as itself. */
export function rolesText(roles: string | null, language: Language): string {
  if (!roles) return '';
  const words = roleWords[language] as Record<string, string>;
  return roles
    .split(',')
    .map((role) => words[role] ?? role)
    .join(', ');
}
