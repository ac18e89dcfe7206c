import { z } from 'zod';

/**
 * The instrument registry (MHT-1; ADR 0043): an instrument is data, not code. Its items, answer
 * options with their values, scoring bands, licence and the languages its wording exists in travel
 * as one definition; the system scores any definition the same way. PHQ-9, GAD-7 and the C-SSRS
 * screen are built in; a ministry adds a licensed one through the API or the CLI.
 */

export const instrumentLanguages = ['az', 'en', 'ru'] as const;
export type InstrumentLanguage = (typeof instrumentLanguages)[number];

const _words = z.object({
  az: z.string().min(1).max(600),
  en: z.string().min(1).max(600),
  ru: z.string().min(1).max(600),
});
/** Wording in some languages: a licence may forbid a language nobody approved (CORE-10). */
const partialWords = z
  .object({
    az: z.string().min(1).max(600).optional(),
    en: z.string().min(1).max(600).optional(),
    ru: z.string().min(1).max(600).optional(),
  })
  .refine((w) => Object.keys(w).length > 0, 'wording_missing');

export const instrumentOptionSchema = z.object({
  value: z.number().int().min(0).max(100),
  label: partialWords,
});

export const instrumentItemSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]{1,40}$/, 'item_id_format'),
  text: partialWords,
  /** The options of this item; an instrument's shared options when absent. */
  options: z.array(instrumentOptionSchema).min(2).max(11).optional(),
  /** Asked only when this other item was answered at least `min` (C-SSRS: questions 3–5 after 2). */
  askIf: z.object({ item: z.string().max(40), min: z.number().int().min(0) }).optional(),
  /** Whether its value counts in the total (a yes/no follow-up may not). */
  scored: z.boolean().default(true),
});

export const instrumentBandSchema = z.object({
  code: z.string().regex(/^[a-z0-9_]{1,40}$/, 'band_code_format'),
  min: z.number().int().min(0),
  max: z.number().int().min(0),
  label: partialWords,
});

/** A rule that opens a referral when an item is answered at least `min` (MHT-2: PHQ-9 item 9). */
export const instrumentTriggerSchema = z.object({
  item: z.string().max(40),
  min: z.number().int().min(1),
  urgency: z.enum(['immediate', 'h24', 'same_day', 'h72']),
  /** The rule it enforces, kept on the referral (MHT-2). */
  rule: z.string().max(20),
});

/** A risk level set by answers (the C-SSRS screen is read by its answers, not summed). */
export const instrumentRiskRuleSchema = z.object({
  level: z.enum(['low', 'moderate', 'high']),
  anyOf: z.array(z.string().max(40)).min(1).max(20),
});

export const instrumentLicenceSchema = z.object({
  /** The licence's name (public domain, CC BY-ND 4.0, written permission…). */
  name: z.string().trim().min(2).max(200),
  holder: z.string().trim().min(2).max(200),
  /** Where it is stated: a URL or the reference of a written permission. */
  source: z.string().trim().min(2).max(400),
  /** No changes, no self-made translations (CC BY-ND: CORE-10). */
  noDerivatives: z.boolean(),
  /** For each language given, where its wording comes from (an approved translation's reference). */
  translations: partialWords,
  /** Under a no-derivatives licence: every language's wording is the holder's approved version. */
  approvedTranslations: z.boolean().default(false),
});

export const instrumentDefinitionSchema = z.object({
  code: z.string().regex(/^[a-z0-9_]{2,40}$/, 'instrument_code_format'),
  version: z.string().trim().min(1).max(20),
  title: partialWords,
  /** The stem read before the items ("Over the last 2 weeks…"). */
  preamble: partialWords.optional(),
  languages: z.array(z.enum(instrumentLanguages)).min(1).max(3),
  options: z.array(instrumentOptionSchema).min(2).max(11).optional(),
  items: z.array(instrumentItemSchema).min(1).max(100),
  bands: z.array(instrumentBandSchema).max(20).default([]),
  /** The LOINC code of its total, where there is one (PHQ-9 44261-6, GAD-7 70274-6). */
  loincTotal: z.string().max(20).nullish(),
  /** Whether it is used as a session-by-session outcome measure (NHS Talking Therapies). */
  outcomeMeasure: z.boolean().default(false),
  triggers: z.array(instrumentTriggerSchema).max(10).default([]),
  riskRules: z.array(instrumentRiskRuleSchema).max(10).default([]),
  licence: instrumentLicenceSchema,
});
export type InstrumentDefinition = z.infer<typeof instrumentDefinitionSchema>;
export type InstrumentDefinitionInput = z.input<typeof instrumentDefinitionSchema>;

