import type { AdministrationRecordInput, DoseRecord } from '@custodia/domain/medication';
import { ApiError } from '../../app/api.ts';

/**
 * The round's offline queue (issue 15 item 4; ADR 0046). A dose recorded while the server cannot be
 * reached is kept in the browser's storage under its Idempotency-Key (it survives a reload), shown
 * on the round as "waiting to send", and sent again on reconnection with the time it was really
 * given. A record the server refuses stays in the queue with the reason — when another nurse
 * recorded the same dose meanwhile, with that other record — until the nurse dismisses it: nothing
 * is silently dropped. Entries belong to the user who recorded them: only they send them.
 *
 * Kept outside the session's private storage on purpose (ADR 0046): the end of a session while the
 * network is down would otherwise lose the doses given.
 */
export const QUEUE_PREFIX = 'custodia.medication.dose-queue.';

export type QueuedState = 'waiting' | 'conflict' | 'refused';

export interface QueuedDose {
  /** The Idempotency-Key: the same on every attempt, so a record that did arrive is not made twice. */
  key: string;
  userId: string;
  prescriptionId: string;
  /** What the round showed, to name the dose while it waits. */
  personName: string;
  body: AdministrationRecordInput & { dueAt: string; givenAt: string };
  queuedAt: string;
  state: QueuedState;
  /** The record another nurse made of the same dose (a conflict). */
  other?: DoseRecord | null;
  /** The rule codes of a refusal. */
  codes?: string[];
}

export interface QueueStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The answers the queue needs from the API: send a record; read the dose's other record. */
export interface QueueApi {
  send(dose: QueuedDose): Promise<unknown>;
  otherRecord(dose: QueuedDose): Promise<DoseRecord | null>;
}

export interface FlushResult {
  sent: number;
  conflicts: number;
  refused: number;
  /** True when the server still could not be reached (the rest wait for the next try). */
  offline: boolean;
}

/** No answer from the server (ApiError status 0), or an answer from something between (a gateway). */
export function isUnreachable(error: unknown): boolean {
  return error instanceof ApiError ? error.status === 0 || error.status >= 500 : error instanceof TypeError;
}

export function createDoseQueue(storage: QueueStorage) {
  const read = (): QueuedDose[] => {
    const items: QueuedDose[] = [];
    for (let i = 0; i < storage.length; i++) {
      const name = storage.key(i);
      if (!name?.startsWith(QUEUE_PREFIX)) continue;
      try {
        items.push(JSON.parse(storage.getItem(name) ?? '') as QueuedDose);
      } catch {
        // A damaged entry is not ours to guess at.
      }
    }
    return items.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt) || a.key.localeCompare(b.key));
  };
  const write = (dose: QueuedDose) => storage.setItem(`${QUEUE_PREFIX}${dose.key}`, JSON.stringify(dose));

  const queue = {
    /** The user's queued records, oldest first. */
    list(userId: string): QueuedDose[] {
      return read().filter((d) => d.userId === userId);
    },
    /** How many records of other users wait on this device (they send them when they sign in). */
    othersWaiting(userId: string): number {
      return read().filter((d) => d.userId !== userId).length;
    },
    add(dose: Omit<QueuedDose, 'state'>): QueuedDose {
      const entry: QueuedDose = { ...dose, state: 'waiting' };
      write(entry);
      return entry;
    },
    /** The nurse has seen a conflict or a refusal: it leaves the queue. */
    dismiss(key: string): void {
      storage.removeItem(`${QUEUE_PREFIX}${key}`);
    },
    /**
     * Sends the user's waiting records, oldest first, each with its own key and real time. Stops at
     * the first that cannot reach the server (the rest wait). A refusal as already recorded (MDX-2)
     * keeps the record as a conflict with the other record; any other refusal keeps it with its codes.
     */
    async flush(userId: string, api: QueueApi): Promise<FlushResult> {
      const result: FlushResult = { sent: 0, conflicts: 0, refused: 0, offline: false };
      for (const dose of queue.list(userId).filter((d) => d.state === 'waiting')) {
        try {
          await api.send(dose);
          queue.dismiss(dose.key);
          result.sent += 1;
        } catch (error) {
          if (isUnreachable(error)) {
            result.offline = true;
            break;
          }
          const codes =
            error instanceof ApiError ? (error.problem?.errors ?? []).map((e) => e.code) : ['unknown'];
          if (codes.includes('already_recorded')) {
            let other: DoseRecord | null = null;
            try {
              other = await api.otherRecord(dose);
            } catch {
              // The conflict is still shown, without the other record's details.
            }
            write({ ...dose, state: 'conflict', other, codes });
            result.conflicts += 1;
          } else {
            write({ ...dose, state: 'refused', codes });
            result.refused += 1;
          }
        }
      }
      return result;
    },
  };
  return queue;
}

export type DoseQueue = ReturnType<typeof createDoseQueue>;
