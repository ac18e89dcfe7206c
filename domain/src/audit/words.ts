import type { Language } from '../identity/index.ts';
import type { CustodyEventType } from '../registry/index.ts';
import type { RestraintEventKind } from '../restraint/index.ts';

/**
 * The audit trail in words (issue 14 item 7): every action code the server writes, and every
 * resource type, in az, en and ru. One table, keyed by the full code, read by the web pages of the
 * audit module and by the server's subject-access exports alike (ADR 0034), so the two never
 * disagree. A new action is added here in all three languages; `words.test.ts` finds every action
 * the server source writes and fails when one is missing. The code itself stays visible beside
 * the words (auditors search by it), and an unknown code (a newer server) reads as itself.
 */
type Words = Record<Language, string>;

const w = (en: string, az: string, ru: string): Words => ({ az, en, ru });

/** `registry.event.${type}`: one per custody event type (registry). */
const registryEventWords = {
  'registry.event.admission': w(
    'Recorded an admission',
    'Qəbul qeydə alındı',
    'Зарегистрировано поступление',
  ),
  'registry.event.placement': w('Placed in a cell', 'Kameraya yerləşdirildi', 'Размещение в камере'),
  'registry.event.transfer_out': w(
    'Transferred out',
    'Başqa müəssisəyə köçürüldü',
    'Перевод в другое учреждение',
  ),
  'registry.event.transfer_in': w('Received on transfer', 'Köçürmə ilə qəbul edildi', 'Принят по переводу'),
  'registry.event.absence_out': w('Left temporarily', 'Müvəqqəti çıxış', 'Временное убытие'),
  'registry.event.absence_return': w(
    'Returned from a temporary absence',
    'Müvəqqəti çıxışdan qayıtdı',
    'Возвращение после временного убытия',
  ),
  'registry.event.release': w('Released', 'Azad edildi', 'Освобождение'),
  'registry.event.legal_status': w(
    'Changed the legal status',
    'Hüquqi vəziyyət dəyişdirildi',
    'Изменён правовой статус',
  ),
  'registry.event.entered_in_error': w(
    'Marked a custody event entered in error',
    'Həbs hadisəsi səhv qeyd kimi işarələndi',
    'Событие содержания отмечено как ошибочное',
  ),
} satisfies Record<`registry.event.${CustodyEventType}`, Words>;

/** `restraint.event.${kind}`: one per episode event kind (restraint). */
const restraintEventWords = {
  'restraint.event.types_added': w(
    'Added restraint types',
    'Məhdudlaşdırma növləri əlavə edildi',
    'Добавлены виды ограничения',
  ),
  'restraint.event.approval': w(
    'Recorded a doctor’s approval',
    'Həkim təsdiqi qeydə alındı',
    'Записано одобрение врача',
  ),
  'restraint.event.examination': w('Recorded an examination', 'Müayinə qeydə alındı', 'Записан осмотр'),
  'restraint.event.review': w('Recorded a review', 'Yenidən baxış qeydə alındı', 'Записан пересмотр'),
  'restraint.event.second_doctor': w(
    'Recorded a second doctor’s opinion',
    'İkinci həkimin rəyi qeydə alındı',
    'Записано мнение второго врача',
  ),
  'restraint.event.observation': w('Recorded an observation', 'Müşahidə qeydə alındı', 'Записано наблюдение'),
  'restraint.event.handover': w(
    'Recorded a handover',
    'Növbə təhvili qeydə alındı',
    'Записана передача смены',
  ),
  'restraint.event.supervision_lapse': w(
    'Recorded a lapse in supervision',
    'Nəzarətdə fasilə qeydə alındı',
    'Записан перерыв в надзоре',
  ),
  'restraint.event.escalation': w('Recorded an escalation', 'Eskalasiya qeydə alındı', 'Записана эскалация'),
  'restraint.event.end': w('Ended a restraint', 'Məhdudlaşdırma başa çatdırıldı', 'Ограничение завершено'),
  'restraint.event.debrief_person': w(
    'Recorded the debrief with the person',
    'Şəxslə müzakirə qeydə alındı',
    'Записана беседа с лицом',
  ),
  'restraint.event.debrief_staff': w(
    'Recorded the staff debrief',
    'İşçilərlə müzakirə qeydə alındı',
    'Записан разбор с персоналом',
  ),
  'restraint.event.medical_examination': w(
    'Recorded the medical examination after restraint',
    'Məhdudlaşdırmadan sonra tibbi müayinə qeydə alındı',
    'Записан медицинский осмотр после ограничения',
  ),
  'restraint.event.correction': w('Corrected an entry', 'Qeyd düzəldildi', 'Запись исправлена'),
  'restraint.event.complaint': w('Recorded a complaint', 'Şikayət qeydə alındı', 'Записана жалоба'),
} satisfies Record<`restraint.event.${RestraintEventKind}`, Words>;

/** `clinical.${entryType}.${status}` and `clinical.encounter.${kind}` (corrections in the medical record). */
const clinicalCorrectionWords = {
  'clinical.problem.resolved': w(
    'Resolved a problem',
    'Problem həll olunmuş kimi qeyd edildi',
    'Проблема отмечена решённой',
  ),
  'clinical.problem.entered_in_error': w(
    'Marked a problem entered in error',
    'Problem səhv qeyd kimi işarələndi',
    'Проблема отмечена как ошибочная запись',
  ),
  'clinical.allergy.resolved': w(
    'Resolved an allergy',
    'Allergiya keçmiş kimi qeyd edildi',
    'Аллергия отмечена неактуальной',
  ),
  'clinical.allergy.entered_in_error': w(
    'Marked an allergy entered in error',
    'Allergiya səhv qeyd kimi işarələndi',
    'Аллергия отмечена как ошибочная запись',
  ),
  'clinical.observation.resolved': w(
    'Resolved an observation',
    'Müşahidə həll olunmuş kimi qeyd edildi',
    'Наблюдение отмечено решённым',
  ),
  'clinical.observation.entered_in_error': w(
    'Marked an observation entered in error',
    'Müşahidə səhv qeyd kimi işarələndi',
    'Наблюдение отмечено как ошибочная запись',
  ),
  'clinical.encounter.amendment': w(
    'Amended a signed encounter',
    'İmzalanmış qəbula düzəliş edildi',
    'Внесено исправление в подписанный приём',
  ),
  'clinical.encounter.entered_in_error': w(
    'Marked an encounter entered in error',
    'Qəbul səhv qeyd kimi işarələndi',
    'Приём отмечен как ошибочная запись',
  ),
} satisfies Record<
  | `clinical.${'problem' | 'allergy' | 'observation'}.${'resolved' | 'entered_in_error'}`
  | `clinical.encounter.${'amendment' | 'entered_in_error'}`,
  Words
>;

