import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteOrderMark, type CsvValue, csvDocument, csvField, csvRecord, neutraliseFormula } from './csv.ts';

/** Read back as a spreadsheet program would, by a standard RFC 4180 parser. */
const read = (text: string): string[][] => parse(text, { bom: true, relax_column_count: true });

/** Any text, with the characters that matter to CSV and spreadsheets made frequent. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({
    unit: fc.constantFrom('a', ' ', ',', ';', '"', '\r', '\n', '\t', '=', '+', '-', '@', "'", 'ə', 'Ж'),
  }),
);

/** What a field reads back as: the text, with the apostrophe a formula start gets. */
const expected = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

describe('platform CSV writer', () => {
  it('starts with a UTF-8 byte-order mark and ends every record with CRLF, the last one too', () => {
    const text = csvDocument([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(text.startsWith(byteOrderMark)).toBe(true);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text.slice(1)).toBe('a,b\r\nc,d\r\n');
  });

  it('quotes a field holding a comma, a quote, CR, LF or a semicolon, and doubles its quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('one\ntwo')).toBe('"one\ntwo"');
    expect(csvField('one\rtwo')).toBe('"one\rtwo"');
    expect(csvField('one\r\ntwo')).toBe('"one\r\ntwo"');
    expect(csvField('Əliyev; Петров')).toBe('"Əliyev; Петров"');
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('plain', { quoteAll: true })).toBe('"plain"');
  });

  it('neutralises a formula: a leading =, +, -, @, tab or CR gets an apostrophe', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const value = `${start}HYPERLINK("http://x","y")`;
      expect(neutraliseFormula(value)).toBe(`'${value}`);
      expect(read(csvDocument([[value]]))[0]?.[0]).toBe(`'${value}`);
    }
    expect(csvField('\tleading tab')).toBe("'\tleading tab");
    // A lone CR is quoted and neutralised (the weaker restraint escaper did neither).
    expect(csvField('\r')).toBe(`"'\r"`);
    expect(neutraliseFormula('a=b')).toBe('a=b');
    expect(neutraliseFormula(' =1+1')).toBe(' =1+1');
  });

  it('writes numbers as numbers (a number is no formula), empty fields for null and undefined', () => {
    expect(csvRecord([-3, 0, 12.5, null, undefined, true])).toBe('-3,0,12.5,,,true\r\n');
    expect(csvField('-3')).toBe("'-3");
  });

  it('any text round-trips through a standard CSV parser, apart from the neutralisation apostrophe', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(anyText, { minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.boolean(),
        (records, quoteAll) => {
          const back = read(csvDocument(records, { quoteAll }));
          expect(back).toEqual(records.map((r) => r.map(expected)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any field is quoted whenever a parser could misread it, and every formula is neutralised', () => {
    fc.assert(
      fc.property(anyText, (value: CsvValue & string) => {
        const field = csvField(value);
        if (/[",;\r\n]/.test(value)) expect(field.startsWith('"') && field.endsWith('"')).toBe(true);
        const [[cell]] = read(`${field}\r\n`) as [[string]];
        expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
