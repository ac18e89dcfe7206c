import type { admitSchema } from '@custodia/domain';
import {
  type Admission,
  type CellLighting,
  type Clock,
  type CustodyEventFact,
  type CustodyEventInput,
  type CustodyState,
  calendarDateIn,
  checkEvent,
  deriveState,
  type Institution,
  lightingAllowsAllocation,
  nameKey,
  nameTokens,
  newId,
  normalisePrisonNumber,
  type Page,
  PHOTO_MAX_BYTES,
  photoContentTypes,
  plannedReleaseProblem,
  spaceProblems,
  TRANSIT_ALERT_HOURS,
} from '@custodia/domain';
import type { z } from 'zod';
import type { PlacementGuard } from '../../platform/contributions.ts';
import { type Db, type Executor, inTransaction, type Tx } from '../../platform/db/database.ts';
import { gatheredOnce, gatheredRead } from '../../platform/db/gathering.ts';
import {
  badRequest,
  conflict,
  fieldConflict,
  forbidden,
  invalid,
  notFound,
  ruleRefused,
  tooLarge,
  unsupportedMediaType,
} from '../../platform/errors.ts';
import { decodeCursor, keysetAfter, toPage } from '../../platform/http/paging.ts';
import { detectFileType } from '../../platform/storage/file-type.ts';
import type { FileStorage } from '../../platform/storage/storage.ts';
import type { AuditAction, AuditActor, AuditService } from '../audit/index.ts';
import { registryLookups } from './lookups.ts';
import type { CustodyEventTable, PersonTable } from './tables.ts';

/** Who asks, as far as the registry's scope rules need to know. */
export interface RegistryViewer {
  institutionIds: string[];
  national: boolean;
  /** People reachable through an active break-the-glass grant (by id only, never through search). */
  breakGlassPersonIds?: string[];
}

type AdmitInput = z.infer<typeof admitSchema>;

const toFact = (e: CustodyEventTable): CustodyEventFact => ({
  id: e.id,
  type: e.type as CustodyEventFact['type'],
  occurredAt: e.occurred_at,
  institutionId: e.institution_id,
  cellId: e.cell_id,
  destinationInstitutionId: e.destination_institution_id,
  absenceKind: e.absence_kind,
  legalStatus: e.legal_status,
  correctsEventId: e.corrects_event_id,
});

const stateColumns = (s: CustodyState) => ({
  status: s.status,
  institution_id: s.institutionId,
  cell_id: s.cellId,
  status_since: s.since,
  destination_institution_id: s.destinationInstitutionId,
  legal_status: s.legalStatus,
  admitted_at: s.admittedAt,
});

/**
 * The registry's name of a refused rule for `ruleRefused` (ADR 0021): `event_not_allowed`, which
 * the web app reads to place the event's field code (`event_<rule>`).
 */
const eventRules = (rule: string) => ({ code: 'event_not_allowed', message: rule }) as const;

/** Upper bound of a prefix range on folded keys (which hold only a–z and 0–9). */
const prefixEnd = (prefix: string) => `${prefix}~`;

/**
 * Search reads a word's matches in name order from the token index when its prefix covers at most
 * this many distinct tokens ("məmmədov" covers mamadov and mamadova); a shorter prefix ("m") is
 * searched by sorting its matches, as before.
 */
const ORDERED_SEARCH_MAX_TOKENS = 8;
/** Candidates per round of an ordered search: the first round reads one page, later ones more. */
const ORDERED_SEARCH_MAX_BATCH = 4000;

/**
 * What another module hears of a recorded custody event, inside the same transaction (so a health
 * screening task is opened with the admission that triggers it, or not at all).
 */
export interface CustodyEventNotice {
  personId: string;
  eventId: string;
  type: CustodyEventInput['type'];
  occurredAt: string;
  /** Where the person is held after the event (null once released or in transit). */
  institutionId: string | null;
  /** ADM-5: a return from police custody or an investigative transfer. */
  returnedFromPolice: boolean;
  /** A temporary absence's kind (court, hospital, investigative): MHS-4 prompts after court. */
  absenceKind: string | null;
  /** For an entered-in-error event: the event it corrects. */
  correctsEventId: string | null;
}
export type CustodyListener = (tx: Tx, notice: CustodyEventNotice) => Promise<void>;

/** One stay in a cell from the placement history (TB-5): from its placement to the next move (null: still there). */
export interface PlacementStay {
  personId: string;
  cellId: string;
  unitId: string;
  from: string;
  to: string | null;
}

/**
 * A person in custody whose planned release falls in the asked days (ADR 0050): the registry's
 * answer to `plannedReleases`, read by TB release screening (PHC-9), mental health and medication.
 */
export interface PlannedRelease {
  personId: string;
  institutionId: string;
  /** YYYY-MM-DD, a day in the institution's zone. */
  plannedReleaseDate: string;
}

/** A person's full name as a letter writes it: family, given and patronymic, Latin where recorded. */
export function personFullName(
  person: Pick<
    PersonTable,
    | 'surname_latin'
    | 'surname_cyrillic'
    | 'given_name_latin'
    | 'given_name_cyrillic'
    | 'patronymic_latin'
    | 'patronymic_cyrillic'
  >,
): string {
  return [
    person.surname_latin ?? person.surname_cyrillic,
    person.given_name_latin ?? person.given_name_cyrillic,
    person.patronymic_latin ?? person.patronymic_cyrillic,
  ]
    .filter(Boolean)
    .join(' ');
}