/** Every action the server writes, with its words. */
export const auditActionWords = {
  'account.language': w(
    'Changed the account language',
    'Hesabın dili dəyişdirildi',
    'Изменён язык учётной записи',
  ),
  'account.password_change': w('Changed the password', 'Parol dəyişdirildi', 'Изменён пароль'),
  'account.sign_out_others': w(
    'Signed out the other sessions',
    'Digər seanslardan çıxış edildi',
    'Завершены другие сеансы',
  ),
  'account.two_factor_enabled': w(
    'Turned on two-factor sign-in',
    'İki mərhələli giriş aktivləşdirildi',
    'Включён двухфакторный вход',
  ),
  'account.two_factor_enrolment_started': w(
    'Started setting up two-factor sign-in',
    'İki mərhələli girişin qurulmasına başlandı',
    'Начата настройка двухфакторного входа',
  ),
  'audit.denials_limited': w(
    'Too many refusals: further ones only counted',
    'Həddən çox imtina: sonrakılar yalnız sayılır',
    'Слишком много отказов: следующие только подсчитываются',
  ),
  'audit.denials_suppressed': w(
    'Refusals counted, not listed',
    'Sayılmış, lakin siyahıya alınmamış imtinalar',
    'Отказы подсчитаны, но не перечислены',
  ),
  'audit.search': w('Searched the audit trail', 'Audit jurnalında axtarış edildi', 'Поиск в журнале аудита'),
  'audit.subject_access_report': w(
    'Produced a subject-access report',
    'Subyektin müraciəti üzrə arayış hazırlandı',
    'Подготовлена справка по запросу субъекта данных',
  ),
  'auth.password_accepted': w(
    'Password accepted, second step awaited',
    'Parol qəbul edildi, ikinci mərhələ gözlənilir',
    'Пароль принят, ожидается второй шаг',
  ),
  'auth.sign_in': w('Signed in', 'Sistemə daxil oldu', 'Вход в систему'),
  'auth.sign_out': w('Signed out', 'Sistemdən çıxdı', 'Выход из системы'),
  'auth.two_factor': w('Second sign-in step', 'Girişin ikinci mərhələsi', 'Второй шаг входа'),
  'clinical.access_request.create': w(
    'Recorded a request for a copy of the medical file',
    'Tibbi kartın surəti üçün müraciət qeydə alındı',
    'Записан запрос копии медицинской карты',
  ),
  'clinical.access_request.fulfil': w(
    'Made a copy of the medical file',
    'Tibbi kartın surəti hazırlandı',
    'Подготовлена копия медицинской карты',
  ),
  'clinical.access_request.list': w(
    'Looked at the requests for a copy of the medical file',
    'Tibbi kartın surəti üçün müraciətlərə baxıldı',
    'Просмотрены запросы копии медицинской карты',
  ),
  'clinical.allergy.create': w('Recorded an allergy', 'Allergiya qeydə alındı', 'Записана аллергия'),
  'clinical.chart.read': w('Opened the medical file', 'Tibbi kart açıldı', 'Открыта медицинская карта'),
  'clinical.consent.create': w('Recorded a consent', 'Razılıq qeydə alındı', 'Записано согласие'),
  'clinical.consent.list': w('Looked at the consents', 'Razılıqlara baxıldı', 'Просмотрены согласия'),
  'clinical.document.create': w('Added a document', 'Sənəd əlavə edildi', 'Добавлен документ'),
  'clinical.document.list': w('Looked at the documents', 'Sənədlərə baxıldı', 'Просмотрены документы'),
  'clinical.document.read': w('Opened a document', 'Sənəd açıldı', 'Открыт документ'),
  'clinical.encounter.create': w('Started an encounter', 'Qəbul başladıldı', 'Начат приём'),
  'clinical.encounter.list': w('Looked at the encounters', 'Qəbullara baxıldı', 'Просмотрены приёмы'),
  'clinical.encounter.read': w('Opened an encounter', 'Qəbul açıldı', 'Открыт приём'),
  'clinical.encounter.sign': w('Signed an encounter', 'Qəbul imzalandı', 'Приём подписан'),
  'clinical.encounter.update': w('Edited an encounter', 'Qəbula dəyişiklik edildi', 'Изменён приём'),
  'clinical.lab.create': w(
    'Recorded a laboratory result',
    'Laboratoriya nəticəsi qeydə alındı',
    'Записан результат анализа',
  ),
  'clinical.observation.list': w(
    'Looked at the observations',
    'Müşahidələrə baxıldı',
    'Просмотрены наблюдения',
  ),
  'clinical.problem.create': w('Recorded a problem', 'Problem qeydə alındı', 'Записана проблема'),
  'clinical.screening.complete': w('Completed a screening', 'Müayinə tamamlandı', 'Осмотр завершён'),
  'clinical.screening.record_in_chart': w(
    'Carried a screening into the medical file',
    'Müayinənin nəticələri tibbi karta köçürüldü',
    'Результаты осмотра внесены в медицинскую карту',
  ),
  'clinical.screening.start': w('Started a screening', 'Müayinə başladıldı', 'Начат осмотр'),
  'clinical.seed_demo': w(
    'Loaded demo medical data',
    'Nümayiş tibbi məlumatları yükləndi',
    'Загружены демонстрационные медицинские данные',
  ),
  'clinical.task.complete': w(
    'Completed a clinical task',
    'Tibbi tapşırıq yerinə yetirildi',
    'Выполнена медицинская задача',
  ),
  'clinical.task.list': w(
    'Looked at the clinical tasks',
    'Tibbi tapşırıqlara baxıldı',
    'Просмотрены медицинские задачи',
  ),
  'clinical.vitals.create': w(
    'Recorded vital signs',
    'Həyati göstəricilər qeydə alındı',
    'Записаны жизненные показатели',
  ),
  ...clinicalCorrectionWords,
  'fhir.patient.read': w(
    'Read a person through the FHIR interface',
    'FHIR interfeysi ilə şəxsin məlumatları oxundu',
    'Чтение данных лица через интерфейс FHIR',
  ),
  'fhir.patient.search': w(
    'Searched for persons through the FHIR interface',
    'FHIR interfeysi ilə şəxs axtarışı',
    'Поиск лиц через интерфейс FHIR',
  ),
  'fhir.encounter.read': w(
    'Read an encounter through the FHIR interface',
    'FHIR interfeysi ilə qəbul oxundu',
    'Чтение через интерфейс FHIR: приём',
  ),
  'fhir.encounter.search': w(
    'Searched encounters through the FHIR interface',
    'FHIR interfeysi ilə qəbullar axtarıldı',
    'Поиск через интерфейс FHIR: приёмы',
  ),
  'fhir.condition.read': w(
    'Read a problem through the FHIR interface',
    'FHIR interfeysi ilə problem oxundu',
    'Чтение через интерфейс FHIR: проблема',
  ),
  'fhir.condition.search': w(
    'Searched problems through the FHIR interface',
    'FHIR interfeysi ilə problemlər axtarıldı',
    'Поиск через интерфейс FHIR: проблемы',
  ),
  'fhir.allergyintolerance.read': w(
    'Read an allergy through the FHIR interface',
    'FHIR interfeysi ilə allergiya oxundu',
    'Чтение через интерфейс FHIR: аллергия',
  ),
  'fhir.allergyintolerance.search': w(
    'Searched allergies through the FHIR interface',
    'FHIR interfeysi ilə allergiyalar axtarıldı',
    'Поиск через интерфейс FHIR: аллергии',
  ),
  'fhir.observation.read': w(
    'Read an observation through the FHIR interface',
    'FHIR interfeysi ilə müşahidə oxundu',
    'Чтение через интерфейс FHIR: наблюдение',
  ),
  'fhir.observation.search': w(
    'Searched observations through the FHIR interface',
    'FHIR interfeysi ilə müşahidələr axtarıldı',
    'Поиск через интерфейс FHIR: наблюдения',
  ),
  'fhir.consent.read': w(
    'Read a consent through the FHIR interface',
    'FHIR interfeysi ilə razılıq oxundu',
    'Чтение через интерфейс FHIR: согласие',
  ),
  'fhir.consent.search': w(
    'Searched consents through the FHIR interface',
    'FHIR interfeysi ilə razılıqlar axtarıldı',
    'Поиск через интерфейс FHIR: согласия',
  ),
  'fhir.documentreference.read': w(
    'Read a document through the FHIR interface',
    'FHIR interfeysi ilə sənəd oxundu',
    'Чтение через интерфейс FHIR: документ',
  ),
  'fhir.documentreference.search': w(
    'Searched documents through the FHIR interface',
    'FHIR interfeysi ilə sənədlər axtarıldı',
    'Поиск через интерфейс FHIR: документы',
  ),
  'fhir.patient.summary': w(
    'Read the patient summary through the FHIR interface',
    'FHIR interfeysi ilə pasiyentin xülasəsi oxundu',
    'Чтение сводки о пациенте через интерфейс FHIR',
  ),
  'health_alert.create': w(
    'Created a health alert',
    'Sağlamlıq xəbərdarlığı yaradıldı',
    'Создано медицинское предупреждение',
  ),
  'health_alert.end': w(
    'Ended a health alert',
    'Sağlamlıq xəbərdarlığına son qoyuldu',
    'Медицинское предупреждение снято',
  ),
  'health_alert.observation.check': w(
    'Recorded an observation check',
    'Müşahidə yoxlaması qeydə alındı',
    'Записана проверка наблюдения',
  ),
  'health_alert.observation.review': w(
    'Reviewed an observation order',
    'Müşahidə təyinatına yenidən baxıldı',
    'Пересмотрено назначение наблюдения',
  ),
  'health_alert.read': w(
    'Looked at the health alerts',
    'Sağlamlıq xəbərdarlıqlarına baxıldı',
    'Просмотрены медицинские предупреждения',
  ),
  'identity.break_glass.open': w(
    'Opened emergency access to a medical file',
    'Tibbi karta təcili giriş açıldı',
    'Открыт экстренный доступ к медицинской карте',
  ),
  'identity.break_glass.over_limit': w(
    'Emergency access refused: over the limit',
    'Təcili giriş rədd edildi: hədd aşılıb',
    'В экстренном доступе отказано: превышен лимит',
  ),
  'identity.break_glass.review': w(
    'Reviewed an emergency access',
    'Təcili girişə yenidən baxıldı',
    'Проверен экстренный доступ',
  ),
  'identity.user.create': w(
    'Created a user account',
    'İstifadəçi hesabı yaradıldı',
    'Создана учётная запись',
  ),
  'identity.user.password_reset': w(
    'Reset a user’s password',
    'İstifadəçinin parolu sıfırlandı',
    'Сброшен пароль пользователя',
  ),
  'identity.user.two_factor_reset': w(
    'Reset a user’s two-factor sign-in',
    'İstifadəçinin iki mərhələli girişi sıfırlandı',
    'Сброшен двухфакторный вход пользователя',
  ),
  'identity.user.update': w(
    'Changed a user account',
    'İstifadəçi hesabı dəyişdirildi',
    'Изменена учётная запись',
  ),
  'registry.cell.create': w('Added a cell', 'Kamera əlavə edildi', 'Добавлена камера'),
  'registry.cell.update': w('Changed a cell', 'Kamera dəyişdirildi', 'Изменена камера'),
  'registry.cell.lighting': w(
    'Recorded a cell’s lighting',
    'Kameranın işıqlandırılması qeydə alındı',
    'Записано освещение камеры',
  ),
  'registry.custody_history.read': w(
    'Looked at the custody history',
    'Həbsdə saxlanma tarixçəsinə baxıldı',
    'Просмотрена история содержания',
  ),
  'registry.institution.create': w('Added an institution', 'Müəssisə əlavə edildi', 'Добавлено учреждение'),
  'registry.institution.update': w('Changed an institution', 'Müəssisə dəyişdirildi', 'Изменено учреждение'),
  'registry.person.admit': w('Admitted a person', 'Şəxs qəbul edildi', 'Лицо принято'),
  'registry.person.photo': w(
    'Changed a person’s photo',
    'Şəxsin fotosu dəyişdirildi',
    'Изменена фотография лица',
  ),
  'registry.person.photo.read': w(
    'Looked at a person’s photo',
    'Şəxsin fotosuna baxıldı',
    'Просмотрена фотография лица',
  ),
  'registry.person.planned_release': w(
    'Recorded the planned release date',
    'Planlaşdırılmış azadolma tarixi qeyd edildi',
    'Записана планируемая дата освобождения',
  ),
  'registry.person.read': w('Opened a person’s page', 'Şəxsin səhifəsi açıldı', 'Открыта страница лица'),
  'registry.seed_demo': w(
    'Loaded demo registry data',
    'Nümayiş reyestr məlumatları yükləndi',
    'Загружены демонстрационные данные реестра',
  ),
  'registry.staff.create': w('Added a staff member', 'İşçi əlavə edildi', 'Добавлен сотрудник'),
  'registry.unit.create': w('Added a unit', 'Bölmə əlavə edildi', 'Добавлено отделение'),
  'registry.unit.update': w('Changed a unit', 'Bölmə dəyişdirildi', 'Изменено отделение'),
  ...registryEventWords,
  'requests.allegation.escalate': w(
    'Escalated an allegation of ill-treatment',
    'Pis rəftar iddiası dərhal göndərildi',
    'Заявление о жестоком обращении направлено',
  ),
  'requests.allegation.examined': w(
    'Recorded the examination after an allegation',
    'İddiadan sonra müayinə qeydə alındı',
    'Записан осмотр после заявления',
  ),
  'requests.complaint.acknowledge': w(
    'Acknowledged a complaint',
    'Şikayətin alınması təsdiqləndi',
    'Подтверждено получение жалобы',
  ),
  'requests.complaint.answer': w('Answered a complaint', 'Şikayətə cavab verildi', 'Дан ответ на жалобу'),
  'requests.complaint.close': w('Closed a complaint', 'Şikayət bağlandı', 'Жалоба закрыта'),
  'requests.complaint.forward': w('Forwarded a complaint', 'Şikayət göndərildi', 'Жалоба переслана'),
  'requests.complaint.list': w('Looked at the complaints', 'Şikayətlərə baxıldı', 'Просмотрены жалобы'),
  'requests.complaint.read': w('Opened a complaint', 'Şikayət açıldı', 'Открыта жалоба'),
  'requests.complaint.register': w(
    'Registered a complaint',
    'Şikayət qeydə alındı',
    'Зарегистрирована жалоба',
  ),
  'requests.demo.seed': w(
    'Wrote the demo requests and complaints',
    'Nümayiş müraciətləri və şikayətləri yazıldı',
    'Записаны демонстрационные обращения и жалобы',
  ),
  'requests.examination.read': w(
    'Opened the examination after an allegation',
    'İddiadan sonra müayinə açıldı',
    'Открыт осмотр после заявления',
  ),
  'requests.health.enter': w(
    'Entered a request to health care',
    'Tibbi xidmətə müraciət daxil edildi',
    'Внесено обращение в медицинскую службу',
  ),
  'requests.health.list': w(
    'Looked at the requests to health care',
    'Tibbi xidmətə müraciətlərə baxıldı',
    'Просмотрены обращения в медицинскую службу',
  ),
  'requests.health.read': w(
    'Opened a request to health care',
    'Tibbi xidmətə müraciət açıldı',
    'Открыто обращение в медицинскую службу',
  ),
  'requests.health.triage': w(
    'Triaged a request to health care',
    'Müraciət triaj edildi',
    'Проведена сортировка обращения',
  ),
  'requests.kiosk.submit': w(
    'Sent a request from the kiosk',
    'Kioskdan müraciət göndərildi',
    'Отправлено обращение с киоска',
  ),
  'requests.register.read': w(
    'Looked at the requests and complaints register',
    'Müraciətlər və şikayətlər reyestrinə baxıldı',
    'Просмотрен реестр обращений и жалоб',
  ),
  'restraint.board.read': w(
    'Looked at the restraint board',
    'Məhdudlaşdırma lövhəsinə baxıldı',
    'Просмотрена доска ограничений',
  ),
  'restraint.board.stream': w(
    'Followed the restraint board live',
    'Məhdudlaşdırma lövhəsi canlı izlənildi',
    'Доска ограничений открыта в реальном времени',
  ),
  'restraint.episode.list': w(
    'Looked at the restraint episodes',
    'Məhdudlaşdırma hallarına baxıldı',
    'Просмотрены случаи ограничения',
  ),
  'restraint.episode.read': w(
    'Opened a restraint episode',
    'Məhdudlaşdırma halı açıldı',
    'Открыт случай ограничения',
  ),
  'restraint.episode.start': w('Started a restraint', 'Məhdudlaşdırma başladıldı', 'Начато ограничение'),
  'restraint.policy.create': w(
    'Recorded a restraint policy',
    'Məhdudlaşdırma qaydası qeydə alındı',
    'Записано положение об ограничениях',
  ),
  'restraint.register.read': w(
    'Looked at the restraint register',
    'Məhdudlaşdırma reyestrinə baxıldı',
    'Просмотрен реестр ограничений',
  ),
  'restraint.seed_demo': w(
    'Loaded demo restraint data',
    'Nümayiş məhdudlaşdırma məlumatları yükləndi',
    'Загружены демонстрационные данные об ограничениях',
  ),
  ...restraintEventWords,
  'force.account.amend': w(
    'Amended an account of a use of force',
    'Güc tətbiqi barədə izahata düzəliş edildi',
    'Исправлено объяснение о применении силы',
  ),
  'force.account.record': w(
    'Gave an account of a use of force',
    'Güc tətbiqi barədə izahat verildi',
    'Дано объяснение о применении силы',
  ),
  'force.examination.read': w(
    'Looked at the examinations after a use of force',
    'Güc tətbiqindən sonrakı müayinələrə baxıldı',
    'Просмотрены осмотры после применения силы',
  ),
  'force.examination.record': w(
    'Recorded an examination after a use of force',
    'Güc tətbiqindən sonra müayinə qeydə alındı',
    'Записан осмотр после применения силы',
  ),
  'force.examination.result': w(
    'Linked an injury record to an examination after force',
    'Güc tətbiqindən sonrakı müayinəyə xəsarət qeydi bağlandı',
    'К осмотру после применения силы привязана запись о травмах',
  ),
  'force.incident.list': w(
    'Looked at uses of force',
    'Güc tətbiqi hallarına baxıldı',
    'Просмотрены случаи применения силы',
  ),
  'force.incident.read': w(
    'Opened a use of force',
    'Güc tətbiqi halı açıldı',
    'Открыт случай применения силы',
  ),
  'force.incident.report': w(
    'Reported a use of force',
    'Güc tətbiqi barədə məlumat verildi',
    'Сообщено о применении силы',
  ),
  'force.register.read': w(
    'Looked at the use-of-force register',
    'Güc tətbiqi reyestrinə baxıldı',
    'Просмотрен реестр применения силы',
  ),
  'force.review.record': w(
    'Reviewed a use of force',
    'Güc tətbiqi nəzərdən keçirildi',
    'Рассмотрен случай применения силы',
  ),
  'medication.person.read': w(
    'Viewed a person’s medication',
    'Şəxsin dərmanlarına baxıldı',
    'Просмотрены лекарства лица',
  ),
  'medication.prescription.create': w('Prescribed a medicine', 'Dərman təyin edildi', 'Назначено лекарство'),
  'medication.prescription.revise': w(
    'Revised a prescription',
    'Təyinat dəyişdirildi',
    'Изменено назначение',
  ),
  'medication.prescription.pause': w(
    'Paused a prescription',
    'Təyinat dayandırıldı (müvəqqəti)',
    'Назначение приостановлено',
  ),
  'medication.prescription.resume': w(
    'Resumed a prescription',
    'Təyinat bərpa edildi',
    'Назначение возобновлено',
  ),
  'medication.prescription.stop': w('Stopped a prescription', 'Təyinat ləğv edildi', 'Назначение отменено'),
  'medication.administration.read': w(
    'Viewed a dose history',
    'Dozaların tarixçəsinə baxıldı',
    'Просмотрена история доз',
  ),
  'medication.administration.record': w('Recorded a dose', 'Doza qeydə alındı', 'Записана доза'),
  'medication.stock.receive': w('Received stock', 'Ehtiyat qəbul edildi', 'Принят запас'),
  'medication.stock.issue': w(
    'Issued ward stock to a round',
    'Paylanma üçün ehtiyat verildi',
    'Выдан запас на обход',
  ),
  'medication.stock.dispense': w(
    'Dispensed a supply to a person',
    'Şəxsə dərman verildi',
    'Выдан запас лицу',
  ),
  'medication.stock.return': w('Returned stock', 'Ehtiyat geri qaytarıldı', 'Возвращён запас'),
  'medication.stock.waste': w('Recorded wastage', 'İtki qeydə alındı', 'Записана потеря'),
  'medication.stock.destroy': w('Recorded a destruction', 'Məhv etmə qeydə alındı', 'Записано уничтожение'),
  'medication.stock_task.resolve': w(
    'Resolved a stock task',
    'Ehtiyat tapşırığı həll edildi',
    'Закрыта задача по запасу',
  ),
  'medication.controlled.count': w(
    'Recorded a controlled-drug count',
    'Nəzarətli dərman sayımı qeydə alındı',
    'Записан пересчёт контролируемого препарата',
  ),
  'medication.controlled.resolve': w(
    'Resolved a controlled-drug incident',
    'Nəzarətli dərman hadisəsi həll edildi',
    'Закрыт инцидент с контролируемым препаратом',
  ),
  'fhir.medicationdispense.read': w(
    'Read a MedicationDispense via FHIR',
    'FHIR ilə MedicationDispense oxundu',
    'Прочитан MedicationDispense через FHIR',
  ),
  'fhir.medicationdispense.search': w(
    'Searched MedicationDispense via FHIR',
    'FHIR ilə MedicationDispense axtarıldı',
    'Поиск MedicationDispense через FHIR',
  ),
  'medication.verbal_order.record': w(
    'Recorded a verbal order',
    'Şifahi təyinat qeydə alındı',
    'Записано устное назначение',
  ),
  'medication.verbal_order.countersign': w(
    'Countersigned a verbal order',
    'Şifahi təyinat təsdiq edildi',
    'Устное назначение подтверждено',
  ),
  'medication.verbal_order.reject': w(
    'Rejected a verbal order',
    'Şifahi təyinat rədd edildi',
    'Устное назначение отклонено',
  ),
  'medication.prescription.renew': w('Renewed a prescription', 'Təyinat yeniləndi', 'Назначение продлено'),
  'medication.orders.read': w(
    'Looked at the prescriber’s orders',
    'Həkimin təyinat işlərinə baxıldı',
    'Просмотрены задачи врача по назначениям',
  ),
  'medication.settings.update': w(
    'Changed an institution’s medication settings',
    'Müəssisənin dərman parametrləri dəyişdirildi',
    'Изменены настройки лекарств учреждения',
  ),
  'medication.reconciliation.read': w(
    'Opened a medication reconciliation',
    'Dərmanların uzlaşdırılması açıldı',
    'Открыта сверка лекарств',
  ),
  'medication.reconciliation.complete': w(
    'Completed a medication reconciliation',
    'Dərmanların uzlaşdırılması tamamlandı',
    'Сверка лекарств завершена',
  ),
  'medication.release.plan': w(
    'Recorded a planned release for medication',
    'Dərmanlar üçün planlaşdırılmış azadolma qeydə alındı',
    'Записано планируемое освобождение (лекарства)',
  ),
  'medication.release.letter': w(
    'Prepared a prescription letter for release',
    'Azadolma üçün resept məktubu hazırlandı',
    'Подготовлено письмо о назначениях при освобождении',
  ),
  'medication.round.read': w('Opened a dose round', 'Dərman paylanması açıldı', 'Открыт обход с лекарствами'),
  'medication.seed_demo': w(
    'Loaded demo medication data',
    'Nümayiş dərman məlumatları yükləndi',
    'Загружены демонстрационные данные о лекарствах',
  ),
  'fhir.medicationrequest.read': w(
    'Read a prescription (FHIR)',
    'Təyinata baxıldı (FHIR)',
    'Прочитано назначение (FHIR)',
  ),
  'fhir.medicationrequest.search': w(
    'Searched prescriptions (FHIR)',
    'Təyinatlar axtarıldı (FHIR)',
    'Поиск назначений (FHIR)',
  ),
  'fhir.medicationadministration.read': w(
    'Read a dose record (FHIR)',
    'Doza qeydinə baxıldı (FHIR)',
    'Прочитана запись о дозе (FHIR)',
  ),
  'fhir.medicationadministration.search': w(
    'Searched dose records (FHIR)',
    'Doza qeydləri axtarıldı (FHIR)',
    'Поиск записей о дозах (FHIR)',
  ),
  'injuries.copy.document': w(
    'Produced a copy of an injury record',
    'Xəsarət qeydinin surəti hazırlandı',
    'Подготовлена копия записи о повреждениях',
  ),
  'injuries.copy.give': w(
    'Recorded a copy of an injury record handed over',
    'Xəsarət qeydinin surətinin verilməsi qeydə alındı',
    'Записана выдача копии записи о повреждениях',
  ),
  'injuries.person.read': w(
    'Looked at a person’s injury records',
    'Şəxsin xəsarət qeydlərinə baxıldı',
    'Просмотрены записи о повреждениях лица',
  ),
  'injuries.photo.consent': w(
    'Recorded consent to injury photographs',
    'Xəsarətlərin fotoşəkilə çəkilməsinə razılıq qeydə alındı',
    'Записано согласие на фотографирование повреждений',
  ),
  'injuries.photo.read': w(
    'Opened an injury photograph',
    'Xəsarət fotoşəkli açıldı',
    'Открыта фотография повреждений',
  ),
  'injuries.photo.upload': w(
    'Added an injury photograph',
    'Xəsarət fotoşəkli əlavə edildi',
    'Добавлена фотография повреждений',
  ),
  'injuries.recipient.set': w(
    'Set a report recipient',
    'Məlumatın alıcısı təyin edildi',
    'Задан получатель сообщений',
  ),
  'injuries.record.amend': w(
    'Amended an injury record',
    'Xəsarət qeydinə düzəliş edildi',
    'Внесено исправление в запись о повреждениях',
  ),
  'injuries.record.create': w(
    'Documented injuries',
    'Xəsarətlər sənədləşdirildi',
    'Задокументированы повреждения',
  ),
  'injuries.record.read': w(
    'Opened an injury record',
    'Xəsarət qeydi açıldı',
    'Открыта запись о повреждениях',
  ),
  'injuries.record.review': w(
    'Gave the second review of an injury record',
    'Xəsarət qeydinə ikinci baxış keçirildi',
    'Проведена повторная проверка записи о повреждениях',
  ),
  'injuries.register.read': w(
    'Looked at the injury register',
    'Xəsarətlər reyestrinə baxıldı',
    'Просмотрен журнал повреждений',
  ),
  'injuries.report.dispatch': w(
    'Recorded the dispatch of an ill-treatment report',
    'Pis rəftar barədə məlumatın göndərilməsi qeydə alındı',
    'Записана отправка сообщения о жестоком обращении',
  ),
  'injuries.report.document': w(
    'Produced an ill-treatment report',
    'Pis rəftar barədə məlumat hazırlandı',
    'Подготовлено сообщение о жестоком обращении',
  ),
  'injuries.report.reply': w(
    'Recorded a reply to an ill-treatment report',
    'Pis rəftar barədə məlumata cavab qeydə alındı',
    'Записан ответ на сообщение о жестоком обращении',
  ),
  'injuries.report.reprisal_review': w(
    'Reviewed the risk of reprisals',
    'Təqib riskinə yenidən baxıldı',
    'Пересмотрен риск преследования',
  ),
  'injuries.report.sent.read': w(
    'Looked at the reports sent',
    'Göndərilmiş məlumatlara baxıldı',
    'Просмотрены отправленные сообщения',
  ),
  'fhir.servicerequest.read': w(
    'Read a test request (FHIR)',
    'Analiz sorğusu oxundu (FHIR)',
    'Прочитано направление на исследование (FHIR)',
  ),
  'fhir.servicerequest.search': w(
    'Searched test requests (FHIR)',
    'Analiz sorğuları axtarıldı (FHIR)',
    'Поиск направлений на исследование (FHIR)',
  ),
  'fhir.diagnosticreport.read': w(
    'Read a test report (FHIR)',
    'Analiz hesabatı oxundu (FHIR)',
    'Прочитано заключение исследования (FHIR)',
  ),
  'fhir.diagnosticreport.search': w(
    'Searched test reports (FHIR)',
    'Analiz hesabatları axtarıldı (FHIR)',
    'Поиск заключений исследований (FHIR)',
  ),
  'fhir.immunization.read': w(
    'Read a vaccination record (FHIR)',
    'Peyvənd qeydi oxundu (FHIR)',
    'Прочитана запись о вакцинации (FHIR)',
  ),
  'fhir.immunization.search': w(
    'Searched vaccination records (FHIR)',
    'Peyvənd qeydləri axtarıldı (FHIR)',
    'Поиск записей о вакцинации (FHIR)',
  ),
  'fhir.episodeofcare.read': w(
    'Read an episode of care (FHIR)',
    'Qayğı epizodu oxundu (FHIR)',
    'Прочитан эпизод помощи (FHIR)',
  ),
  'fhir.episodeofcare.search': w(
    'Searched episodes of care (FHIR)',
    'Qayğı epizodları axtarıldı (FHIR)',
    'Поиск эпизодов помощи (FHIR)',
  ),
  'fhir.media.read': w('Read a photograph (FHIR)', 'Fotoşəkil oxundu (FHIR)', 'Прочитана фотография (FHIR)'),
  'fhir.careplan.read': w(
    'Read a care plan (FHIR)',
    'Qayğı planı oxundu (FHIR)',
    'Прочитан план ухода (FHIR)',
  ),
  'fhir.careplan.search': w(
    'Searched care plans (FHIR)',
    'Qayğı planları axtarıldı (FHIR)',
    'Поиск планов ухода (FHIR)',
  ),
  'fhir.media.search': w(
    'Searched photographs (FHIR)',
    'Fotoşəkillər axtarıldı (FHIR)',
    'Поиск фотографий (FHIR)',
  ),
  'rules.threshold.set': w('Changed a rule threshold', 'Qayda həddi dəyişdirildi', 'Изменён порог правила'),
  'deaths.event.record': w(
    'Recorded a death, serious injury or disappearance',
    'Ölüm, ağır xəsarət və ya itkin düşmə qeydə alındı',
    'Записана смерть, тяжёлая травма или исчезновение',
  ),
  'deaths.event.amend': w(
    'Amended a death or incident record',
    'Ölüm və ya hadisə qeydinə düzəliş edildi',
    'Внесено исправление в запись о смерти или происшествии',
  ),
  'deaths.event.close': w(
    'Closed a death or incident record',
    'Ölüm və ya hadisə qeydi bağlandı',
    'Закрыта запись о смерти или происшествии',
  ),
  'deaths.step.record': w(
    'Recorded a notification step',
    'Bildiriş addımı qeydə alındı',
    'Записан шаг уведомления',
  ),
  'deaths.investigation.record': w(
    'Recorded the independent investigation',
    'Müstəqil araşdırma qeydə alındı',
    'Записано независимое расследование',
  ),
  'deaths.body.record': w(
    'Recorded the release and return of the body',
    'Cəsədin verilməsi və qaytarılması qeydə alındı',
    'Записаны выдача и возврат тела',
  ),
  'deaths.clinical.record': w(
    'Recorded the cause of death or autopsy',
    'Ölümün səbəbi və ya yarılma qeydə alındı',
    'Записаны причина смерти или вскрытие',
  ),
  'deaths.clinical.read': w(
    'Looked at the cause of death, autopsy or review',
    'Ölümün səbəbinə, yarılmaya və ya araşdırmaya baxıldı',
    'Просмотрены причина смерти, вскрытие или разбор',
  ),
  'deaths.snapshot.take': w(
    'Froze the medical file at death',
    'Ölüm anında tibbi kart donduruldu',
    'Медицинская карта зафиксирована на момент смерти',
  ),
  'deaths.snapshot.read': w(
    'Read the medical file frozen at death',
    'Ölüm anında dondurulmuş tibbi karta baxıldı',
    'Прочитана медицинская карта, зафиксированная на момент смерти',
  ),
  'deaths.review.open': w(
    'Opened a mortality review',
    'Ölüm halının daxili araşdırması açıldı',
    'Открыт разбор случая смерти',
  ),
  'deaths.review.assign': w('Assigned a reviewer', 'Araşdırmaçı təyin edildi', 'Назначен участник разбора'),
  'deaths.review.conclude': w(
    'Concluded a mortality review',
    'Ölüm halının araşdırması yekunlaşdırıldı',
    'Завершён разбор случая смерти',
  ),
  'deaths.action.record': w(
    'Recorded an action of a review',
    'Araşdırma tədbiri qeydə alındı',
    'Записана мера по итогам разбора',
  ),
  'deaths.action.add': w(
    'Added a recommendation and its action',
    'Tövsiyə və onun tədbiri əlavə edildi',
    'Добавлены рекомендация и мера',
  ),
  'deaths.action.done': w(
    'Marked an action done',
    'Tədbir icra olunmuş kimi qeyd edildi',
    'Мера отмечена выполненной',
  ),
  'deaths.register.export': w(
    'Exported the deaths register',
    'Ölüm halları reyestri ixrac edildi',
    'Выгружен реестр смертей',
  ),
  'segregation.day.record': w(
    'Recorded a day in segregation',
    'Təcriddə gün qeydə alındı',
    'Записан день в изоляции',
  ),
  'segregation.decision.record': w(
    'Recorded a segregation decision',
    'Təcrid haqqında qərar qeydə alındı',
    'Записано решение об изоляции',
  ),
  'segregation.health_visit.read': w(
    'Looked at the health visits in segregation',
    'Təcriddə tibbi baxışlara baxıldı',
    'Просмотрены медицинские посещения в изоляции',
  ),
  'segregation.health_visit.record': w(
    'Recorded a health visit in segregation',
    'Təcriddə tibbi baxış qeydə alındı',
    'Записано медицинское посещение в изоляции',
  ),
  'segregation.management_visit.record': w(
    'Recorded a management visit in segregation',
    'Təcriddə rəhbərliyin baxışı qeydə alındı',
    'Записано посещение руководства в изоляции',
  ),
  'segregation.oversight.export': w(
    'Exported the segregation oversight report',
    'Təcrid üzrə nəzarət hesabatı ixrac edildi',
    'Выгружен отчёт надзора за изоляцией',
  ),
  'segregation.person.read': w(
    'Looked at a person’s segregation',
    'Şəxsin təcridinə baxıldı',
    'Просмотрена изоляция лица',
  ),
  'segregation.placement.end': w('Ended a segregation', 'Təcrid başa çatdırıldı', 'Изоляция завершена'),
  'segregation.placement.read': w('Opened a segregation', 'Təcrid açıldı', 'Открыта изоляция'),
  'segregation.placement.start': w('Started a segregation', 'Təcrid başladıldı', 'Начата изоляция'),
  'segregation.register.read': w(
    'Looked at the segregation register',
    'Təcridetmə reyestrinə baxıldı',
    'Просмотрен реестр одиночного содержания',
  ),
  'segregation.wing.read': w(
    'Looked at the segregation unit',
    'Təcrid bölməsinə baxıldı',
    'Просмотрено отделение изоляции',
  ),
  'selfharm.concern.raise': w(
    'Raised a self-harm concern',
    'Özünə zərər barədə narahatlıq bildirildi',
    'Сообщено об опасении самоповреждения',
  ),
  'selfharm.assessment.record': w(
    'Recorded a self-harm risk assessment',
    'Özünə zərər riskinin qiymətləndirilməsi qeydə alındı',
    'Записана оценка риска самоповреждения',
  ),
  'selfharm.review.record': w(
    'Recorded a care plan review',
    'Qayğı planının baxışı qeydə alındı',
    'Записан пересмотр плана ухода',
  ),
  'selfharm.check.record': w(
    'Recorded an observation check',
    'Müşahidə yoxlaması qeydə alındı',
    'Записана проверка наблюдения',
  ),
  'selfharm.incident.record': w(
    'Recorded serious self-harm or an attempted suicide',
    'Ağır özünə zərər və ya intihar cəhdi qeydə alındı',
    'Записано тяжёлое самоповреждение или попытка суицида',
  ),
  'selfharm.post_incident.record': w(
    'Recorded a post-incident review',
    'Hadisədən sonrakı baxış qeydə alındı',
    'Записан разбор после инцидента',
  ),
  'selfharm.post_closure.record': w(
    'Recorded a post-closure review',
    'Bağlanmadan sonrakı baxış qeydə alındı',
    'Записан пересмотр после закрытия',
  ),
  'selfharm.action.done': w(
    'Marked a care-map action done',
    'Qayğı xəritəsinin tədbiri edildi kimi qeyd olundu',
    'Мера карты ухода отмечена выполненной',
  ),
  'selfharm.plan.read': w('Opened a care plan', 'Qayğı planı açıldı', 'Открыт план ухода'),
  'selfharm.plan.clinical.read': w(
    'Read the clinical part of a care plan',
    'Qayğı planının tibbi hissəsi oxundu',
    'Прочитана клиническая часть плана ухода',
  ),
  'selfharm.person.read': w(
    "Looked at a person's care plans",
    'Şəxsin qayğı planlarına baxıldı',
    'Просмотрены планы ухода лица',
  ),
  'selfharm.ward.read': w(
    'Looked at the ward check list',
    'Yoxlama siyahısına baxıldı',
    'Просмотрен список проверок',
  ),
  'selfharm.prompt.read': w(
    'Looked at the re-screening prompts',
    'Təkrar skrininq xatırlatmalarına baxıldı',
    'Просмотрены напоминания о повторном скрининге',
  ),
  'selfharm.prompt.done': w(
    'Marked a re-screening done',
    'Təkrar skrininq edildi kimi qeyd olundu',
    'Повторный скрининг отмечен выполненным',
  ),
  'selfharm.bad_news.record': w(
    'Recorded bad news the person received',
    'Şəxsin aldığı pis xəbər qeydə alındı',
    'Записано полученное человеком плохое известие',
  ),
  'selfharm.report.read': w(
    'Looked at the care plan report',
    'Qayğı planları hesabatına baxıldı',
    'Просмотрен отчёт о планах ухода',
  ),
  'staff.training.record': w(
    'Recorded staff training',
    'İşçinin təlimi qeydə alındı',
    'Записано обучение сотрудника',
  ),
  'mentalhealth.assessment.record': w(
    'Recorded a mental-health assessment',
    'Psixi sağlamlıq qiymətləndirməsi qeydə alındı',
    'Записана оценка психического здоровья',
  ),
  'mentalhealth.course.create': w(
    'Created a therapy course',
    'Terapiya kursu yaradıldı',
    'Создан курс терапии',
  ),
  'mentalhealth.course.list': w(
    'Looked at the therapy courses',
    'Terapiya kurslarına baxıldı',
    'Просмотрены курсы терапии',
  ),
  'mentalhealth.course.read': w('Opened a therapy course', 'Terapiya kursu açıldı', 'Открыт курс терапии'),
  'mentalhealth.demo.seed': w(
    'Wrote the demo mental-health data',
    'Nümayiş üçün psixi sağlamlıq məlumatları yazıldı',
    'Записаны демонстрационные данные о психическом здоровье',
  ),
  'mentalhealth.enrolment.add': w(
    'Enrolled a person in a therapy course',
    'Şəxs terapiya kursuna yazıldı',
    'Человек записан на курс терапии',
  ),
  'mentalhealth.instrument.add': w(
    'Added an instrument to the registry',
    'Reyestrə qiymətləndirmə aləti əlavə edildi',
    'В реестр добавлен инструмент оценки',
  ),
  'mentalhealth.referral.accept': w(
    'Took a screening referral into the mental-health inbox',
    'Skrininq göndərişi psixi sağlamlıq siyahısına götürüldü',
    'Направление по скринингу принято в список психиатрической службы',
  ),
  'mentalhealth.referral.list': w(
    'Looked at the mental-health referrals',
    'Psixi sağlamlıq göndərişlərinə baxıldı',
    'Просмотрены направления к психиатрической службе',
  ),
  'mentalhealth.referral.raise': w(
    'Referred a person to mental health',
    'Şəxs psixi sağlamlıq xidmətinə göndərildi',
    'Человек направлен в психиатрическую службу',
  ),
  'mentalhealth.referral.read': w(
    'Opened a mental-health referral',
    'Psixi sağlamlıq göndərişi açıldı',
    'Открыто направление к психиатрической службе',
  ),
  'mentalhealth.report.read': w(
    'Looked at the mental-health report',
    'Psixi sağlamlıq hesabatına baxıldı',
    'Просмотрен отчёт о психическом здоровье',
  ),
  'mentalhealth.response.list': w(
    'Looked at instrument scores',
    'Qiymətləndirmə ballarına baxıldı',
    'Просмотрены баллы по шкалам',
  ),
  'mentalhealth.response.record': w(
    'Recorded an instrument',
    'Qiymətləndirmə aləti dolduruldu',
    'Заполнена шкала оценки',
  ),
  'mentalhealth.session.record': w(
    'Recorded a therapy session',
    'Terapiya seansı qeydə alındı',
    'Записано занятие терапии',
  ),
  'mentalhealth.transfer.list': w(
    'Looked at the psychiatric transfers',
    'Psixiatriya köçürmələrinə baxıldı',
    'Просмотрены переводы в психиатрию',
  ),
  'mentalhealth.transfer.update': w(
    'Updated a psychiatric transfer',
    'Psixiatriya köçürməsi yeniləndi',
    'Обновлён перевод в психиатрию',
  ),
  'fhir.questionnaireresponse.read': w(
    'Read a questionnaire response through the FHIR interface',
    'FHIR interfeysi ilə sorğu cavabı oxundu',
    'Прочитан ответ на опросник через интерфейс FHIR',
  ),
  'fhir.questionnaireresponse.search': w(
    'Searched questionnaire responses through the FHIR interface',
    'FHIR interfeysi ilə sorğu cavabları axtarıldı',
    'Поиск через интерфейс FHIR: ответы на опросники',
  ),
  'worklist.read': w('Looked at the worklist', 'İş siyahısına baxıldı', 'Просмотрен список задач'),
  'hungerstrike.episode.open': w(
    'Opened a hunger-strike record',
    'Aclıq aksiyası qeydi açıldı',
    'Открыта запись о голодовке',
  ),
  'hungerstrike.episode.read': w(
    'Looked at a hunger-strike record',
    'Aclıq aksiyası qeydinə baxıldı',
    'Просмотрена запись о голодовке',
  ),
  'hungerstrike.person.read': w(
    'Looked at a person’s hunger strikes',
    'Şəxsin aclıq aksiyalarına baxıldı',
    'Просмотрены голодовки лица',
  ),
  'hungerstrike.list.read': w(
    'Listed the hunger strikes of an institution',
    'Müəssisənin aclıq aksiyaları siyahısına baxıldı',
    'Просмотрен список голодовок учреждения',
  ),
  'hungerstrike.capacity.record': w(
    'Recorded an assessment of voluntariness and capacity',
    'Könüllülük və qabiliyyət qiymətləndirməsi qeydə alındı',
    'Записана оценка добровольности и дееспособности',
  ),
  'hungerstrike.baseline.record': w(
    'Recorded a hunger-strike baseline (or its refusal)',
    'Aclıq aksiyasının ilkin müayinəsi (və ya imtina) qeydə alındı',
    'Записано исходное обследование при голодовке (или отказ)',
  ),
  'hungerstrike.information.record': w(
    'Recorded information given with teach-back',
    'Geri izahla verilən məlumat qeydə alındı',
    'Записана информация, данная с проверкой понимания',
  ),
  'hungerstrike.day.record': w(
    'Recorded a hunger-strike day',
    'Aclıq aksiyasının günü qeydə alındı',
    'Записан день голодовки',
  ),
  'hungerstrike.instructions.record': w(
    'Recorded advance instructions',
    'Əvvəlcədən göstərişlər qeydə alındı',
    'Записаны предварительные распоряжения',
  ),
  'hungerstrike.instructions.reconfirm': w(
    'Recorded a reconfirmation of advance instructions',
    'Əvvəlcədən göstərişlərin təsdiqi qeydə alındı',
    'Записано подтверждение предварительных распоряжений',
  ),
  'hungerstrike.notice.send': w(
    'Recorded a deterioration notice to the authority',
    'Səlahiyyətli orqana pisləşmə bildirişi qeydə alındı',
    'Записано уведомление органа об ухудшении',
  ),
  'hungerstrike.independent.request': w(
    'Recorded a request for an independent physician',
    'Müstəqil həkim tələbi qeydə alındı',
    'Записан запрос независимого врача',
  ),
  'hungerstrike.independent.visit': w(
    'Recorded an independent physician’s visit',
    'Müstəqil həkimin baxışı qeydə alındı',
    'Записан визит независимого врача',
  ),
  'hungerstrike.intervention.record': w(
    'Recorded a consented intervention',
    'Razılıqla müdaxilə qeydə alındı',
    'Записано вмешательство с согласия',
  ),
  'hungerstrike.episode.end': w(
    'Recorded the end of a hunger strike',
    'Aclıq aksiyasının sonu qeydə alındı',
    'Записано окончание голодовки',
  ),
  'hungerstrike.refeeding.step': w(
    'Recorded a refeeding step',
    'Qidalanmanın bərpası addımı qeydə alındı',
    'Записан шаг возобновления питания',
  ),
  'hungerstrike.report.read': w(
    'Read the hunger-strike report',
    'Aclıq aksiyaları hesabatına baxıldı',
    'Просмотрен отчёт о голодовках',
  ),
  'hungerstrike.demo.seed': w(
    'Seeded hunger-strike demo data',
    'Aclıq aksiyası demo məlumatları yaradıldı',
    'Созданы демонстрационные данные о голодовках',
  ),
  'medication.not_brought.record': w(
    'Marked a person not brought to the dose round (regime)',
    'Şəxsin dərman paylanmasına gətirilmədiyi qeyd edildi (rejim)',
    'Отмечено, что лицо не доставлено на обход с лекарствами (режим)',
  ),
  'medication.not_brought.read': w(
    'Looked at the people not brought to a dose round',
    'Dərman paylanmasına gətirilməyənlərə baxıldı',
    'Просмотрены лица, не доставленные на обход',
  ),
  'medication.dose_record.read': w(
    'Looked at the record of a due dose',
    'Doza qeydinə baxıldı',
    'Просмотрена запись о дозе',
  ),
  'medication.possession.read': w(
    'Looked at a person’s in-possession medicines',
    'Şəxsin özündə saxladığı dərmanlara baxıldı',
    'Просмотрены лекарства, хранящиеся у лица',
  ),
  'medication.possession.count': w(
    'Counted an in-possession supply at review',
    'Özündə saxlanılan dərman baxışda sayıldı',
    'Пересчитан запас лекарства у лица при пересмотре',
  ),
  'medication.round_report.read': w(
    'Produced a dose round report',
    'Dərman paylanması hesabatı hazırlandı',
    'Подготовлен отчёт об обходах с лекарствами',
  ),
  'programmes.person.read': w(
    'Looked at the programme registers of a person',
    'Şəxsin proqram qeydiyyatlarına baxıldı',
    'Просмотрены регистры программ пациента',
  ),
  'programmes.screen.record': w(
    'Recorded a TB screening',
    'Vərəm skrininqi qeydə alındı',
    'Записан скрининг на туберкулёз',
  ),
  'programmes.episode.open': w(
    'Opened a programme episode',
    'Proqram epizodu açıldı',
    'Открыт эпизод программы',
  ),
  'programmes.test.order': w(
    'Ordered a TB test',
    'Vərəm analizi təyin edildi',
    'Назначен анализ на туберкулёз',
  ),
  'programmes.test.result': w(
    'Recorded a TB test result',
    'Vərəm analizinin nəticəsi qeydə alındı',
    'Записан результат анализа на туберкулёз',
  ),
  'programmes.test.review': w(
    'Reviewed a TB test result',
    'Vərəm analizinin nəticəsinə baxıldı',
    'Просмотрен результат анализа на туберкулёз',
  ),
  'programmes.episode.register': w(
    'Registered a TB case',
    'Vərəm halı qeydiyyata alındı',
    'Зарегистрирован случай туберкулёза',
  ),
  'programmes.treatment.start': w(
    'Prescribed a TB regimen',
    'Vərəm müalicə sxemi təyin edildi',
    'Назначена схема лечения туберкулёза',
  ),
  'programmes.outcome.record': w(
    'Recorded a treatment outcome',
    'Müalicənin nəticəsi qeydə alındı',
    'Записан исход лечения',
  ),
  'programmes.episode.exclude': w(
    'Recorded that TB was excluded',
    'Vərəm istisna edildi',
    'Туберкулёз исключён',
  ),
  'programmes.isolation.end': w(
    'Ended an airborne isolation',
    'Hava-damcı izolyasiyası başa çatdırıldı',
    'Завершена воздушно-капельная изоляция',
  ),
  'programmes.isolation.review': w(
    'Reviewed an airborne isolation',
    'Hava-damcı izolyasiyasına baxış keçirildi',
    'Пересмотрена воздушно-капельная изоляция',
  ),
  'programmes.register.read': w(
    'Looked at the TB register',
    'Vərəm reyestrinə baxıldı',
    'Просмотрен регистр туберкулёза',
  ),
  'programmes.contacts.read': w(
    'Looked at a contact investigation',
    'Kontakt araşdırmasına baxıldı',
    'Просмотрено обследование контактов',
  ),
  'programmes.contact.screen': w(
    'Recorded a contact screening',
    'Kontaktın skrininqi qeydə alındı',
    'Записан скрининг контакта',
  ),
  'programmes.tasks.read': w(
    'Looked at the TB tasks',
    'Vərəm tapşırıqlarına baxıldı',
    'Просмотрены задачи по туберкулёзу',
  ),
  'programmes.report.read': w(
    'Looked at the TB cohort report',
    'Vərəm kohort hesabatına baxıldı',
    'Просмотрен когортный отчёт по туберкулёзу',
  ),
  'programmes.report.export': w(
    'Exported the TB cohort report',
    'Vərəm kohort hesabatı ixrac edildi',
    'Экспортирован когортный отчёт по туберкулёзу',
  ),
  'programmes.staff_screen.record': w(
    'Recorded a staff member’s TB screening',
    'İşçinin vərəm skrininqi qeydə alındı',
    'Записан скрининг сотрудника на туберкулёз',
  ),
  'programmes.staff_screen.read': w(
    'Looked at the staff’s TB screening coverage',
    'İşçilərin vərəm skrininqi ilə əhatəsinə baxıldı',
    'Просмотрен охват сотрудников скринингом на туберкулёз',
  ),
  'programmes.regimen.update': w(
    'Changed a TB regimen template',
    'Vərəm müalicə sxemi şablonu dəyişdirildi',
    'Изменён шаблон схемы лечения туберкулёза',
  ),
  'programmes.pep.read': w(
    'Read post-exposure prophylaxis',
    'Ekspozisiyadan sonrakı profilaktikaya baxıldı',
    'Просмотрена постконтактная профилактика',
  ),
  'programmes.pep.report': w(
    'Reported an exposure',
    'Ekspozisiya qeydə alındı',
    'Зарегистрирован контакт с биологическими жидкостями',
  ),
  'programmes.pep.start': w(
    'Started post-exposure prophylaxis',
    'Ekspozisiyadan sonrakı profilaktika başladıldı',
    'Начата постконтактная профилактика',
  ),
  'programmes.pep.close': w(
    'Closed a post-exposure prophylaxis case',
    'Ekspozisiyadan sonrakı profilaktika bağlandı',
    'Закрыт случай постконтактной профилактики',
  ),
  'programmes.pep.followup': w(
    'Recorded post-exposure follow-up tests',
    'Ekspozisiyadan sonrakı nəzarət analizləri qeydə alındı',
    'Записаны контрольные анализы после контакта',
  ),
  'programmes.pep.report.read': w(
    'Read the PEP within 72 h report',
    '72 saat ərzində profilaktika hesabatına baxıldı',
    'Просмотрен отчёт «ПКП в течение 72 ч»',
  ),
  'programmes.pep.report.export': w(
    'Exported the PEP within 72 h report',
    '72 saat ərzində profilaktika hesabatı ixrac edildi',
    'Экспортирован отчёт «ПКП в течение 72 ч»',
  ),
  'programmes.hepb.read': w(
    'Read hepatitis B vaccination',
    'Hepatit B peyvəndinə baxıldı',
    'Просмотрена вакцинация против гепатита B',
  ),
  'programmes.hepb.offer': w(
    'Recorded a hepatitis B vaccination offer',
    'Hepatit B peyvəndi təklifi qeydə alındı',
    'Записано предложение вакцинации против гепатита B',
  ),
  'programmes.hepb.dose': w(
    'Recorded a hepatitis B vaccine dose',
    'Hepatit B peyvəndi dozası qeydə alındı',
    'Записана доза вакцины против гепатита B',
  ),
  // ADR 0048: blood-borne infections (BBV-1, BBV-3).
  'programmes.bbv.read': w(
    'Looked at the blood-borne infection tests',
    'Qanla ötürülən infeksiya analizlərinə baxıldı',
    'Просмотрены анализы на гемоконтактные инфекции',
  ),
  'programmes.bbv.offer': w(
    'Recorded an HIV/hepatitis test offer',
    'HİV/hepatit analizi təklifi qeydə alındı',
    'Записано предложение теста на ВИЧ/гепатит',
  ),
  'programmes.bbv.test.order': w(
    'Ordered a blood-borne infection test',
    'Qanla ötürülən infeksiya analizi təyin edildi',
    'Назначен анализ на гемоконтактную инфекцию',
  ),
  'programmes.bbv.test.result': w(
    'Recorded a blood-borne infection test result',
    'Qanla ötürülən infeksiya analizinin nəticəsi qeydə alındı',
    'Записан результат анализа на гемоконтактную инфекцию',
  ),
  'programmes.bbv.test.counsel': w(
    'Recorded post-test counselling',
    'Analizdən sonrakı məsləhət qeydə alındı',
    'Записано послетестовое консультирование',
  ),
  'programmes.bbv.test.review': w(
    'Reviewed a blood-borne infection test result',
    'Qanla ötürülən infeksiya analizinin nəticəsinə baxıldı',
    'Просмотрен результат анализа на гемоконтактную инфекцию',
  ),
  'programmes.bbv.treatment.start': w(
    'Prescribed ART or hepatitis C treatment',
    'ART və ya hepatit C müalicəsi təyin edildi',
    'Назначена АРТ или лечение гепатита C',
  ),
  'programmes.bbv.outcome.record': w(
    'Recorded a blood-borne infection outcome',
    'Qanla ötürülən infeksiyanın nəticəsi qeydə alındı',
    'Записан исход гемоконтактной инфекции',
  ),
  'programmes.bbv.cascade.read': w(
    'Looked at the HIV and hepatitis C cascades',
    'HİV və hepatit C kaskadlarına baxıldı',
    'Просмотрены каскады ВИЧ и гепатита C',
  ),
  // ADR 0054: chlamydia and gonorrhoea by risk, the hepatitis C referral letter.
  'programmes.sti.read': w(
    'Looked at the STI risk assessments',
    'CYYİ risk qiymətləndirmələrinə baxıldı',
    'Просмотрены оценки риска ИППП',
  ),
  'programmes.sti.assess': w(
    'Recorded an STI risk assessment',
    'CYYİ risk qiymətləndirməsi qeydə alındı',
    'Записана оценка риска ИППП',
  ),
  'programmes.sti.treatment': w(
    'Recorded an STI treatment given',
    'Verilmiş CYYİ müalicəsi qeydə alındı',
    'Записано проведённое лечение ИППП',
  ),
  'programmes.bbv.hcv_letter': w(
    'Produced a hepatitis C referral letter',
    'Hepatit C üzrə göndəriş məktubu hazırlandı',
    'Подготовлено направление по гепатиту C',
  ),
} as const satisfies Record<string, Words>;

