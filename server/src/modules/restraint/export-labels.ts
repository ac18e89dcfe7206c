import {
  type endReasons,
  type harmKinds,
  instantToWallTime,
  type Language,
  type RestraintType,
  restraintTypes,
} from '@custodia/domain';

/**
 * The words of the restraint exports (RST-10 register, RST-15 monthly report) in az, en and ru:
 * every code a reader meets in a file is written as words in the language asked for (issue 14
 * item 7). One table per code list, each complete for every code and language (checked by the
 * type); the web app's words for the same codes live in `web/src/modules/restraint/locales/`.
 */

type Words<K extends string> = Record<Language, Record<K, string>>;

export const typeWords: Words<RestraintType> = {
  az: { physical: 'Fiziki', mechanical: 'Mexaniki', chemical: 'Kimyəvi', seclusion: 'Təcrid' },
  en: { physical: 'Physical', mechanical: 'Mechanical', chemical: 'Chemical', seclusion: 'Seclusion' },
  ru: { physical: 'Физическое', mechanical: 'Механическое', chemical: 'Химическое', seclusion: 'Изоляция' },
};
restraintTypes satisfies readonly RestraintType[];

export const authorisationWords: Words<'emergency_start' | 'doctor_order'> = {
  az: { emergency_start: 'Təcili başlanğıc (işçilər)', doctor_order: 'Həkim təyinatı' },
  en: { emergency_start: 'Emergency start by staff', doctor_order: 'Doctor’s order' },
  ru: { emergency_start: 'Экстренное начало персоналом', doctor_order: 'Назначение врача' },
};

export const harmWords: Words<(typeof harmKinds)[number]> = {
  az: {
    harm_to_self: 'Özünə zərər',
    harm_to_others: 'Başqalarına zərər',
    harm_to_self_and_others: 'Özünə və başqalarına zərər',
  },
  en: {
    harm_to_self: 'Harm to self',
    harm_to_others: 'Harm to others',
    harm_to_self_and_others: 'Harm to self and others',
  },
  ru: {
    harm_to_self: 'Вред себе',
    harm_to_others: 'Вред другим',
    harm_to_self_and_others: 'Вред себе и другим',
  },
};

export const flagWords: Words<
  'emergency_start' | 'in_view_of_others' | 'unsuitable_room' | 'untrained_staff'
> = {
  az: {
    emergency_start: 'Təcili başlanğıc',
    in_view_of_others: 'Başqalarının gözü qarşısında',
    unsuitable_room: 'Uyğun olmayan otaq',
    untrained_staff: 'Təlim keçməmiş işçi',
  },
  en: {
    emergency_start: 'Emergency start',
    in_view_of_others: 'In view of others',
    unsuitable_room: 'Unsuitable room',
    untrained_staff: 'Untrained staff',
  },
  ru: {
    emergency_start: 'Экстренное начало',
    in_view_of_others: 'На виду у других',
    unsuitable_room: 'Неподходящее помещение',
    untrained_staff: 'Необученный сотрудник',
  },
};

export const endReasonWords: Words<(typeof endReasons)[number]> = {
  az: {
    no_longer_needed: 'Artıq lazım deyil',
    transferred_to_hospital: 'Xəstəxanaya köçürüldü',
    transferred_to_psychiatric_facility: 'Psixiatriya müəssisəsinə köçürüldü',
    other: 'Digər',
  },
  en: {
    no_longer_needed: 'No longer needed',
    transferred_to_hospital: 'Transferred to hospital',
    transferred_to_psychiatric_facility: 'Transferred to a psychiatric facility',
    other: 'Other',
  },
  ru: {
    no_longer_needed: 'Больше не нужно',
    transferred_to_hospital: 'Переведён в больницу',
    transferred_to_psychiatric_facility: 'Переведён в психиатрическое учреждение',
    other: 'Другое',
  },
};

/** RST-10: the register's columns, in the order of the file. */
export const registerColumns: Words<
  | 'started'
  | 'ended'
  | 'minutes'
  | 'prisonNumber'
  | 'person'
  | 'types'
  | 'authorisation'
  | 'harm'
  | 'appliedBy'
  | 'supervisedBy'
  | 'orderedOrApprovedBy'
  | 'flags'
  | 'injuriesToPerson'
  | 'injuriesToStaff'
  | 'endReason'