export interface FieldProblem {
  path: string;
  code: string;
}

/**
 * MHT-1: a definition the registry accepts: licence recorded, wording in every language it claims
 * (and, under a no-derivatives licence such as CORE-10's, an approved translation named for each),
 * every item with options, the bands within the possible range, the rules naming real items.
 */
export function definitionProblems(def: InstrumentDefinition): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const ids = new Set<string>();
  if (def.licence.noDerivatives && !def.licence.approvedTranslations)
    problems.push({ path: 'licence.approvedTranslations', code: 'approved_translation_required' });
  for (const lang of def.languages) {
    if (!def.title[lang]) problems.push({ path: `title.${lang}`, code: 'wording_missing' });
    if (!def.licence.translations[lang])
      problems.push({ path: `licence.translations.${lang}`, code: 'translation_source_missing' });
  }
  def.items.forEach((item, i) => {
    if (ids.has(item.id)) problems.push({ path: `items.${i}.id`, code: 'item_id_duplicate' });
    ids.add(item.id);
    const options = item.options ?? def.options;
    if (!options) problems.push({ path: `items.${i}.options`, code: 'options_missing' });
    for (const lang of def.languages) {
      if (!item.text[lang]) problems.push({ path: `items.${i}.text.${lang}`, code: 'wording_missing' });
      for (const o of options ?? [])
        if (!o.label[lang]) problems.push({ path: `items.${i}.options.${lang}`, code: 'wording_missing' });
    }
    if (item.askIf && !ids.has(item.askIf.item))
      problems.push({ path: `items.${i}.askIf`, code: 'item_unknown' });
  });
  const max = maximumScore(def);
  def.bands.forEach((b, i) => {
    if (b.min > b.max || b.max > max) problems.push({ path: `bands.${i}`, code: 'band_out_of_range' });
  });
  def.triggers.forEach((t, i) => {
    if (!ids.has(t.item)) problems.push({ path: `triggers.${i}.item`, code: 'item_unknown' });
  });
  def.riskRules.forEach((r, i) => {
    if (r.anyOf.some((id) => !ids.has(id))) problems.push({ path: `riskRules.${i}`, code: 'item_unknown' });
  });
  return problems;
}

const optionsOf = (def: InstrumentDefinition, item: InstrumentDefinition['items'][number]) =>
  item.options ?? def.options ?? [];

/** The highest total the definition allows. */
export function maximumScore(def: InstrumentDefinition): number {
  return def.items
    .filter((i) => i.scored)
    .reduce((sum, item) => sum + Math.max(0, ...optionsOf(def, item).map((o) => o.value)), 0);
}

export interface InstrumentScore {
  total: number;
  band: string | null;
  risk: 'low' | 'moderate' | 'high' | null;
  /** The triggers the answers set off (MHT-2): the strictest urgency first. */
  triggers: { item: string; urgency: 'immediate' | 'h24' | 'same_day' | 'h72'; rule: string }[];
}

/**
 * MHT-1: scores a response by its definition. Every asked item needs an answer among its options'
 * values (an answer out of range is refused by name); an item not asked (its `askIf` unmet) must be
 * left out. The total sums the scored items; the band is the one containing it; the risk is the
 * highest level whose items were answered above 0; the triggers are those met (MHT-2).
 */
