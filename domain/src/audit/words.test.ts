import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { languages } from '../identity/index.ts';
import {
  auditActionCodes,
  auditActionText,
  auditActionWords,
  auditResourceText,
  auditResourceWords,
} from './words.ts';

const serverSrc = join(import.meta.dirname, '../../../server/src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * The action codes the server source writes: quoted codes on a line naming an `action` (a property,
 * a ternary, a parameter) or handed to the registry's `personToRead`; and the templates
 * (`registry.event.${input.type}`), each turned into a pattern.
 */
function serverActions() {
  const literals = new Set<string>();
  const templates = new Set<string>();
  for (const file of sourceFiles(serverSrc)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!/\baction\b|personToRead\(/.test(line)) continue;
      for (const [, code] of line.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) literals.add(code as string);
      for (const [, template] of line.matchAll(/`([a-z_]+\.[^`]*\$\{[^`]*)`/g))
        templates.add(template as string);
    }
  }
  return { literals: [...literals].sort(), templates: [...templates].sort() };
}

describe('the audit trail in words (issue 14 item 7)', () => {
  const { literals, templates } = serverActions();

  it('finds the actions the server writes (the scan itself works)', () => {
    expect(literals).toContain('clinical.encounter.sign');
    expect(literals).toContain('identity.break_glass.over_limit');
    expect(literals).toContain('registry.custody_history.read');
    expect(templates.some((template) => template.startsWith('registry.event.'))).toBe(true);
    expect(literals.length).toBeGreaterThan(80);
  });

  it('every action the server writes has words in az, en and ru', () => {
    const missing = literals.filter((code) => !(code in auditActionWords));
    expect(missing).toEqual([]);
  });

  it('every templated action matches codes that have words', () => {
    for (const template of templates) {
      const pattern = new RegExp(`^${template.replace(/\./g, '\\.').replace(/\$\{[^}]*\}/g, '[a-z_]+')}$`);
      expect(auditActionCodes.filter((code) => pattern.test(code)).length, template).toBeGreaterThan(1);
    }
  });

  it('every code and resource type reads as words, not empty and not the code', () => {
    for (const table of [auditActionWords, auditResourceWords]) {
      for (const [code, words] of Object.entries(table)) {
        for (const language of languages) {
          expect(words[language].trim(), `${code} ${language}`).not.toBe('');
          expect(words[language], `${code} ${language}`).not.toBe(code);
        }
        expect(new Set(languages.map((l) => words[l])).size, code).toBeGreaterThan(1);
      }
    }
  });

  it('a templated action, a refused request and an unknown code', () => {
    expect(auditActionText('restraint.event.observation', 'en')).toBe('Recorded an observation');
    expect(auditActionText('registry.event.transfer_out', 'ru')).toBe('Перевод в другое учреждение');
    expect(auditActionText('GET /api/v1/users/:id', 'en')).toBe('Request GET /api/v1/users/:id');
    expect(auditActionText('GET /api/v1/users/:id', 'az')).toBe('Sorğu GET /api/v1/users/:id');
    // A code from a newer server reads as itself, never as a blank.
    expect(auditActionText('pharmacy.dose.give', 'ru')).toBe('pharmacy.dose.give');
    expect(auditResourceText('encounter', 'az')).toBe('Qəbul');
    expect(auditResourceText('pharmacy_order', 'en')).toBe('pharmacy_order');
  });
});
