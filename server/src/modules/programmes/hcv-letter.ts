import {
  type BbvRegimenCode,
  bbvNumericTests,
  bbvRegimens,
  bbvTestsOf,
  calendarDateIn,
  daaEndOn,
  fibrosisAssessment,
  hcvLetterProblems,
  type Language,
  type ProgrammeProblem,
  svr12DueOn,
} from '@custodia/domain';
import { inTransaction } from '../../platform/db/database.ts';
import { forbidden, notFound, ruleRefused } from '../../platform/errors.ts';
import { createPdf } from '../../platform/export/pdf.ts';
import type { Caller } from '../identity/index.ts';
import { programmeApi } from '../medication/index.ts';
import { personFullName } from '../registry/index.ts';
import type { BbvDeps } from './bbv.ts';
import { inTreatingTeam } from './bbv.ts';
import { programmeRules } from './context.ts';
import { bbvFact } from './sti.ts';

const refuse = (problems: readonly ProgrammeProblem[]) => ruleRefused(problems, programmeRules);

interface Words {
  title: string;
  intro: string;
  person: string;
  born: string;
  number: string;
  planned: string;
  results: string;
  columns: [string, string, string, string];
  genotype: string;
  genotypeNone: string;
  fibrosis: string;
  fibrosisNone: string;
  classes: Record<string, string>;
  treatment: string;
  noTreatment: string;
  regimen: Record<BbvRegimenCode, string>;
  started: string;
  ends: string;
  doses: (given: number, remaining: number, total: number) => string;
  svr12: string;
  request: string;
  contact: string;
  signature: string;
  tests: Record<string, string>;
  answers: Record<string, string>;
}