> = {
  az: {
    started: 'Başlanğıc',
    ended: 'Son',
    minutes: 'Dəqiqə',
    prisonNumber: 'Məhbus nömrəsi',
    person: 'Şəxs',
    types: 'Növlər',
    authorisation: 'İcazə',
    harm: 'Zərər',
    appliedBy: 'Tətbiq edənlər',
    supervisedBy: 'Nəzarət edənlər',
    orderedOrApprovedBy: 'Təyin edən və ya təsdiq edən',
    flags: 'Qeydlər',
    injuriesToPerson: 'Şəxsin xəsarətləri',
    injuriesToStaff: 'İşçilərin xəsarətləri',
    endReason: 'Bitmə səbəbi',
  },
  en: {
    started: 'started',
    ended: 'ended',
    minutes: 'minutes',
    prisonNumber: 'prison number',
    person: 'person',
    types: 'types',
    authorisation: 'authorisation',
    harm: 'harm',
    appliedBy: 'applied by',
    supervisedBy: 'supervised by',
    orderedOrApprovedBy: 'ordered or approved by',
    flags: 'flags',
    injuriesToPerson: 'injuries to person',
    injuriesToStaff: 'injuries to staff',
    endReason: 'end reason',
  },
  ru: {
    started: 'Начало',
    ended: 'Окончание',
    minutes: 'Минуты',
    prisonNumber: 'Номер заключённого',
    person: 'Лицо',
    types: 'Виды',
    authorisation: 'Основание',
    harm: 'Вред',
    appliedBy: 'Применяли',
    supervisedBy: 'Наблюдали',
    orderedOrApprovedBy: 'Назначил или одобрил',
    flags: 'Отметки',
    injuriesToPerson: 'Травмы лица',
    injuriesToStaff: 'Травмы персонала',
    endReason: 'Причина окончания',
  },
};

/** RST-15: the monthly report's columns and sentences. */
export const reportWords: Record<
  Language,
  {
    title: string;
    unit: string;
    institution: string;
    episodes: string;
    people: string;
    median: string;
    longest: string;
    over30: string;
    over4h: string;
    over24h: string;
    repeat: string;
    open: string;
    suppressed: string;
    suppressedNote: (max: number, cells: number) => string;
    notSuppressed: string;
    episodeCount: (n: number) => string;
    registerTitle: string;
  }
> = {
  az: {
    title: 'Aylıq məhdudlaşdırma hesabatı',
    unit: 'Bölmə',
    institution: 'Müəssisə',
    episodes: 'Hallar',
    people: 'Şəxslər',
    median: 'Median (dəq)',
    longest: 'Ən uzun (dəq)',
    over30: '30 dəq-dən çox',
    over4h: '4 saatdan çox',
    over24h: '24 saatdan çox',
    repeat: 'Təkrar tətbiq olunan şəxslər',
    open: 'Hələ açıq',
    suppressed: 'gizlədilib',
    suppressedNote: (max, cells) =>
      `DAT-6: 1-dən ${max}-ə qədər olan saylar və onları hesablamağa imkan verən saylar gizlədilib (${cells} xana).`,
    notSuppressed: 'Tibb xidmətinin daxilində: heç bir say gizlədilməyib.',
    episodeCount: (n) => `${n} hal`,
    registerTitle: 'Məhdudlaşdırma reyestri',
  },
  en: {
    title: 'Restraint monthly report',
    unit: 'unit',
    institution: 'institution',
    episodes: 'episodes',
    people: 'people',
    median: 'median minutes',
    longest: 'longest minutes',
    over30: 'over 30 min',
    over4h: 'over 4 h',
    over24h: 'over 24 h',
    repeat: 'people with repeat use',
    open: 'still open',
    suppressed: 'suppressed',
    suppressedNote: (max, cells) =>
      `DAT-6: counts from 1 to ${max}, and the counts from which they could be worked out, are suppressed (${cells} cells).`,
    notSuppressed: 'Within the health service: no count is suppressed.',
    episodeCount: (n) => `${n} episodes`,
    registerTitle: 'Restraint register',
  },
  ru: {
    title: 'Ежемесячный отчёт об ограничениях',
    unit: 'Отделение',
    institution: 'Учреждение',
    episodes: 'Эпизоды',
    people: 'Лица',
    median: 'Медиана (мин)',
    longest: 'Самый долгий (мин)',
    over30: 'Более 30 мин',
    over4h: 'Более 4 ч',
    over24h: 'Более 24 ч',
    repeat: 'Лица с повторным применением',
    open: 'Ещё открыты',
    suppressed: 'скрыто',
    suppressedNote: (max, cells) =>
      `DAT-6: числа от 1 до ${max} и числа, из которых их можно вычислить, скрыты (ячеек: ${cells}).`,
    notSuppressed: 'В пределах медицинской службы: ни одно число не скрыто.',
    episodeCount: (n) => `Эпизодов: ${n}`,
    registerTitle: 'Реестр мер ограничения',
  },
};

/** A code in words; a code this version does not know (a newer row) is written as it is. */
export function wordFor<K extends string>(table: Words<K>, language: Language, code: string): string {
  return (table[language] as Record<string, string>)[code] ?? code;
}

/**
 * An instant as the institution's wall-clock time to the minute, "2026-11-28 13:05" (no seconds'
 * fractions, no "T", no "Z"): what the register's reader compares with the paper log. The zone is
 * named once, in the column header and the footer.
 */
export function wallTime(at: string | null | undefined, timeZone: string): string {
  if (!at) return '';
  return instantToWallTime(at, timeZone).replace('T', ' ').slice(0, 16);
}