export function scoreInstrument(
  def: InstrumentDefinition,
  answers: Readonly<Record<string, number>>,
): { problems: FieldProblem[]; score: InstrumentScore | null } {
  const problems: FieldProblem[] = [];
  const known = new Set(def.items.map((i) => i.id));
  for (const id of Object.keys(answers))
    if (!known.has(id)) problems.push({ path: `answers.${id}`, code: 'item_unknown' });
  let total = 0;
  for (const item of def.items) {
    const asked = !item.askIf || (answers[item.askIf.item] ?? -1) >= item.askIf.min;
    const value = answers[item.id];
    if (!asked) {
      if (value !== undefined) problems.push({ path: `answers.${item.id}`, code: 'item_not_asked' });
      continue;
    }
    if (value === undefined) {
      problems.push({ path: `answers.${item.id}`, code: 'answer_missing' });
      continue;
    }
    if (!optionsOf(def, item).some((o) => o.value === value)) {
      problems.push({ path: `answers.${item.id}`, code: 'answer_out_of_range' });
      continue;
    }
    if (item.scored) total += value;
  }
  if (problems.length) return { problems, score: null };
  const band = def.bands.find((b) => total >= b.min && total <= b.max)?.code ?? null;
  const order = { low: 1, moderate: 2, high: 3 } as const;
  let risk: InstrumentScore['risk'] = null;
  for (const r of def.riskRules)
    if (r.anyOf.some((id) => (answers[id] ?? 0) > 0) && (!risk || order[r.level] > order[risk]))
      risk = r.level;
  const rank = { immediate: 0, same_day: 1, h24: 2, h72: 3 } as const;
  const triggers = def.triggers
    .filter((t) => (answers[t.item] ?? 0) >= t.min)
    .map((t) => ({ item: t.item, urgency: t.urgency, rule: t.rule }))
    .sort((a, b) => rank[a.urgency] - rank[b.urgency]);
  return { problems: [], score: { total, band, risk, triggers } };
}

// ---------------------------------------------------------------------------------------------
// The built-in instruments. Their wording is the published one, shown unchanged (MHT-1).

const phqOptions = [
  { value: 0, label: { en: 'Not at all', ru: 'Ни разу', az: 'Heç vaxt' } },
  { value: 1, label: { en: 'Several days', ru: 'Несколько дней', az: 'Bir neçə gün' } },
  { value: 2, label: { en: 'More than half the days', ru: 'Более недели', az: 'Günlərin yarısından çoxu' } },
  { value: 3, label: { en: 'Nearly every day', ru: 'Почти каждый день', az: 'Demək olar ki, hər gün' } },
];

const publicDomain = (instrument: string) => ({
  name: 'Public domain (Pfizer): no permission is required to reproduce, translate, display or distribute',
  holder: 'Pfizer Inc. (Drs Spitzer, Williams, Kroenke and colleagues)',
  source: `phqscreeners.com — ${instrument}`,
  noDerivatives: false,
  approvedTranslations: false,
  translations: {
    en: 'Original English version (phqscreeners.com)',
    ru: 'Russian version for Russia (phqscreeners.com translation)',
    az: 'Azerbaijani translation by the Custodia project, awaiting validation (public-domain licence allows it)',
  },
});

