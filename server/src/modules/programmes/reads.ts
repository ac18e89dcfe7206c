import {
  type CohortEpisode,
  type CohortReport,
  type ContactInvestigationQuery,
  type ContactScreenInput,
  calendarDateIn,
  type contactOutcomes,
  dsCohort,
  earlierOf,
  isolationPlacementProblem,
  lastFinishedQuarter,
  mdrCohort,
  medicationLimits,
  notificationLines,
  notificationTable,
  outcomeCohortOf,
  outcomeLines,
  outcomeTable,
  type ProgrammeEpisode,
  programmeAddDays,
  quarterBounds,
  type RegimenTemplate,
  type SafetyAlert,
  successRate,
  suppressTable,
  YEARLY_SCREEN_DAYS,
} from '@custodia/domain';
import type { PlacementGuard, WorklistContributor, WorklistItem } from '../../platform/contributions.ts';
import { type Executor, inTransaction } from '../../platform/db/database.ts';
import { notFound, ruleRefused } from '../../platform/errors.ts';
import { decodeCursor, keysetAfter, toPage } from '../../platform/http/paging.ts';
import type { Caller } from '../identity/index.ts';
import { programmeApi } from '../medication/index.ts';
import { type ProgrammesDeps, personAccess, programmeRules, scopeOf } from './context.ts';
import type { createEpisodeCommands } from './episodes.ts';
import { createIsolationReviews } from './isolation-review.ts';
import { releaseScreensDue } from './release-screening.ts';
import type { ProgrammeEpisodeTable } from './tables.ts';
import { episodeView, isolationOf, prescriptionsOf } from './views.ts';

/** Worklist lines per kind (bounded: the home page reads them on every visit). */
const WORKLIST_LIMIT = 25;

