import { readFileSync } from 'node:fs';
import type { Clock } from '@custodia/domain';
import { type Db, inTransaction } from '../../platform/db/database.ts';

/** An ATC code of any level: A, A10, A10B, A10BA, A10BA02. */
const ATC_CODE = /^[A-Z](\d{2}([A-Z]([A-Z](\d{2})?)?)?)?$/;
const levelOf = (code: string) => [1, 3, 4, 5, 7].indexOf(code.length) + 1;
const BATCH = 500;

/** The records of a CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new Error('the file ends inside a quoted field');
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => r.some((f) => f.trim() !== ''));
}

/**
 * `custodia terminology import-atc FILE` (issue 15 item 1): the WHO ATC index from a CSV file with a
 * header naming `atc_code` and `atc_name` (the WHO export's names; `code` and `name` also do), in one
 * transaction: a broken line refuses the whole file, naming the line, and nothing is written. A code
 * already there gets the new name.
 */
export function createAtcImport(db: Db, clock: Clock) {
  return {
    async importAtc(file: string): Promise<{ codes: number }> {
      const records = parseCsv(readFileSync(file, 'utf8'));
      const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
      const codeAt = header.findIndex((h) => h === 'atc_code' || h === 'code');
      const nameAt = header.findIndex((h) => h === 'atc_name' || h === 'name');
      if (codeAt < 0 || nameAt < 0)
        throw new Error('the first line must name the columns atc_code and atc_name');
      const rows = new Map<string, string>();
      records.slice(1).forEach((r, i) => {
        const line = i + 2;
        const code = (r[codeAt] ?? '').trim().toUpperCase();
        const name = (r[nameAt] ?? '').trim();
        if (!ATC_CODE.test(code)) throw new Error(`line ${line}: "${code}" is not an ATC code`);
        if (!name) throw new Error(`line ${line}: the name of ${code} is empty`);
        if (name.length > 300)
          throw new Error(`line ${line}: the name of ${code} is longer than 300 characters`);
        rows.set(code, name);
      });
      if (!rows.size) throw new Error('the file holds no ATC codes');
      const importedAt = clock.now().toISOString();
      const values = [...rows].map(([code, name]) => ({
        code,
        name,
        level: levelOf(code),
        imported_at: importedAt,
      }));
      await inTransaction(db, async (tx) => {
        for (let i = 0; i < values.length; i += BATCH) {
          await tx
            .insertInto('medication_atc')
            .values(values.slice(i, i + BATCH))
            .onConflict((oc) =>
              oc.column('code').doUpdateSet((eb) => ({
                name: eb.ref('excluded.name'),
                level: eb.ref('excluded.level'),
                imported_at: eb.ref('excluded.imported_at'),
              })),
            )
            .execute();
        }
      });
      return { codes: values.length };
    },
  };
}
