import { type Clock, DOCUMENT_MAX_BYTES, type documentTypes, type Language, newId } from '@custodia/domain';
import { type Db, inTransaction, type Tx } from '../../platform/db/database.ts';
import { forbidden, notFound, ruleRefused, tooLarge, unsupportedMediaType } from '../../platform/errors.ts';
import { type CursorValues, decodeCursor, keysetAfter, toPage } from '../../platform/http/paging.ts';
import { detectFileType } from '../../platform/storage/file-type.ts';
import type { FileStorage } from '../../platform/storage/storage.ts';
import type { AuditActor, AuditService } from '../audit/index.ts';
import type { IdentityService, Viewer } from '../identity/index.ts';
import type { RegistryService } from '../registry/index.ts';
import { type CopyCorrection, fileCopyWriter } from './file-copy.ts';
import { bool, clinicalRules, recordAccess } from './records.ts';
import type { ClinicalDocumentTable } from './tables.ts';

const documentView = (d: ClinicalDocumentTable) => ({
  id: d.id,
  personId: d.person_id,
  type: d.type,
  title: d.title,
  contentType: d.content_type,
  size: d.size,
  sha256: d.sha256,
  restricted: bool(d.restricted),
  authorId: d.author_id,
  uploadedAt: d.uploaded_at,
});

/** A document over the size cap: said in words, nothing stored. */
export const documentTooLarge = () =>
  tooLarge('A document may be at most 10 MB; nothing was stored.', { code: 'document_too_large' });

/** How many entries of each kind the copy of a file reads per query (the whole file is written, batch by batch). */
const COPY_BATCH = 500;

/**
 * Documents of the medical file (PDF and images up to 10 MB, type decided by content, SHA-256 kept)
 * and access requests (MED-2): a person's request for a copy of their own file, its fulfilment
 * tracked, the copy a PDF.
 */