export const phq9: InstrumentDefinition = {
  code: 'phq9',
  version: '1.0',
  title: {
    en: 'Patient Health Questionnaire (PHQ-9)',
    ru: 'Опросник о состоянии здоровья (PHQ-9)',
    az: 'Pasiyentin Sağlamlıq Sorğusu (PHQ-9)',
  },
  preamble: {
    en: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    ru: 'Как часто за последние 2 недели Вас беспокоили следующие проблемы?',
    az: 'Son 2 həftə ərzində aşağıdakı problemlər sizi nə qədər tez-tez narahat edib?',
  },
  languages: ['az', 'en', 'ru'],
  options: phqOptions,
  items: [
    {
      en: 'Little interest or pleasure in doing things',
      ru: 'Вам не хотелось ничего делать',
      az: 'İş görməyə az maraq və ya həvəs',
    },
    {
      en: 'Feeling down, depressed, or hopeless',
      ru: 'У Вас было плохое настроение, Вы были подавлены или испытывали чувство безысходности',
      az: 'Əhvalın pis olması, depressiya və ya ümidsizlik hissi',
    },
    {
      en: 'Trouble falling or staying asleep, or sleeping too much',
      ru: 'Вам было трудно заснуть, у Вас был прерывистый сон, или Вы слишком много спали',
      az: 'Yuxuya getməkdə və ya yuxunu saxlamaqda çətinlik, yaxud həddindən artıq yatmaq',
    },
    {
      en: 'Feeling tired or having little energy',
      ru: 'Вы были утомлены, или у Вас было мало сил',
      az: 'Yorğunluq və ya enerjinin az olması',
    },
    {
      en: 'Poor appetite or overeating',
      ru: 'У Вас был плохой аппетит, или Вы переедали',
      az: 'İştahın zəif olması və ya həddindən artıq yemək',
    },
    {
      en: 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
      ru: 'Вы плохо о себе думали: считали себя неудачником (неудачницей), или были в себе разочарованы, или считали, что подвели свою семью',
      az: 'Özünüz haqqında pis fikirləşmək — uğursuz olduğunuzu, yaxud özünüzü və ya ailənizi məyus etdiyinizi düşünmək',
    },
    {
      en: 'Trouble concentrating on things, such as reading the newspaper or watching television',
      ru: 'Вам было трудно сосредоточиться (например, на чтении газеты или на просмотре телепередач)',
      az: 'Diqqəti cəmləməkdə çətinlik, məsələn, qəzet oxuyarkən və ya televizora baxarkən',
    },
    {
      en: 'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
      ru: 'Вы двигались или говорили настолько медленно, что окружающие это замечали? Или, наоборот, Вы были настолько суетливы или взбудоражены, что двигались гораздо больше обычного',
      az: 'O qədər yavaş hərəkət etmək və ya danışmaq ki, başqaları bunu hiss edə bilərdi? Yaxud əksinə — o qədər narahat və ya həyəcanlı olmaq ki, adi vaxtdan çox hərəkət etmək',
    },
    {
      en: 'Thoughts that you would be better off dead or of hurting yourself in some way',
      ru: 'Вас посещали мысли о том, что Вам лучше было бы умереть, или о том, чтобы причинить себе какой-нибудь вред',
      az: 'Ölməyin daha yaxşı olacağı və ya özünüzə hər hansı şəkildə zərər vurmaq barədə fikirlər',
    },
  ].map((text, i) => ({ id: `phq9_${i + 1}`, text, scored: true })),
  bands: [
    { code: 'minimal', min: 0, max: 4, label: { en: 'Minimal', ru: 'Минимальная', az: 'Minimal' } },
    { code: 'mild', min: 5, max: 9, label: { en: 'Mild', ru: 'Лёгкая', az: 'Yüngül' } },
    { code: 'moderate', min: 10, max: 14, label: { en: 'Moderate', ru: 'Умеренная', az: 'Orta' } },
    {
      code: 'moderately_severe',
      min: 15,
      max: 19,
      label: { en: 'Moderately severe', ru: 'Умеренно тяжёлая', az: 'Orta ağır' },
    },
    { code: 'severe', min: 20, max: 27, label: { en: 'Severe', ru: 'Тяжёлая', az: 'Ağır' } },
  ],
  loincTotal: '44261-6',
  outcomeMeasure: true,
  // MHT-2: item 9 above 0 opens a same-day risk assessment.
  triggers: [{ item: 'phq9_9', min: 1, urgency: 'same_day', rule: 'MHT-2' }],
  riskRules: [],
  licence: publicDomain('PHQ-9'),
};

