import { createHash } from 'node:crypto';
import { newId, type photoConsentInputSchema } from '@custodia/domain';
import type { z } from 'zod';
import { type Executor, inTransaction } from '../../platform/db/database.ts';
import { AppError, notFound, ruleRefused, tooLarge, unsupportedMediaType } from '../../platform/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import { detectFileType } from '../../platform/storage/file-type.ts';
import { StorageCorruptError } from '../../platform/storage/storage.ts';
import type { Caller } from '../identity/index.ts';
import { clinicalAccess, type InjuriesDeps, injuriesRules } from './context.ts';
import { recordInScope } from './records.ts';

/** INJ-2: a photograph is at most 10 MB. */
export const INJURY_PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/** INJ-2: the consent in force for a record's photographs (the latest answer), or null. */
async function consentOf(executor: Executor, recordId: string): Promise<string | null> {
  const row = await executor
    .selectFrom('injury_photo_consent')
    .select('consent')
    .where('record_id', '=', recordId)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.consent ?? null;
}

/** INJ-2: photographs with consent, a scale in frame, a system time-stamp and a SHA-256. */
export function createPhotoCommands(deps: InjuriesDeps) {
  const { db, clock, storage } = deps;

  /** INJ-2: refused unless consent is recorded and given (nothing stored, nothing written). */
  function consentProblems(consent: string | null) {
    if (consent === 'refused') return [{ path: 'consent', code: 'photo_consent_refused' }];
    if (consent !== 'given') return [{ path: 'consent', code: 'photo_consent_missing' }];
    return [];
  }

  return {
    /** INJ-2: the person's consent to photographs, or their refusal, recorded. */
    async recordConsent(
      caller: Caller,
      id: string,
      input: z.infer<typeof photoConsentInputSchema>,
      key?: string,
    ) {
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `injuries:${id}:consent`, body: input },
          async () => {
            const row = await recordInScope(tx, caller, id);
            const consentId = newId();
            await clinicalAccess(deps, tx, caller.viewer, caller.audit, row.person_id, {
              action: 'injuries.photo.consent',
              resourceType: 'injury_record',
              resourceId: id,
            });
            await tx
              .insertInto('injury_photo_consent')
              .values({
                id: consentId,
                record_id: id,
                consent: input.consent,
                note: input.note ?? null,
                recorded_by: caller.userId,
                recorded_at: clock.now().toISOString(),
              })
              .execute();
            return { id: consentId };
          },
        ),
      );
    },

    /**
     * INJ-2: a photograph of the injuries. Refused without a recorded consent, after a refusal, or
     * without the scale in frame — checked before the bytes are stored, so a refused upload changes
     * nothing. The time-stamp is the system's; the SHA-256 is stored beside the file.
     */
    async upload(caller: Caller, id: string, bytes: Buffer, scaleInFrame: boolean) {
      const precheck = await recordInScope(db, caller, id);
      const problems = [
        ...consentProblems(await consentOf(db, precheck.id)),
        ...(scaleInFrame ? [] : [{ path: 'scaleInFrame', code: 'scale_required' }]),
      ];
      if (problems.length) throw ruleRefused(problems, injuriesRules);
      if (bytes.byteLength > INJURY_PHOTO_MAX_BYTES) {
        throw tooLarge('The photograph is larger than 10 MB.', {
          errors: [{ path: 'body', code: 'photo_too_large', message: 'At most 10 MB.' }],
        });
      }
      const contentType = detectFileType(bytes);
      if (contentType !== 'image/jpeg' && contentType !== 'image/png') {
        throw unsupportedMediaType('A photograph must be a JPEG or PNG image.', [
          { path: 'body', code: 'photo_type', message: 'JPEG or PNG only.' },
        ]);
      }
      // The bytes first: a failed transaction leaves an unreferenced file, never a row without one.
      const stored = await storage.put(bytes);
      return inTransaction(db, async (tx) => {
        const row = await recordInScope(tx, caller, id);
        const again = consentProblems(await consentOf(tx, id));
        if (again.length) throw ruleRefused(again, injuriesRules);
        const photoId = newId();
        const takenAt = clock.now().toISOString();
        await clinicalAccess(deps, tx, caller.viewer, caller.audit, row.person_id, {
          action: 'injuries.photo.upload',
          resourceType: 'injury_photo',
          resourceId: photoId,
        });
        await tx
          .insertInto('injury_photo')
          .values({
            id: photoId,
            record_id: id,
            storage_key: stored.key,
            sha256: stored.sha256,
            content_type: contentType,
            size_bytes: stored.size,
            scale_in_frame: 1,
            taken_at: takenAt,
            uploaded_by: caller.userId,
          })
          .execute();
        return { id: photoId, sha256: stored.sha256, takenAt, size: stored.size, contentType };
      });
    },

    /** INJ-2: a photograph's bytes, refused when they no longer match the hash stored beside them. */
    async download(caller: Caller, id: string, photoId: string) {
      const photo = await inTransaction(db, async (tx) => {
        const row = await recordInScope(tx, caller, id);
        const p = await tx
          .selectFrom('injury_photo')
          .selectAll()
          .where('id', '=', photoId)
          .where('record_id', '=', id)
          .executeTakeFirst();
        if (!p) throw notFound('No such photograph.');
        await clinicalAccess(deps, tx, caller.viewer, caller.audit, row.person_id, {
          action: 'injuries.photo.read',
          resourceType: 'injury_photo',
          resourceId: photoId,
        });
        return p;
      });
      const integrity = () =>
        new AppError('photo_integrity_failed', 409, 'The stored photograph does not match its SHA-256.');
      let bytes: Buffer;
      try {
        bytes = await storage.get(photo.storage_key);
      } catch (error) {
        if (error instanceof StorageCorruptError) throw integrity();
        throw error;
      }
      if (createHash('sha256').update(bytes).digest('hex') !== photo.sha256) throw integrity();
      return { contentType: photo.content_type, bytes, sha256: photo.sha256 };
    },
  };
}
