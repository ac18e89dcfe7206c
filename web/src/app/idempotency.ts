import { newId } from '@custodia/domain/platform';

/**
 * A fresh Idempotency-Key for a recording form: a UUIDv7 from the domain, since
 * `crypto.randomUUID` exists only in a secure context and a ward's network may serve plain HTTP.
 */
export const newIdempotencyKey = (): string => newId();
