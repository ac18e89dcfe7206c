/**
 * The one CSV writer of the server (ADR 0026): RFC 4180 text that spreadsheet programs open safely.
 *
 * - Fields are separated by commas and records end with CRLF, the last one too (RFC 4180 §2.1–2.2).
 * - A field holding a comma, a double quote, CR or LF is quoted, its quotes doubled (§2.5–2.7). A field
 *   holding a semicolon is quoted as well, so that a spreadsheet set to split on semicolons (the
 *   Azerbaijani and Russian defaults) keeps it whole; RFC 4180 allows quoting any field. With
 *   `quoteAll`, every field is quoted.
 * - The text starts with a UTF-8 byte-order mark, without which spreadsheet programs read UTF-8 as
 *   a legacy code page and garble Azerbaijani and Cyrillic letters.
 * - Formula injection (OWASP "CSV Injection"): a text field starting with `=`, `+`, `-`, `@`, a tab
 *   or a carriage return gets a leading apostrophe, which spreadsheet programs show as text and never
 *   evaluate. Numbers are written as they are: a number is not a formula, and `-3` stays a number.
 */

/** The media type of a CSV export. */
export const csvMediaType = 'text/csv; charset=utf-8';

/** The byte-order mark every CSV export starts with. */
export const byteOrderMark = '\uFEFF';

export type CsvValue = string | number | bigint | boolean | null | undefined;

export interface CsvOptions {
  /** Quote every field, not only those that need it. */
  quoteAll?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\r\n]/;

/** A text that a spreadsheet would evaluate as a formula, with the apostrophe that stops it. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field: empty for null and undefined, formulas neutralised, quoted when needed. */
export function csvField(value: CsvValue, options: CsvOptions = {}): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'string'
        ? neutraliseFormula(value)
        : String(value);
  return options.quoteAll || NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, with its CRLF. */
export function csvRecord(values: readonly CsvValue[], options: CsvOptions = {}): string {
  return `${values.map((v) => csvField(v, options)).join(',')}\r\n`;
}

/** A whole CSV file: the byte-order mark, then every record (records may differ in length). */
export function csvDocument(records: Iterable<readonly CsvValue[]>, options: CsvOptions = {}): string {
  let text = byteOrderMark;
  for (const record of records) text += csvRecord(record, options);
  return text;
}
