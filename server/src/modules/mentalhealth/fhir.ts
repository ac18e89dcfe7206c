import { type InstrumentDefinition, type InstrumentLanguage, LOINC_SYSTEM } from '@custodia/domain';
import type { FhirResource, FhirResourceType, IpsSection } from '../../platform/contributions.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { MentalhealthService } from './service.ts';
import type { MhResponseTable } from './tables.ts';

const INSTRUMENT = 'urn:custodia:instrument';
const answersSystem = (code: string) => `${INSTRUMENT}:${code}:answer`;

const wording = (w: Partial<Record<InstrumentLanguage, string>>, language: InstrumentLanguage) =>
  w[language] ?? w.en ?? w.az ?? w.ru ?? '';

/** MHT-1: an instrument as an R4 Questionnaire in one language, its wording unchanged, its licence as copyright. */
export function toQuestionnaire(def: InstrumentDefinition, language: InstrumentLanguage) {
  const lang = def.languages.includes(language) ? language : (def.languages[0] as InstrumentLanguage);
  return {
    resourceType: 'Questionnaire',
    id: def.code,
    url: `${INSTRUMENT}:${def.code}`,
    version: def.version,
    name: def.code.toUpperCase(),
    title: wording(def.title, lang),
    status: 'active',
    language: lang,
    subjectType: ['Patient'],
    copyright: `${def.licence.name}. ${def.licence.holder}. ${def.licence.source}`,
    ...(def.loincTotal ? { code: [{ system: LOINC_SYSTEM, code: def.loincTotal }] } : {}),
    item: def.items.map((item) => ({
      linkId: item.id,
      text: wording(item.text, lang),
      type: 'choice',
      required: !item.askIf,
      ...(item.askIf
        ? {
            enableWhen: [
              {
                question: item.askIf.item,
                operator: '=',
                answerCoding: { system: answersSystem(def.code), code: String(item.askIf.min) },
              },
            ],
          }
        : {}),
      answerOption: (item.options ?? def.options ?? []).map((o) => ({
        valueCoding: {
          system: answersSystem(def.code),
          code: String(o.value),
          display: wording(o.label, lang),
        },
      })),
    })),
  };
}

async function responses(executor: Executor, where: { id?: string; personId?: string }, count: number) {
  let q = executor.selectFrom('mh_response').selectAll().orderBy('completed_at', 'desc').limit(count);
  if (where.id) q = q.where('id', '=', where.id);
  if (where.personId) q = q.where('person_id', '=', where.personId);
  return q.execute();
}

/** MHT-1: a response as an R4 QuestionnaireResponse (the answers' codes and values). */
function toResponse(r: MhResponseTable): FhirResource {
  const answers = JSON.parse(r.answers) as Record<string, number>;
  return {
    resourceType: 'QuestionnaireResponse',
    id: r.id,
    questionnaire: `${INSTRUMENT}:${r.instrument_code}|${r.instrument_version}`,
    status: 'completed',
    subject: { reference: `Patient/${r.person_id}` },
    authored: r.completed_at,
    item: Object.entries(answers).map(([linkId, value]) => ({
      linkId,
      answer: [{ valueCoding: { system: answersSystem(r.instrument_code), code: String(value) } }],
    })),
  } as FhirResource;
}

/** MHT-1: a total as an R4 Observation (survey), LOINC 44261-6 for PHQ-9, 70274-6 for GAD-7. */
function toObservation(r: MhResponseTable, loinc: string | null): FhirResource {
  return {
    resourceType: 'Observation',
    id: r.id,
    status: 'final',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/observation-category',
            code: 'survey',
            display: 'Survey',
          },
        ],
      },
    ],
    code: {
      coding: loinc
        ? [{ system: LOINC_SYSTEM, code: loinc }]
        : [{ system: INSTRUMENT, code: r.instrument_code }],
      text: `${r.instrument_code.toUpperCase()} total score`,
    },
    subject: { reference: `Patient/${r.person_id}` },
    effectiveDateTime: r.completed_at,
    valueInteger: r.total,
    ...(r.band
      ? {
          interpretation: [{ coding: [{ system: `${INSTRUMENT}:${r.instrument_code}:band`, code: r.band }] }],
        }
      : {}),
    derivedFrom: [{ reference: `QuestionnaireResponse/${r.id}` }],
  } as FhirResource;
}

/**
 * MHS-1 (ADR 0051): a referral as an R4 EpisodeOfCare — waiting for its assessment (`waitlist`), in
 * care after an assessment that set a care plan or asked for a transfer (`active`), `finished` when
 * the assessment found no further action needed. The urgency travels as a second type coding; the
 * reason, the assessment and any diagnosis (restricted, MHS-1) never do.
 */
