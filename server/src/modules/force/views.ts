import {
  type ExaminationOutcome,
  examinationOverdueAt,
  examinationState,
  type ForceExaminations,
  type ForceIncident,
  type ForceIncidentList,
  type ForceRegisterFact,
  type ForceType,
  forceTypes,
  registerCounts,
  reviewOverdueAt,
} from '@custodia/domain';
import { wallTimeToInstant } from '@custodia/domain/platform';
import { inTransaction, type Tx } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { Caller } from '../identity/index.ts';
import {
  entriesOf,
  type ForceDeps,
  incidentRow,
  inScope,
  inScopeOr404,
  type Scope,
  standingDecision,
} from './context.ts';
import type { ForceIncidentTable } from './tables.ts';

const typesOf = (json: string) => JSON.parse(json) as ForceType[];

/** At most this many incidents on a page, and read for the worklist. */
const PAGE_MAX = 100;
const WORKLIST_MAX = 500;
/** INJ-7: staff whose account is missing are reminded for this long after the force. */
const ACCOUNT_REMINDER_DAYS = 7;

/** The reads of the use-of-force module: an incident, its examinations, lists, worklist, register. */
export function createForceViews(deps: ForceDeps) {
  const { db, clock, timeZone, audit, registry, identity, restraint } = deps;

  /** An incident as custodial staff may see it: examinations as done or due, never their content. */
  async function detailOf(tx: Tx, row: ForceIncidentTable): Promise<ForceIncident> {
    const e = await entriesOf(tx, [row.id]);
    const now = clock.now();
    const labels = await registry.personLabels(
      tx,
      e.persons.map((p) => p.person_id),
    );
    const staffIds = [...new Set([...e.staff.map((s) => s.staff_id), ...e.accounts.map((a) => a.staff_id)])];
    const staffNames = await registry.staffNames(tx, staffIds);
    const names = await identity.displayNames(tx, [
      row.reported_by,
      ...e.accounts.map((a) => a.recorded_by),
      ...e.reviews.map((r) => r.recorded_by),
    ]);
    const cellCode = row.cell_id
      ? ((await registry.cellCodes(tx, [row.cell_id])).get(row.cell_id) ?? null)
      : null;
    const unitCode = row.unit_id
      ? ((await registry.units(tx, row.institution_id)).find((u) => u.id === row.unit_id)?.code ?? null)
      : null;
    const episode = row.restraint_episode_id
      ? (await restraint.episodeSummaries(tx, [row.restraint_episode_id])).get(row.restraint_episode_id)
      : undefined;
    const amended = new Set(e.accounts.flatMap((a) => (a.amends_id ? [a.amends_id] : [])));
    const decision = standingDecision(e.reviews);
    return {
      id: row.id,
      institutionId: row.institution_id,
      unitId: row.unit_id,
      unitCode,
      cellId: row.cell_id,
      cellCode,
      placeNote: row.place_note,
      occurredAt: row.occurred_at,
      recordedAt: row.recorded_at,
      reportedBy: names.get(row.reported_by) ?? '',
      restraint:
        episode && row.restraint_episode_id
          ? { id: row.restraint_episode_id, startedAt: episode.startedAt, types: episode.types }
          : null,
      persons: e.persons.map((p) => {
        const label = labels.get(p.person_id);
        const exam = e.examinations.find((x) => x.person_id === p.person_id);
        return {
          personId: p.person_id,
          prisonNumber: label?.prisonNumber ?? '',
          name: label?.name ?? '',
          // RST-11, MED-1: that it was done and when, nothing of what was found.
          examination: {
            state: examinationState(row.occurred_at, exam?.examined_at ?? null, now),
            overdueAt: examinationOverdueAt(row.occurred_at),
            examinedAt: exam?.examined_at ?? null,
          },
        };
      }),
      staff: e.staff.map((s) => ({
        staffId: s.staff_id,
        name: staffNames.get(s.staff_id) ?? '',
        accountGiven: e.accounts.some((a) => a.staff_id === s.staff_id),
      })),
      accounts: e.accounts.map((a) => ({
        id: a.id,
        staffId: a.staff_id,
        staffName: staffNames.get(a.staff_id) ?? '',
        author: names.get(a.recorded_by) ?? '',
        recordedAt: a.recorded_at,
        types: typesOf(a.types),
        typeOther: a.type_other,
        reason: a.reason,
        narrative: a.narrative,
        durationMinutes: a.duration_minutes,
        deEscalationTried: a.de_escalation_tried === 1,
        deEscalation: a.de_escalation,
        injuriesToStaff: a.injuries_to_staff as 'yes' | 'no' | 'unknown',
        injuriesToPerson: a.injuries_to_person as 'yes' | 'no' | 'unknown',
        witnesses: a.witnesses,
        amendsId: a.amends_id,
        amendReason: a.amend_reason,
        superseded: amended.has(a.id),
      })),
      reviews: e.reviews.map((r) => ({
        id: r.id,
        decision: r.decision,
        note: r.note,
        author: names.get(r.recorded_by) ?? '',
        at: r.recorded_at,
      })),
      decision,
      acknowledged: e.reviews.length > 0,
    };
  }

  /** A page of incidents (their rows already filtered), with people and types, newest first. */
  async function listOf(tx: Tx, rows: ForceIncidentTable[], limit: number): Promise<ForceIncidentList> {
    const page = rows.slice(0, limit);
    const e = await entriesOf(
      tx,
      page.map((r) => r.id),
    );
    const labels = await registry.personLabels(
      tx,
      e.persons.map((p) => p.person_id),
    );
    const last = page[page.length - 1];
    return {
      items: page.map((r) => {
        const accounts = e.accounts.filter((a) => a.incident_id === r.id);
        const persons = e.persons.filter((p) => p.incident_id === r.id);
        const done = new Set(e.examinations.filter((x) => x.incident_id === r.id).map((x) => x.person_id));
        const reviews = e.reviews.filter((x) => x.incident_id === r.id);
        return {
          id: r.id,
          institutionId: r.institution_id,
          occurredAt: r.occurred_at,
          persons: persons.map((p) => ({
            personId: p.person_id,
            prisonNumber: labels.get(p.person_id)?.prisonNumber ?? '',
            name: labels.get(p.person_id)?.name ?? '',
          })),
          types: forceTypes.filter((t) => accounts.some((a) => typesOf(a.types).includes(t))),
          decision: standingDecision(reviews),
          acknowledged: reviews.length > 0,
          examinationsPending: persons.filter((p) => !done.has(p.person_id)).length,
        };
      }),
      nextCursor: rows.length > limit && last ? `${last.occurred_at}|${last.id}` : null,
    };
  }

  return {
    /** INJ-7: an incident, its accounts, reviews and each person's examination status (custodial). */
    async incident(caller: Caller, id: string): Promise<ForceIncident> {
      return inTransaction(db, async (tx) => {
        const row = inScopeOr404(await incidentRow(tx, id), caller.viewer);
        const detail = await detailOf(tx, row);
        await audit.record(tx, caller.audit, {
          action: 'force.incident.read',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'force_incident',
          resourceId: id,
          personId: detail.persons[0]?.personId ?? null,
        });
        return detail;
      });
    },

    /** RST-11, MED-1: the examinations with their clinical content, for health-care roles (audited). */
    async examinations(caller: Caller, id: string): Promise<ForceExaminations> {
      return inTransaction(db, async (tx) => {
        const row = inScopeOr404(await incidentRow(tx, id), caller.viewer);
        const rows = await tx
          .selectFrom('force_examination')
          .selectAll()
          .where('incident_id', '=', row.id)
          .orderBy('examined_at')
          .execute();
        const names = await identity.displayNames(
          tx,
          rows.map((r) => r.examined_by),
        );
        await audit.record(tx, caller.audit, {
          action: 'force.examination.read',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'force_incident',
          resourceId: id,
          personId: rows[0]?.person_id ?? null,
        });
        return {
          items: rows.map((r) => ({
            id: r.id,
            personId: r.person_id,
            outcome: r.outcome as ExaminationOutcome,
            examinedAt: r.examined_at,
            examinedBy: names.get(r.examined_by) ?? '',
            nonMedicalStaffPresent: r.non_medical_present === null ? null : r.non_medical_present === 1,
            presenceReason: r.presence_reason,
            note: r.note,
            injuryRecordId: r.injury_record_id,
            recordedAt: r.recorded_at,
          })),
        };
      });
    },

    /** The uses of force of an institution, or of a person, newest first (paged). */
    async list(
      caller: Caller,
      query: { institutionId?: string; personId?: string; cursor?: string; limit?: number },
    ): Promise<ForceIncidentList> {
      const limit = Math.min(query.limit ?? 50, PAGE_MAX);
      return inTransaction(db, async (tx) => {
        if (!query.institutionId && !query.personId) throw notFound('Name an institution or a person.');
        if (query.institutionId && !inScope(caller.viewer, query.institutionId))
          throw forbidden('You do not work there.');
        if (query.personId) await registry.personForViewer(tx, caller.viewer, query.personId);
        let q = tx.selectFrom('force_incident').selectAll();
        if (query.institutionId) q = q.where('institution_id', '=', query.institutionId);
        else if (!caller.viewer.national) q = q.where('institution_id', 'in', caller.viewer.institutionIds);
        if (query.personId)
          q = q.where('id', 'in', (eb) =>
            eb
              .selectFrom('force_incident_person')
              .select('incident_id')
              .where('person_id', '=', query.personId as string),
          );
        if (query.cursor) {
          const [at, id] = query.cursor.split('|');
          q = q.where((eb) =>
            eb.or([
              eb('occurred_at', '<', at ?? ''),
              eb.and([eb('occurred_at', '=', at ?? ''), eb('id', '<', id ?? '')]),
            ]),
          );
        }
        const rows = await q
          .orderBy('occurred_at', 'desc')
          .orderBy('id', 'desc')
          .limit(limit + 1)
          .execute();
        await audit.record(tx, caller.audit, {
          action: 'force.incident.list',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: query.personId ? 'person' : 'institution',
          resourceId: query.personId ?? query.institutionId ?? null,
          personId: query.personId ?? null,
        });
        return listOf(tx, rows, limit);
      });
    },

    /**
     * The worklist's lines: examinations due or overdue (RST-11, clinical), reports the governor has
     * not decided (INJ-7), and staff involved whose account is missing (INJ-7), bounded.
     */
    async dueItems(
      viewer: Scope,
      lines: ReadonlySet<'examination_due' | 'review_due' | 'account_missing'> = new Set([
        'examination_due',
        'review_due',
        'account_missing',
      ]),
    ) {
      const now = clock.now();
      let pending = db
        .selectFrom('force_incident_person')
        .innerJoin('force_incident', 'force_incident.id', 'force_incident_person.incident_id')
        .leftJoin('force_examination', (j) =>
          j
            .onRef('force_examination.incident_id', '=', 'force_incident_person.incident_id')
            .onRef('force_examination.person_id', '=', 'force_incident_person.person_id'),
        )
        .select([
          'force_incident.id',
          'force_incident.occurred_at',
          'force_incident.institution_id',
          'force_incident_person.person_id',
        ])
        .where('force_examination.id', 'is', null);
      if (!viewer.national)
        pending = pending.where('force_incident.institution_id', 'in', viewer.institutionIds);
      const exams = lines.has('examination_due')
        ? await pending.orderBy('force_incident.occurred_at').limit(WORKLIST_MAX).execute()
        : [];

      let undecided = db
        .selectFrom('force_incident')
        .select(['id', 'occurred_at', 'recorded_at', 'institution_id'])
        .where('id', 'not in', (eb) =>
          eb.selectFrom('force_review').select('incident_id').where('decision', 'is not', null),
        );
      if (!viewer.national) undecided = undecided.where('institution_id', 'in', viewer.institutionIds);
      const reviews = lines.has('review_due')
        ? await undecided.orderBy('recorded_at').limit(WORKLIST_MAX).execute()
        : [];

      const since = new Date(now.getTime() - ACCOUNT_REMINDER_DAYS * 86_400_000).toISOString();
      let missing = db
        .selectFrom('force_incident_staff')
        .innerJoin('force_incident', 'force_incident.id', 'force_incident_staff.incident_id')
        .leftJoin('force_account', (j) =>
          j
            .onRef('force_account.incident_id', '=', 'force_incident_staff.incident_id')
            .onRef('force_account.staff_id', '=', 'force_incident_staff.staff_id'),
        )
        .select([
          'force_incident.id',
          'force_incident.recorded_at',
          'force_incident.institution_id',
          'force_incident_staff.staff_id',
        ])
        .where('force_account.id', 'is', null)
        .where('force_incident.occurred_at', '>=', since);
      if (!viewer.national)
        missing = missing.where('force_incident.institution_id', 'in', viewer.institutionIds);
      const accounts = lines.has('account_missing')
        ? await missing.orderBy('force_incident.recorded_at').limit(WORKLIST_MAX).execute()
        : [];

      const people = reviews.length
        ? await db
            .selectFrom('force_incident_person')
            .select(['incident_id', 'person_id'])
            .where(
              'incident_id',
              'in',
              reviews.map((r) => r.id),
            )
            .execute()
        : [];
      const labels = await registry.personLabels(db, [
        ...exams.map((x) => x.person_id),
        ...people.map((p) => p.person_id),
      ]);
      const staffNames = await registry.staffNames(
        db,
        accounts.map((a) => a.staff_id),
      );
      const label = (personId: string | undefined) => {
        const l = personId ? labels.get(personId) : undefined;
        return l ? `${l.prisonNumber} ${l.surname}` : '';
      };
      return [
        ...exams.map((x) => ({
          kind: 'examination_due' as const,
          incidentId: x.id,
          institutionId: x.institution_id,
          overdue: examinationState(x.occurred_at, null, now) === 'overdue',
          label: label(x.person_id),
          since: x.occurred_at,
          dueAt: examinationOverdueAt(x.occurred_at),
        })),
        ...reviews.map((r) => {
          const dueAt = reviewOverdueAt(r.recorded_at);
          return {
            kind: 'review_due' as const,
            incidentId: r.id,
            institutionId: r.institution_id,
            overdue: now.toISOString() >= dueAt,
            label: people
              .filter((p) => p.incident_id === r.id)
              .map((p) => label(p.person_id))
              .join(', '),
            since: r.recorded_at,
            dueAt,
          };
        }),
        ...accounts.map((a) => ({
          kind: 'account_missing' as const,
          incidentId: a.id,
          institutionId: a.institution_id,
          overdue: false,
          label: staffNames.get(a.staff_id) ?? '',
          since: a.recorded_at,
          dueAt: null,
        })),
      ];
    },

    /**
     * INJ-7, RST-11: the monthly register of an institution, per unit: incidents by type of force,
     * people and whether each was examined within the limit. Counts only; the month is the
     * institution's (its zone).
     */
    async register(caller: Caller, institutionId: string, month: string) {
      if (!inScope(caller.viewer, institutionId)) throw forbidden('You do not work there.');
      const institution = (await registry.listInstitutions()).find((i) => i.id === institutionId);
      if (!institution) throw notFound('No such institution.');
      const zone = institution.timeZone ?? timeZone;
      const [y, m] = month.split('-').map(Number) as [number, number];
      const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
      const from = wallTimeToInstant(`${month}-01T00:00`, zone) ?? `${month}-01T00:00:00.000Z`;
      const to = wallTimeToInstant(`${next}-01T00:00`, zone) ?? `${next}-01T00:00:00.000Z`;
      return inTransaction(db, async (tx) => {
        const rows = await tx
          .selectFrom('force_incident')
          .selectAll()
          .where('institution_id', '=', institutionId)
          .where('occurred_at', '>=', from)
          .where('occurred_at', '<', to)
          .execute();
        const facts = await registerFacts(tx, rows);
        const units = await registry.units(tx, institutionId);
        await audit.record(tx, caller.audit, {
          action: 'force.register.read',
          dataClass: 'aggregate',
          outcome: 'allowed',
          resourceType: 'institution',
          resourceId: institutionId,
          details: { month },
        });
        return {
          institutionId,
          institutionName: institution.name,
          timeZone: zone,
          month,
          total: registerCounts(facts),
          units: [...units]
            .sort((a, b) => a.code.localeCompare(b.code))
            .map((u) => ({
              unitId: u.id,
              unitCode: u.code,
              ...registerCounts(facts.filter((f) => f.unitId === u.id)),
            })),
        };
      });
    },
  };
}