export const gad7: InstrumentDefinition = {
  code: 'gad7',
  version: '1.0',
  title: {
    en: 'Generalized Anxiety Disorder scale (GAD-7)',
    ru: 'Шкала генерализованного тревожного расстройства (GAD-7)',
    az: 'Ümumiləşmiş Təşviş Pozuntusu şkalası (GAD-7)',
  },
  preamble: {
    en: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
    ru: 'Как часто за последние 2 недели Вас беспокоили следующие проблемы?',
    az: 'Son 2 həftə ərzində aşağıdakı problemlər sizi nə qədər tez-tez narahat edib?',
  },
  languages: ['az', 'en', 'ru'],
  // The 0 anchor is "Not at all", never "Not at all sure" (Zorowitz 2021).
  options: phqOptions,
  items: [
    {
      en: 'Feeling nervous, anxious, or on edge',
      ru: 'Вы нервничали, тревожились или испытывали сильный стресс',
      az: 'Əsəbilik, təşviş və ya gərginlik hissi',
    },
    {
      en: 'Not being able to stop or control worrying',
      ru: 'Вы были не в состоянии успокоиться или контролировать своё волнение',
      az: 'Narahatlığı dayandıra və ya idarə edə bilməmək',
    },
    {
      en: 'Worrying too much about different things',
      ru: 'Вы слишком сильно беспокоились по различным поводам',
      az: 'Müxtəlif şeylərə görə həddindən artıq narahat olmaq',
    },
    { en: 'Trouble relaxing', ru: 'Вам было трудно расслабиться', az: 'Rahatlamaqda çətinlik' },
    {
      en: 'Being so restless that it is hard to sit still',
      ru: 'Вы были настолько суетливы, что Вам было тяжело усидеть на месте',
      az: 'O qədər narahat olmaq ki, yerində oturmaq çətin olsun',
    },
    {
      en: 'Becoming easily annoyed or irritable',
      ru: 'Вы легко злились или раздражались',
      az: 'Asanlıqla hirslənmək və ya əsəbiləşmək',
    },
    {
      en: 'Feeling afraid, as if something awful might happen',
      ru: 'Вы испытывали страх, словно должно произойти нечто ужасное',
      az: 'Sanki dəhşətli bir şey baş verəcəkmiş kimi qorxu hissi',
    },
  ].map((text, i) => ({ id: `gad7_${i + 1}`, text, scored: true })),
  bands: [
    { code: 'minimal', min: 0, max: 4, label: { en: 'Minimal', ru: 'Минимальная', az: 'Minimal' } },
    { code: 'mild', min: 5, max: 9, label: { en: 'Mild', ru: 'Лёгкая', az: 'Yüngül' } },
    { code: 'moderate', min: 10, max: 14, label: { en: 'Moderate', ru: 'Умеренная', az: 'Orta' } },
    { code: 'severe', min: 15, max: 21, label: { en: 'Severe', ru: 'Тяжёлая', az: 'Ağır' } },
  ],
  loincTotal: '70274-6',
  outcomeMeasure: true,
  triggers: [],
  riskRules: [],
  licence: publicDomain('GAD-7'),
};

const yesNo = [
  { value: 0, label: { en: 'No', ru: 'Нет', az: 'Xeyr' } },
  { value: 1, label: { en: 'Yes', ru: 'Да', az: 'Bəli' } },
];

