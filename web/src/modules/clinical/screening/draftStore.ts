import type { EncounterContent } from '@custodia/domain';
import { PRIVATE_STORAGE_PREFIX } from '../../../app/session.ts';
import type { FormValues } from './formValues.ts';

/**
 * The browser's copy of a screening being written: kept on every change, so that a lost network or
 * a reload loses nothing; restored when the same user opens the same screening again, and removed
 * once the server has every change, the screening is completed, or the session ends (sign-out or
 * idle expiry: MED-1, session.ts). Keyed by user and encounter: another user never sees it.
 */
export interface StoredDraft {
  form: FormValues;
  content: EncounterContent;
  /** The server version the copy was based on. */
  baseVersion: number;
  savedAt: string;
}

// Under the private prefix: the end of the session removes it from the browser (session.ts).
const PREFIX = `${PRIVATE_STORAGE_PREFIX}screening-draft.`;
export const draftStorageKey = (userId: string, encounterId: string) => `${PREFIX}${userId}.${encounterId}`;

export function readDraft(userId: string, encounterId: string): StoredDraft | null {
  try {
    const raw = window.localStorage.getItem(draftStorageKey(userId, encounterId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredDraft>;
    if (!parsed.form || !parsed.content || typeof parsed.baseVersion !== 'number') return null;
    return parsed as StoredDraft;
  } catch {
    return null; // Storage disabled or a broken copy: the server's draft stands.
  }
}

export function writeDraft(userId: string, encounterId: string, draft: StoredDraft): boolean {
  try {
    window.localStorage.setItem(draftStorageKey(userId, encounterId), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function removeDraft(userId: string, encounterId: string): void {
  try {
    window.localStorage.removeItem(draftStorageKey(userId, encounterId));
  } catch {
    // Nothing to remove.
  }
}