/** The register's facts of incidents: their types (every account's), referral and examinations. */
export async function registerFacts(
  tx: Tx,
  rows: readonly ForceIncidentTable[],
): Promise<ForceRegisterFact[]> {
  const ids = rows.map((r) => r.id);
  if (!ids.length) return [];
  // Only the columns the counts read (no narrative, no staff): four narrow queries.
  const persons = await tx
    .selectFrom('force_incident_person')
    .select(['incident_id', 'person_id'])
    .where('incident_id', 'in', ids)
    .execute();
  const accounts = await tx
    .selectFrom('force_account')
    .select(['incident_id', 'types'])
    .where('incident_id', 'in', ids)
    .execute();
  const reviews = await tx
    .selectFrom('force_review')
    .select(['incident_id', 'decision'])
    .where('incident_id', 'in', ids)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  const exams = await tx
    .selectFrom('force_examination')
    .select(['incident_id', 'person_id', 'examined_at', 'outcome'])
    .where('incident_id', 'in', ids)
    .execute();
  const byIncident = <T extends { incident_id: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const x of list) {
      const group = map.get(x.incident_id);
      if (group) group.push(x);
      else map.set(x.incident_id, [x]);
    }
    return map;
  };
  const accountsOf = byIncident(accounts);
  const personsOf = byIncident(persons);
  const examsOf = byIncident(exams);
  const reviewsOf = byIncident(reviews);
  return rows.map((r) => {
    const done = examsOf.get(r.id) ?? [];
    return {
      unitId: r.unit_id,
      occurredAt: r.occurred_at,
      types: [...new Set((accountsOf.get(r.id) ?? []).flatMap((a) => JSON.parse(a.types) as ForceType[]))],
      referred: standingDecision(reviewsOf.get(r.id) ?? []) === 'referred_for_investigation',
      examinations: (personsOf.get(r.id) ?? []).map((p) => {
        const x = done.find((d) => d.person_id === p.person_id);
        return { examinedAt: x?.examined_at ?? null, outcome: (x?.outcome as ExaminationOutcome) ?? null };
      }),
    };
  });
}