/** The Columbia Suicide Severity Rating Scale, screen version (recent): yes/no, read by its answers. */
export const cssrsScreen: InstrumentDefinition = {
  code: 'cssrs_screen',
  version: '2016',
  title: {
    en: 'Columbia Suicide Severity Rating Scale — Screen version',
    ru: 'Колумбийская шкала оценки тяжести суицидального риска — скрининговая версия',
    az: 'Kolumbiya İntihar Riskinin Ağırlıq Şkalası — skrininq versiyası',
  },
  preamble: { en: 'In the past month:', ru: 'За последний месяц:', az: 'Son bir ay ərzində:' },
  languages: ['az', 'en', 'ru'],
  options: yesNo,
  items: [
    {
      id: 'cssrs_1',
      text: {
        en: 'Have you wished you were dead or wished you could go to sleep and not wake up?',
        ru: 'Желали ли Вы себе смерти или хотели ли заснуть и не проснуться?',
        az: 'Ölmək və ya yuxuya gedib bir daha oyanmamaq arzusunda olmusunuzmu?',
      },
      scored: true,
    },
    {
      id: 'cssrs_2',
      text: {
        en: 'Have you actually had any thoughts of killing yourself?',
        ru: 'Были ли у Вас на самом деле мысли о том, чтобы убить себя?',
        az: 'Həqiqətən özünüzü öldürmək barədə fikirləriniz olubmu?',
      },
      scored: true,
    },
    {
      id: 'cssrs_3',
      askIf: { item: 'cssrs_2', min: 1 },
      text: {
        en: 'Have you been thinking about how you might do this?',
        ru: 'Думали ли Вы о том, как Вы могли бы это сделать?',
        az: 'Bunu necə edə biləcəyiniz barədə düşünmüsünüzmü?',
      },
      scored: true,
    },
    {
      id: 'cssrs_4',
      askIf: { item: 'cssrs_2', min: 1 },
      text: {
        en: 'Have you had these thoughts and had some intention of acting on them?',
        ru: 'Были ли у Вас такие мысли и некоторое намерение действовать в соответствии с ними?',
        az: 'Bu fikirlər olub və onlara uyğun hərəkət etmək niyyətiniz olubmu?',
      },
      scored: true,
    },
    {
      id: 'cssrs_5',
      askIf: { item: 'cssrs_2', min: 1 },
      text: {
        en: 'Have you started to work out or worked out the details of how to kill yourself? Do you intend to carry out this plan?',
        ru: 'Начали ли Вы продумывать или продумали ли детали того, как убить себя? Намерены ли Вы осуществить этот план?',
        az: 'Özünüzü necə öldürəcəyinizin təfərrüatlarını düşünməyə başlamısınızmı və ya düşünmüsünüzmü? Bu planı həyata keçirmək niyyətindəsinizmi?',
      },
      scored: true,
    },
    {
      id: 'cssrs_6',
      text: {
        en: 'Have you ever done anything, started to do anything, or prepared to do anything to end your life?',
        ru: 'Вы когда-либо делали что-либо, начинали делать что-либо или готовились сделать что-либо, чтобы покончить с собой?',
        az: 'Nə vaxtsa həyatınıza son qoymaq üçün nəsə etmisiniz, etməyə başlamısınız və ya hazırlaşmısınızmı?',
      },
      scored: true,
    },
    {
      id: 'cssrs_6b',
      askIf: { item: 'cssrs_6', min: 1 },
      text: {
        en: 'If YES, was this within the past 3 months?',
        ru: 'Если ДА, было ли это в течение последних 3 месяцев?',
        az: 'Əgər BƏLİ-dirsə, bu son 3 ay ərzində olubmu?',
      },
      scored: false,
    },
  ],
  bands: [],
  loincTotal: null,
  outcomeMeasure: false,
  triggers: [
    { item: 'cssrs_4', min: 1, urgency: 'immediate', rule: 'MHS-1' },
    { item: 'cssrs_5', min: 1, urgency: 'immediate', rule: 'MHS-1' },
    { item: 'cssrs_6b', min: 1, urgency: 'immediate', rule: 'MHS-1' },
    { item: 'cssrs_3', min: 1, urgency: 'h24', rule: 'MHS-1' },
  ],
  riskRules: [
    { level: 'low', anyOf: ['cssrs_1', 'cssrs_2'] },
    { level: 'moderate', anyOf: ['cssrs_3', 'cssrs_6'] },
    { level: 'high', anyOf: ['cssrs_4', 'cssrs_5', 'cssrs_6b'] },
  ],
  licence: {
    name: 'Free to use in clinical settings without permission (The Columbia Lighthouse Project)',
    holder: 'The Research Foundation for Mental Hygiene, Inc. (Posner et al.)',
    source: 'cssrs.columbia.edu — use of the scale',
    // Official translations exist; the Azerbaijani wording here is a working text (ADR 0043).
    noDerivatives: false,
    approvedTranslations: false,
    translations: {
      en: 'Original English screen version (cssrs.columbia.edu)',
      ru: 'Russian version as distributed by the Columbia Lighthouse Project',
      az: 'Azerbaijani version: to be replaced by the Columbia-approved translation when issued; recorded here as the project’s working text',
    },
  },
};

/** The built-in instruments, by code. */
export const builtInInstruments: readonly InstrumentDefinition[] = [phq9, gad7, cssrsScreen];
