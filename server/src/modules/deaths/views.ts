import {
  type DeathBodyOutcome,
  type DeathChecklistStep,
  type DeathClinical,
  type DeathEvent,
  type DeathEventKind,
  type DeathsRegister,
  deathChecklistState,
  deathClosureProblems,
  deathLocalDay,
  deathManners,
  INVESTIGATION_PROMPT_HOURS,
  wallTimeToInstant,
} from '@custodia/domain';
import { type Executor, inTransaction } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import type { Caller } from '../identity/index.ts';
import { amended } from './commands.ts';
import { type DeathsDeps, eventInScope, inScope, zoneOf } from './context.ts';
import type { DeathEventTable } from './tables.ts';

/** At most this many events on a list, a worklist or a register (a year of a country holds fewer). */
export const EVENT_LIMIT = 500;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** MHS-8: a death without a review opened is on the health manager's worklist 7 days after it is found. */
const REVIEW_OPEN_DAYS = 7;

/** Every child row of some events, one query per kind (never one per event). */
async function childrenOf(ex: Executor, ids: readonly string[]) {
  const list = [...ids];
  if (!list.length)
    return {
      amendments: [],
      involved: [],
      steps: [],
      investigations: [],
      snapshots: [],
      reviews: [],
      reviewers: [],
      actions: [],
      bodies: [],
    };
  const [amendments, involved, steps, investigations, snapshots, reviews, actions, bodies] =
    await Promise.all([
      ex
        .selectFrom('death_amendment')
        .selectAll()
        .where('event_id', 'in', list)
        .orderBy('recorded_at')
        .orderBy('id')
        .execute(),
      ex
        .selectFrom('death_involved_staff')
        .selectAll()
        .where('event_id', 'in', list)
        .orderBy('recorded_at')
        .execute(),
      ex
        .selectFrom('death_step')
        .selectAll()
        .where('event_id', 'in', list)
        .orderBy('at')
        .orderBy('id')
        .execute(),
      ex
        .selectFrom('death_investigation')
        .selectAll()
        .where('event_id', 'in', list)
        .orderBy('recorded_at')
        .orderBy('id')
        .execute(),
      ex.selectFrom('death_snapshot').selectAll().where('event_id', 'in', list).execute(),
      ex
        .selectFrom('death_review')
        .selectAll()
        .where('event_id', 'in', list)
        .orderBy('recorded_at')
        .execute(),
      ex
        .selectFrom('death_action')
        .selectAll()
        .where('event_id', 'in', list)
        .orderBy('due_on')
        .orderBy('id')
        .execute(),
      // INJ-8: the body's release and return (the latest entry stands).
      ex
        .selectFrom('death_body_release')
        .selectAll()
        .where('event_id', 'in', list)
        .orderBy('recorded_at')
        .orderBy('id')
        .execute(),
    ]);
  const reviewers = reviews.length
    ? await ex
        .selectFrom('death_reviewer')
        .selectAll()
        .where(
          'review_id',
          'in',
          reviews.map((r) => r.id),
        )
        .orderBy('recorded_at')
        .execute()
    : [];
  return { amendments, involved, steps, investigations, snapshots, reviews, reviewers, actions, bodies };
}
type Children = Awaited<ReturnType<typeof childrenOf>>;

const of = <T extends { event_id: string }>(rows: readonly T[], id: string) =>
  rows.filter((r) => r.event_id === id);