/** The reads of the registers, the worklists, the reports and the contributions (ADM-6, TB-3 … TB-5). */
export function createProgrammeReads(
  deps: ProgrammesDeps,
  commands: ReturnType<typeof createEpisodeCommands>,
) {
  const { db, clock, timeZone, registry, audit } = deps;
  const access = personAccess(deps);
  const isolationReviews = createIsolationReviews(deps);
  const today = () => calendarDateIn(clock.now(), timeZone);
  const dayOf = (instant: string) => calendarDateIn(new Date(instant), timeZone);

  /** Episodes with their tests, adherence and contact investigation: a fixed number of statements. */
  async function views(executor: Executor, episodes: ProgrammeEpisodeTable[]): Promise<ProgrammeEpisode[]> {
    if (!episodes.length) return [];
    const ids = episodes.map((e) => e.id);
    const [tests, investigations, adherence, reviews] = await Promise.all([
      executor
        .selectFrom('programme_test')
        .selectAll()
        .where('episode_id', 'in', ids)
        .orderBy('sample_on')
        .orderBy('id')
        .execute(),
      executor
        .selectFrom('programme_contact_investigation')
        .select(['id', 'episode_id'])
        .where('episode_id', 'in', ids)
        .execute(),
      programmeApi.supervisedAdherence(
        executor,
        new Map(episodes.map((e) => [e.id, prescriptionsOf(e)])),
        clock.now(),
      ),
      isolationReviews.reviewStates(executor, episodes),
    ]);
    const ci = new Map(investigations.map((i) => [i.episode_id, i.id]));
    const t = today();
    return episodes.map((e) => ({
      ...episodeView(
        e,
        tests.filter((x) => x.episode_id === e.id),
        adherence.get(e.id),
        ci.get(e.id) ?? null,
        t,
        dayOf,
      ),
      isolationReview: reviews.get(e.id) ?? null,
    }));
  }

  async function labels(executor: Executor, ids: string[]) {
    const people = await registry.personLabels(executor, ids);
    return (id: string) => ({
      id,
      name: people.get(id)?.name ?? '',
      prisonNumber: people.get(id)?.prisonNumber ?? null,
    });
  }

  /** ADM-6: the people under airborne isolation from this register (open presumptive or pulmonary episodes). */
  async function isolated(executor: Executor, personIds: readonly string[]) {
    const ids = [...new Set(personIds)];
    if (!ids.length) return [];
    const rows = await executor
      .selectFrom('programme_episode')
      .selectAll()
      .where('programme', '=', 'tb')
      .where('person_id', 'in', ids)
      .where('outcome', 'is', null)
      .where('isolation_ended_on', 'is', null)
      .execute();
    return rows.filter(isolationOf);
  }

  /** The cohort facts of the registered TB episodes of some institutions (null: all) in a period of registration or diagnosis. */
  async function cohortEpisodes(
    institutions: string[] | null,
    from: string,
    to: string,
  ): Promise<CohortEpisode[]> {
    let q = db
      .selectFrom('programme_episode')
      .select([
        'category',
        'bacteriology',
        'site',
        'resistance',
        'diagnosed_on',
        'registered_on',
        'treatment_start_on',
        'outcome',
      ])
      .where('programme', '=', 'tb')
      .where('registered_on', 'is not', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('registered_on', '>=', from), eb('registered_on', '<=', to)]),
          eb.and([eb('diagnosed_on', '>=', from), eb('diagnosed_on', '<=', to)]),
          eb.and([eb('treatment_start_on', '>=', from), eb('treatment_start_on', '<=', to)]),
        ]),
      );
    if (institutions) q = q.where('institution_id', 'in', institutions);
    const rows = await q.execute();
    return rows.map((r) => ({
      category: r.category as CohortEpisode['category'],
      bacteriology: r.bacteriology as CohortEpisode['bacteriology'],
      site: r.site as CohortEpisode['site'],
      resistance: r.resistance as CohortEpisode['resistance'],
      diagnosedOn: r.diagnosed_on as string,
      registeredOn: r.registered_on as string,
      treatmentStartOn: r.treatment_start_on,
      outcome: r.outcome,
    }));
  }

  /** PHC-9: people in custody and those screened for TB in the 12 months to `on`. */
  async function coverage(institutions: string[], on: string) {
    const inCustody = registry.personIdsIn(db, institutions);
    const [all, screened] = await Promise.all([
      db
        .selectFrom(inCustody.as('p'))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('programme_screen')
        .select((eb) => eb.fn.count<number>('person_id').distinct().as('n'))
        .where('person_id', 'in', registry.personIdsIn(db, institutions))
        .where('screened_on', '>', programmeAddDays(on, -YEARLY_SCREEN_DAYS))
        .where('screened_on', '<=', on)
        .executeTakeFirstOrThrow(),
    ]);
    return { inCustody: Number(all.n), screened: Number(screened.n) };
  }

  return {
    views,
    isolated,

    /** A person's programme episodes and screenings (the chart's programme tab). Audited. */
    async person(caller: Caller, personId: string) {
      return inTransaction(db, async (tx) => {
        await access(tx, caller.viewer, caller.audit, personId, {
          action: 'programmes.person.read',
          resourceType: 'programme_episode',
        });
        const [episodes, screens, admissionTasks] = await Promise.all([
          tx
            .selectFrom('programme_episode')
            .selectAll()
            .where('person_id', '=', personId)
            .where('programme', '=', 'tb')
            .orderBy('presumed_on', 'desc')
            .orderBy('id')
            .limit(50)
            .execute(),
          tx
            .selectFrom('programme_screen')
            .selectAll()
            .where('person_id', '=', personId)
            .orderBy('screened_on', 'desc')
            .limit(20)
            .execute(),
          deps.screening.openTasks(caller.viewer, { kinds: ['tb_diagnostic'], limit: 200 }, tx),
        ]);
        return {
          episodes: await views(tx, episodes),
          screens: screens.map((s) => ({
            id: s.id,
            method: s.method,
            occasion: s.occasion,
            screenedOn: s.screened_on,
            result: s.result,
          })),
          // ADM-6: the admission screening found presumptive TB and its work-up task is open.
          presumptiveFromAdmission: admissionTasks.some((t) => t.personId === personId),
        };
      });
    },

    /** The TB register of an institution, newest first, paged (keyset). Audited. */
    async registerList(
      caller: Caller,
      query: { institutionId: string; status?: string; cursor?: string; limit: number },
    ) {
      const scope = scopeOf(caller.viewer, query.institutionId);
      if (scope && !scope.length) throw notFound('No such institution.');
      return inTransaction(db, async (tx) => {
        await audit.record(tx, caller.audit, {
          action: 'programmes.register.read',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'programme_register',
          resourceId: query.institutionId,
        });
        let q = tx
          .selectFrom('programme_episode')
          .selectAll()
          .where('programme', '=', 'tb')
          .where('institution_id', '=', query.institutionId)
          .orderBy('presumed_on', 'desc')
          .orderBy('id', 'desc')
          .limit(query.limit + 1);
        if (query.status) q = q.where('status', '=', query.status);
        const after = decodeCursor(query.cursor, 2);
        if (after) q = q.where(keysetAfter(['presumed_on', 'id'], after, 'desc'));
        const rows = await q.execute();
        const who = await labels(
          tx,
          rows.map((r) => r.person_id),
        );
        return toPage(
          rows,
          query.limit,
          (r) => [r.presumed_on, r.id],
          (r) => ({
            episodeId: r.id,
            person: who(r.person_id),
            status: r.status as ProgrammeEpisode['status'],
            registerNumber: r.register_number,
            presumedOn: r.presumed_on,
            registeredOn: r.registered_on,
            category: r.category,
            bacteriology: r.bacteriology,
            site: r.site,
            resistance: r.resistance,
            regimenCode: r.regimen_code,
            treatmentStartOn: r.treatment_start_on,
            outcome: r.outcome,
            outcomeOn: r.outcome_on,
          }),
        );
      });
    },

    /**
     * TB-5: a contact investigation with a page of its contacts and their screening (a person held
     * three years can have hundreds), and the counts of all of them. Audited.
     */
    async contactInvestigation(caller: Caller, id: string, query: ContactInvestigationQuery) {
      return inTransaction(db, async (tx) => {
        const ci = await tx
          .selectFrom('programme_contact_investigation')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirst();
        if (!ci) throw notFound('No such contact investigation.');
        await access(tx, caller.viewer, caller.audit, ci.person_id, {
          action: 'programmes.contacts.read',
          resourceType: 'programme_contact_investigation',
          resourceId: ci.id,
        });
        const after = decodeCursor(query.cursor, 2);
        const [rows, counts] = await Promise.all([
          tx
            .selectFrom('programme_contact')
            .selectAll()
            .where('investigation_id', '=', ci.id)
            .$if(after !== undefined, (q) => q.where(keysetAfter(['setting', 'id'], after ?? [])))
            .orderBy('setting')
            .orderBy('id')
            .limit(query.limit + 1)
            .execute(),
          tx
            .selectFrom('programme_contact')
            .select((eb) => [
              eb.fn.countAll<number | string>().as('total'),
              eb.fn.count<number | string>('screened_on').as('screened'),
            ])
            .where('investigation_id', '=', ci.id)
            .executeTakeFirstOrThrow(),
        ]);
        const who = await labels(tx, [ci.person_id, ...rows.slice(0, query.limit).map((c) => c.person_id)]);
        const { items, nextCursor } = toPage(
          rows,
          query.limit,
          (c) => [c.setting, c.id],
          (c) => ({
            id: c.id,
            person: who(c.person_id),
            setting: c.setting as 'cell' | 'unit',
            overlapFrom: c.overlap_from,
            overlapTo: c.overlap_to,
            screenedOn: c.screened_on,
            outcome: c.outcome as (typeof contactOutcomes)[number] | null,
            taskId: c.task_id,
          }),
        );
        return {
          id: ci.id,
          episodeId: ci.episode_id,
          indexPerson: who(ci.person_id),
          institutionId: ci.institution_id,
          openedAt: ci.opened_at,
          windowFrom: ci.window_from,
          windowTo: ci.window_to,
          total: Number(counts.total),
          screened: Number(counts.screened),
          contacts: items,
          nextCursor,
        };
      });
    },

    /**
     * TB-5: a contact's screening, done on its task; "presumptive TB" opens the contact's own
     * presumptive episode (and so their isolation alert).
     */
    async screenContact(caller: Caller, contactId: string, input: ContactScreenInput) {
      if (input.screenedOn > today())
        throw ruleRefused([{ path: 'screenedOn', code: 'in_the_future' }], programmeRules);
      return inTransaction(db, async (tx) => {
        const c = await tx
          .selectFrom('programme_contact')
          .selectAll()
          .where('id', '=', contactId)
          .executeTakeFirst();
        if (!c) throw notFound('No such contact.');
        const person = await access(tx, caller.viewer, caller.audit, c.person_id, {
          action: 'programmes.contact.screen',
          resourceType: 'programme_contact_investigation',
          resourceId: c.investigation_id,
        });
        if (c.screened_on) throw ruleRefused([{ path: '', code: 'already_screened' }], programmeRules);
        await tx
          .updateTable('programme_contact')
          .set({
            screened_on: input.screenedOn,
            outcome: input.outcome,
            note: input.note ?? null,
            recorded_by: caller.userId,
          })
          .where('id', '=', c.id)
          .execute();
        if (c.task_id)
          await tx
            .updateTable('programme_task')
            .set({ done_on: input.screenedOn, done_by: caller.userId })
            .where('id', '=', c.task_id)
            .execute();
        if (input.outcome === 'presumptive_tb' && person.institution_id) {
          const open = await tx
            .selectFrom('programme_episode')
            .select('id')
            .where('person_id', '=', c.person_id)
            .where('programme', '=', 'tb')
            .where('outcome', 'is', null)
            .executeTakeFirst();
          if (!open)
            await commands.openEpisode(
              tx,
              {
                personId: c.person_id,
                institutionId: person.institution_id,
                programme: 'tb',
                source: 'contact_investigation',
                presumedOn: input.screenedOn,
              },
              caller.userId,
            );
        }
        return { id: c.id };
      });
    },

    /** The open programme tasks of an institution (contacts, outcome returns), due first. Audited. */
    async tasks(caller: Caller, query: { institutionId: string; kind?: string; limit: number }) {
      const scope = scopeOf(caller.viewer, query.institutionId);
      if (scope && !scope.length) throw notFound('No such institution.');
      return inTransaction(db, async (tx) => {
        await audit.record(tx, caller.audit, {
          action: 'programmes.tasks.read',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'programme_task',
          resourceId: query.institutionId,
        });
        let q = tx
          .selectFrom('programme_task')
          .selectAll()
          .where('institution_id', '=', query.institutionId)
          .where('done_on', 'is', null)
          .orderBy('due_on')
          .orderBy('id')
          .limit(query.limit);
        if (query.kind) q = q.where('kind', '=', query.kind);
        const rows = await q.execute();
        const who = await labels(
          tx,
          rows.map((r) => r.person_id),
        );
        const t = today();
        return {
          items: rows.map((r) => ({
            id: r.id,
            kind: r.kind as 'contact_screen',
            person: who(r.person_id),
            institutionId: r.institution_id,
            dueOn: r.due_on,
            sourceId: r.source_id,
            overdue: r.due_on < t,
          })),
        };
      });
    },

    /**
     * TB-3, PHC-9, DAT-6: the quarterly report (notifications of the quarter by date of diagnosis, the
     * outcomes of the drug-susceptible cohort registered four quarters earlier, the yearly RR/MDR
     * cohort of two years before, screening coverage), small counts suppressed for readers outside the
     * health service. Audited.
     */
    async cohortReport(
      caller: Caller,
      query: { institutionId?: string; quarter?: string },
      threshold: number,
    ): Promise<CohortReport> {
      const institutions = scopeOf(caller.viewer, query.institutionId);
      if (institutions && !institutions.length) throw notFound('No such institution.');
      const quarter = query.quarter ?? lastFinishedQuarter(today());
      const cohortQuarter = outcomeCohortOf(quarter);
      const mdrYear = Number(quarter.slice(0, 4)) - 2;
      const q = quarterBounds(quarter);
      const c = quarterBounds(cohortQuarter);
      const [current, cohort, mdr] = await Promise.all([
        cohortEpisodes(institutions, q.from, q.to),
        cohortEpisodes(institutions, c.from, c.to),
        cohortEpisodes(institutions, `${mdrYear}-01-01`, `${mdrYear}-12-31`),
      ]);
      const ds = dsCohort(cohort, cohortQuarter);
      const dr = mdrCohort(mdr, mdrYear);
      const allInstitutions = institutions ?? (await registry.listInstitutions()).map((i) => i.id);
      const cov = await coverage(allInstitutions, earlierOf(q.to, today()));
      const notifications = notificationTable(current, quarter);
      const outcomes = outcomeTable(ds);
      const mdrOutcomes = outcomeTable(dr);
      await inTransaction(db, (tx) =>
        audit.record(tx, caller.audit, {
          action: 'programmes.report.read',
          dataClass: caller.has('programmes.read') ? 'clinical' : 'aggregate',
          outcome: 'allowed',
          resourceType: 'programme_report',
          resourceId: `${query.institutionId ?? 'all'}:${quarter}`,
        }),
      );
      const base = {
        institutionId: query.institutionId ?? null,
        quarter,
        cohortQuarter,
        mdrYear,
        successRate: successRate(ds),
        mdrSuccessRate: successRate(dr),
      };
      const percent = cov.inCustody ? Math.round((100 * cov.screened) / cov.inCustody) : null;
      if (caller.has('programmes.read'))
        return {
          ...base,
          notifications,
          outcomes,
          mdrOutcomes,
          coverage: { ...cov, percent },
          suppression: null,
        };
      // DAT-6: outside the health service, small cells and those they could be worked out from.
      const n = suppressTable(notifications, notificationLines(), threshold);
      const o = suppressTable(outcomes, outcomeLines(), threshold);
      const m = suppressTable(mdrOutcomes, outcomeLines(), threshold);
      const small = (v: number) => v > 0 && v < threshold;
      const hideRates = o.cells['total.cohort'] === null;
      const hideMdr = m.cells['total.cohort'] === null;
      const hideCoverage = small(cov.screened) || small(cov.inCustody - cov.screened);
      return {
        ...base,
        successRate: hideRates ? null : base.successRate,
        mdrSuccessRate: hideMdr ? null : base.mdrSuccessRate,
        notifications: n.cells,
        outcomes: o.cells,
        mdrOutcomes: m.cells,
        coverage: hideCoverage
          ? { inCustody: cov.inCustody, screened: null, percent: null }
          : { ...cov, percent },
        suppression: {
          threshold,
          cells: [
            ...n.suppressed.map((k) => `notifications.${k}`),
            ...o.suppressed.map((k) => `outcomes.${k}`),
            ...m.suppressed.map((k) => `mdrOutcomes.${k}`),
            ...(hideCoverage ? ['coverage.screened'] : []),
          ],
        },
      };
    },

    /** The regimen templates (configurable; the active ones are offered when prescribing). */
    async regimens(): Promise<RegimenTemplate[]> {
      const rows = await db
        .selectFrom('programme_regimen')
        .selectAll()
        .where('programme', '=', 'tb')
        .orderBy('code')
        .limit(100)
        .execute();
      return rows.map((r) => ({
        code: r.code,
        name: r.name,
        group: r.grp as RegimenTemplate['group'],
        phases: JSON.parse(r.phases),
        active: r.active === 1,
      }));
    },

    /** A regimen template added or changed (its code stays); audited. */
    async saveRegimen(caller: Caller, input: RegimenTemplate) {
      return inTransaction(db, async (tx) => {
        const now = clock.now().toISOString();
        const values = {
          name: input.name,
          grp: input.group,
          phases: JSON.stringify(input.phases),
          active: input.active ? 1 : 0,
          updated_at: now,
        };
        const exists = await tx
          .selectFrom('programme_regimen')
          .select('code')
          .where('code', '=', input.code)
          .executeTakeFirst();
        if (exists)
          await tx.updateTable('programme_regimen').set(values).where('code', '=', input.code).execute();
        else
          await tx
            .insertInto('programme_regimen')
            .values({ code: input.code, programme: 'tb', ...values })
            .execute();
        await audit.record(tx, caller.audit, {
          action: 'programmes.regimen.update',
          dataClass: 'administrative',
          outcome: 'allowed',
          resourceType: 'programme_regimen',
          resourceId: input.code,
        });
        return { id: input.code };
      });
    },

    /** MED-3, ADM-6: the airborne-isolation alert of these people: what to do, never why. */
    async inForce(executor: Executor, personIds: readonly string[]): Promise<Map<string, SafetyAlert[]>> {
      const map = new Map<string, SafetyAlert[]>();
      for (const e of await isolated(executor, personIds)) {
        map.set(e.person_id, [
          ...(map.get(e.person_id) ?? []),
          {
            id: e.id,
            detail: { kind: 'infection_control', precaution: 'airborne' },
            startsAt: new Date(`${e.presumed_on}T00:00:00Z`).toISOString(),
            endsAt: null,
          },
        ]);
      }
      return map;
    },

    /**
     * ADM-6: placing a person under airborne isolation (this register's, or the medical record's
     * airborne alert) in a shared cell that is not an isolation room needs a recorded reason.
     */
    placementGuard: {
      module: 'programmes',
      async check(tx, placement) {
        const own = await isolated(tx, [placement.personId]);
        const alerts = own.length
          ? []
          : ((await deps.alerts.inForce(tx, [placement.personId], placement.at)).get(placement.personId) ??
            []);
        const airborne =
          own.length > 0 ||
          alerts.some((a) => a.detail.kind === 'infection_control' && a.detail.precaution === 'airborne');
        if (!airborne) return null;
        return isolationPlacementProblem(placement.cell, placement.otherOccupants, placement.reason);
      },
    } satisfies PlacementGuard,

    /** The worklist: tests due, results to review, monitoring sputum due, contacts to screen, outcomes to record. */
    worklist: {
      module: 'programmes',
      async contribute(actor) {
        if (!actor.permissions.has('programmes.read')) return [];
        if (!actor.national && !actor.institutionIds.length) return [];
        const scope = actor.national ? null : actor.institutionIds;
        const t = today();
        let openQ = db
          .selectFrom('programme_episode')
          .selectAll()
          .where('programme', '=', 'tb')
          .where('outcome', 'is', null)
          .orderBy('presumed_on')
          .limit(200);
        if (scope) openQ = openQ.where('institution_id', 'in', scope);
        let tasksQ = db
          .selectFrom('programme_task')
          .selectAll()
          .where('kind', '!=', 'hepb_entry_offer')
          .where('done_on', 'is', null)
          .orderBy('due_on')
          .limit(WORKLIST_LIMIT * 2);
        if (scope) tasksQ = tasksQ.where('institution_id', 'in', scope);
        // PHC-11 (ADR 0057): the hepatitis B offers the admissions prompted, a list of their own (the
        // contacts to screen of a large investigation would otherwise crowd them out).
        let hepBQ = db
          .selectFrom('programme_task')
          .selectAll()
          .where('kind', '=', 'hepb_entry_offer')
          .where('done_on', 'is', null)
          .orderBy('due_on')
          .limit(WORKLIST_LIMIT);
        if (scope) hepBQ = hepBQ.where('institution_id', 'in', scope);
        let reviewQ = db
          .selectFrom('programme_test as t')
          .innerJoin('programme_episode as e', 'e.id', 't.episode_id')
          .select(['t.id', 't.person_id', 't.result_on', 't.test', 'e.institution_id', 'e.id as episode_id'])
          .where('t.result_on', 'is not', null)
          .where('t.reviewed_at', 'is', null)
          .orderBy('t.result_on')
          .limit(WORKLIST_LIMIT);
        if (scope) reviewQ = reviewQ.where('e.institution_id', 'in', scope);
        // PHC-9: people held where the actor works with no TB screening in the last year.
        const held = scope ?? (await registry.listInstitutions()).map((i) => i.id);
        const unscreenedQ = db
          .selectFrom(registry.personIdsIn(db, held).as('p'))
          .select('p.id')
          .where(
            'p.id',
            'not in',
            db
              .selectFrom('programme_screen')
              .select('person_id')
              .where('screened_on', '>', programmeAddDays(t, -YEARLY_SCREEN_DAYS)),
          )
          .orderBy('p.id')
          .limit(WORKLIST_LIMIT);
        const [open, tasks, review, unscreened, releasing, window, hepBOffers] = await Promise.all([
          openQ.execute(),
          tasksQ.execute(),
          reviewQ.execute(),
          unscreenedQ.execute(),
          // PHC-9 (ADR 0050): the screening at release, from the registry's planned release dates.
          releaseScreensDue(deps, db, scope, t, WORKLIST_LIMIT),
          // PHC-7 (ADR 0057): medication's missed window (MDX-2), read with the round's other thresholds.
          deps.screening.thresholdValues
            ? deps.screening.thresholdValues(
                db,
                ['MDX-2.late_minutes', 'MDX-2.missed_minutes'],
                scope?.length === 1 ? (scope[0] as string) : '',
              )
            : Promise.resolve(new Map<string, number>()),
          hepBQ.execute(),
        ]);
        // One read of the open episodes' tests (tests ordered, monitoring samples), one of their doses,
        // one of their isolation reviews (PHC-6).
        const [openTests, doses, isolationStates, missedToday] = await Promise.all([
          db
            .selectFrom('programme_test')
            .selectAll()
            .where('episode_id', 'in', [...open.map((e) => e.id), ''])
            .orderBy('sample_on')
            .execute(),
          programmeApi.supervisedAdherence(
            db,
            new Map(open.filter((e) => e.treatment_start_on).map((e) => [e.id, prescriptionsOf(e)])),
            clock.now(),
          ),
          isolationReviews.reviewStates(db, open),
          // PHC-7 (ADR 0057): the supervised TB doses due today and already missed, through medication's
          // exported function, at the institution's MDX-2 missed window (national for a wider scope).
          (async () => {
            const treated = open.filter((e) => e.treatment_start_on && !e.outcome);
            const ids = treated.flatMap(prescriptionsOf);
            if (!ids.length) return new Map<string, string[]>();
            const limits = {
              lateMinutes: window.get('MDX-2.late_minutes') ?? medicationLimits.lateMinutes,
              missedMinutes: window.get('MDX-2.missed_minutes') ?? medicationLimits.missedMinutes,
            };
            return programmeApi.supervisedDosesMissedToday(db, ids, clock.now(), timeZone, limits);
          })(),
        ]);
        const withTests = new Set(openTests.map((p) => p.episode_id));
        const viewsOf = open
          .filter((e) => e.treatment_start_on)
          .map((e) =>
            episodeView(
              e,
              openTests.filter((x) => x.episode_id === e.id),
              doses.get(e.id),
              null,
              t,
              dayOf,
            ),
          );
        const who = await labels(db, [
          ...open.map((e) => e.person_id),
          ...tasks.map((x) => x.person_id),
          ...hepBOffers.map((x) => x.person_id),
          ...review.map((r) => r.person_id),
          ...unscreened.map((u) => u.id),
          ...releasing.map((r) => r.personId),
        ]);
        const label = (id: string) => `${who(id).prisonNumber ?? ''} · ${who(id).name}`.trim();
        const items: WorklistItem[] = [];
        const line = (
          kind: string,
          subjectId: string,
          personId: string,
          institutionId: string | null,
          dueOn: string | null,
          since: string | null,
        ) => {
          items.push({
            module: 'programmes',
            kind,
            severity: dueOn && dueOn < t ? 'overdue' : 'due',
            subjectId,
            label: label(personId),
            since,
            dueAt: dueOn ? new Date(`${dueOn}T00:00:00Z`).toISOString() : null,
            institutionId,
            dataClass: 'clinical',
          });
        };
        // Tests due: a presumptive case with no test ordered (ADM-6: diagnostic orders).
        for (const e of open
          .filter((x) => x.status === 'presumptive' && !withTests.has(x.id))
          .slice(0, WORKLIST_LIMIT))
          line(
            'tb_tests_due',
            e.person_id,
            e.person_id,
            e.institution_id,
            programmeAddDays(e.presumed_on, 2),
            e.presumed_on,
          );
        for (const r of review)
          line('tb_results_review', r.person_id, r.person_id, r.institution_id, null, r.result_on);
        for (const v of viewsOf) {
          const due = v.monitoring.find((m) => m.state === 'due' || m.state === 'overdue');
          if (due) line('tb_monitoring_due', v.personId, v.personId, v.institutionId, due.dueOn, due.dueOn);
          const ended =
            v.treatment &&
            v.treatment.startOn &&
            programmeAddDays(v.treatment.startOn, v.treatment.months * 30) <= t;
          if (ended || v.treatment?.ltfuProposedSince)
            line(
              'tb_outcome_due',
              v.personId,
              v.personId,
              v.institutionId,
              null,
              v.treatment?.ltfuProposedSince ?? v.treatment?.startOn ?? null,
            );
        }
        const places = unscreened.length
          ? await registry.custodyPlaces(
              db,
              unscreened.map((u) => u.id),
            )
          : new Map();
        for (const u of unscreened)
          line('tb_yearly_screen', u.id, u.id, places.get(u.id)?.institutionId ?? '', null, null);
        for (const r of releasing)
          line('tb_release_screen', r.personId, r.personId, r.institutionId, r.plannedReleaseDate, null);
        // PHC-7 (ADR 0057): a supervised TB dose missed today, the same day, for the treating doctor
        // and the programme nurse (programmes.read: never an officer, MED-3); no drug on the line.
        for (const e of open) {
          const missed = prescriptionsOf(e)
            .flatMap((id) => missedToday.get(id) ?? [])
            .sort();
          const first = missed[0];
          if (!first) continue;
          items.push({
            module: 'programmes',
            kind: 'tb_dose_missed_today',
            severity: 'overdue',
            subjectId: e.person_id,
            label: label(e.person_id),
            since: first,
            dueAt: first,
            institutionId: e.institution_id,
            dataClass: 'clinical',
          });
        }
        // PHC-6 (ADR 0050): isolation orders whose review is due.
        for (const [episodeId, s] of isolationStates) {
          const e = open.find((x) => x.id === episodeId);
          if (e && s.dueOn <= t)
            line(
              'tb_isolation_review',
              e.person_id,
              e.person_id,
              e.institution_id,
              s.dueOn,
              s.lastReviewedOn,
            );
        }
        for (const x of tasks) {
          if (x.kind === 'contact_screen')
            line('tb_contact_screen', x.person_id, x.person_id, x.institution_id, x.due_on, x.opened_at);
          if (x.kind === 'outcome_return')
            line('tb_outcome_return', x.person_id, x.person_id, x.institution_id, x.due_on, x.opened_at);
        }
        // PHC-11 (ADR 0057): the hepatitis B vaccination offer the admission prompted (no result shown).
        for (const x of hepBOffers)
          line('hepb_entry_offer_due', x.person_id, x.person_id, x.institution_id, x.due_on, x.opened_at);
        return items;
      },
    } satisfies WorklistContributor,
  };
}