export function createDocumentService(
  db: Db,
  clock: Clock,
  audit: AuditService,
  registry: RegistryService,
  identity: IdentityService,
  storage: FileStorage,
  /** The deployment's time zone: the copy of a released person's file is dated in it. */
  defaultTimeZone: string,
) {
  const access = recordAccess(registry, audit);

  /**
   * The whole file of a person written into `copy` (MED-2; ADR 0015), section by section in batches
   * of 500, in the caller's transaction: the copy a person asks for and the file frozen at a death
   * (DAT-7, ADR 0037) are the same text.
   */
  async function writeWholeFile(tx: Tx, personId: string, copy: ReturnType<typeof fileCopyWriter>) {
    const correctionsOf = async (ids: string[]) => {
      const rows = ids.length
        ? await tx
            .selectFrom('clinical_correction')
            .selectAll()
            .where('entry_id', 'in', ids)
            .orderBy('created_at')
            .execute()
        : [];
      const names = await identity.displayNames(
        tx,
        rows.map((r) => r.author_id),
      );
      const map = new Map<string, CopyCorrection[]>();
      for (const r of rows) {
        const list = map.get(r.entry_id) ?? [];
        list.push({
          kind: r.kind,
          reason: r.reason,
          text: r.text,
          createdAt: r.created_at,
          authorName: names.get(r.author_id) ?? null,
        });
        map.set(r.entry_id, list);
      }
      return map;
    };
    /** Writes one section, batch by batch; entries entered in error are left out (MED-2). */
    const section = async <T extends { id: string }>(
      title: Parameters<typeof copy.section>[0],
      page: (after: CursorValues | undefined) => Promise<T[]>,
      timeOf: (row: T) => string,
      write: (rows: T[], corrections: Map<string, CopyCorrection[]>) => Promise<void> | void,
    ) => {
      copy.section(title);
      let written = 0;
      let after: CursorValues | undefined;
      for (;;) {
        const batch = await page(after);
        const corrections = await correctionsOf(batch.map((r) => r.id));
        const kept = batch.filter((r) => !corrections.get(r.id)?.some((c) => c.kind === 'entered_in_error'));
        await write(kept, corrections);
        written += kept.length;
        const last = batch.at(-1);
        if (!last || batch.length < COPY_BATCH) break;
        after = [timeOf(last), last.id];
      }
      if (!written) copy.none();
    };
    const resolvedOf = (list: CopyCorrection[] | undefined) => list?.find((c) => c.kind === 'resolved');

    await section(
      'problems',
      (after) => {
        let q = tx
          .selectFrom('problem')
          .selectAll()
          .where('person_id', '=', personId)
          .orderBy('recorded_at')
          .orderBy('id')
          .limit(COPY_BATCH);
        if (after) q = q.where(keysetAfter(['recorded_at', 'id'], after));
        return q.execute();
      },
      (r) => r.recorded_at,
      (rows, corrections) => {
        for (const p of rows) copy.problem(p, resolvedOf(corrections.get(p.id)));
      },
    );
    await section(
      'allergies',
      (after) => {
        let q = tx
          .selectFrom('allergy')
          .selectAll()
          .where('person_id', '=', personId)
          .orderBy('recorded_at')
          .orderBy('id')
          .limit(COPY_BATCH);
        if (after) q = q.where(keysetAfter(['recorded_at', 'id'], after));
        return q.execute();
      },
      (r) => r.recorded_at,
      (rows, corrections) => {
        for (const a of rows) copy.allergy(a, resolvedOf(corrections.get(a.id)));
      },
    );
    // Encounters, then admission screenings: drafts are not yet part of the file.
    for (const [title, screenings] of [
      ['encounters', false],
      ['screenings', true],
    ] as const) {
      await section(
        title,
        (after) => {
          let q = tx
            .selectFrom('encounter')
            .selectAll()
            .where('person_id', '=', personId)
            .where('status', '!=', 'draft')
            .where('type', screenings ? '=' : '!=', 'admission_screening')
            .orderBy('started_at')
            .orderBy('id')
            .limit(COPY_BATCH);
          if (after) q = q.where(keysetAfter(['started_at', 'id'], after));
          return q.execute();
        },
        (r) => r.started_at,
        async (rows, corrections) => {
          const names = await identity.displayNames(
            tx,
            rows.flatMap((r) => [r.author_id, r.signed_by ?? r.author_id]),
          );
          for (const e of rows) {
            copy.encounter(
              e,
              {
                author: names.get(e.author_id) ?? null,
                signer: e.signed_by ? (names.get(e.signed_by) ?? null) : null,
              },
              corrections.get(e.id) ?? [],
            );
          }
        },
      );
    }
    for (const [title, category] of [
      ['vitals', 'vital-signs'],
      ['labs', 'laboratory'],
    ] as const) {
      await section(
        title,
        (after) => {
          let q = tx
            .selectFrom('observation')
            .selectAll()
            .where('person_id', '=', personId)
            .where('category', '=', category)
            .orderBy('effective_at')
            .orderBy('id')
            .limit(COPY_BATCH);
          if (after) q = q.where(keysetAfter(['effective_at', 'id'], after));
          return q.execute();
        },
        (r) => r.effective_at,
        (rows) => {
          for (const o of rows) (category === 'laboratory' ? copy.lab : copy.vital)(o);
        },
      );
    }
    await section(
      'consents',
      (after) => {
        let q = tx
          .selectFrom('consent')
          .selectAll()
          .where('person_id', '=', personId)
          .orderBy('recorded_at')
          .orderBy('id')
          .limit(COPY_BATCH);
        if (after) q = q.where(keysetAfter(['recorded_at', 'id'], after));
        return q.execute();
      },
      (r) => r.recorded_at,
      (rows) => {
        for (const c of rows) copy.consent(c);
      },
    );
    await section(
      'documents',
      (after) => {
        let q = tx
          .selectFrom('clinical_document')
          .selectAll()
          .where('person_id', '=', personId)
          .orderBy('uploaded_at')
          .orderBy('id')
          .limit(COPY_BATCH);
        if (after) q = q.where(keysetAfter(['uploaded_at', 'id'], after));
        return q.execute();
      },
      (r) => r.uploaded_at,
      (rows) => {
        for (const d of rows) copy.document(d);
      },
    );
  }

  return {
    /**
     * DAT-7 (ADR 0037): the whole medical file as it stands now, the PDF of the copy (ADR 0015),
     * written in the caller's transaction: the file frozen when a person dies. It checks no scope and
     * writes no audit record: the caller has checked the scope and records its own, in the same
     * transaction.
     */
    async frozenCopy(
      tx: Tx,
      personId: string,
      made: {
        language: Language;
        timeZone: string;
        institution: string | null;
        at: string;
        by: string;
        person: { name: string; prisonNumber: string; birthDate: string };
      },
    ): Promise<Buffer> {
      const copy = fileCopyWriter(made.language, {
        timeZone: made.timeZone,
        institution: made.institution,
        at: made.at,
        by: made.by,
      });
      copy.header({ ...made.person, madeAt: made.at, thirdParty: null });
      await writeWholeFile(tx, personId, copy);
      return copy.end();
    },

    async upload(
      actor: AuditActor,
      viewer: Viewer,
      personId: string,
      meta: { type: (typeof documentTypes)[number]; title: string; restricted: boolean },
      bytes: Buffer,
    ) {
      if (bytes.length > DOCUMENT_MAX_BYTES) throw documentTooLarge();
      const contentType = detectFileType(bytes);
      if (!contentType) {
        throw unsupportedMediaType('Only PDF, JPEG and PNG files are accepted.');
      }
      // Scope first, so nothing is stored for someone out of reach.
      await registry.personForViewer(db, viewer, personId);
      const stored = await storage.put(bytes);
      return inTransaction(db, async (tx) => {
        await access(tx, viewer, actor, personId, {
          action: 'clinical.document.create',
          resourceType: 'document',
        });
        const row: ClinicalDocumentTable = {
          id: newId(),
          person_id: personId,
          type: meta.type,
          title: meta.title,
          content_type: contentType,
          size: stored.size,
          sha256: stored.sha256,
          storage_key: stored.key,
          restricted: meta.restricted ? 1 : 0,
          author_id: viewer.userId,
          uploaded_at: clock.now().toISOString(),
        };
        await tx.insertInto('clinical_document').values(row).execute();
        return documentView(row);
      });
    },

    async list(
      actor: AuditActor,
      viewer: Viewer,
      personId: string,
      query: { limit: number; cursor?: string },
    ) {
      return inTransaction(db, async (tx) => {
        await access(tx, viewer, actor, personId, { action: 'clinical.document.list' });
        const after = decodeCursor(query.cursor, 2);
        let q = tx
          .selectFrom('clinical_document')
          .selectAll()
          .where('person_id', '=', personId)
          .orderBy('uploaded_at', 'desc')
          .orderBy('id', 'desc')
          .limit(query.limit + 1);
        if (!viewer.restrictedReader) {
          q = q.where((eb) => eb.or([eb('restricted', '=', 0), eb('author_id', '=', viewer.userId)]));
        }
        if (after) q = q.where(keysetAfter(['uploaded_at', 'id'], after, 'desc'));
        const rows = await q.execute();
        return toPage(rows, query.limit, (r) => [r.uploaded_at, r.id], documentView);
      });
    },

    /** The bytes of a document, checked against their hash by the store; audited. */
    async content(actor: AuditActor, viewer: Viewer, id: string) {
      const row = await inTransaction(db, async (tx) => {
        const doc = await tx
          .selectFrom('clinical_document')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirst();
        if (!doc) throw notFound('No such document.');
        if (doc.restricted && doc.author_id !== viewer.userId && !viewer.restrictedReader)
          throw notFound('No such document.');
        await access(tx, viewer, actor, doc.person_id, {
          action: 'clinical.document.read',
          resourceType: 'document',
          resourceId: id,
        });
        return doc;
      });
      return { ...documentView(row), bytes: await storage.get(row.storage_key) };
    },

    /** MED-2: registers a person's request for a copy of their own file (or for a named third party). */
    async registerRequest(
      actor: AuditActor,
      viewer: Viewer,
      personId: string,
      input: { receivedAt: string; thirdParty?: string | null | undefined; note?: string | null | undefined },
    ) {
      if (Date.parse(input.receivedAt) > clock.now().getTime() + 5 * 60_000) {
        throw ruleRefused([{ path: 'receivedAt', code: 'in_the_future' }], clinicalRules);
      }
      return inTransaction(db, async (tx) => {
        await access(tx, viewer, actor, personId, {
          action: 'clinical.access_request.create',
          resourceType: 'access_request',
        });
        const id = newId();
        await tx
          .insertInto('access_request')
          .values({
            id,
            person_id: personId,
            received_at: input.receivedAt,
            third_party: input.thirdParty ?? null,
            note: input.note ?? null,
            registered_by: viewer.userId,
            fulfilled_at: null,
            fulfilled_by: null,
            version: 1,
          })
          .execute();
        return id;
      });
    },

    async listRequests(actor: AuditActor, viewer: Viewer, personId: string) {
      return inTransaction(db, async (tx) => {
        await access(tx, viewer, actor, personId, { action: 'clinical.access_request.list' });
        const rows = await tx
          .selectFrom('access_request')
          .selectAll()
          .where('person_id', '=', personId)
          .orderBy('received_at', 'desc')
          .limit(100)
          .execute();
        return rows.map((r) => ({
          id: r.id,
          receivedAt: r.received_at,
          thirdParty: r.third_party,
          note: r.note,
          fulfilledAt: r.fulfilled_at,
          version: r.version,
        }));
      });
    },

    /**
     * Fulfils a request (MED-2): the copy of the whole file as a PDF — problems, allergies, encounters
     * with their amendments, vital signs, lab results, consents, admission screenings with the injury
     * record and body chart, and the documents listed — and the date of fulfilment recorded. A request
     * is fulfilled once; a new copy needs a new request.
     */
    async fulfil(
      actor: AuditActor,
      viewer: Viewer,
      requestId: string,
      language: Language,
      /** Who makes the copy, by name, as its footer says. */
      madeBy: string,
    ) {
      // MED-2: the copy is the whole file, restricted items included, so only a role allowed to read
      // all of it makes it; anyone else is refused before anything is read or written.
      if (!viewer.restrictedReader) {
        throw forbidden(
          'The copy of a file is the whole file, restricted items included: only a clinician allowed to read restricted items can make it.',
          { code: 'file_copy_needs_restricted_reader' },
        );
      }
      const request = await db
        .selectFrom('access_request')
        .selectAll()
        .where('id', '=', requestId)
        .executeTakeFirst();
      if (!request) throw notFound('No such request.');
      const person = await registry.getPerson(viewer, request.person_id);
      if (request.fulfilled_at)
        throw ruleRefused([{ path: 'requestId', code: 'already_fulfilled' }], clinicalRules);
      const institution = person.institution
        ? (await registry.listInstitutions()).find((i) => i.id === person.institution?.id)
        : undefined;
      const now = clock.now().toISOString();
      const copy = fileCopyWriter(language, {
        timeZone: institution?.timeZone ?? defaultTimeZone,
        institution: institution?.name[language] ?? null,
        at: now,
        by: madeBy,
      });
      copy.header({
        name: [
          person.surnameLatin ?? person.surnameCyrillic,
          person.givenNameLatin ?? person.givenNameCyrillic,
        ]
          .filter(Boolean)
          .join(' '),
        prisonNumber: person.prisonNumber,
        birthDate: person.birthDate,
        madeAt: now,
        thirdParty: request.third_party,
      });
      const personId = request.person_id;

      await inTransaction(db, async (tx) => {
        await access(tx, viewer, actor, personId, {
          action: 'clinical.access_request.fulfil',
          resourceType: 'access_request',
          resourceId: requestId,
        });
        await writeWholeFile(tx, personId, copy);
        await tx
          .updateTable('access_request')
          .set({ fulfilled_at: now, fulfilled_by: viewer.userId, version: request.version + 1 })
          .where('id', '=', requestId)
          .where('fulfilled_at', 'is', null)
          .execute();
      });
      return copy.end();
    },
  };
}

export type DocumentService = ReturnType<typeof createDocumentService>;
