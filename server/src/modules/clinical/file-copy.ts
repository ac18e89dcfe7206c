import {
  type EncounterContent,
  instantToWallTime,
  type Language,
  type ScreeningForm,
  screeningSections,
  screeningVitalNames,
} from '@custodia/domain';
import { createPdf } from '../../platform/export/pdf.ts';
import { codeLabels } from './copy-labels.ts';
import type {
  AllergyTable,
  ClinicalDocumentTable,
  ConsentTable,
  EncounterTable,
  ObservationTable,
  ProblemTable,
} from './tables.ts';

/** The words of the copy itself; coded values come from `codeLabels`. */
const copyLabels = {
  az: {
    title: 'Tibbi kartanın surəti',
    intro:
      'Bu, şəxsin tibbi kartasının tam surətidir (MED-2): problemlər, allergiyalar, müayinələr və onlara edilmiş əlavələr, həyati göstəricilər, laborator nəticələr, razılıqlar, qəbul müayinələri (xəsarətlər və bədən sxemi ilə) və sənədlərin siyahısı. Səhvən daxil edilmiş qeydlər daxil edilmir; həll edilmiş problemlər belə qeyd olunur.',
    person: 'Şəxs',
    born: 'doğum tarixi',
    made: 'Hazırlanıb',
    for: 'Kim üçün',
    self: 'Şəxsin özü',
    timeZone: 'Vaxtlar bu saat qurşağındadır',
    problems: 'Problemlər (XBT-10)',
    allergies: 'Allergiyalar və dözümsüzlüklər',
    encounters: 'Müayinələr',
    screenings: 'Qəbul müayinələri',
    vitals: 'Həyati göstəricilər',
    labs: 'Laborator nəticələr',
    consents: 'Razılıqlar və imtinalar',
    documents: 'Sənədlər (yalnız siyahı)',
    none: 'Yoxdur',
    active: 'Aktiv',
    since: 'başlanğıc',
    reason: 'Səbəb',
    writtenBy: 'Yazıb',
    signedBy: 'İmzalayıb',
    present: 'İştirak edənlər',
    custodialReason: 'Mühafizə əməkdaşının iştirakının səbəbi',
    injuries: 'Xəsarətlər (bədən sxemi)',
    injury: 'Xəsarət',
    position: 'sxemdə yeri',
    consistency: 'Şəxsin izahatına uyğunluq',
    illTreatment: 'Qəbuldan əvvəl pis rəftar barədə sual',
    informationGiven: 'Verilən məlumat',
    witness: 'Şahid',
    size: 'ölçü',
  },
  en: {
    title: 'Copy of the medical file',
    intro:
      'This is the whole medical file of the person (MED-2): problems, allergies, encounters with their amendments, vital signs, laboratory results, consents, admission screenings with the injury record and body chart, and the list of documents. Entries marked entered in error are left out; resolved problems are marked resolved.',
    person: 'Person',
    born: 'born',
    made: 'Made',
    for: 'For',
    self: 'The person',
    timeZone: 'Times are in the time zone',
    problems: 'Problems (ICD-10)',
    allergies: 'Allergies and intolerances',
    encounters: 'Encounters',
    screenings: 'Admission screenings',
    vitals: 'Vital signs',
    labs: 'Laboratory results',
    consents: 'Consents and refusals',
    documents: 'Documents (listed only)',
    none: 'None',
    active: 'Active',
    since: 'since',
    reason: 'Reason',
    writtenBy: 'Written by',
    signedBy: 'Signed by',
    present: 'Persons present',
    custodialReason: 'Reason for custodial staff present',
    injuries: 'Injuries (body chart)',
    injury: 'Injury',
    position: 'position on the chart',
    consistency: 'Consistency with the person’s account',
    illTreatment: 'Question about ill-treatment before admission',
    informationGiven: 'Information given',
    witness: 'Witness',
    size: 'size',
  },
  ru: {
    title: 'Копия медицинской карты',
    intro:
      'Это полная копия медицинской карты лица (MED-2): проблемы, аллергии, осмотры с исправлениями, жизненные показатели, результаты анализов, согласия, первичные осмотры при поступлении с записью о телесных повреждениях и схемой тела, список документов. Записи, внесённые ошибочно, не включены; разрешённые проблемы отмечены как разрешённые.',
    person: 'Лицо',
    born: 'дата рождения',
    made: 'Составлено',
    for: 'Для кого',
    self: 'Само лицо',
    timeZone: 'Время указано в часовом поясе',
    problems: 'Проблемы (МКБ-10)',
    allergies: 'Аллергии и непереносимость',
    encounters: 'Осмотры',
    screenings: 'Первичные осмотры при поступлении',
    vitals: 'Жизненные показатели',
    labs: 'Результаты анализов',
    consents: 'Согласия и отказы',
    documents: 'Документы (только список)',
    none: 'Нет',
    active: 'Активна',
    since: 'с',
    reason: 'Причина',
    writtenBy: 'Записал(а)',
    signedBy: 'Подписал(а)',
    present: 'Присутствовали',
    custodialReason: 'Причина присутствия сотрудника охраны',
    injuries: 'Телесные повреждения (схема тела)',
    injury: 'Повреждение',
    position: 'место на схеме',
    consistency: 'Соответствие объяснению лица',
    illTreatment: 'Вопрос о жестоком обращении до поступления',
    informationGiven: 'Предоставленная информация',
    witness: 'Свидетель',
    size: 'размер',
  },
} as const satisfies Record<Language, Record<string, string>>;