export type AuditActionCode = keyof typeof auditActionWords;
/** Every action code the server writes (besides refused requests, named by their route). */
export const auditActionCodes = Object.keys(auditActionWords) as AuditActionCode[];

/** A refused request is recorded under its route, e.g. `GET /api/v1/users/:id`. */
export type RouteAction = `${'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS'} /${string}`;
const ROUTE_ACTION = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) \/\S*$/;
const requestWords = w('Request', 'Sorğu', 'Запрос');

/** The words for an action code; a refused request names its route; an unknown code reads as itself. */
export function auditActionText(code: string, language: Language): string {
  const words = (auditActionWords as Record<string, Words>)[code];
  if (words) return words[language];
  if (ROUTE_ACTION.test(code)) return `${requestWords[language]} ${code}`;
  return code;
}

/** Every kind of record an audit event can name (`resourceType`), with its words. */
export const auditResourceWords = {
  access_request: w(
    'Request for a copy of the medical file',
    'Tibbi kartın surəti üçün müraciət',
    'Запрос копии медицинской карты',
  ),
  allergy: w('Allergy', 'Allergiya', 'Аллергия'),
  break_glass: w('Emergency access', 'Təcili giriş', 'Экстренный доступ'),
  cell: w('Cell', 'Kamera', 'Камера'),
  clinical_task: w('Clinical task', 'Tibbi tapşırıq', 'Медицинская задача'),
  consent: w('Consent', 'Razılıq', 'Согласие'),
  complaint: w('Complaint', 'Şikayət', 'Жалоба'),
  custody_event: w('Custody event', 'Həbs hadisəsi', 'Событие содержания'),
  document: w('Document', 'Sənəd', 'Документ'),
  encounter: w('Encounter', 'Qəbul', 'Приём'),
  force_incident: w('Use of force', 'Güc tətbiqi', 'Применение силы'),
  health_alert: w('Health alert', 'Sağlamlıq xəbərdarlığı', 'Медицинское предупреждение'),
  health_request: w('Request to health care', 'Tibbi xidmətə müraciət', 'Обращение в медицинскую службу'),
  injury_photo: w('Injury photograph', 'Xəsarət fotoşəkli', 'Фотография повреждений'),
  injury_record: w('Injury record', 'Xəsarət qeydi', 'Запись о повреждениях'),
  injury_report: w('Ill-treatment report', 'Pis rəftar barədə məlumat', 'Сообщение о жестоком обращении'),
  institution: w('Institution', 'Müəssisə', 'Учреждение'),
  medical_record: w('Medical file', 'Tibbi kart', 'Медицинская карта'),
  medication_administration: w('Dose record', 'Doza qeydi', 'Запись о дозе'),
  medication_prescription: w('Prescription', 'Təyinat', 'Назначение'),
  medication_round: w('Dose round', 'Dərman paylanması', 'Обход с лекарствами'),
  medication_stock_batch: w('Stock batch', 'Ehtiyat partiyası', 'Партия запаса'),
  medication_stock_movement: w('Stock movement', 'Ehtiyat hərəkəti', 'Движение запаса'),
  medication_stock_task: w('Stock task', 'Ehtiyat tapşırığı', 'Задача по запасу'),
  medication_cd_count: w(
    'Controlled-drug count',
    'Nəzarətli dərman sayımı',
    'Пересчёт контролируемого препарата',
  ),
  medication_cd_incident: w(
    'Controlled-drug incident',
    'Nəzarətli dərman hadisəsi',
    'Инцидент с контролируемым препаратом',
  ),
  observation: w('Observation', 'Müşahidə', 'Наблюдение'),
  person: w('Person', 'Şəxs', 'Лицо'),
  person_photo: w('Photo', 'Foto', 'Фотография'),
  problem: w('Problem', 'Problem', 'Проблема'),
  restraint_episode: w('Restraint episode', 'Məhdudlaşdırma halı', 'Случай ограничения'),
  restraint_event: w('Restraint entry', 'Məhdudlaşdırma qeydi', 'Запись об ограничении'),
  restraint_policy: w('Restraint policy', 'Məhdudlaşdırma qaydası', 'Положение об ограничениях'),
  rule_threshold: w('Rule threshold', 'Qayda həddi', 'Порог правила'),
  death_event: w(
    'Death or incident in custody',
    'Həbsdə ölüm və ya hadisə',
    'Смерть или происшествие под стражей',
  ),
  mh_assessment: w(
    'Mental-health assessment',
    'Psixi sağlamlıq qiymətləndirməsi',
    'Оценка психического здоровья',
  ),
  mh_course: w('Therapy course', 'Terapiya kursu', 'Курс терапии'),
  mh_enrolment: w('Therapy enrolment', 'Terapiyaya yazılma', 'Запись на терапию'),
  mh_instrument: w('Assessment instrument', 'Qiymətləndirmə aləti', 'Инструмент оценки'),
  mh_referral: w(
    'Mental-health referral',
    'Psixi sağlamlıq göndərişi',
    'Направление в психиатрическую службу',
  ),
  mh_response: w('Instrument response', 'Qiymətləndirmə cavabı', 'Ответы по шкале'),
  mh_session: w('Therapy session', 'Terapiya seansı', 'Занятие терапии'),
  mh_transfer: w('Psychiatric transfer', 'Psixiatriya köçürməsi', 'Перевод в психиатрию'),
  segregation_placement: w('Segregation', 'Təcrid', 'Изоляция'),
  hunger_strike_episode: w('Hunger strike', 'Aclıq aksiyası', 'Голодовка'),
  selfharm_plan: w('Self-harm care plan', 'Özünə zərər qayğı planı', 'План ухода при риске самоповреждения'),
  selfharm_prompt: w(
    'Re-screening prompt',
    'Təkrar skrininq xatırlatması',
    'Напоминание о повторном скрининге',
  ),
  selfharm_bad_news: w('Bad news received', 'Alınmış pis xəbər', 'Полученное плохое известие'),
  staff_member: w('Staff member', 'İşçi', 'Сотрудник'),
  unit: w('Unit', 'Bölmə', 'Отделение'),
  user: w('User account', 'İstifadəçi hesabı', 'Учётная запись'),
  worklist: w('Worklist', 'İş siyahısı', 'Список задач'),
  medication_not_brought: w(
    'Not brought to the dose round',
    'Dərman paylanmasına gətirilmədi',
    'Не доставлен на обход',
  ),
  medication_possession_count: w(
    'In-possession count',
    'Özündə saxlanılan dərmanın sayı',
    'Пересчёт лекарства у лица',
  ),
  medication_round_report: w('Dose round report', 'Dərman paylanması hesabatı', 'Отчёт об обходах'),
  programme_episode: w('Programme episode', 'Proqram epizodu', 'Эпизод программы'),
  programme_test: w('TB test', 'Vərəm analizi', 'Анализ на туберкулёз'),
  programme_screen: w('TB screening', 'Vərəm skrininqi', 'Скрининг на туберкулёз'),
  programme_staff_screen: w(
    'Staff TB screening',
    'İşçinin vərəm skrininqi',
    'Скрининг сотрудника на туберкулёз',
  ),
  programme_register: w('TB register', 'Vərəm reyestri', 'Регистр туберкулёза'),
  programme_contact_investigation: w(
    'Contact investigation',
    'Kontakt araşdırması',
    'Обследование контактов',
  ),
  programme_task: w('TB task', 'Vərəm tapşırığı', 'Задача по туберкулёзу'),
  programme_bbv_offer: w(
    'HIV/hepatitis test offer',
    'HİV/hepatit analizi təklifi',
    'Предложение теста на ВИЧ/гепатит',
  ),
  programme_bbv_test: w(
    'Blood-borne infection test',
    'Qanla ötürülən infeksiya analizi',
    'Анализ на гемоконтактную инфекцию',
  ),
  programme_sti_assessment: w('STI risk assessment', 'CYYİ risk qiymətləndirməsi', 'Оценка риска ИППП'),
  programme_sti_treatment: w('STI treatment', 'CYYİ müalicəsi', 'Лечение ИППП'),
  programme_hcv_letter: w(
    'Hepatitis C referral letter',
    'Hepatit C üzrə göndəriş məktubu',
    'Направление по гепатиту C',
  ),
  programme_bbv_cascade: w(
    'HIV and hepatitis C cascade',
    'HİV və hepatit C kaskadı',
    'Каскад ВИЧ и гепатита C',
  ),
  programme_report: w('TB cohort report', 'Vərəm kohort hesabatı', 'Когортный отчёт по туберкулёзу'),
  programme_regimen: w(
    'TB regimen template',
    'Vərəm müalicə sxemi şablonu',
    'Шаблон схемы лечения туберкулёза',
  ),
  programme_pep: w(
    'Post-exposure prophylaxis',
    'Ekspozisiyadan sonrakı profilaktika',
    'Постконтактная профилактика',
  ),
  programme_pep_report: w(
    'PEP within 72 h report',
    '72 saat ərzində profilaktika hesabatı',
    'Отчёт «ПКП в течение 72 ч»',
  ),
  programme_hepb_course: w('Hepatitis B vaccination', 'Hepatit B peyvəndi', 'Вакцинация против гепатита B'),
} as const satisfies Record<string, Words>;

export type AuditResourceType = keyof typeof auditResourceWords;

/** The words for a resource type; an unknown one reads as itself. */
export function auditResourceText(type: string, language: Language): string {
  return (auditResourceWords as Record<string, Words>)[type]?.[language] ?? type;
}