export function createDeathsViews(deps: DeathsDeps) {
  const { db, clock, registry, identity, audit, storage } = deps;

  /** The checklist of an event now, in its institution's zone. */
  function checklistOf(row: DeathEventTable, children: Children, timeZone: string, now: Date) {
    return deathChecklistState(
      row.kind as DeathEventKind,
      row.found_at,
      of(children.steps, row.id).map((s) => ({ step: s.step as DeathChecklistStep, at: s.at })),
      now,
      timeZone,
    );
  }

  async function zones(institutionIds: readonly string[]) {
    const all = await registry.listInstitutions();
    const map = new Map(all.map((i) => [i.id, i.timeZone]));
    return (id: string) =>
      (institutionIds.includes(id) ? map.get(id) : undefined) ?? map.get(id) ?? deps.timeZone;
  }

  /** The open events of the viewer's institutions, oldest first, bounded. */
  function openEvents(ex: Executor, scope: { institutionIds: readonly string[]; national: boolean }) {
    let q = ex
      .selectFrom('death_event')
      .selectAll()
      .where('closed_at', 'is', null)
      .orderBy('found_at')
      .orderBy('id')
      .limit(EVENT_LIMIT);
    if (!scope.national) {
      if (!scope.institutionIds.length) return Promise.resolve([] as DeathEventTable[]);
      q = q.where('institution_id', 'in', [...scope.institutionIds]);
    }
    return q.execute();
  }

  return {
    /** DTH-1, INJ-8: the event, its checklist, investigation and review (no clinical content). */
    async event(caller: Caller, id: string): Promise<DeathEvent> {
      const ex = db;
      const row = await eventInScope(ex, id, caller.viewer);
      const children = await childrenOf(ex, [id]);
      const current = amended(row, children.amendments);
      const { timeZone } = await zoneOf(deps, row.institution_id);
      const now = clock.now();
      const checklist = checklistOf(row, children, timeZone, now);
      const userIds = [
        row.recorded_by,
        ...(row.closed_by ? [row.closed_by] : []),
        ...children.amendments.map((a) => a.recorded_by),
        ...children.steps.map((s) => s.recorded_by),
        ...children.investigations.map((i) => i.recorded_by),
        ...children.bodies.map((b) => b.recorded_by),
      ];
      const staffIds = [
        ...children.involved.map((i) => i.staff_id),
        ...children.reviewers.map((r) => r.staff_id),
        ...children.actions.map((a) => a.owner_staff_id),
      ];
      const [users, staff, labels] = await Promise.all([
        identity.displayNames(ex, userIds),
        registry.staffNames(ex, staffIds),
        registry.personLabels(ex, [row.person_id]),
      ]);
      const user = (uid: string) => users.get(uid) ?? '';
      const label = labels.get(row.person_id);
      const investigation = children.investigations.at(-1);
      const snapshot = children.snapshots[0];
      const today = deathLocalDay(now.toISOString(), timeZone);
      return {
        id: row.id,
        personId: row.person_id,
        prisonNumber: label?.prisonNumber ?? '',
        name: label?.name ?? '',
        institutionId: row.institution_id,
        kind: row.kind as DeathEventKind,
        foundAt: current.found_at,
        place: current.place,
        foundBy: current.found_by,
        circumstances: current.circumstances,
        resuscitationAttempted:
          current.resuscitation_attempted === null ? null : current.resuscitation_attempted === 1,
        pronouncedBy: current.pronounced_by,
        pronouncedAt: current.pronounced_at,
        setting: current.setting,
        manner: current.manner,
        recordedBy: user(row.recorded_by),
        recordedAt: row.recorded_at,
        closedAt: row.closed_at,
        closedBy: row.closed_by ? user(row.closed_by) : null,
        amendments: children.amendments.map((a) => ({
          id: a.id,
          reason: a.reason,
          changes: JSON.parse(a.changes) as Record<string, unknown>,
          author: user(a.recorded_by),
          recordedAt: a.recorded_at,
        })),
        checklist: checklist.map((l) => ({
          ...l,
          entries: children.steps
            .filter((s) => s.step === l.step)
            .map((s) => ({
              id: s.id,
              at: s.at,
              channel: s.channel,
              recipient: s.recipient,
              reference: s.reference,
              note: s.note,
              author: user(s.recorded_by),
              recordedAt: s.recorded_at,
            })),
        })),
        investigation: investigation
          ? {
              authority: investigation.authority,
              reference: investigation.reference,
              openedAt: investigation.opened_at,
              author: user(investigation.recorded_by),
              recordedAt: investigation.recorded_at,
            }
          : null,
        involvedStaff: children.involved.map((i) => ({ id: i.staff_id, name: staff.get(i.staff_id) ?? '' })),
        body: children.bodies.map((b) => ({
          id: b.id,
          releasedAt: b.released_at,
          releaseReference: b.release_reference,
          outcome: b.outcome as DeathBodyOutcome,
          returnedAt: b.returned_at,
          recipientName: b.recipient_name,
          recipientRelation: b.recipient_relation,
          buriedOn: b.buried_on,
          note: b.note,
          correctionReason: b.correction_reason,
          author: user(b.recorded_by),
          recordedAt: b.recorded_at,
        })),
        snapshot: snapshot
          ? { sha256: snapshot.sha256, size: snapshot.size, takenAt: snapshot.recorded_at }
          : null,
        reviews: children.reviews.map((r) => ({
          id: r.id,
          kind: r.kind as 'clinical_review' | 'psychological_autopsy',
          openedAt: r.recorded_at,
          dueAt: r.due_at,
          concludedAt: r.concluded_at,
          reviewers: children.reviewers
            .filter((x) => x.review_id === r.id)
            .map((x) => ({ id: x.staff_id, name: staff.get(x.staff_id) ?? '' })),
        })),
        actions: children.actions.map((a) => ({
          id: a.id,
          reviewId: a.review_id,
          recommendation: a.recommendation,
          ownerStaffId: a.owner_staff_id,
          owner: staff.get(a.owner_staff_id) ?? '',
          dueOn: a.due_on,
          doneAt: a.done_at,
          evidence: a.evidence,
          overdue: !a.done_at && a.due_on < today,
        })),
        closeProblems: deathClosureProblems({
          kind: row.kind as DeathEventKind,
          closedAt: row.closed_at,
          investigationReference: investigation?.reference ?? null,
          checklist,
          reviewConcluded: children.reviews.some((r) => r.concluded_at !== null),
          bodyAccountedFor: children.bodies.length > 0,
        }).map((p) => p.code),
      };
    },

    /** DAT-7: cause, autopsy and the review's findings: health roles only, an audited clinical read. */
    async clinical(caller: Caller, id: string): Promise<DeathClinical> {
      return inTransaction(db, async (tx) => {
        const row = await eventInScope(tx, id, caller.viewer);
        const [entries, reviews] = await Promise.all([
          tx
            .selectFrom('death_clinical')
            .selectAll()
            .where('event_id', '=', id)
            .orderBy('recorded_at')
            .orderBy('id')
            .execute(),
          tx
            .selectFrom('death_review')
            .selectAll()
            .where('event_id', '=', id)
            .orderBy('recorded_at')
            .execute(),
        ]);
        const names = await identity.displayNames(tx, [
          ...entries.map((e) => e.recorded_by),
          ...reviews.flatMap((r) => (r.concluded_by ? [r.concluded_by] : [])),
        ]);
        await audit.record(tx, caller.audit, {
          action: 'deaths.clinical.read',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'death_event',
          resourceId: id,
          personId: row.person_id,
        });
        return {
          entries: entries.map((e) => ({
            id: e.id,
            causeCode: e.cause_code,
            causeText: e.cause_text,
            autopsy: e.autopsy,
            autopsyResult: e.autopsy_result,
            author: names.get(e.recorded_by) ?? '',
            recordedAt: e.recorded_at,
          })),
          reviews: reviews.map((r) => ({
            id: r.id,
            findings: r.findings,
            concludedBy: r.concluded_by ? (names.get(r.concluded_by) ?? '') : null,
          })),
        };
      });
    },

    /** DAT-7: the medical file frozen at death, its bytes checked against the hash; an audited read. */
    async snapshot(caller: Caller, id: string) {
      const { row, snap } = await inTransaction(db, async (tx) => {
        const row = await eventInScope(tx, id, caller.viewer);
        const snap = await tx
          .selectFrom('death_snapshot')
          .selectAll()
          .where('event_id', '=', id)
          .executeTakeFirst();
        if (!snap) throw notFound('No frozen file for this event.');
        await audit.record(tx, caller.audit, {
          action: 'deaths.snapshot.read',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'death_event',
          resourceId: id,
          personId: row.person_id,
        });
        return { row, snap };
      });
      return { bytes: await storage.get(snap.sha256), sha256: snap.sha256, personId: row.person_id };
    },

    /** The events of a person (the person page), newest first. */
    async ofPerson(caller: Caller, personId: string) {
      await registry.personForViewer(db, caller.viewer, personId);
      const rows = await db
        .selectFrom('death_event')
        .selectAll()
        .where('person_id', '=', personId)
        .orderBy('found_at', 'desc')
        .limit(50)
        .execute();
      return this.listed(rows.filter((r) => inScope(caller.viewer, r.institution_id)));
    },

    /** The open events of the viewer's institutions (the navigation's page). */
    async openList(caller: Caller, institutionId?: string) {
      const scope = institutionId
        ? inScope(caller.viewer, institutionId)
          ? { institutionIds: [institutionId], national: false }
          : { institutionIds: [], national: false }
        : caller.viewer;
      return this.listed(await openEvents(db, scope));
    },

    async listed(rows: DeathEventTable[]) {
      const children = await childrenOf(
        db,
        rows.map((r) => r.id),
      );
      const labels = await registry.personLabels(
        db,
        rows.map((r) => r.person_id),
      );
      const zone = await zones(rows.map((r) => r.institution_id));
      const now = clock.now();
      return {
        items: rows.map((r) => {
          const label = labels.get(r.person_id);
          return {
            id: r.id,
            personId: r.person_id,
            prisonNumber: label?.prisonNumber ?? '',
            name: label?.name ?? '',
            institutionId: r.institution_id,
            kind: r.kind as DeathEventKind,
            foundAt: r.found_at,
            closedAt: r.closed_at,
            overdueSteps: checklistOf(r, children, zone(r.institution_id), now).filter(
              (l) => l.state === 'overdue',
            ).length,
          };
        }),
      };
    },

    /** The staff of an institution, to name who was involved, reviewers and owners. */
    async staff(caller: Caller, institutionId: string) {
      if (!inScope(caller.viewer, institutionId)) throw notFound('No such institution.');
      const page = await registry.listStaff(
        { ...caller.viewer, national: true, institutionIds: [] },
        { institutionId, limit: 200 },
      );
      return {
        items: page.items
          .filter((s) => s.active)
          .map((s) => ({ id: s.id, name: s.fullName, position: s.position })),
      };
    },

    /**
     * The worklist: steps due and overdue (DTH-1), reviews to open or conclude (MHS-8), actions due
     * and overdue (MON-2), for open events of the viewer's institutions (actions of closed ones too).
     */
    async dueItems(scope: { institutionIds: readonly string[]; national: boolean }) {
      const open = await openEvents(db, scope);
      let actionsQ = db.selectFrom('death_action').selectAll().where('done_at', 'is', null);
      if (!scope.national)
        actionsQ = actionsQ.where('event_id', 'in', (eb) =>
          eb
            .selectFrom('death_event')
            .select('id')
            .where('institution_id', 'in', [...scope.institutionIds]),
        );
      const actions = await actionsQ.orderBy('due_on').orderBy('id').limit(EVENT_LIMIT).execute();
      const actionEvents = actions.length
        ? await db
            .selectFrom('death_event')
            .selectAll()
            .where('id', 'in', [...new Set(actions.map((a) => a.event_id))])
            .execute()
        : [];
      const children = await childrenOf(
        db,
        open.map((r) => r.id),
      );
      const allEvents = [...open, ...actionEvents.filter((e) => !open.some((o) => o.id === e.id))].filter(
        (e) => scope.national || scope.institutionIds.includes(e.institution_id),
      );
      const labels = await registry.personLabels(
        db,
        allEvents.map((e) => e.person_id),
      );
      const zone = await zones(allEvents.map((e) => e.institution_id));
      const now = clock.now();
      const nowIso = now.toISOString();
      const labelOf = (e: DeathEventTable) => {
        const l = labels.get(e.person_id);
        return l ? `${l.prisonNumber} ${l.surname}` : '';
      };
      type Item = {
        kind: 'step' | 'review_open' | 'review' | 'action' | 'body_awaiting_return';
        eventId: string;
        institutionId: string;
        label: string;
        detail: string;
        since: string;
        dueAt: string | null;
        overdue: boolean;
      };
      const items: Item[] = [];
      for (const e of open) {
        const timeZone = zone(e.institution_id);
        for (const l of checklistOf(e, children, timeZone, now)) {
          if (l.doneAt) continue;
          items.push({
            kind: 'step',
            eventId: e.id,
            institutionId: e.institution_id,
            label: labelOf(e),
            detail: l.step,
            since: e.found_at,
            dueAt: l.dueAt,
            overdue: l.state === 'overdue',
          });
        }
        // INJ-8: once the investigation is recorded and the body not yet returned, a standing line
        // for the governor (no deadline: the investigation decides when the body may go).
        const investigation = of(children.investigations, e.id)[0];
        if (e.kind === 'death' && investigation && !of(children.bodies, e.id).length)
          items.push({
            kind: 'body_awaiting_return',
            eventId: e.id,
            institutionId: e.institution_id,
            label: labelOf(e),
            detail: '',
            since: investigation.opened_at,
            dueAt: null,
            overdue: false,
          });
        const reviews = of(children.reviews, e.id);
        if (e.kind === 'death' && !reviews.length) {
          const dueAt = new Date(Date.parse(e.found_at) + REVIEW_OPEN_DAYS * DAY_MS).toISOString();
          items.push({
            kind: 'review_open',
            eventId: e.id,
            institutionId: e.institution_id,
            label: labelOf(e),
            detail: 'clinical_review',
            since: e.found_at,
            dueAt,
            overdue: nowIso > dueAt,
          });
        }
        for (const r of reviews.filter((x) => !x.concluded_at))
          items.push({
            kind: 'review',
            eventId: e.id,
            institutionId: e.institution_id,
            label: labelOf(e),
            detail: r.kind,
            since: r.recorded_at,
            dueAt: r.due_at,
            overdue: nowIso > r.due_at,
          });
      }
      for (const a of actions) {
        const e = allEvents.find((x) => x.id === a.event_id);
        if (!e) continue;
        const timeZone = zone(e.institution_id);
        const dueAt = wallTimeToInstant(`${a.due_on}T23:59:59`, timeZone) ?? `${a.due_on}T23:59:59.000Z`;
        items.push({
          kind: 'action',
          eventId: e.id,
          institutionId: e.institution_id,
          label: labelOf(e),
          detail: a.recommendation.slice(0, 80),
          since: a.recorded_at,
          dueAt,
          overdue: nowIso > dueAt,
        });
      }
      return items;
    },

    /**
     * DAT-7: the deaths of an institution in a year (or one month of it), with the indicators. Clinical
     * columns (cause, autopsy) only for `clinical` readers; the caller decides and suppresses.
     */
    async register(
      caller: Caller,
      query: { institutionId: string; year: number; month: number | null; clinical: boolean },
    ): Promise<Omit<DeathsRegister, 'suppression'> & { timeZone: string }> {
      if (!inScope(caller.viewer, query.institutionId)) throw notFound('No such institution.');
      const { timeZone } = await zoneOf(deps, query.institutionId);
      const pad = (n: number) => String(n).padStart(2, '0');
      const [fromDay, toDay] = query.month
        ? [
            `${query.year}-${pad(query.month)}-01`,
            query.month === 12 ? `${query.year + 1}-01-01` : `${query.year}-${pad(query.month + 1)}-01`,
          ]
        : [`${query.year}-01-01`, `${query.year + 1}-01-01`];
      const from = wallTimeToInstant(`${fromDay}T00:00:00`, timeZone) ?? `${fromDay}T00:00:00.000Z`;
      const to = wallTimeToInstant(`${toDay}T00:00:00`, timeZone) ?? `${toDay}T00:00:00.000Z`;
      return inTransaction(db, async (tx) => {
        const rows = await tx
          .selectFrom('death_event')
          .selectAll()
          .where('institution_id', '=', query.institutionId)
          .where('kind', '=', 'death')
          .where('found_at', '>=', from)
          .where('found_at', '<', to)
          .orderBy('found_at')
          .orderBy('id')
          .limit(EVENT_LIMIT)
          .execute();
        const ids = rows.map((r) => r.id);
        const children = await childrenOf(tx, ids);
        const clinical =
          query.clinical && ids.length
            ? await tx
                .selectFrom('death_clinical')
                .selectAll()
                .where('event_id', 'in', ids)
                .orderBy('recorded_at')
                .orderBy('id')
                .execute()
            : [];
        const labels = await registry.personLabels(
          tx,
          rows.map((r) => r.person_id),
        );
        const population = Number(
          (
            await tx
              .selectFrom(registry.personIdsIn(tx, [query.institutionId]).as('p'))
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
        if (query.clinical && ids.length)
          await audit.record(tx, caller.audit, {
            action: 'deaths.clinical.read',
            dataClass: 'clinical',
            outcome: 'allowed',
            resourceType: 'death_event',
            details: { register: query.institutionId, events: ids.length },
          });
        const lines = rows.map((r) => {
          const current = amended(r, of(children.amendments, r.id));
          const label = labels.get(r.person_id);
          const inv = of(children.investigations, r.id).at(-1);
          const kin = of(children.steps, r.id).find((s) => s.step === 'next_of_kin');
          const acts = of(children.actions, r.id);
          const c = clinical.filter((x) => x.event_id === r.id).at(-1);
          return {
            id: r.id,
            foundAt: r.found_at,
            prisonNumber: label?.prisonNumber ?? '',
            name: label?.name ?? '',
            setting: current.setting,
            manner: current.manner,
            nextOfKinAt: kin?.at ?? null,
            investigationReference: inv?.reference ?? null,
            investigationOpenedAt: inv?.opened_at ?? null,
            recommendations: acts.length,
            implemented: acts.filter((a) => a.done_at).length,
            closedAt: r.closed_at,
            causeCode: c?.cause_code ?? null,
            causeText: c?.cause_text ?? null,
            autopsy: query.clinical ? (c?.autopsy ?? 'not_requested') : null,
            // Whether an autopsy was done is counted for everyone (an indicator); its findings are not.
            autopsyDone: rows.length ? undefined : undefined,
          };
        });
        // The share with an autopsy is an indicator for every reader: counted from the clinical rows
        // without exposing them (only whether the last entry says "done").
        const autopsyRows = ids.length
          ? await tx
              .selectFrom('death_clinical')
              .select(['event_id', 'autopsy', 'recorded_at', 'id'])
              .where('event_id', 'in', ids)
              .orderBy('recorded_at')
              .orderBy('id')
              .execute()
          : [];
        const lastAutopsy = new Map(autopsyRows.map((a) => [a.event_id, a.autopsy]));
        const byManner = Object.fromEntries(
          deathManners.map((m) => [m, lines.filter((l) => (l.manner ?? 'pending') === m).length]),
        ) as Record<string, number>;
        const rate = (n: number) => (population ? Math.round((n / population) * 10_000 * 10) / 10 : 0);
        return {
          institutionId: query.institutionId,
          year: query.year,
          month: query.month,
          timeZone,
          lines: lines.map(({ autopsyDone: _, ...l }) => l),
          indicators: {
            population,
            deaths: lines.length,
            byManner,
            ratePer10000ByManner: Object.fromEntries(Object.entries(byManner).map(([m, n]) => [m, rate(n)])),
            withAutopsy: ids.filter((id) => lastAutopsy.get(id) === 'done').length,
            investigationWithin24h: rows.filter((r) => {
              const inv = of(children.investigations, r.id)[0];
              return (
                !!inv &&
                Date.parse(inv.opened_at) - Date.parse(r.found_at) <= INVESTIGATION_PROMPT_HOURS * HOUR_MS
              );
            }).length,
            recommendations: lines.reduce((n, l) => n + l.recommendations, 0),
            implemented: lines.reduce((n, l) => n + l.implemented, 0),
          },
        };
      });
    },

    /** The chart's section (DAT-7): when the person died in custody and the hash of the frozen file. */
    async deathOf(ex: Executor, personId: string) {
      const row = await ex
        .selectFrom('death_event')
        .leftJoin('death_snapshot', 'death_snapshot.event_id', 'death_event.id')
        .select([
          'death_event.id',
          'death_event.found_at',
          'death_event.pronounced_at',
          'death_snapshot.sha256',
          'death_snapshot.recorded_at as frozen_at',
        ])
        .where('death_event.person_id', '=', personId)
        .where('death_event.kind', '=', 'death')
        .orderBy('death_event.found_at')
        .limit(1)
        .executeTakeFirst();
      if (!row) return null;
      return {
        eventId: row.id,
        diedAt: row.pronounced_at ?? row.found_at,
        frozenAt: row.frozen_at ?? null,
        sha256: row.sha256 ?? null,
      };
    },
  };
}
