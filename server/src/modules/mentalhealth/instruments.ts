import {
  builtInInstruments,
  definitionProblems,
  type InstrumentDefinition,
  type InstrumentSummary,
  instrumentDefinitionSchema,
  newId,
  type ResponseCreateInput,
  scoreInstrument,
  triggerUrgency,
} from '@custodia/domain';
import { type Executor, inTransaction } from '../../platform/db/database.ts';
import { AppError, forbidden, ruleRefused } from '../../platform/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import type { AuditActor } from '../audit/index.ts';
import type { Caller } from '../identity/index.ts';
import { inScope, type MentalhealthDeps } from './context.ts';
import type { Referrals } from './referrals.ts';

/**
 * MHT-1: the instrument registry (built-in definitions and those a ministry added, as data) and the
 * responses, scored by the system; MHT-2: a trigger (PHQ-9 item 9) opens a referral in the same
 * transaction. Scores are clinical: health staff only (ADR 0043).
 */
export function createInstruments(deps: MentalhealthDeps, referrals: Referrals) {
  const { db, clock, audit, registry } = deps;
  const builtIn = new Map(builtInInstruments.map((d) => [d.code, d]));

  async function definition(executor: Executor, code: string): Promise<InstrumentDefinition> {
    const own = builtIn.get(code);
    if (own) return own;
    const row = await executor
      .selectFrom('mh_instrument')
      .select('definition')
      .where('code', '=', code)
      .executeTakeFirst();
    if (!row) throw new AppError('instrument_not_found', 404, 'No such instrument.');
    return instrumentDefinitionSchema.parse(JSON.parse(row.definition));
  }

  const summary = (d: InstrumentDefinition, isBuiltIn: boolean): InstrumentSummary => ({
    code: d.code,
    version: d.version,
    title: d.title as Record<string, string>,
    languages: d.languages,
    builtIn: isBuiltIn,
    licence: d.licence.name,
    outcomeMeasure: d.outcomeMeasure,
  });

  return {
    definition,

    /** MHT-1: every instrument in the registry (built in first), each with its licence. */
    async list() {
      const rows = await db
        .selectFrom('mh_instrument')
        .select('definition')
        .orderBy('code')
        .limit(200)
        .execute();
      return {
        items: [
          ...builtInInstruments.map((d) => summary(d, true)),
          ...rows.map((r) => summary(instrumentDefinitionSchema.parse(JSON.parse(r.definition)), false)),
        ],
      };
    },

    /** MHT-1: one instrument's full definition: its wording, shown unchanged. */
    async get(code: string) {
      return definition(db, code);
    },

    /**
     * MHT-1: a ministry adds a licensed instrument without code: its licence recorded, wording in
     * every language it claims (an approved translation under a no-derivatives licence). Refused by
     * name when the code exists or the definition breaks a rule; nothing written then.
     */
    async add(actor: AuditActor, userId: string, def: InstrumentDefinition) {
      return inTransaction(db, async (tx) => {
        const problems = definitionProblems(def);
        if (problems.length) throw ruleRefused(problems);
        const exists =
          builtIn.has(def.code) ||
          (await tx
            .selectFrom('mh_instrument')
            .select('code')
            .where('code', '=', def.code)
            .executeTakeFirst());
        if (exists) throw new AppError('instrument_exists', 409, 'An instrument with this code exists.');
        await tx
          .insertInto('mh_instrument')
          .values({
            code: def.code,
            version: def.version,
            definition: JSON.stringify(def),
            licence_name: def.licence.name,
            added_by: userId,
            added_at: clock.now().toISOString(),
          })
          .execute();
        await audit.record(tx, actor, {
          action: 'mentalhealth.instrument.add',
          dataClass: 'administrative',
          outcome: 'allowed',
          resourceType: 'mh_instrument',
          resourceId: def.code,
          details: { licence: def.licence.name, languages: def.languages.join(',') },
        });
        return { id: def.code };
      });
    },

    /**
     * MHT-1: a completed instrument, scored here (an answer out of range refused, nothing written);
     * MHT-2: its triggers open a referral at once, in the same transaction.
     */
    async record(caller: Caller, personId: string, input: ResponseCreateInput, key?: string) {
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `mentalhealth:response:${personId}`, body: input },
          async () => {
            const def = await definition(tx, input.instrumentCode);
            if (!def.languages.includes(input.language))
              throw ruleRefused([{ path: 'language', code: 'language_not_licensed' }]);
            const { problems, score } = scoreInstrument(def, input.answers);
            if (!score) throw ruleRefused(problems);
            const person = await referrals.personInCustody(tx, caller.viewer, personId);
            if (input.courseId) {
              const enrolled = await tx
                .selectFrom('mh_enrolment')
                .select('id')
                .where('course_id', '=', input.courseId)
                .where('person_id', '=', personId)
                .executeTakeFirst();
              if (!enrolled) throw ruleRefused([{ path: 'courseId', code: 'not_enrolled' }]);
            }
            const now = clock.now().toISOString();
            const id = newId();
            await tx
              .insertInto('mh_response')
              .values({
                id,
                person_id: person.id,
                institution_id: person.institutionId,
                instrument_code: def.code,
                instrument_version: def.version,
                language: input.language,
                mode: input.mode,
                answers: JSON.stringify(input.answers),
                total: score.total,
                band: score.band,
                risk: score.risk,
                course_id: input.courseId ?? null,
                completed_at: now,
                recorded_by: caller.userId,
              })
              .execute();
            await audit.record(tx, caller.audit, {
              action: 'mentalhealth.response.record',
              dataClass: 'clinical',
              outcome: 'allowed',
              resourceType: 'mh_response',
              resourceId: id,
              personId: person.id,
              details: { instrument: def.code, mode: input.mode },
            });
            let referralId: string | null = null;
            const trigger = score.triggers[0];
            if (trigger) {
              const { urgency, sameDay } = triggerUrgency(trigger.urgency);
              referralId = await referrals.insertReferral(tx, {
                personId: person.id,
                institutionId: person.institutionId,
                source: 'instrument',
                urgency,
                sameDay,
                reason: `${def.code.toUpperCase()} ${trigger.item}: ${input.answers[trigger.item]} (${trigger.rule})`,
                rule: trigger.rule,
                referredAt: now,
                referredBy: caller.userId,
                responseId: id,
              });
              await audit.record(tx, caller.audit, {
                action: 'mentalhealth.referral.raise',
                dataClass: 'clinical',
                outcome: 'allowed',
                resourceType: 'mh_referral',
                resourceId: referralId,
                personId: person.id,
                details: { source: 'instrument', rule: trigger.rule },
              });
            }
            return { id, total: score.total, band: score.band, risk: score.risk, referralId };
          },
        ),
      );
    },

    /** MHT-1: a person's scores over time (for the chart), newest 200, audited as a clinical read. */
    async series(caller: Caller, personId: string) {
      return inTransaction(db, async (tx) => {
        const person = await registry.personForViewer(tx, caller.viewer, personId);
        if (
          person.institution_id &&
          !inScope(caller.viewer, person.institution_id) &&
          !caller.viewer.national
        )
          throw forbidden('You do not work there.');
        const rows = await tx
          .selectFrom('mh_response')
          .select(['id', 'instrument_code', 'completed_at', 'total', 'band', 'risk', 'mode'])
          .where('person_id', '=', personId)
          .orderBy('completed_at', 'desc')
          .limit(200)
          .execute();
        const label = (await registry.personLabels(tx, [personId])).get(personId);
        await audit.record(tx, caller.audit, {
          action: 'mentalhealth.response.list',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'mh_response',
          personId,
          details: { count: rows.length },
        });
        return {
          personId,
          prisonNumber: label?.prisonNumber ?? '',
          name: label?.name ?? '',
          items: rows.reverse().map((r) => ({
            id: r.id,
            instrumentCode: r.instrument_code,
            completedAt: r.completed_at,
            total: r.total,
            band: r.band,
            risk: r.risk as 'low' | 'moderate' | 'high' | null,
            mode: r.mode as 'clinician' | 'self_report',
          })),
        };
      });
    },
  };
}

export type Instruments = ReturnType<typeof createInstruments>;
