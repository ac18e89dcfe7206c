import { createRequire } from 'node:module';
import {
  type Clock,
  DOCUMENT_MAX_BYTES,
  type documentTypes,
  type EncounterContent,
  type Language,
  newId,
} from '@custodia/domain';
import PDFDocument from 'pdfkit';
import { type Db, inTransaction } from '../../platform/db/database.ts';
import type { ClinicalDocumentTable } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { decodeCursor, keysetAfter, toPage } from '../../platform/http/paging.ts';
import { detectFileType } from '../../platform/storage/file-type.ts';
import type { FileStorage } from '../../platform/storage/storage.ts';
import type { AuditActor, AuditService } from '../audit/service.ts';
import type { RegistryService } from '../registry/service.ts';
import { bool, type ClinicalViewer, recordAccess, ruleProblem } from './records.ts';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

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

/** How many encounters the copy of a file holds per query (the whole file is written, page by page). */
const COPY_BATCH = 500;

const copyLabels: Record<Language, Record<string, string>> = {
  az: {
    title: 'Tibbi kartanın surəti',
    person: 'Şəxs',
    made: 'Hazırlanıb',
    problems: 'Problemlər (XBT-10)',
    allergies: 'Allergiyalar',
    encounters: 'Müayinələr',
    amendment: 'Düzəliş',
    entered_in_error: 'Səhvən daxil edilib',
    none: 'Yoxdur',
  },
  en: {
    title: 'Copy of the medical file',
    person: 'Person',
    made: 'Made',
    problems: 'Problems (ICD-10)',
    allergies: 'Allergies',
    encounters: 'Encounters',
    amendment: 'Amendment',
    entered_in_error: 'Entered in error',
    none: 'None',
  },
  ru: {
    title: 'Копия медицинской карты',
    person: 'Лицо',
    made: 'Составлено',
    problems: 'Проблемы (МКБ-10)',
    allergies: 'Аллергии',
    encounters: 'Осмотры',
    amendment: 'Исправление',
    entered_in_error: 'Внесено ошибочно',
    none: 'Нет',
  },
};

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
  storage: FileStorage,
) {
  const access = recordAccess(registry, audit);

  return {
    async upload(
      actor: AuditActor,
      viewer: ClinicalViewer,
      personId: string,
      meta: { type: (typeof documentTypes)[number]; title: string; restricted: boolean },
      bytes: Buffer,
    ) {
      if (bytes.length > DOCUMENT_MAX_BYTES) throw new AppError('payload_too_large', 413, 'At most 10 MB.');
      const contentType = detectFileType(bytes);
      if (!contentType) {
        throw new AppError('unsupported_media_type', 415, 'Only PDF, JPEG and PNG files are accepted.');
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
      viewer: ClinicalViewer,
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
    async content(actor: AuditActor, viewer: ClinicalViewer, id: string) {
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
      viewer: ClinicalViewer,
      personId: string,
      input: { receivedAt: string; thirdParty?: string | null | undefined; note?: string | null | undefined },
    ) {
      if (Date.parse(input.receivedAt) > clock.now().getTime() + 5 * 60_000) {
        throw ruleProblem([{ path: 'receivedAt', code: 'in_the_future' }]);
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

    async listRequests(actor: AuditActor, viewer: ClinicalViewer, personId: string) {
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
     * Fulfils a request: the copy of the whole file as a PDF (identity, problems, allergies, every
     * encounter with its amendments — the person's own data, restricted items included), and the
     * date of fulfilment recorded. A request is fulfilled once; a new copy needs a new request.
     */
    async fulfil(actor: AuditActor, viewer: ClinicalViewer, requestId: string, language: Language) {
      const request = await db
        .selectFrom('access_request')
        .selectAll()
        .where('id', '=', requestId)
        .executeTakeFirst();
      if (!request) throw notFound('No such request.');
      const person = await registry.getPerson(viewer, request.person_id);
      if (request.fulfilled_at) throw ruleProblem([{ path: 'requestId', code: 'already_fulfilled' }]);
      const l = copyLabels[language];
      const doc = new PDFDocument({
        size: 'A4',
        margin: 40,
        info: { Title: l.title as string, Producer: 'Custodia' },
      });
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
      const now = clock.now().toISOString();
      const name = [
        person.surnameLatin ?? person.surnameCyrillic,
        person.givenNameLatin ?? person.givenNameCyrillic,
      ]
        .filter(Boolean)
        .join(' ');
      doc
        .font(FONT_BOLD)
        .fontSize(15)
        .text(l.title as string);
      doc.moveDown(0.5).font(FONT).fontSize(10);
      doc.text(`${l.person}: ${name} · ${person.prisonNumber} · ${person.birthDate}`);
      doc.text(`${l.made}: ${now.replace('T', ' ').slice(0, 16)} UTC`);

      await inTransaction(db, async (tx) => {
        await access(tx, viewer, actor, request.person_id, {
          action: 'clinical.access_request.fulfil',
          resourceType: 'access_request',
          resourceId: requestId,
        });
        const problems = await tx
          .selectFrom('problem')
          .selectAll()
          .where('person_id', '=', request.person_id)
          .orderBy('recorded_at')
          .execute();
        const allergies = await tx
          .selectFrom('allergy')
          .selectAll()
          .where('person_id', '=', request.person_id)
          .orderBy('recorded_at')
          .execute();
        doc
          .moveDown()
          .font(FONT_BOLD)
          .fontSize(12)
          .text(l.problems as string);
        doc.font(FONT).fontSize(9);
        if (!problems.length) doc.text(l.none as string);
        for (const p of problems)
          doc.text(`${p.recorded_at.slice(0, 10)}  ${p.code}  ${p.display}${p.note ? ` — ${p.note}` : ''}`);
        doc
          .moveDown()
          .font(FONT_BOLD)
          .fontSize(12)
          .text(l.allergies as string);
        doc.font(FONT).fontSize(9);
        if (!allergies.length) doc.text(l.none as string);
        for (const a of allergies)
          doc.text(`${a.substance} (${a.severity})${a.reaction ? ` — ${a.reaction}` : ''}`);
        doc
          .moveDown()
          .font(FONT_BOLD)
          .fontSize(12)
          .text(l.encounters as string);
        let after: string | null = null;
        for (;;) {
          let q = tx
            .selectFrom('encounter')
            .selectAll()
            .where('person_id', '=', request.person_id)
            .where('status', '=', 'signed')
            .orderBy('id')
            .limit(COPY_BATCH);
          if (after) q = q.where('id', '>', after);
          const batch = await q.execute();
          if (!batch.length) break;
          const corrections = await tx
            .selectFrom('clinical_correction')
            .selectAll()
            .where(
              'entry_id',
              'in',
              batch.map((e) => e.id),
            )
            .orderBy('created_at')
            .execute();
          for (const e of batch) {
            const c = JSON.parse(e.content) as EncounterContent;
            doc
              .moveDown(0.5)
              .font(FONT_BOLD)
              .fontSize(9)
              .text(`${e.started_at.replace('T', ' ').slice(0, 16)}  ${e.type}`);
            doc.font(FONT).fontSize(9);
            for (const part of [c.subjective, c.objective, c.assessment, c.plan]) if (part) doc.text(part);
            for (const k of corrections.filter((x) => x.entry_id === e.id)) {
              doc.text(
                `${l[k.kind] ?? k.kind} (${k.created_at.slice(0, 10)}): ${k.reason}${k.text ? ` — ${k.text}` : ''}`,
              );
            }
          }
          after = (batch.at(-1) as { id: string }).id;
        }
        await tx
          .updateTable('access_request')
          .set({ fulfilled_at: now, fulfilled_by: viewer.userId, version: request.version + 1 })
          .where('id', '=', requestId)
          .where('fulfilled_at', 'is', null)
          .execute();
      });
      doc.end();
      return done;
    },
  };
}

export type DocumentService = ReturnType<typeof createDocumentService>;
