import {
  type DeathAmendmentInput,
  type DeathBodyReleaseInput,
  type DeathChecklistStep,
  type DeathClinicalEntryInput,
  type DeathEventKind,
  type DeathEventStartInput,
  type DeathInvestigationInput,
  type DeathProblem,
  type DeathStepInput,
  deathBodyReleaseProblems,
  deathChecklistState,
  deathClosureProblems,
  deathStepsOf,
  deathTimeNotFuture,
  newId,
} from '@custodia/domain';
import { inTransaction, type Tx } from '../../platform/db/database.ts';
import { conflict, ruleRefused } from '../../platform/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import type { AuditActor } from '../audit/index.ts';
import type { Caller } from '../identity/index.ts';
import { type DeathsDeps, eventInScope, inScope, zones } from './context.ts';
import type { DeathEventTable } from './tables.ts';

/** A person's name as the file and the register write it: Latin first, else Cyrillic. */
export const nameOf = (p: {
  surname_latin: string | null;
  given_name_latin: string | null;
  surname_cyrillic: string | null;
  given_name_cyrillic: string | null;
}) =>
  [p.surname_latin ?? p.surname_cyrillic, p.given_name_latin ?? p.given_name_cyrillic]
    .filter(Boolean)
    .join(' ');

/** The event's facts as first written and amended since (X-2: the latest amendment of a field stands). */
export function amended(row: DeathEventTable, amendments: readonly { changes: string }[]): DeathEventTable {
  const current = { ...row };
  const columns: Record<string, keyof DeathEventTable> = {
    place: 'place',
    foundBy: 'found_by',
    circumstances: 'circumstances',
    resuscitationAttempted: 'resuscitation_attempted',
    pronouncedBy: 'pronounced_by',
    pronouncedAt: 'pronounced_at',
    setting: 'setting',
    manner: 'manner',
  };
  for (const a of amendments) {
    for (const [field, value] of Object.entries(JSON.parse(a.changes) as Record<string, unknown>)) {
      const column = columns[field];
      if (!column) continue;
      (current as Record<string, unknown>)[column] =
        field === 'resuscitationAttempted' ? (value ? 1 : 0) : value;
    }
  }
  return current;
}