/** The letter's words in the three languages (BBV-3; ADR 0054). */
const words: Record<Language, Words> = {
  en: {
    title: 'Referral letter: hepatitis C (release)',
    intro:
      'This person is treated for hepatitis C in prison and will be released before their care is complete. We ask the community hepatitis service to continue it.',
    person: 'Person',
    born: 'Date of birth',
    number: 'Prison number',
    planned: 'Planned release',
    results: 'Hepatitis C results',
    columns: ['Test', 'Sample', 'Result date', 'Result'],
    genotype: 'Genotype',
    genotypeNone: 'not tested (pangenotypic regimen)',
    fibrosis: 'Fibrosis assessment',
    fibrosisNone: 'no assessment (AST, ALT and platelets not recorded)',
    classes: {
      cirrhosis: 'cirrhosis likely (F4)',
      advanced: 'advanced fibrosis likely (F3–F4)',
      indeterminate: 'indeterminate',
      no_advanced: 'no advanced fibrosis',
    },
    treatment: 'Direct-acting antiviral treatment',
    noTreatment: 'Not started: awaiting treatment.',
    regimen: {
      tld: 'TLD',
      tdf_ftc_dtg: 'TDF/FTC + DTG',
      sof_vel_12w: 'Sofosbuvir/velpatasvir 400/100 mg once daily, 12 weeks',
      sof_dcv_12w: 'Sofosbuvir 400 mg + daclatasvir 60 mg once daily, 12 weeks',
    },
    started: 'Started',
    ends: 'Planned end',
    doses: (g, r, t) => `Supervised doses given: ${g} of ${t}; remaining: ${r}.`,
    svr12: 'SVR12 test (HCV RNA) due on or after',
    request: 'Please continue the course to its end and test HCV RNA for SVR12.',
    contact: 'Contact: the treating doctor',
    signature: 'Doctor’s signature',
    tests: {
      hcv_ab: 'Anti-HCV',
      hcv_rna: 'HCV RNA',
      ast: 'AST',
      alt: 'ALT',
      platelets: 'Platelets',
      elastography: 'Elastography',
    },
    answers: {
      reactive: 'reactive',
      non_reactive: 'non-reactive',
      indeterminate: 'indeterminate',
      detected: 'detected',
      not_detected: 'not detected',
    },
  },
  az: {
    title: 'Göndəriş məktubu: hepatit C (azadolma)',
    intro:
      'Bu şəxs həbsxanada hepatit C-dən müalicə alır və müalicəsi başa çatmamış azad ediləcək. İcma hepatit xidmətindən müalicəni davam etdirməyi xahiş edirik.',
    person: 'Şəxs',
    born: 'Doğum tarixi',
    number: 'Məhbus nömrəsi',
    planned: 'Planlaşdırılan azadolma',
    results: 'Hepatit C nəticələri',
    columns: ['Analiz', 'Nümunə', 'Nəticə tarixi', 'Nəticə'],
    genotype: 'Genotip',
    genotypeNone: 'təyin edilməyib (pangenotipik sxem)',
    fibrosis: 'Fibroz qiymətləndirməsi',
    fibrosisNone: 'qiymətləndirmə yoxdur (AST, ALT və trombositlər qeydə alınmayıb)',
    classes: {
      cirrhosis: 'ehtimal ki, sirroz (F4)',
      advanced: 'ehtimal ki, irəliləmiş fibroz (F3–F4)',
      indeterminate: 'qeyri-müəyyən',
      no_advanced: 'irəliləmiş fibroz yoxdur',
    },
    treatment: 'Birbaşa təsirli antiviral müalicə',
    noTreatment: 'Başlanmayıb: müalicə gözlənilir.',
    regimen: {
      tld: 'TLD',
      tdf_ftc_dtg: 'TDF/FTC + DTG',
      sof_vel_12w: 'Sofosbuvir/velpatasvir 400/100 mq gündə bir dəfə, 12 həftə',
      sof_dcv_12w: 'Sofosbuvir 400 mq + daklatasvir 60 mq gündə bir dəfə, 12 həftə',
    },
    started: 'Başlanıb',
    ends: 'Planlaşdırılan bitmə',
    doses: (g, r, t) => `Nəzarət altında verilmiş dozalar: ${g} / ${t}; qalan: ${r}.`,
    svr12: 'SVR12 analizi (HCV RNT) bu tarixdən sonra',
    request: 'Xahiş edirik kursu sonuna qədər davam etdirin və SVR12 üçün HCV RNT analizini edin.',
    contact: 'Əlaqə: müalicə edən həkim',
    signature: 'Həkimin imzası',
    tests: {
      hcv_ab: 'Anti-HCV',
      hcv_rna: 'HCV RNT',
      ast: 'AST',
      alt: 'ALT',
      platelets: 'Trombositlər',
      elastography: 'Elastoqrafiya',
    },
    answers: {
      reactive: 'reaktiv',
      non_reactive: 'qeyri-reaktiv',
      indeterminate: 'qeyri-müəyyən',
      detected: 'aşkar edilib',
      not_detected: 'aşkar edilməyib',
    },
  },
  ru: {
    title: 'Направление: гепатит C (освобождение)',
    intro:
      'Этот человек лечится от гепатита C в учреждении и будет освобождён до завершения лечения. Просим службу гепатита по месту жительства продолжить его.',
    person: 'Лицо',
    born: 'Дата рождения',
    number: 'Номер заключённого',
    planned: 'Планируемое освобождение',
    results: 'Результаты по гепатиту C',
    columns: ['Анализ', 'Образец', 'Дата результата', 'Результат'],
    genotype: 'Генотип',
    genotypeNone: 'не определялся (пангенотипная схема)',
    fibrosis: 'Оценка фиброза',
    fibrosisNone: 'нет оценки (АСТ, АЛТ и тромбоциты не записаны)',
    classes: {
      cirrhosis: 'вероятен цирроз (F4)',
      advanced: 'вероятен выраженный фиброз (F3–F4)',
      indeterminate: 'неопределённо',
      no_advanced: 'нет выраженного фиброза',
    },
    treatment: 'Лечение препаратами прямого противовирусного действия',
    noTreatment: 'Не начато: ожидает лечения.',
    regimen: {
      tld: 'TLD',
      tdf_ftc_dtg: 'TDF/FTC + DTG',
      sof_vel_12w: 'Софосбувир/велпатасвир 400/100 мг один раз в день, 12 недель',
      sof_dcv_12w: 'Софосбувир 400 мг + даклатасвир 60 мг один раз в день, 12 недель',
    },
    started: 'Начато',
    ends: 'Плановое окончание',
    doses: (g, r, t) => `Принято доз под наблюдением: ${g} из ${t}; осталось: ${r}.`,
    svr12: 'Анализ SVR12 (РНК ВГС) не ранее',
    request: 'Просим продолжить курс до конца и исследовать РНК ВГС для SVR12.',
    contact: 'Контакт: лечащий врач',
    signature: 'Подпись врача',
    tests: {
      hcv_ab: 'Анти-ВГС',
      hcv_rna: 'РНК ВГС',
      ast: 'АСТ',
      alt: 'АЛТ',
      platelets: 'Тромбоциты',
      elastography: 'Эластография',
    },
    answers: {
      reactive: 'реактивный',
      non_reactive: 'нереактивный',
      indeterminate: 'неопределённый',
      detected: 'обнаружена',
      not_detected: 'не обнаружена',
    },
  },
};

/**
 * BBV-3 (ADR 0054): the hepatitis C referral letter for the community hepatitis service when the
 * person will be released before the care ends: identity, the HCV results, the fibrosis assessment,
 * the DAA regimen with the supervised doses given and remaining, the SVR12 date, the contact. The
 * treating team only (restricted clinical data), audited; refused without a planned release date.
 */