async function referralEpisodes(
  executor: Executor,
  where: { id?: string; personId?: string },
  count: number,
) {
  let q = executor
    .selectFrom('mh_referral as r')
    .leftJoin('mh_assessment as a', 'a.referral_id', 'r.id')
    .select(['r.id', 'r.person_id', 'r.referred_at', 'r.urgency', 'r.source', 'a.assessed_at', 'a.outcome'])
    .orderBy('r.referred_at', 'desc')
    .limit(count);
  if (where.id) q = q.where('r.id', '=', where.id);
  if (where.personId) q = q.where('r.person_id', '=', where.personId);
  return (await q.execute()).map((r) => {
    const finished = r.outcome === 'no_further_action';
    const status = !r.assessed_at ? 'waitlist' : finished ? 'finished' : 'active';
    return {
      resourceType: 'EpisodeOfCare',
      id: r.id,
      status,
      statusHistory: [
        {
          status: 'waitlist',
          period: { start: r.referred_at, ...(r.assessed_at ? { end: r.assessed_at } : {}) },
        },
        ...(r.assessed_at
          ? [{ status, period: { start: r.assessed_at, ...(finished ? { end: r.assessed_at } : {}) } }]
          : []),
      ],
      type: [
        {
          coding: [
            {
              system: 'urn:custodia:episode-of-care',
              code: 'mental-health-referral',
              display: 'Mental-health referral',
            },
            { system: 'urn:custodia:mentalhealth:urgency', code: r.urgency },
          ],
          text: `Mental-health referral (${r.urgency}, from ${r.source})`,
        },
      ],
      patient: { reference: `Patient/${r.person_id}` },
      period: { start: r.referred_at, ...(finished && r.assessed_at ? { end: r.assessed_at } : {}) },
    } as FhirResource;
  });
}

export function mentalhealthFhirResources(mentalhealth: MentalhealthService): FhirResourceType[] {
  const loincOf = async (executor: Executor, rows: MhResponseTable[]) => {
    const codes = new Map<string, string | null>();
    for (const code of new Set(rows.map((r) => r.instrument_code)))
      codes.set(code, (await mentalhealth.instruments.definition(executor, code)).loincTotal ?? null);
    return codes;
  };
  const personOf = async (executor: Executor, id: string) =>
    (await executor.selectFrom('mh_response').select('person_id').where('id', '=', id).executeTakeFirst())
      ?.person_id;
  return [
    {
      type: 'EpisodeOfCare',
      async personOf(executor, id) {
        const row = await executor
          .selectFrom('mh_referral')
          .select('person_id')
          .where('id', '=', id)
          .executeTakeFirst();
        return row?.person_id;
      },
      async read(tx, id) {
        return (await referralEpisodes(tx, { id }, 1))[0] ?? null;
      },
      search: (tx, personId, _reader, count) => referralEpisodes(tx, { personId }, count),
    },
    {
      type: 'QuestionnaireResponse',
      personOf,
      async read(tx, id) {
        const [row] = await responses(tx, { id }, 1);
        return row ? toResponse(row) : null;
      },
      search: async (tx, personId, _reader, count) =>
        (await responses(tx, { personId }, count)).map(toResponse),
    },
    {
      type: 'Observation',
      personOf,
      async read(tx, id) {
        const [row] = await responses(tx, { id }, 1);
        if (!row) return null;
        return toObservation(row, (await loincOf(tx, [row])).get(row.instrument_code) ?? null);
      },
      async search(tx, personId, _reader, count) {
        const rows = await responses(tx, { personId }, count);
        const loinc = await loincOf(tx, rows);
        return rows.map((r) => toObservation(r, loinc.get(r.instrument_code) ?? null));
      },
    },
  ];
}

/** TRC-1: the latest instrument totals travel in the IPS as a mental-status section (LOINC 10190-7). */
export function mentalhealthIpsSections(mentalhealth: MentalhealthService): IpsSection[] {
  return [
    {
      title: 'Mental health: instrument scores',
      code: '10190-7',
      empty: 'No mental-health instrument completed',
      async resources(tx, personId) {
        const rows = await responses(tx, { personId }, 20);
        const loinc = new Map<string, string | null>();
        for (const code of new Set(rows.map((r) => r.instrument_code)))
          loinc.set(code, (await mentalhealth.instruments.definition(tx, code)).loincTotal ?? null);
        return rows.map((r) => toObservation(r, loinc.get(r.instrument_code) ?? null));
      },
    },
  ];
}