export function createRegistryService(
  db: Db,
  clock: Clock,
  audit: AuditService,
  storage: FileStorage,
  contributions: { readonly placementGuards: readonly PlacementGuard[] } = { placementGuards: [] },
) {
  const custodyListeners: CustodyListener[] = [];
  async function notify(tx: Tx, row: CustodyEventTable, institutionId: string | null) {
    const notice: CustodyEventNotice = {
      personId: row.person_id,
      eventId: row.id,
      type: row.type as CustodyEventInput['type'],
      occurredAt: row.occurred_at,
      institutionId,
      returnedFromPolice: row.returned_from_police === 1,
      absenceKind: row.absence_kind,
      correctsEventId: row.corrects_event_id,
    };
    for (const listener of custodyListeners) await listener(tx, notice);
  }
  function inScope(
    viewer: RegistryViewer,
    person: Pick<PersonTable, 'id' | 'institution_id' | 'destination_institution_id'>,
  ) {
    if (viewer.national) return true;
    if (viewer.breakGlassPersonIds?.includes(person.id)) return true;
    return [person.institution_id, person.destination_institution_id].some(
      (id) => id && viewer.institutionIds.includes(id),
    );
  }

  async function personInScope(executor: Executor, viewer: RegistryViewer, id: string) {
    const person = await executor.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
    // Out of scope answers exactly like missing: the answer reveals nothing.
    if (!person || !inScope(viewer, person)) throw notFound('No such person.');
    return person;
  }

  /**
   * The person a read asks for. A person who exists but is out of the viewer's scope answers like a
   * missing one (404), and the attempt leaves a denied audit event naming the person.
   */
  async function personToRead(
    viewer: RegistryViewer,
    id: string,
    actor: AuditActor | undefined,
    action: AuditAction,
  ) {
    const person = await db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
    if (person && !inScope(viewer, person) && actor) {
      // an attempt to read someone outside one's scope is recorded, one event per request.
      await audit.recordAlone(actor, {
        action,
        dataClass: 'custodial',
        outcome: 'denied',
        resourceType: 'person',
        resourceId: id,
        personId: id,
        details: { reason: 'out_of_scope' },
      });
    }
    if (!person || !inScope(viewer, person)) throw notFound('No such person.');
    return person;
  }

  async function writeTokens(tx: Tx, personId: string, p: PersonTable | Record<string, string | null>) {
    const tokens = new Set(
      [
        p.surname_latin,
        p.given_name_latin,
        p.patronymic_latin,
        p.surname_cyrillic,
        p.given_name_cyrillic,
        p.patronymic_cyrillic,
      ].flatMap((n) => nameTokens(n as string | null)),
    );
    if (tokens.size) {
      await tx
        .insertInto('person_name_token')
        .values([...tokens].map((token) => ({ token, person_id: personId })))
        .execute();
    }
  }

  function eventRow(
    personId: string,
    input: CustodyEventInput,
    recordedBy: string | null,
    institutionId: string | null,
  ): CustodyEventTable {
    return {
      id: newId(),
      person_id: personId,
      type: input.type,
      // An admission happens when the person is admitted: one time, never two that disagree.
      occurred_at: input.type === 'admission' ? input.admission.admittedAt : input.occurredAt,
      recorded_at: clock.now().toISOString(),
      recorded_by: recordedBy,
      institution_id: input.type === 'admission' ? input.admission.institutionId : institutionId,
      cell_id: input.type === 'placement' ? input.cellId : null,
      destination_institution_id: input.type === 'transfer_out' ? input.destinationInstitutionId : null,
      absence_kind: input.type === 'absence_out' ? input.absenceKind : null,
      legal_status:
        input.type === 'legal_status'
          ? input.legalStatus
          : input.type === 'admission'
            ? input.admission.legalStatus
            : null,
      returned_from_police:
        input.type === 'absence_return' ? (input.returnedFromPoliceOrInvestigation ? 1 : 0) : null,
      corrects_event_id: input.type === 'entered_in_error' ? input.correctsEventId : null,
      note: input.note ?? null,
      data: eventData(input),
    };
  }

  /** What an event records beyond its columns: the rule 7 data, a release or correction reason. */
  function eventData(input: CustodyEventInput): string | null {
    switch (input.type) {
      case 'admission':
        return JSON.stringify(admissionData(input.admission));
      case 'release':
        return JSON.stringify({ releaseReason: input.releaseReason });
      case 'entered_in_error':
        return JSON.stringify({ reason: input.reason });
      case 'placement':
        return input.overCapacityReason
          ? JSON.stringify({ overCapacityReason: input.overCapacityReason })
          : null;
      default:
        return null;
    }
  }

  function admissionData(a: Admission) {
    const { institutionId: _i, admittedAt: _a, legalStatus: _l, ...rule7 } = a;
    return rule7;
  }

  /** The person's photo now: the latest row (earlier ones are history). */
  async function latestPhoto(personId: string) {
    return db
      .selectFrom('person_photo')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('uploaded_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async function institutionExists(executor: Executor, id: string) {
    return (
      (await executor.selectFrom('institution').select('id').where('id', '=', id).executeTakeFirst()) !==
      undefined
    );
  }

  /** People the viewer may find, with the search's exact filters (scope, date of birth, number). */
  function filteredPersons(
    viewer: RegistryViewer,
    query: { birthDate?: string; exactPrisonNumber?: string },
  ) {
    let q = db.selectFrom('person');
    if (!viewer.national) {
      q = q.where((eb) =>
        eb.or([
          eb('institution_id', 'in', viewer.institutionIds),
          eb('destination_institution_id', 'in', viewer.institutionIds),
        ]),
      );
    }
    if (query.birthDate) q = q.where('birth_date', '=', query.birthDate);
    if (query.exactPrisonNumber)
      q = q.where('prison_number', '=', normalisePrisonNumber(query.exactPrisonNumber));
    return q;
  }

  /**
   * The same answer as the sorting search, read in name order: the longest word's matches come from
   * the (token, name_key, person_id) index one distinct token at a time, merged by the database, in
   * rounds sized by the share of candidates that passed so far; each candidate is then checked
   * against the other words and the filters. A page
   * costs a few index reads however common the name (docs/benchmarks.md). Answers undefined when
   * the word's prefix covers too many distinct tokens: the caller sorts the matches instead.
   */
  async function orderedSearch(
    viewer: RegistryViewer,
    query: { limit: number; birthDate?: string; exactPrisonNumber?: string },
    tokens: string[],
    number: string,
    after: string[] | undefined,
  ): Promise<PersonTable[] | undefined> {
    const driver = tokens.reduce((a, b) => (b.length > a.length ? b : a));
    const distinct: string[] = [];
    let previous: string | undefined;
    while (distinct.length <= ORDERED_SEARCH_MAX_TOKENS) {
      const next = await db
        .selectFrom('person_name_token')
        .select('token')
        .where('token', previous === undefined ? '>=' : '>', previous ?? driver)
        .where('token', '<', prefixEnd(driver))
        .orderBy('token')
        .limit(1)
        .executeTakeFirst();
      if (!next) break;
      distinct.push(next.token);
      previous = next.token;
    }
    if (distinct.length > ORDERED_SEARCH_MAX_TOKENS) return undefined;
    const others = tokens.filter((t) => t !== driver);
    const wanted = query.limit + 1;
    const found: PersonTable[] = [];
    let from: (string | number)[] | undefined = after;
    let batch = wanted;
    let seen = 0;
    while (distinct.length && found.length < wanted) {
      const size = batch;
      const streams = distinct.map((token) => {
        let s = db
          .selectFrom('person_name_token')
          .select(['person_id', 'name_key'])
          .where('token', '=', token)
          .orderBy('name_key')
          .orderBy('person_id')
          .limit(size);
        if (from) s = s.where(keysetAfter(['name_key', 'person_id'], from));
        return db.selectFrom(s.as('s')).select(['s.person_id', 's.name_key']);
      });
      const [first, ...rest] = streams;
      if (!first) break;
      const candidates = await rest
        .reduce((u, s) => u.unionAll(s), first)
        .orderBy('name_key')
        .orderBy('person_id')
        .limit(size)
        .execute();
      let ids = [...new Set(candidates.map((c) => c.person_id))];
      // The other words: one query per word for the whole round. Both engines answer it through
      // person_name_token_person, a heap read per candidate (44 ms for 816 candidates on
      // PostgreSQL): an index on (person_id, token) would make it index-only (docs/benchmarks.md).
      for (const t of others) {
        if (!ids.length) break;
        const matching = await db
          .selectFrom('person_name_token')
          .select('person_id')
          .where('token', '>=', t)
          .where('token', '<', prefixEnd(t))
          .where('person_id', 'in', ids)
          .execute();
        const keep = new Set(matching.map((m) => m.person_id));
        ids = ids.filter((id) => keep.has(id));
      }
      if (ids.length) {
        const check = filteredPersons(viewer, query).selectAll().where('id', 'in', ids);
        found.push(...(await check.orderBy('name_key').orderBy('id').execute()));
      }
      const last = candidates[candidates.length - 1];
      if (candidates.length < size || !last) break;
      from = [last.name_key ?? '', last.person_id];
      // The next round: enough candidates for the rest of the page at the share that passed so far.
      seen += candidates.length;
      const share = found.length / seen;
      batch = Math.min(
        ORDERED_SEARCH_MAX_BATCH,
        share > 0 ? Math.max(wanted, Math.ceil(((wanted - found.length) / share) * 1.25)) : batch * 4,
      );
    }
    if (number.length < 2) return found.slice(0, wanted);
    // `q` may also begin a prison number: those people join the page in name order.
    let byNumber = filteredPersons(viewer, query)
      .select('id')
      .where('prison_number', '>=', number)
      .where('prison_number', '<', `${number}~`)
      .orderBy('name_key')
      .orderBy('id')
      .limit(wanted);
    if (after) byNumber = byNumber.where(keysetAfter(['name_key', 'id'], after));
    const numbered = await byNumber.execute();
    if (!numbered.length) return found.slice(0, wanted);
    const ids = [...new Set([...found.slice(0, wanted).map((p) => p.id), ...numbered.map((p) => p.id)])];
    return db
      .selectFrom('person')
      .selectAll()
      .where('id', 'in', ids)
      .orderBy('name_key')
      .orderBy('id')
      .limit(wanted)
      .execute();
  }

  const service = {
    inScope,

    /** Whether the viewer reaches this person without break-the-glass. */
    /** Another module (the medical record) hears every custody event in its transaction. */
    onCustodyEvent(listener: CustodyListener) {
      custodyListeners.push(listener);
    },

    /** The person if the viewer may reach them (break-the-glass included); 404 otherwise. */
    personForViewer(executor: Executor, viewer: RegistryViewer, id: string) {
      return personInScope(executor, viewer, id);
    },

    inNormalScope(
      viewer: RegistryViewer,
      person: Pick<PersonTable, 'id' | 'institution_id' | 'destination_institution_id'>,
    ) {
      return inScope({ ...viewer, breakGlassPersonIds: [] }, person);
    },

    /** Finds a person by exact prison number, whatever the viewer's scope (for break-the-glass only). */
    async findByPrisonNumber(prisonNumber: string) {
      return db
        .selectFrom('person')
        .select(['id', 'institution_id', 'destination_institution_id', 'prison_number'])
        .where('prison_number', '=', normalisePrisonNumber(prisonNumber))
        .executeTakeFirst();
    },

    async listInstitutions(): Promise<(Institution & { version: number })[]> {
      const gathered = gatheredOnce('institutions', () => service.listInstitutions());
      if (gathered) return gathered;
      const rows = await db.selectFrom('institution').selectAll().orderBy('code').limit(500).execute();
      return rows.map((r) => ({
        id: r.id,
        code: r.code,
        name: { az: r.name_az, en: r.name_en, ru: r.name_ru },
        kind: r.kind,
        populationSex: r.population_sex,
        capacity: r.capacity,
        timeZone: r.time_zone,
        version: r.version,
      }));
    },

    /** An institution with its units, cells and occupancy, in four queries whatever its size. */
    async getInstitution(id: string) {
      const institution = (await service.listInstitutions()).find((i) => i.id === id);
      if (!institution) throw notFound('No such institution.');
      const [units, cells, occupancy] = await Promise.all([
        db.selectFrom('unit').selectAll().where('institution_id', '=', id).orderBy('code').execute(),
        db.selectFrom('cell').selectAll().where('institution_id', '=', id).orderBy('code').execute(),
        db
          .selectFrom('person')
          .select(['cell_id', db.fn.countAll<number>().as('n')])
          .where('institution_id', '=', id)
          .where('status', '=', 'in_custody')
          .where('cell_id', 'is not', null)
          .groupBy('cell_id')
          .execute(),
      ]);
      const occupants = new Map(occupancy.map((o) => [o.cell_id, Number(o.n)]));
      return {
        ...institution,
        units: units.map((u) => ({
          id: u.id,
          code: u.code,
          name: u.name,
          version: u.version,
          cells: cells
            .filter((c) => c.unit_id === u.id)
            .map((c) => {
              const n = occupants.get(c.id) ?? 0;
              return {
                id: c.id,
                code: c.code,
                cellType: c.cell_type,
                certifiedCapacity: c.certified_capacity,
                floorAreaM2: c.floor_area_m2,
                version: c.version,
                lighting: c.lighting as CellLighting,
                lightingSince: c.lighting_since,
                lightingReason: c.lighting_reason,
                occupants: n,
                spaceProblems: spaceProblems({
                  floorAreaM2: c.floor_area_m2,
                  certifiedCapacity: c.certified_capacity,
                  occupants: n,
                }),
              };
            }),
        })),
      };
    },

    /** RES-8: cells below the minimum living space or over capacity, in the viewer's institutions. */
    async spaceAlerts(viewer: RegistryViewer) {
      let cells = db
        .selectFrom('cell')
        .innerJoin('institution', 'institution.id', 'cell.institution_id')
        .leftJoin(
          db
            .selectFrom('person')
            .select(['cell_id', db.fn.countAll<number>().as('n')])
            .where('status', '=', 'in_custody')
            .where('cell_id', 'is not', null)
            .groupBy('cell_id')
            .as('occ'),
          'occ.cell_id',
          'cell.id',
        )
        .select([
          'cell.id',
          'cell.code',
          'cell.cell_type',
          'cell.certified_capacity',
          'cell.floor_area_m2',
          'institution.id as institution_id',
          'institution.code as institution_code',
          'occ.n',
        ])
        .orderBy('institution.code')
        .orderBy('cell.code');
      if (!viewer.national) {
        if (viewer.institutionIds.length === 0) return [];
        cells = cells.where('cell.institution_id', 'in', viewer.institutionIds);
      }
      const rows = await cells.execute();
      return rows
        .map((r) => {
          const occupants = Number(r.n ?? 0);
          return {
            cellId: r.id,
            cellCode: r.code,
            cellType: r.cell_type,
            institutionId: r.institution_id,
            institutionCode: r.institution_code,
            certifiedCapacity: r.certified_capacity,
            floorAreaM2: r.floor_area_m2,
            occupants,
            problems: spaceProblems({
              floorAreaM2: r.floor_area_m2,
              certifiedCapacity: r.certified_capacity,
              occupants,
            }),
          };
        })
        .filter((c) => c.problems.length > 0);
    },

    /** People in transit for over 24 hours (a worklist item, issue 4). */
    async longTransits(viewer: RegistryViewer) {
      const cutoff = new Date(clock.now().getTime() - TRANSIT_ALERT_HOURS * 3_600_000).toISOString();
      let q = db
        .selectFrom('person')
        .select([
          'id',
          'prison_number',
          'surname_latin',
          'given_name_latin',
          'surname_cyrillic',
          'given_name_cyrillic',
          'status_since',
          'institution_id',
          'destination_institution_id',
        ])
        .where('status', '=', 'in_transit')
        .where('status_since', '<', cutoff)
        .orderBy('status_since')
        .limit(200);
      if (!viewer.national) {
        if (viewer.institutionIds.length === 0) return [];
        q = q.where((eb) =>
          eb.or([
            eb('institution_id', 'in', viewer.institutionIds),
            eb('destination_institution_id', 'in', viewer.institutionIds),
          ]),
        );
      }
      return q.execute();
    },

    /**
     * Search across scripts: each word of `q` must begin a word of the person's names (folded keys,
     * an index range scan per word), or `q` begins the prison number. Read in name order from the
     * token index when it can (`orderedSearch`); otherwise every match is sorted.
     */
    async searchPersons(
      viewer: RegistryViewer,
      query: { q?: string; limit: number; cursor?: string; birthDate?: string; exactPrisonNumber?: string },
    ): Promise<Page<ReturnType<typeof toListItem>>> {
      // The cursor holds only the last person's id, never a name (cursors end up in URLs and logs).
      const afterId = decodeCursor(query.cursor, 1)?.[0];
      const afterRow = afterId
        ? await db
            .selectFrom('person')
            .select(['name_key', 'id'])
            .where('id', '=', String(afterId))
            .executeTakeFirst()
        : undefined;
      if (afterId && !afterRow)
        throw badRequest('bad_cursor', 'The paging cursor is not valid: start again from the first page.');
      const after = afterRow ? [afterRow.name_key, afterRow.id] : undefined;
      const tokens = nameTokens(query.q ?? '');
      const number = normalisePrisonNumber(query.q ?? '');
      if (!viewer.national && viewer.institutionIds.length === 0) return { items: [], nextCursor: null };
      // A query without a letter or digit (`%`, `_`, `-`, an emoji) names no one and no number.
      if (query.q?.trim() && tokens.length === 0) return { items: [], nextCursor: null };
      const institutions = new Map((await service.listInstitutions()).map((i) => [i.id, i]));
      const page = (rows: PersonTable[]) =>
        toPage(
          rows,
          query.limit,
          (r) => [r.id],
          (r) => toListItem(r, institutions),
        );
      if (query.q?.trim() && tokens.length) {
        const rows = await orderedSearch(viewer, query, tokens, number, after);
        if (rows) return page(rows);
      }
      let q = filteredPersons(viewer, query)
        .selectAll()
        .orderBy('name_key')
        .orderBy('id')
        .limit(query.limit + 1);
      if (query.q?.trim()) {
        q = q.where((eb) => {
          const byName = eb.and(
            // Driven from the token index (a range scan per word), not a probe per person.
            tokens.map((t) =>
              eb(
                'person.id',
                'in',
                eb
                  .selectFrom('person_name_token')
                  .select('person_name_token.person_id')
                  .where('person_name_token.token', '>=', t)
                  .where('person_name_token.token', '<', prefixEnd(t)),
              ),
            ),
          );
          return number.length >= 2
            ? eb.or([
                byName,
                eb.and([eb('prison_number', '>=', number), eb('prison_number', '<', `${number}~`)]),
              ])
            : byName;
        });
      }
      if (after) q = q.where(keysetAfter(['name_key', 'id'], after));
      return page(await q.execute());
    },

    async getPerson(viewer: RegistryViewer, id: string, actor?: AuditActor) {
      const person = await personToRead(viewer, id, actor, 'registry.person.read');
      if (actor && !service.inNormalScope(viewer, person)) {
        // Reached only by breaking the glass: every such look is recorded as such.
        await audit.recordAlone(actor, {
          action: 'registry.person.read',
          dataClass: 'custodial',
          purpose: 'break_glass',
          outcome: 'allowed',
          resourceType: 'person',
          resourceId: id,
          personId: id,
        });
      }
      const institutions = new Map((await service.listInstitutions()).map((i) => [i.id, i]));
      const photo = await latestPhoto(id);
      const cell = person.cell_id
        ? await db
            .selectFrom('cell')
            .select(['id', 'code', 'cell_type'])
            .where('id', '=', person.cell_id)
            .executeTakeFirst()
        : undefined;
      return {
        ...toListItem(person, institutions),
        patronymicLatin: person.patronymic_latin,
        patronymicCyrillic: person.patronymic_cyrillic,
        genderIdentity: person.gender_identity,
        citizenship: person.citizenship,
        language: person.language,
        interpreterNeeded: person.interpreter_needed === 1,
        nationalId: person.national_id,
        legalStatus: person.legal_status,
        admittedAt: person.admitted_at,
        plannedReleaseDate: person.planned_release_date,
        statusSince: person.status_since,
        cell: cell ? { id: cell.id, code: cell.code, cellType: cell.cell_type } : null,
        destinationInstitution: person.destination_institution_id
          ? summary(institutions.get(person.destination_institution_id))
          : null,
        photo: photo
          ? { id: photo.id, contentType: photo.content_type, uploadedAt: photo.uploaded_at }
          : null,
        version: person.version,
      };
    },

    /**
     * Stores a new photo of a person (ADM-3 identity). The type is read from the bytes, never from the
     * Content-Type claimed: JPEG or PNG only, at most 2 MB. Nothing is stored when refused. An earlier
     * photo is not replaced in place: the new one is a new row, and the old stays as history.
     */
    async putPhoto(actor: AuditActor, viewer: RegistryViewer, personId: string, bytes: Buffer) {
      await personInScope(db, viewer, personId);
      if (bytes.byteLength > PHOTO_MAX_BYTES) {
        throw tooLarge('The photo is larger than 2 MB.', {
          errors: [{ path: 'body', code: 'photo_too_large', message: 'At most 2 MB.' }],
        });
      }
      const contentType = detectFileType(bytes);
      if (!contentType || !(photoContentTypes as readonly string[]).includes(contentType)) {
        throw unsupportedMediaType('A photo must be a JPEG or PNG image.', [
          { path: 'body', code: 'photo_type', message: 'JPEG or PNG only.' },
        ]);
      }
      // The bytes first: a failed transaction leaves an unreferenced file, never a row without one.
      const stored = await storage.put(bytes);
      return inTransaction(db, async (tx) => {
        await personInScope(tx, viewer, personId);
        const id = newId();
        const uploadedAt = clock.now().toISOString();
        await tx
          .insertInto('person_photo')
          .values({
            id,
            person_id: personId,
            storage_key: stored.key,
            sha256: stored.sha256,
            content_type: contentType,
            size_bytes: stored.size,
            uploaded_at: uploadedAt,
            uploaded_by: actor.userId,
          })
          .execute();
        await audit.record(tx, actor, {
          action: 'registry.person.photo',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'person_photo',
          resourceId: id,
          personId,
          details: { sha256: stored.sha256, size: stored.size, contentType },
        });
        return { id, contentType, sha256: stored.sha256, size: stored.size, uploadedAt };
      });
    },

    /** A person's current photo (the latest stored), scope-checked like the person. */
    async getPhoto(viewer: RegistryViewer, personId: string, actor?: AuditActor) {
      const person = await personToRead(viewer, personId, actor, 'registry.person.photo.read');
      const photo = await latestPhoto(personId);
      if (!photo) throw notFound('This person has no photo.');
      if (actor && !service.inNormalScope(viewer, person)) {
        await audit.recordAlone(actor, {
          action: 'registry.person.photo.read',
          dataClass: 'custodial',
          purpose: 'break_glass',
          outcome: 'allowed',
          resourceType: 'person_photo',
          resourceId: photo.id,
          personId,
        });
      }
      return { contentType: photo.content_type, bytes: await storage.get(photo.storage_key) };
    },

    /**
     * A person's custody history, oldest first, paged. Read through break-the-glass, it leaves one
     * audit event per request, however many events the page holds.
     */
    async listEvents(
      viewer: RegistryViewer,
      personId: string,
      query: { limit: number; cursor?: string },
      actor?: AuditActor,
    ) {
      const person = await personToRead(viewer, personId, actor, 'registry.custody_history.read');
      if (actor && !service.inNormalScope(viewer, person)) {
        await audit.recordAlone(actor, {
          action: 'registry.custody_history.read',
          dataClass: 'custodial',
          purpose: 'break_glass',
          outcome: 'allowed',
          resourceType: 'person',
          resourceId: personId,
          personId,
        });
      }
      const after = decodeCursor(query.cursor, 2);
      let q = db
        .selectFrom('custody_event')
        .selectAll()
        .where('person_id', '=', personId)
        .orderBy('occurred_at')
        .orderBy('id')
        .limit(query.limit + 1);
      if (after) q = q.where(keysetAfter(['occurred_at', 'id'], after));
      const rows = await q.execute();
      const voided = new Set(
        (
          await db
            .selectFrom('custody_event')
            .select('corrects_event_id')
            .where('person_id', '=', personId)
            .where('type', '=', 'entered_in_error')
            .execute()
        ).map((r) => r.corrects_event_id),
      );
      return toPage(
        rows,
        query.limit,
        (r) => [r.occurred_at, r.id],
        (r) => ({
          id: r.id,
          type: r.type,
          occurredAt: r.occurred_at,
          recordedAt: r.recorded_at,
          institutionId: r.institution_id,
          cellId: r.cell_id,
          destinationInstitutionId: r.destination_institution_id,
          absenceKind: r.absence_kind,
          legalStatus: r.legal_status,
          returnedFromPoliceOrInvestigation:
            r.returned_from_police === null ? null : r.returned_from_police === 1,
          correctsEventId: r.corrects_event_id,
          enteredInError: voided.has(r.id),
          note: r.note,
          data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : null,
        }),
      );
    },

    /** Possible duplicates: same folded name and date of birth (issue 4). */
    async possibleDuplicates(executor: Executor, key: string, birthDate: string) {
      return executor
        .selectFrom('person')
        .select([
          'id',
          'prison_number',
          'surname_latin',
          'given_name_latin',
          'surname_cyrillic',
          'given_name_cyrillic',
          'birth_date',
          'institution_id',
          'destination_institution_id',
        ])
        .where('name_key', '=', key)
        .where('birth_date', '=', birthDate)
        .limit(10)
        .execute();
    },

    /** Admits a new person (ADM-3: the Mandela rule 7 data is required by the schema). */
    async admit(actor: AuditActor, viewer: RegistryViewer, input: AdmitInput) {
      const { person: p, admission } = input;
      if (!viewer.national && !viewer.institutionIds.includes(admission.institutionId)) {
        throw forbidden('You do not work in that institution.');
      }
      const key = nameKey(
        p.surnameLatin ?? p.surnameCyrillic,
        p.givenNameLatin ?? p.givenNameCyrillic,
        p.patronymicLatin ?? p.patronymicCyrillic,
      );
      return inTransaction(db, async (tx) => {
        if (!(await institutionExists(tx, admission.institutionId))) {
          throw invalid('body.admission.institutionId', 'unknown_institution', 'No such institution.');
        }
        const prisonNumber = normalisePrisonNumber(p.prisonNumber);
        if (
          await tx
            .selectFrom('person')
            .select('id')
            .where('prison_number', '=', prisonNumber)
            .executeTakeFirst()
        ) {
          throw fieldConflict(
            'body.person.prisonNumber',
            'prison_number_taken',
            'This prison number is already in use.',
            'prison_number_taken',
          );
        }
        if (!input.confirmedNotDuplicate) {
          const candidates = await service.possibleDuplicates(tx, key, p.birthDate);
          if (candidates.length) {
            const institutionIds = [
              ...new Set(candidates.flatMap((c) => (c.institution_id ? [c.institution_id] : []))),
            ];
            const prisons = new Map(
              (institutionIds.length
                ? await tx
                    .selectFrom('institution')
                    .select(['id', 'code', 'name_az', 'name_en', 'name_ru'])
                    .where('id', 'in', institutionIds)
                    .execute()
                : []
              ).map((i) => [
                i.id,
                { id: i.id, code: i.code, name: { az: i.name_az, en: i.name_en, ru: i.name_ru } },
              ]),
            );
            throw conflict('A person with this name and date of birth exists.', {
              code: 'possible_duplicate',
              extra: {
                // Someone outside the viewer's scope is shown by name, date of birth and prison
                // only: no id, no prison number, nothing that opens or identifies the record further.
                candidates: candidates.map((c) => {
                  const mine = service.inNormalScope(viewer, c);
                  return {
                    id: mine ? c.id : null,
                    prisonNumber: mine ? c.prison_number : null,
                    surnameLatin: c.surname_latin,
                    givenNameLatin: c.given_name_latin,
                    surnameCyrillic: c.surname_cyrillic,
                    givenNameCyrillic: c.given_name_cyrillic,
                    birthDate: c.birth_date,
                    institution: summary(c.institution_id ? prisons.get(c.institution_id) : undefined),
                  };
                }),
              },
            });
          }
        }
        const id = newId();
        const now = clock.now();
        const event: CustodyEventInput = {
          type: 'admission',
          occurredAt: admission.admittedAt,
          note: null,
          admission,
        };
        const row = eventRow(id, event, actor.userId, null);
        const problem = checkEvent([], toFact(row), {
          birthDate: p.birthDate,
          now,
          arrestedAt: admission.arrestedAt,
        });
        if (problem)
          throw ruleRefused([{ path: '', code: `event_${problem}`, message: problem }], eventRules(problem));
        const state = deriveState([toFact(row)]);
        const person: PersonTable = {
          id,
          prison_number: prisonNumber,
          surname_latin: p.surnameLatin,
          given_name_latin: p.givenNameLatin,
          patronymic_latin: p.patronymicLatin,
          surname_cyrillic: p.surnameCyrillic,
          given_name_cyrillic: p.givenNameCyrillic,
          patronymic_cyrillic: p.patronymicCyrillic,
          name_key: key,
          birth_date: p.birthDate,
          sex: p.sex,
          gender_identity: p.genderIdentity,
          citizenship: p.citizenship,
          language: p.language,
          interpreter_needed: p.interpreterNeeded ? 1 : 0,
          national_id: p.nationalId,
          ...stateColumns(state),
          planned_release_date: null,
          version: 1,
          created_at: now.toISOString(),
        };
        await tx.insertInto('person').values(person).execute();
        await writeTokens(tx, id, person);
        await tx.insertInto('custody_event').values(row).execute();
        await notify(tx, row, state.institutionId);
        await audit.record(tx, actor, {
          action: 'registry.person.admit',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'person',
          resourceId: id,
          personId: id,
          details: { institutionId: admission.institutionId },
        });
        return id;
      });
    },

    /**
     * Admits again a person already registered, after their release: a new custody episode with the
     * whole Mandela rule 7 record (ADM-3), on the same person. The earlier episodes stay as they are;
     * an admission before the last release (or while in custody) is refused like any impossible event.
     */
    async readmit(actor: AuditActor, viewer: RegistryViewer, personId: string, admission: Admission) {
      return service.recordEvent(actor, viewer, personId, {
        type: 'admission',
        occurredAt: admission.admittedAt,
        note: null,
        admission,
      });
    },

    /** Records a custody event; status and location are derived again from the whole history. */
    async recordEvent(actor: AuditActor, viewer: RegistryViewer, personId: string, input: CustodyEventInput) {
      return inTransaction(db, async (tx) => {
        const person = await personInScope(tx, viewer, personId);
        const history = (
          await tx.selectFrom('custody_event').selectAll().where('person_id', '=', personId).execute()
        ).map(toFact);
        let cellInstitutionId: string | null = null;
        if (input.type === 'placement') {
          const cell = await tx
            .selectFrom('cell')
            .selectAll()
            .where('id', '=', input.cellId)
            .executeTakeFirst();
          if (!cell)
            throw ruleRefused(
              [{ path: '', code: 'event_unknown_cell', message: 'unknown_cell' }],
              eventRules('unknown_cell'),
            );
          cellInstitutionId = cell.institution_id;
          if (cell.institution_id !== deriveState(history).institutionId)
            throw ruleRefused(
              [{ path: '', code: 'event_cell_elsewhere', message: 'cell_elsewhere' }],
              eventRules('cell_elsewhere'),
            );
          // SEG-12: no one is placed in a cell recorded as dark (no natural light) or constantly lit.
          if (!lightingAllowsAllocation(cell.lighting))
            throw ruleRefused(
              [{ path: '', code: 'event_cell_lighting', message: 'cell_lighting' }],
              eventRules('cell_lighting'),
            );
          const occupantIds = (
            await tx
              .selectFrom('person')
              .select('id')
              .where('cell_id', '=', cell.id)
              .where('status', '=', 'in_custody')
              .where('id', '!=', personId)
              .execute()
          ).map((o) => o.id);
          const occupants = { n: occupantIds.length };
          // ADM-6: other modules' guards (airborne isolation), in this transaction; the first refusal stands.
          for (const guard of contributions.placementGuards) {
            const refusal = await guard.check(tx, {
              personId,
              cell: { id: cell.id, cellType: cell.cell_type, certifiedCapacity: cell.certified_capacity },
              otherOccupants: Number(occupants.n),
              otherOccupantIds: occupantIds,
              reason: input.placementGuardReason?.trim() || null,
              at: clock.now(),
            });
            if (refusal) throw ruleRefused([{ ...refusal, message: refusal.code }]);
          }
          if (Number(occupants.n) + 1 > cell.certified_capacity && !input.overCapacityReason) {
            throw ruleRefused(
              [{ path: 'overCapacityReason', code: 'over_capacity', message: 'A reason is required.' }],
              {
                code: 'over_capacity',
                message: 'The cell would be over its certified capacity: record a reason.',
              },
            );
          }
        }
        if (input.type === 'transfer_out' && !(await institutionExists(tx, input.destinationInstitutionId))) {
          throw ruleRefused(
            [{ path: '', code: 'event_unknown_institution', message: 'unknown_institution' }],
            eventRules('unknown_institution'),
          );
        }
        if (input.type === 'admission') {
          if (!(await institutionExists(tx, input.admission.institutionId)))
            throw ruleRefused(
              [{ path: '', code: 'event_unknown_institution', message: 'unknown_institution' }],
              eventRules('unknown_institution'),
            );
          if (!viewer.national && !viewer.institutionIds.includes(input.admission.institutionId)) {
            throw forbidden('You do not work in that institution.');
          }
        }
        if (
          input.type === 'entered_in_error' &&
          !history.some((e) => e.id === input.correctsEventId && e.type !== 'entered_in_error')
        ) {
          throw ruleRefused(
            [{ path: '', code: 'event_unknown_event', message: 'unknown_event' }],
            eventRules('unknown_event'),
          );
        }
        const current = deriveState(history);
        const institutionId =
          input.type === 'transfer_in'
            ? current.destinationInstitutionId
            : input.type === 'admission'
              ? null
              : current.institutionId;
        const row = eventRow(personId, input, actor.userId, institutionId);
        const problem = checkEvent(history, toFact(row), {
          birthDate: person.birth_date,
          now: clock.now(),
          cellInstitutionId,
          arrestedAt: input.type === 'admission' ? input.admission.arrestedAt : null,
        });
        if (problem)
          throw ruleRefused([{ path: '', code: `event_${problem}`, message: problem }], eventRules(problem));
        const next = deriveState([...history, toFact(row)]);
        if (input.type === 'entered_in_error') {
          // A correction must leave a history that still makes sense.
          const remaining = history.filter((e) => e.id !== input.correctsEventId);
          const replay: CustodyEventFact[] = [];
          for (const e of remaining
            .filter((x) => x.type !== 'entered_in_error')
            .sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : 1))) {
            if (
              checkEvent(replay, e, {
                birthDate: person.birth_date,
                now: clock.now(),
                cellInstitutionId: e.type === 'placement' ? deriveState(replay).institutionId : null,
              })
            ) {
              throw ruleRefused(
                [{ path: '', code: 'event_correction_breaks_history', message: 'correction_breaks_history' }],
                eventRules('correction_breaks_history'),
              );
            }
            replay.push(e);
          }
        }
        await tx.insertInto('custody_event').values(row).execute();
        await tx
          .updateTable('person')
          .set({
            ...stateColumns(next),
            // A new custody starts without a planned release date (ADR 0050).
            ...(input.type === 'admission' ? { planned_release_date: null } : {}),
            version: person.version + 1,
          })
          .where('id', '=', personId)
          .execute();
        await notify(tx, row, next.institutionId);
        await audit.record(tx, actor, {
          action: `registry.event.${input.type}`,
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'custody_event',
          resourceId: row.id,
          personId,
        });
        return row.id;
      });
    },

    /**
     * Records (or clears, with null) the planned release date of the person's current custody
     * (ADR 0050): never before the admission day in the institution's zone, only while in custody.
     */
    async setPlannedRelease(
      actor: AuditActor,
      viewer: RegistryViewer,
      personId: string,
      input: { plannedReleaseDate: string | null },
    ) {
      return inTransaction(db, async (tx) => {
        const person = await personInScope(tx, viewer, personId);
        const zone = person.institution_id
          ? (
              await tx
                .selectFrom('institution')
                .select('time_zone')
                .where('id', '=', person.institution_id)
                .executeTakeFirst()
            )?.time_zone
          : undefined;
        const admittedOn =
          person.admitted_at && zone ? calendarDateIn(new Date(person.admitted_at), zone) : null;
        const problem = plannedReleaseProblem(
          { status: person.status as CustodyState['status'], admittedOn },
          input.plannedReleaseDate,
        );
        if (problem) throw ruleRefused([{ path: 'plannedReleaseDate', code: problem, message: problem }]);
        await tx
          .updateTable('person')
          .set({ planned_release_date: input.plannedReleaseDate, version: person.version + 1 })
          .where('id', '=', personId)
          .execute();
        await audit.record(tx, actor, {
          action: 'registry.person.planned_release',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'person',
          resourceId: personId,
          personId,
          details: { from: person.planned_release_date, to: input.plannedReleaseDate },
        });
      });
    },

    /**
     * The planned release dates (YYYY-MM-DD) of some people, those who have one (ADR 0050): for a
     * module that already holds its people, e.g. hepatitis C treatment that cannot finish inside.
     */
    async plannedReleaseDates(
      executor: Executor,
      personIds: readonly string[],
    ): Promise<Map<string, string>> {
      const ids = [...new Set(personIds)];
      if (!ids.length) return new Map();
      const rows = await executor
        .selectFrom('person')
        .select(['id', 'planned_release_date'])
        .where('id', 'in', ids)
        .where('planned_release_date', 'is not', null)
        .execute();
      return new Map(rows.flatMap((r) => (r.planned_release_date ? [[r.id, r.planned_release_date]] : [])));
    },

    /**
     * The people in custody (or temporarily absent) of these institutions (all, when null) whose
     * planned release date is between `from` and `to`, both included (YYYY-MM-DD): one statement
     * on the (institution, planned release) index, ordered by date then person. Other modules call
     * it inside their own reads or transactions (ADR 0050): TB release screening (PHC-9), mental
     * health's prompt weeks before release, medication's release plan.
     */
    async plannedReleases(
      executor: Executor,
      query: { institutionIds: readonly string[] | null; from: string; to: string },
    ): Promise<PlannedRelease[]> {
      if (query.institutionIds && !query.institutionIds.length) return [];
      let q = executor
        .selectFrom('person')
        .select(['id', 'institution_id', 'planned_release_date'])
        .where('planned_release_date', '>=', query.from)
        .where('planned_release_date', '<=', query.to)
        .where('status', 'in', ['in_custody', 'temporarily_absent'])
        .orderBy('planned_release_date')
        .orderBy('id');
      if (query.institutionIds) q = q.where('institution_id', 'in', [...query.institutionIds]);
      const rows = await q.execute();
      return rows.flatMap((r) =>
        r.institution_id && r.planned_release_date
          ? [{ personId: r.id, institutionId: r.institution_id, plannedReleaseDate: r.planned_release_date }]
          : [],
      );
    },

    /**
     * TB-5: the cell stays (from the placement history) of these people, and of everyone placed in a
     * cell of these units, that overlap `[from, to]`; a stay ends at the next placement, transfer out,
     * release or admission. Corrected events are left out. Two statements for any number of people.
     */
    async placementStays(
      executor: Executor,
      query: { personIds: readonly string[]; unitIds: readonly string[]; from: string; to: string },
    ): Promise<PlacementStay[]> {
      if (!query.personIds.length && !query.unitIds.length) return [];
      const moves = ['placement', 'transfer_out', 'release', 'admission', 'entered_in_error'];
      const rows = await executor
        .selectFrom('custody_event as e')
        .leftJoin('cell as c', 'c.id', 'e.cell_id')
        .select([
          'e.id',
          'e.person_id',
          'e.type',
          'e.occurred_at',
          'e.cell_id',
          'c.unit_id',
          'e.corrects_event_id',
        ])
        .where('e.type', 'in', moves)
        .where('e.occurred_at', '<=', query.to)
        .where((eb) => {
          const ors = [];
          if (query.personIds.length) ors.push(eb('e.person_id', 'in', [...query.personIds]));
          if (query.unitIds.length)
            ors.push(
              eb(
                'e.person_id',
                'in',
                eb
                  .selectFrom('custody_event as p')
                  .innerJoin('cell as pc', 'pc.id', 'p.cell_id')
                  .select('p.person_id')
                  .where('p.type', '=', 'placement')
                  .where('pc.unit_id', 'in', [...query.unitIds])
                  .where('p.occurred_at', '<=', query.to),
              ),
            );
          return eb.or(ors);
        })
        .orderBy('e.person_id')
        .orderBy('e.occurred_at')
        .orderBy('e.id')
        .execute();
      const corrected = new Set(rows.flatMap((r) => (r.corrects_event_id ? [r.corrects_event_id] : [])));
      const stays: PlacementStay[] = [];
      let open: PlacementStay | null = null;
      let person = '';
      for (const r of rows) {
        if (r.type === 'entered_in_error' || corrected.has(r.id)) continue;
        if (r.person_id !== person) {
          if (open) stays.push(open);
          open = null;
          person = r.person_id;
        }
        if (open) {
          open.to = r.occurred_at;
          stays.push(open);
          open = null;
        }
        if (r.type === 'placement' && r.cell_id && r.unit_id)
          open = {
            personId: r.person_id,
            cellId: r.cell_id,
            unitId: r.unit_id,
            from: r.occurred_at,
            to: null,
          };
      }
      if (open) stays.push(open);
      return stays.filter((st) => st.to === null || st.to > query.from);
    },

    /**
     * The staff record an account is linked to (WOM-6: the clinician's sex for a woman's request for
     * a female clinician), or null when the account is linked to none. Read inside the caller's
     * transaction; other modules ask here rather than reading the staff table.
     */
    async staffRecordOfUser(executor: Executor, userId: string) {
      const row = await executor
        .selectFrom('staff_member')
        .select(['id', 'institution_id', 'full_name', 'sex', 'position'])
        .where('user_id', '=', userId)
        .where('active', '=', 1)
        .orderBy('id')
        .executeTakeFirst();
      if (!row) return null;
      const sex: 'male' | 'female' | null = row.sex === 'female' || row.sex === 'male' ? row.sex : null;
      return {
        id: row.id,
        institutionId: row.institution_id,
        fullName: row.full_name,
        sex,
        position: row.position,
      };
    },

    /**
     * What custodial staff may see of one person, for another module's page about them (issue 14: the
     * restraint episode names the person): photo, name, prison number and cell; null when the viewer
     * does not reach the person now (moved on since), so the page about them still opens. The caller
     * records its own audit event in the same transaction.
     */
    async personCard(executor: Executor, viewer: RegistryViewer, id: string) {
      const person = await executor.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
      if (!person || !inScope(viewer, person)) return null;
      const [cell, photo] = await Promise.all([
        person.cell_id
          ? executor
              .selectFrom('cell')
              .select(['code', 'cell_type'])
              .where('id', '=', person.cell_id)
              .executeTakeFirst()
          : undefined,
        executor
          .selectFrom('person_photo')
          .select('id')
          .where('person_id', '=', id)
          .orderBy('uploaded_at', 'desc')
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirst(),
      ]);
      return {
        id: person.id,
        prisonNumber: person.prison_number,
        surname: person.surname_latin ?? person.surname_cyrillic ?? '',
        givenName: person.given_name_latin ?? person.given_name_cyrillic ?? '',
        cell: cell ? { code: cell.code, cellType: cell.cell_type } : null,
        photoId: photo?.id ?? null,
      };
    },

    /** The names of staff members by id (RST-10: the register names who applied and supervised). */
    async staffNames(executor: Executor, ids: readonly string[]): Promise<Map<string, string>> {
      if (!ids.length) return new Map();
      const rows = await executor
        .selectFrom('staff_member')
        .select(['id', 'full_name'])
        .where('id', 'in', [...new Set(ids)])
        .execute();
      return new Map(rows.map((r) => [r.id, r.full_name]));
    },

    /**
     * The prison number, name parts and sex of people by id, in one query, for a list the caller
     * has already scoped to the viewer (a worklist or a register names the person).
     */
    async personSummaries(
      executor: Executor,
      ids: readonly string[],
    ): Promise<
      Map<
        string,
        {
          prisonNumber: string;
          surnameLatin: string | null;
          givenNameLatin: string | null;
          surnameCyrillic: string | null;
          givenNameCyrillic: string | null;
          sex: string;
        }
      >
    > {
      if (!ids.length) return new Map();
      // ADR 0052: the worklist's contributors name their people in one statement for all of them.
      const gathered = gatheredRead(executor, 'person.summaries', ids, (all) =>
        service.personSummaries(executor, all),
      );
      if (gathered) return gathered;
      const rows = await executor
        .selectFrom('person')
        .select([
          'id',
          'prison_number',
          'surname_latin',
          'given_name_latin',
          'surname_cyrillic',
          'given_name_cyrillic',
          'sex',
        ])
        .where('id', 'in', [...new Set(ids)])
        .execute();
      return new Map(
        rows.map((r) => [
          r.id,
          {
            prisonNumber: r.prison_number,
            surnameLatin: r.surname_latin,
            givenNameLatin: r.given_name_latin,
            surnameCyrillic: r.surname_cyrillic,
            givenNameCyrillic: r.given_name_cyrillic,
            sex: r.sex,
          },
        ]),
      );
    },

    /**
     * The prison number and name of people by id, for a list the caller has already scoped to the
     * viewer (RST-10: the register names the person). Latin spelling first, else Cyrillic; `surname`
     * alone for the short labels of a worklist.
     */
    async personLabels(
      executor: Executor,
      ids: readonly string[],
    ): Promise<Map<string, { prisonNumber: string; name: string; surname: string }>> {
      const people = await service.personSummaries(executor, ids);
      return new Map(
        [...people].map(([id, p]) => {
          const surname = p.surnameLatin ?? p.surnameCyrillic ?? '';
          const name = `${surname} ${p.givenNameLatin ?? p.givenNameCyrillic ?? ''}`.trim();
          return [id, { prisonNumber: p.prisonNumber, name, surname }];
        }),
      );
    },

    async listStaff(
      viewer: RegistryViewer,
      query: { institutionId?: string; limit: number; cursor?: string },
    ) {
      const after = decodeCursor(query.cursor, 2);
      let q = db
        .selectFrom('staff_member')
        .selectAll()
        .orderBy('full_name')
        .orderBy('id')
        .limit(query.limit + 1);
      if (query.institutionId) q = q.where('institution_id', '=', query.institutionId);
      if (!viewer.national && viewer.institutionIds.length)
        q = q.where('institution_id', 'in', viewer.institutionIds);
      if (after) q = q.where(keysetAfter(['full_name', 'id'], after));
      return toPage(
        await q.execute(),
        query.limit,
        (r) => [r.full_name, r.id],
        (r) => ({
          id: r.id,
          institutionId: r.institution_id,
          fullName: r.full_name,
          sex: r.sex,
          position: r.position,
          userId: r.user_id,
          active: r.active === 1,
          /** RST-8: restraint training valid until (null: none recorded). */
          restraintTrainedUntil: r.restraint_trained_until ?? null,
          version: r.version,
        }),
      );
    },

    async createStaff(
      actor: AuditActor,
      input: {
        institutionId: string;
        fullName: string;
        sex: string;
        position: string;
        userId?: string | null;
      },
    ) {
      return inTransaction(db, async (tx) => {
        if (!(await institutionExists(tx, input.institutionId))) throw notFound('No such institution.');
        const id = newId();
        await tx
          .insertInto('staff_member')
          .values({
            id,
            institution_id: input.institutionId,
            full_name: input.fullName,
            sex: input.sex,
            position: input.position,
            user_id: input.userId ?? null,
            active: 1,
            version: 1,
            created_at: clock.now().toISOString(),
          })
          .execute();
        await audit.record(tx, actor, {
          action: 'registry.staff.create',
          dataClass: 'administrative',
          outcome: 'allowed',
          resourceType: 'staff_member',
          resourceId: id,
        });
        return id;
      });
    },
  };
  return Object.assign(service, registryLookups);
}

type InstitutionSummary = { id: string; code: string; name: { az: string; en: string; ru: string } };
const summary = (i: InstitutionSummary | undefined) => (i ? { id: i.id, code: i.code, name: i.name } : null);

function toListItem(p: PersonTable, institutions: Map<string, InstitutionSummary>) {
  return {
    id: p.id,
    prisonNumber: p.prison_number,
    surnameLatin: p.surname_latin,
    givenNameLatin: p.given_name_latin,
    surnameCyrillic: p.surname_cyrillic,
    givenNameCyrillic: p.given_name_cyrillic,
    birthDate: p.birth_date,
    sex: p.sex,
    status: p.status,
    institution: p.institution_id ? summary(institutions.get(p.institution_id)) : null,
  };
}

export type RegistryService = ReturnType<typeof createRegistryService>;