type CopyLabel = keyof (typeof copyLabels)['en'];

export interface CopyCorrection {
  kind: string;
  reason: string;
  text: string | null;
  createdAt: string;
  authorName: string | null;
}

/**
 * Writes the copy of a medical file (MED-2) as a PDF, section by section, as the caller reads the
 * file in batches: times in the institution's time zone, coded values in the person's words; the
 * institution in the header of every page, who made it and when in the footer.
 */
export function fileCopyWriter(
  language: Language,
  made: { timeZone: string; institution: string | null; at: string; by: string },
) {
  const { timeZone } = made;
  const l = copyLabels[language];
  const codes: Record<string, string> = codeLabels[language];
  /** A coded value in words; the code itself (or the fallback) when it has no wording, never nothing. */
  const code = (key: string, value: string, fallback = value) => codes[`${key}.${value}`] ?? fallback;
  const when = (instant: string) => instantToWallTime(instant, timeZone).replace('T', ' ').slice(0, 16);
  const day = (instant: string) => instantToWallTime(instant, timeZone).slice(0, 10);
  const yesNo = (v: boolean) => codes[v ? 'screening.yes' : 'screening.no'] as string;

  const pdf = createPdf({
    title: l.title,
    language,
    institution: made.institution,
    generatedAt: made.at,
    generatedBy: made.by,
    timeZone,
  });

  const line = (text: string, indent = 0) => pdf.text(text, { indent });
  const entryTitle = (text: string) => pdf.text(text, { bold: true, before: 0.4 });
  const corrections = (list: CopyCorrection[]) => {
    for (const c of list) {
      const by = c.authorName ? ` · ${c.authorName}` : '';
      line(`${code('corrections.kinds', c.kind)} (${when(c.createdAt)}${by}): ${l.reason}: ${c.reason}`, 12);
      if (c.text) line(c.text, 24);
    }
  };

  return {
    header(input: {
      name: string;
      prisonNumber: string;
      birthDate: string;
      madeAt: string;
      thirdParty: string | null;
    }) {
      pdf.text(`${l.person}: ${input.name} · ${input.prisonNumber} · ${l.born} ${input.birthDate}`, {
        size: 10,
        before: 0.2,
      });
      pdf.text(`${l.for}: ${input.thirdParty ?? l.self}`, { size: 10 });
      pdf.text(`${l.made}: ${when(input.madeAt)} · ${l.timeZone} ${timeZone}`, { size: 10 });
      pdf.text(l.intro, { size: 8, before: 0.5 });
    },

    section(title: CopyLabel) {
      pdf.heading(l[title]);
    },

    /** Said under a section with no entry. */
    none() {
      line(l.none);
    },

    problem(p: ProblemTable, resolved: CopyCorrection | undefined) {
      const onset = p.onset_date ? ` · ${l.since} ${p.onset_date}` : '';
      const status = resolved
        ? `${code('corrections.kinds', 'resolved')} ${day(resolved.createdAt)}: ${resolved.reason}`
        : l.active;
      line(`${day(p.recorded_at)}  ${p.code}  ${p.display}${onset} — ${status}`);
      if (p.note) line(p.note, 12);
    },

    allergy(a: AllergyTable, resolved: CopyCorrection | undefined) {
      const kind = `${code('allergies.types', a.type)}, ${code('allergies.categories', a.category)}`;
      const status = resolved
        ? `${code('corrections.kinds', 'resolved')} ${day(resolved.createdAt)}: ${resolved.reason}`
        : l.active;
      line(
        `${day(a.recorded_at)}  ${a.substance} (${kind}; ${code('allergies.severities', a.severity)})` +
          `${a.reaction ? ` — ${a.reaction}` : ''} — ${status}`,
      );
    },

    encounter(
      e: EncounterTable,
      names: { author: string | null; signer: string | null },
      list: CopyCorrection[],
    ) {
      const c = JSON.parse(e.content) as EncounterContent;
      entryTitle(
        `${when(e.started_at)}  ${code('encounterTypes', e.type)} · ${code('encounterStatuses', e.status)}`,
      );
      const authorship = [
        names.author ? `${l.writtenBy}: ${names.author}` : null,
        e.signed_at ? `${l.signedBy}: ${names.signer ?? ''} ${when(e.signed_at)}` : null,
      ].filter(Boolean);
      if (authorship.length) line(authorship.join(' · '));
      line(
        `${l.present}: ${c.personsPresent.map((p) => `${p.name} (${code('presentKinds', p.kind)})`).join(', ')}`,
      );
      if (c.custodialPresenceReason) line(`${l.custodialReason}: ${c.custodialPresenceReason}`);
      for (const part of ['subjective', 'objective', 'assessment', 'plan'] as const) {
        const text = c[part];
        if (text) line(`${code('encounter.soap', part)}: ${text}`);
      }
      if (e.structured) this.screening(JSON.parse(e.structured) as ScreeningForm);
      corrections(list);
    },

    /** The screening form, the injury record and body chart as text (ADM-4). */
    screening(form: ScreeningForm) {
      const s = (key: string) => codes[`screening.${key}`] ?? key;
      const field = (label: string, value: string | number | boolean | null | undefined) => {
        if (value === null || value === undefined || value === '') return;
        line(`${label}: ${typeof value === 'boolean' ? yesNo(value) : value}`, 12);
      };
      // The readings and the allergy answer (issue 14 item 8; absent from screenings written before).
      const v = form.vitals ?? {};
      const readings = screeningVitalNames
        .filter((n) => v[n] !== null && v[n] !== undefined)
        .map((n) => `${code('vitals.names', n)} ${v[n]} ${code('vitals.units', n, '')}`.trim());
      if (readings.length) line(`${s('sections.vitals')}: ${readings.join(', ')}`);
      const allergies = form.allergies;
      if (allergies?.answer) {
        const named = allergies.items.map((a) => a.substance).filter(Boolean);
        line(
          `${s('sections.allergies')}: ${s(`allergies.answers.${allergies.answer}`)}${named.length ? ` (${named.join(', ')})` : ''}`,
        );
      }
      for (const name of screeningSections) {
        const section = form[name] as { status?: string | null; notAssessedReason?: string | null };
        line(`${s(`sections.${name}`)}: ${section.status ? s(`sectionStatus.${section.status}`) : '—'}`);
        if (section.notAssessedReason) field(s('sectionStatus.reason'), section.notAssessedReason);
        if (name === 'healthNeeds') {
          const h = form.healthNeeds;
          for (const k of [
            'currentMedication',
            'chronicConditions',
            'onOpioidSubstitution',
            'onAntiretroviral',
            'onTbTreatment',
            'otherEssentialMedication',
          ] as const)
            field(s(`fields.${k}`), h[k]);
        } else if (name === 'injuries') {
          const inj = form.injuries;
          if (inj.noInjuriesSeen) field(s('injuries.noInjuriesSeen'), true);
          if (inj.items.length) line(`${l.injuries}:`, 12);
          inj.items.forEach((item, i) => {
            const at =
              item.x != null && item.y != null
                ? ` (${l.position}: ${Math.round(item.x * 100)}%, ${Math.round(item.y * 100)}%)`
                : '';
            line(
              `${l.injury} ${i + 1}: ${s(`injuries.views.${item.side}`)} — ${s(`regions.${item.region}`)}${at}`,
              24,
            );
            line(`${s('injuries.description')}: ${item.description}`, 36);
            if (item.personsAccount) line(`${s('injuries.personsAccount')}: ${item.personsAccount}`, 36);
            line(`${l.consistency}: ${s(`injuries.consistencies.${item.consistency}`)}`, 36);
          });
          if (inj.illTreatment) field(l.illTreatment, s(`injuries.illTreatments.${inj.illTreatment}`));
          field(s('injuries.illTreatmentAccount'), inj.illTreatmentAccount);
        } else if (name === 'mentalHealth') {
          const m = form.mentalHealth;
          if (m.suicideScreen)
            field(s('mentalHealth.suicideScreen'), s(`mentalHealth.screens.${m.suicideScreen}`));
          field(s('mentalHealth.observationMinutes'), m.observationMinutes);
          field(s('fields.previousSelfHarm'), m.previousSelfHarm);
          if (m.withdrawal)
            field(s('mentalHealth.withdrawal'), s(`mentalHealth.withdrawals.${m.withdrawal}`));
          field(s('fields.notes'), m.notes);
        } else if (name === 'tuberculosis') {
          const tb = form.tuberculosis;
          for (const k of [
            'cough',
            'fever',
            'nightSweats',
            'weightLoss',
            'haemoptysis',
            'contactWithTb',
          ] as const)
            field(s(`fields.${k}`), tb[k]);
          if (tb.chestXray) field(s('tuberculosis.chestXray'), s(`tuberculosis.xrays.${tb.chestXray}`));
          field(s('tuberculosis.chestXrayReason'), tb.chestXrayReason);
          field(s('fields.otherContagiousSigns'), tb.otherContagiousSigns);
        } else if (name === 'bloodBorne') {
          for (const k of ['hiv', 'hepatitisB', 'hepatitisC', 'sti'] as const) {
            const v = form.bloodBorne[k];
            if (v) field(s(`bloodBorne.${k}`), s(`bloodBorne.offers.${v}`));
          }
        } else if (name === 'fitness') {
          for (const k of ['work', 'exercise', 'activities'] as const) {
            const v = form.fitness[k];
            if (v) field(s(`fitness.${k}`), s(`fitness.results.${v}`));
          }
        }
      }
      const w = form.women;
      if (w) {
        line(s('sections.women'));
        if (w.pregnancy) field(s('women.pregnancy'), s(`women.pregnancies.${w.pregnancy}`));
        if (w.recentBirthOrLoss)
          field(s('women.recentBirthOrLoss'), s(`women.answers.${w.recentBirthOrLoss}`));
        field(s('women.reproductiveHistory'), w.reproductiveHistory);
        if (w.violenceBeforeAdmission)
          field(s('women.violenceBeforeAdmission'), s(`women.answers.${w.violenceBeforeAdmission}`));
        field(s('women.supportOffered'), w.supportOffered);
        field(s('women.childrenOutside'), w.childrenOutside);
        field(s('women.femaleClinicianRequested'), w.femaleClinicianRequested);
      }
    },

    vital(o: ObservationTable) {
      line(
        `${when(o.effective_at)}  ${code('vitals.names', o.test)}: ${o.value_number} ${code('vitals.units', o.test, o.unit ?? '')}`,
      );
    },

    lab(o: ObservationTable) {
      const value =
        o.value_number !== null
          ? `${o.value_number} ${code('labs.units', o.test, o.unit ?? '')}`
          : code('labs.results', o.value_code ?? '');
      line(`${when(o.effective_at)}  ${code('labs.tests', o.test)}: ${value}`);
      if (o.note) line(o.note, 12);
    },

    consent(c: ConsentTable) {
      line(
        `${when(c.recorded_at)}  ${c.topic} — ${code('consents.decisions', c.decision)} · ${code('consents.signatures', c.signature)}`,
      );
      line(`${l.informationGiven}: ${c.information_given}`, 12);
      if (c.witness) line(`${l.witness}: ${c.witness}`, 12);
    },

    document(d: ClinicalDocumentTable) {
      const kb = Math.max(1, Math.round(d.size / 1024));
      line(`${when(d.uploaded_at)}  ${code('documents.types', d.type)}: ${d.title} (${l.size} ${kb} KB)`);
    },

    end(): Promise<Buffer> {
      return pdf.end();
    },
  };
}