export function createHcvLetter(deps: BbvDeps) {
  const { db, clock, registry, audit, timeZone } = deps;
  return async function hcvLetter(caller: Caller, episodeId: string, language: Language) {
    const data = await inTransaction(db, async (tx) => {
      const episode = await tx
        .selectFrom('programme_episode')
        .selectAll()
        .where('id', '=', episodeId)
        .where('programme', 'in', ['hiv', 'hbv', 'hcv'])
        .executeTakeFirst();
      if (!episode) throw notFound('No such episode.');
      const person = await registry.personForViewer(tx, caller.viewer, episode.person_id);
      const normal = registry.inNormalScope(caller.viewer, person);
      await audit.record(tx, caller.audit, {
        action: 'programmes.bbv.hcv_letter',
        dataClass: 'restricted_clinical',
        outcome: 'allowed',
        purpose: normal ? 'normal' : 'break_glass',
        resourceType: 'programme_hcv_letter',
        resourceId: episode.id,
        personId: episode.person_id,
      });
      // The treating team only (ADR 0048); a refusal is recorded by the platform under its route.
      if (!(normal && inTreatingTeam(caller.viewer, person.institution_id ?? episode.institution_id)))
        throw forbidden('Blood-borne infection results are for the treating team only.');
      const release =
        (await registry.plannedReleaseDates(tx, [episode.person_id])).get(episode.person_id) ?? null;
      const problems = hcvLetterProblems(episode, release);
      if (problems.length) throw refuse(problems);
      const tests = await tx
        .selectFrom('programme_bbv_test')
        .selectAll()
        .where('person_id', '=', episode.person_id)
        .where('test', 'in', [...bbvTestsOf.hcv])
        .where('result_on', 'is not', null)
        .orderBy('sample_on')
        .execute();
      const ids = episode.prescription_ids ? (JSON.parse(episode.prescription_ids) as string[]) : [];
      const adherence = ids.length
        ? (await programmeApi.supervisedAdherence(tx, new Map([['daa', ids]]), clock.now())).get('daa')
        : undefined;
      return { episode, person, release: release as string, tests, adherence };
    });
    const { episode, person, release, tests, adherence } = data;
    const w = words[language];
    const institution = person.institution_id
      ? ((await registry.listInstitutions()).find((i) => i.id === person.institution_id)?.name[language] ??
        null)
      : null;
    const pdf = createPdf({
      title: w.title,
      language,
      institution,
      generatedAt: clock.now().toISOString(),
      generatedBy: caller.user.displayName,
      timeZone,
    });
    const name = personFullName(person);
    pdf.text(w.intro);
    pdf.text(`${w.person}: ${name}`, { bold: true, before: 1 });
    pdf.text(`${w.born}: ${person.birth_date ?? ''} · ${w.number}: ${person.prison_number}`);
    pdf.text(`${w.planned}: ${release}`, { bold: true });
    pdf.text(w.results, { bold: true, before: 1 });
    pdf.table(
      w.columns,
      tests.map((t) => [
        w.tests[t.test] ?? t.test,
        t.sample_on,
        t.result_on ?? '',
        [
          t.result ? (w.answers[t.result] ?? t.result) : null,
          t.value !== null
            ? `${Number(t.value)} ${bbvNumericTests[t.test as keyof typeof bbvNumericTests]?.unit ?? ''}`
            : null,
        ]
          .filter(Boolean)
          .join(' · '),
      ]),
      [150, 90, 90, 170],
    );
    pdf.text(`${w.genotype}: ${w.genotypeNone}`, { before: 0.5 });
    const birth = person.birth_date ?? null;
    const f = fibrosisAssessment(tests.map(bbvFact), birth);
    pdf.text(
      `${w.fibrosis}: ${
        f.apri === null && f.kPa === null
          ? w.fibrosisNone
          : [
              f.apri !== null ? `APRI ${f.apri}` : null,
              f.fib4 !== null ? `FIB-4 ${f.fib4}` : null,
              f.kPa !== null ? `${f.kPa} kPa` : null,
              f.class ? w.classes[f.class] : null,
              f.on,
            ]
              .filter(Boolean)
              .join(' · ')
      }`,
    );
    pdf.text(w.treatment, { bold: true, before: 1 });
    if (!episode.treatment_start_on || !episode.regimen_code) pdf.text(w.noTreatment);
    else {
      const weeks =
        episode.treatment_weeks ?? bbvRegimens[episode.regimen_code as BbvRegimenCode]?.weeks ?? 12;
      const endOn = daaEndOn(episode.treatment_start_on, weeks);
      const total = weeks * 7;
      const given = Math.min(adherence?.given ?? 0, total);
      pdf.text(w.regimen[episode.regimen_code as BbvRegimenCode] ?? episode.regimen_code);
      pdf.text(`${w.started}: ${episode.treatment_start_on} · ${w.ends}: ${endOn}`);
      pdf.text(w.doses(given, total - given, total));
      pdf.text(`${w.svr12}: ${svr12DueOn(endOn)}`, { bold: true });
    }
    pdf.text(w.request, { before: 1 });
    pdf.text(
      `${w.contact}: ${caller.user.displayName}${institution ? `, ${institution}` : ''} · ${calendarDateIn(clock.now(), timeZone)}`,
    );
    pdf.text(`${w.signature}: ____________________`, { before: 3 });
    return {
      filename: `hcv-referral-${person.prison_number}-${language}.pdf`,
      contentType: 'application/pdf',
      body: await pdf.end(),
    };
  };
}
