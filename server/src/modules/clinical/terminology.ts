import { createReadStream } from 'node:fs';
import { type Clock, ICD10_SYSTEM, nameTokens } from '@custodia/domain';
import { SaxesParser } from 'saxes';
import { type Db, type Executor, inTransaction } from '../../platform/db/database.ts';
import { demoCodes } from './demo-codes.ts';
import type { TerminologyConceptTable } from './tables.ts';

const BATCH = 500;

/** What `q` is matched against: the folded code and the folded words of the description. */
export function searchText(code: string, display: string): string {
  return ` ${[code.toLowerCase().replace(/[^a-z0-9]/g, ''), ...nameTokens(display)].join(' ')} `;
}

/** Inserts concepts, or updates those already there (import is idempotent). */
export async function upsertConcepts(executor: Executor, rows: TerminologyConceptTable[]) {
  if (!rows.length) return;
  await executor
    .insertInto('terminology_concept')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['system', 'code', 'language']).doUpdateSet((eb) => ({
        display: eb.ref('excluded.display'),
        search_text: eb.ref('excluded.search_text'),
        demo: eb.ref('excluded.demo'),
        imported_at: eb.ref('excluded.imported_at'),
      })),
    )
    .execute();
}

/** The demonstration list's rows (demo seed only): our own short wording, in az, en and ru. */
export function demoConceptRows(importedAt: string): TerminologyConceptTable[] {
  return demoCodes.flatMap((c) =>
    (['az', 'en', 'ru'] as const).map((language) => ({
      system: ICD10_SYSTEM,
      code: c.code,
      language,
      display: c[language],
      search_text: searchText(c.code, c[language]),
      demo: 1,
      imported_at: importedAt,
    })),
  );
}

export type ImportProgress = (classes: number) => void;

/**
 * ICD-10 terminology (DAT-5). WHO licenses ICD-10, so Custodia ships none of it: an operator imports
 * the WHO ClaML XML file (`custodia terminology import-claml FILE`). The demo seed adds a small
 * demonstration list, marked `demo`, in Custodia's own wording.
 */
export function createTerminologyService(db: Db, clock: Clock) {
  return {
    /**
     * Imports the categories of a ClaML file (each `Class kind="category"` with its preferred rubric)
     * in batches, streaming the XML, idempotently: a second import updates what is there.
     * The language is taken from `language`, else from the label's xml:lang, else English.
     */
    async importClaml(file: string, options: { language?: string; onProgress?: ImportProgress } = {}) {
      const importedAt = clock.now().toISOString();
      const parser = new SaxesParser({ xmlns: false });
      // A whole ICD-10 is about 12,000 categories: kept in memory, then written in one transaction,
      // so a broken file writes nothing.
      const rows: TerminologyConceptTable[] = [];
      let classes = 0;
      let current: { code: string; kind: string } | null = null;
      let inPreferred = false;
      let inLabel = false;
      let labelLang: string | null = null;
      let label = '';
      let failure: Error | null = null;
      let sawClaml = false;

      parser.on('opentag', (tag) => {
        const attr = (name: string) => {
          const v: unknown = tag.attributes[name];
          return typeof v === 'string' ? v : null;
        };
        if (tag.name === 'ClaML') sawClaml = true;
        else if (tag.name === 'Class') current = { code: attr('code') ?? '', kind: attr('kind') ?? '' };
        else if (tag.name === 'Rubric' && current) inPreferred = attr('kind') === 'preferred';
        else if (tag.name === 'Label' && inPreferred) {
          inLabel = true;
          labelLang = attr('xml:lang');
          label = '';
        }
      });
      parser.on('text', (text) => {
        if (inLabel) label += text;
      });
      parser.on('closetag', (tag) => {
        if (tag.name === 'Label' && inLabel) {
          inLabel = false;
          const display = label.replace(/\s+/g, ' ').trim();
          if (current && current.kind === 'category' && current.code && display) {
            const language = options.language ?? labelLang ?? 'en';
            rows.push({
              system: ICD10_SYSTEM,
              code: current.code,
              language,
              display,
              search_text: searchText(current.code, display),
              demo: 0,
              imported_at: importedAt,
            });
            classes += 1;
            if (classes % 1000 === 0) options.onProgress?.(classes);
          }
        } else if (tag.name === 'Rubric') inPreferred = false;
        else if (tag.name === 'Class') current = null;
      });
      parser.on('error', (error) => {
        failure ??= error;
      });

      await new Promise<void>((resolve, reject) => {
        const stream = createReadStream(file, { encoding: 'utf8' });
        stream.on('data', (chunk) => {
          if (failure) return;
          try {
            parser.write(chunk as string);
          } catch (error) {
            failure = error as Error;
          }
          if (failure) stream.destroy();
        });
        stream.on('error', reject);
        stream.on('close', resolve);
      });
      if (!failure) {
        try {
          parser.close();
        } catch (error) {
          failure = error as Error;
        }
      }
      if (failure) throw new Error(`not a readable ClaML file: ${(failure as Error).message.split('\n')[0]}`);
      if (!sawClaml) throw new Error('not a ClaML file: no ClaML root element');
      await inTransaction(db, async (tx) => {
        for (let i = 0; i < rows.length; i += BATCH) await upsertConcepts(tx, rows.slice(i, i + BATCH));
      });
      options.onProgress?.(classes);
      return { classes };
    },

    /**
     * Codes by code prefix ("A15", "a15.0") or by the beginnings of words in any script and any
     * imported language ("tuberk", "вич", "vərəm"); one answer per code, in the asked language
     * when it has one.
     */
    async search(query: { q: string; language?: 'az' | 'en' | 'ru' | undefined; limit: number }) {
      const q = query.q.trim();
      const looksLikeCode = /^[A-Za-z]\d/.test(q);
      let sel = db.selectFrom('terminology_concept').selectAll().where('system', '=', ICD10_SYSTEM);
      if (looksLikeCode) {
        const code = q.toUpperCase();
        sel = sel.where('code', '>=', code).where('code', '<', `${code}~`);
      } else {
        const tokens = nameTokens(q);
        if (!tokens.length) return [];
        for (const token of tokens) sel = sel.where('search_text', 'like', `% ${token}%`);
      }
      const rows = await sel
        .orderBy('code')
        .limit(query.limit * 3)
        .execute();
      const byCode = new Map<string, TerminologyConceptTable>();
      for (const row of rows) {
        const seen = byCode.get(row.code);
        if (!seen || (row.language === query.language && seen.language !== query.language))
          byCode.set(row.code, row);
      }
      return [...byCode.values()].slice(0, query.limit).map((r) => ({
        system: r.system,
        code: r.code,
        display: r.display,
        language: r.language,
        demo: r.demo === 1,
      }));
    },
  };
}

export type TerminologyService = ReturnType<typeof createTerminologyService>;