/** Reporting the event and working its checklist: the custodial acts (INJ-8, DTH-1, DAT-7, X-2). */
export function createEventCommands(deps: DeathsDeps) {
  const { db, clock, audit, registry, documents, storage } = deps;

  /**
   * One entry on an event: in one transaction, once per Idempotency-Key, on an event in the caller's
   * scope, refused in words (nothing written) when `check` finds problems.
   */
  function entryOn<Body>(
    caller: Caller,
    id: string,
    key: string | undefined,
    kind: string,
    body: Body,
    check: (row: DeathEventTable, now: Date, tx: Tx) => Promise<DeathProblem[]> | DeathProblem[],
    write: (tx: Tx, row: DeathEventTable, now: Date, entryId: string) => Promise<void>,
  ) {
    return inTransaction(db, (tx) =>
      once(tx, clock, { userId: caller.userId, key, scope: `deaths:${id}:${kind}`, body }, async () => {
        const row = await eventInScope(tx, id, caller.viewer);
        const now = clock.now();
        const problems = await check(row, now, tx);
        if (problems.length) throw ruleRefused(problems);
        const entryId = newId();
        await write(tx, row, now, entryId);
        return { id: entryId };
      }),
    );
  }

  const closed = (row: DeathEventTable): DeathProblem[] =>
    row.closed_at ? [{ path: '', code: 'already_closed' }] : [];

  /**
   * DAT-7, DTH-1: the file as it stands at death — the copy of the whole file (ADR 0015) — stored
   * under its SHA-256 and the hash kept with the event, in the caller's transaction, so that no entry
   * slips between the death and the freeze.
   */
  async function freezeFile(
    tx: Tx,
    f: {
      eventId: string;
      person: Parameters<typeof nameOf>[0] & { id: string; prison_number: string; birth_date: string };
      institutionId: string;
      userId: string;
      displayName: string;
      actor: AuditActor;
      now: Date;
      /** The institution's zone and name (read before the transaction); the deployment's zone if absent. */
      zone?: { timeZone: string; name: { az: string } | null };
    },
  ) {
    const { timeZone, name } = f.zone ?? { timeZone: deps.timeZone, name: null };
    const bytes = await documents.frozenCopy(tx, f.person.id, {
      language: 'az',
      timeZone,
      institution: name?.az ?? null,
      at: f.now.toISOString(),
      by: f.displayName,
      person: {
        name: nameOf(f.person),
        prisonNumber: f.person.prison_number,
        birthDate: f.person.birth_date,
      },
    });
    const stored = await storage.put(bytes);
    await tx
      .insertInto('death_snapshot')
      .values({
        id: newId(),
        event_id: f.eventId,
        person_id: f.person.id,
        sha256: stored.sha256,
        size: bytes.length,
        recorded_by: f.userId,
        recorded_at: f.now.toISOString(),
      })
      .execute();
    await audit.record(tx, f.actor, {
      action: 'deaths.snapshot.take',
      dataClass: 'clinical',
      outcome: 'allowed',
      resourceType: 'death_event',
      resourceId: f.eventId,
      personId: f.person.id,
      details: { sha256: stored.sha256 },
    });
  }

  return {
    freezeFile,
    /**
     * INJ-8, DTH-1: a death, serious injury or disappearance reported; the checklist opens with it.
     * DAT-7: a death freezes the medical file in the same transaction — the copy of the whole file
     * (ADR 0015) stored under its SHA-256, the hash kept with the event.
     */
    async recordEvent(caller: Caller, personId: string, input: DeathEventStartInput, key?: string) {
      const zone = await zones(deps);
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `deaths:${personId}:event`, body: input },
          async () => {
            const person = await registry.personForViewer(tx, caller.viewer, personId);
            const now = clock.now();
            const problems: DeathProblem[] = [
              ...deathTimeNotFuture(input.foundAt, now, 'foundAt'),
              ...(input.pronouncedAt ? deathTimeNotFuture(input.pronouncedAt, now, 'pronouncedAt') : []),
            ];
            if (input.pronouncedAt && input.pronouncedAt < input.foundAt)
              problems.push({ path: 'pronouncedAt', code: 'before_found' });
            const institutionId = person.institution_id;
            if (!institutionId) problems.push({ path: '', code: 'no_institution' });
            const staff = input.involvedStaffIds.length
              ? await registry.staffMembers(tx, [...input.involvedStaffIds])
              : [];
            if (
              staff.length !== new Set(input.involvedStaffIds).size ||
              staff.some((s) => s.institution_id !== institutionId)
            )
              problems.push({ path: 'involvedStaffIds', code: 'staff_elsewhere' });
            if (problems.length || !institutionId) throw ruleRefused(problems);
            if (!inScope(caller.viewer, institutionId))
              throw ruleRefused([{ path: '', code: 'out_of_scope' }]);
            const id = newId();
            const isDeath = input.kind === 'death';
            await tx
              .insertInto('death_event')
              .values({
                id,
                person_id: personId,
                institution_id: institutionId,
                kind: input.kind,
                found_at: input.foundAt,
                place: input.place,
                found_by: input.foundBy,
                circumstances: input.circumstances,
                resuscitation_attempted:
                  input.resuscitationAttempted === undefined || input.resuscitationAttempted === null
                    ? null
                    : input.resuscitationAttempted
                      ? 1
                      : 0,
                pronounced_by: isDeath ? (input.pronouncedBy ?? null) : null,
                pronounced_at: isDeath ? (input.pronouncedAt ?? null) : null,
                setting: isDeath ? (input.setting ?? 'in_custody') : null,
                manner: isDeath ? (input.manner ?? 'pending') : null,
                recorded_by: caller.userId,
                recorded_at: now.toISOString(),
                closed_at: null,
                closed_by: null,
                close_note: null,
                version: 1,
              })
              .execute();
            if (input.involvedStaffIds.length)
              await tx
                .insertInto('death_involved_staff')
                .values(
                  [...new Set(input.involvedStaffIds)].map((staffId) => ({
                    id: newId(),
                    event_id: id,
                    staff_id: staffId,
                    recorded_by: caller.userId,
                    recorded_at: now.toISOString(),
                  })),
                )
                .execute();
            await audit.record(tx, caller.audit, {
              action: 'deaths.event.record',
              dataClass: 'custodial',
              outcome: 'allowed',
              resourceType: 'death_event',
              resourceId: id,
              personId,
              details: { kind: input.kind },
            });
            if (isDeath)
              await freezeFile(tx, {
                eventId: id,
                person,
                institutionId,
                userId: caller.userId,
                displayName: caller.user.displayName,
                actor: caller.audit,
                now,
                zone: zone(institutionId),
              });
            return { id };
          },
        ),
      );
    },

    /** the record is never edited. An attempt is refused in words and writes nothing. */
    refuseEdit(): never {
      throw conflict(
        'A death or incident record is never edited: correct it with an amendment that gives its reason.',
        { code: 'death_record_append_only' },
      );
    },

    /** a correction, appended with its reason; the original stays as written. */
    async amend(caller: Caller, id: string, input: DeathAmendmentInput, key?: string) {
      const { reason, ...rest } = input;
      const changes = Object.fromEntries(
        Object.entries(rest).filter(([, v]) => v !== undefined && v !== null),
      );
      return entryOn(
        caller,
        id,
        key,
        'amend',
        input,
        (row, now) => [
          ...closed(row),
          ...(row.kind !== 'death' &&
          ['pronouncedBy', 'pronouncedAt', 'setting', 'manner'].some((f) => f in changes)
            ? [{ path: 'manner', code: 'death_only' }]
            : []),
          ...(typeof changes.pronouncedAt === 'string'
            ? deathTimeNotFuture(changes.pronouncedAt, now, 'pronouncedAt')
            : []),
        ],
        async (tx, row, now, entryId) => {
          await tx
            .insertInto('death_amendment')
            .values({
              id: entryId,
              event_id: id,
              reason,
              changes: JSON.stringify(changes),
              recorded_by: caller.userId,
              recorded_at: now.toISOString(),
            })
            .execute();
          await audit.record(tx, caller.audit, {
            action: 'deaths.event.amend',
            dataClass: 'custodial',
            outcome: 'allowed',
            resourceType: 'death_event',
            resourceId: id,
            personId: row.person_id,
            details: { fields: Object.keys(changes).join(',') },
          });
        },
      );
    },

    /** DTH-1, INJ-8: a step of the checklist done: when, by whom (the caller), channel, whom, reference. */
    async recordStep(caller: Caller, id: string, input: DeathStepInput, key?: string) {
      return entryOn(
        caller,
        id,
        key,
        'step',
        input,
        (row, now) => [
          ...closed(row),
          ...(deathStepsOf(row.kind as DeathEventKind).includes(input.step)
            ? []
            : [{ path: 'step', code: 'step_not_for_kind' }]),
          ...deathTimeNotFuture(input.at, now, 'at'),
          ...(input.at < row.found_at ? [{ path: 'at', code: 'before_found' }] : []),
        ],
        async (tx, row, now, entryId) => {
          await tx
            .insertInto('death_step')
            .values({
              id: entryId,
              event_id: id,
              step: input.step,
              at: input.at,
              channel: input.channel,
              recipient: input.recipient,
              reference: input.reference ?? null,
              note: input.note ?? null,
              recorded_by: caller.userId,
              recorded_at: now.toISOString(),
            })
            .execute();
          await audit.record(tx, caller.audit, {
            action: 'deaths.step.record',
            dataClass: 'custodial',
            outcome: 'allowed',
            resourceType: 'death_event',
            resourceId: id,
            personId: row.person_id,
            details: { step: input.step },
          });
        },
      );
    },

    /** INJ-8: the independent investigation's authority, reference and opening. */
    async recordInvestigation(caller: Caller, id: string, input: DeathInvestigationInput, key?: string) {
      return entryOn(
        caller,
        id,
        key,
        'investigation',
        input,
        (row, now) => [
          ...closed(row),
          ...deathTimeNotFuture(input.openedAt, now, 'openedAt'),
          ...(input.openedAt < row.found_at ? [{ path: 'openedAt', code: 'before_found' }] : []),
        ],
        async (tx, row, now, entryId) => {
          await tx
            .insertInto('death_investigation')
            .values({
              id: entryId,
              event_id: id,
              authority: input.authority,
              reference: input.reference,
              opened_at: input.openedAt,
              recorded_by: caller.userId,
              recorded_at: now.toISOString(),
            })
            .execute();
          await audit.record(tx, caller.audit, {
            action: 'deaths.investigation.record',
            dataClass: 'custodial',
            outcome: 'allowed',
            resourceType: 'death_event',
            resourceId: id,
            personId: row.person_id,
          });
        },
      );
    },

    /**
     * INJ-8: "the body is returned when the investigation allows" — the authority's release (when,
     * reference), then the return (when, to whom, their relation; by whom: the caller) or a burial by
     * the state for a documented reason. Custodial (no clinical content). Once: a second entry is a
     * correction with its reason. Refused in words, nothing written.
     */
    async recordBody(caller: Caller, id: string, input: DeathBodyReleaseInput, key?: string) {
      const zone = await zones(deps);
      return entryOn(
        caller,
        id,
        key,
        'body',
        input,
        async (row, now, tx) => {
          const recorded = await tx
            .selectFrom('death_body_release')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('event_id', '=', id)
            .executeTakeFirstOrThrow();
          return deathBodyReleaseProblems(
            {
              kind: row.kind as DeathEventKind,
              foundAt: row.found_at,
              closedAt: row.closed_at,
              recorded: Number(recorded.n),
            },
            input,
            now,
            zone(row.institution_id).timeZone,
          );
        },
        async (tx, row, now, entryId) => {
          const returned = input.outcome === 'returned';
          await tx
            .insertInto('death_body_release')
            .values({
              id: entryId,
              event_id: id,
              released_at: input.releasedAt,
              release_reference: input.releaseReference,
              outcome: input.outcome,
              returned_at: returned ? (input.returnedAt ?? null) : null,
              recipient_name: returned ? (input.recipientName ?? null) : null,
              recipient_relation: returned ? (input.recipientRelation ?? null) : null,
              buried_on: returned ? null : (input.buriedOn ?? null),
              note: input.note || null,
              correction_reason: input.correctionReason ?? null,
              recorded_by: caller.userId,
              recorded_at: now.toISOString(),
            })
            .execute();
          await audit.record(tx, caller.audit, {
            action: 'deaths.body.record',
            dataClass: 'custodial',
            outcome: 'allowed',
            resourceType: 'death_event',
            resourceId: id,
            personId: row.person_id,
            details: { outcome: input.outcome, correction: input.correctionReason ? 'yes' : 'no' },
          });
        },
      );
    },

    /** DAT-7: the cause (ICD-10) and the autopsy; clinical, health roles only. A later entry stands. */
    async recordClinical(caller: Caller, id: string, input: DeathClinicalEntryInput, key?: string) {
      return entryOn(
        caller,
        id,
        key,
        'clinical',
        input,
        (row) => [
          ...(row.kind === 'death' ? [] : [{ path: '', code: 'death_only' }]),
          ...(input.autopsy !== 'done' && input.autopsyResult
            ? [{ path: 'autopsyResult', code: 'autopsy_not_done' }]
            : []),
          ...(!input.causeCode && !input.causeText && input.autopsy === 'not_requested'
            ? [{ path: 'causeText', code: 'required' }]
            : []),
        ],
        async (tx, row, now, entryId) => {
          await tx
            .insertInto('death_clinical')
            .values({
              id: entryId,
              event_id: id,
              cause_code: input.causeCode ?? null,
              cause_text: input.causeText ?? null,
              autopsy: input.autopsy,
              autopsy_result: input.autopsyResult ?? null,
              recorded_by: caller.userId,
              recorded_at: now.toISOString(),
            })
            .execute();
          await audit.record(tx, caller.audit, {
            action: 'deaths.clinical.record',
            dataClass: 'clinical',
            outcome: 'allowed',
            resourceType: 'death_event',
            resourceId: id,
            personId: row.person_id,
          });
        },
      );
    },

    /**
     * DTH-1, INJ-8: the event closes only with an independent investigation's reference, every step
     * done and, for a death, a concluded review (MHS-8) and the body's return recorded (INJ-8). Refused in words otherwise, nothing written.
     */
    async close(caller: Caller, id: string, input: { note?: string | null }) {
      const zone = await zones(deps);
      return inTransaction(db, async (tx) => {
        const row = await eventInScope(tx, id, caller.viewer);
        const now = clock.now();
        const [steps, investigation, reviews, body] = await Promise.all([
          tx.selectFrom('death_step').select(['step', 'at']).where('event_id', '=', id).execute(),
          tx.selectFrom('death_investigation').select('reference').where('event_id', '=', id).execute(),
          tx.selectFrom('death_review').select('concluded_at').where('event_id', '=', id).execute(),
          tx.selectFrom('death_body_release').select('id').where('event_id', '=', id).limit(1).execute(),
        ]);
        const { timeZone } = zone(row.institution_id);
        const problems = deathClosureProblems({
          kind: row.kind as DeathEventKind,
          closedAt: row.closed_at,
          investigationReference: investigation.at(-1)?.reference ?? null,
          checklist: deathChecklistState(
            row.kind as DeathEventKind,
            row.found_at,
            steps.map((s) => ({ step: s.step as DeathChecklistStep, at: s.at })),
            now,
            timeZone,
          ),
          reviewConcluded: reviews.some((r) => r.concluded_at !== null),
          // INJ-8: a death closes once the body's return (or the reason it was not returned) is recorded.
          bodyAccountedFor: body.length > 0,
        });
        if (problems.length) throw ruleRefused(problems);
        await tx
          .updateTable('death_event')
          .set({
            closed_at: now.toISOString(),
            closed_by: caller.userId,
            close_note: input.note ?? null,
            version: row.version + 1,
          })
          .where('id', '=', id)
          .where('closed_at', 'is', null)
          .execute();
        await audit.record(tx, caller.audit, {
          action: 'deaths.event.close',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'death_event',
          resourceId: id,
          personId: row.person_id,
        });
        return { id };
      });
    },
  };
}
