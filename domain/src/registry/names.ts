/**
 * Search across scripts (issue 4): one key for a name however it was written — Azerbaijani Latin,
 * Russian or Azerbaijani Cyrillic, or plain ASCII. "Məmmədov", "Мамедов", "Mammadov" and
 * "memmedov" all give `mamadov`. The key is lossy on purpose: it favours finding the person
 * (recall) over telling near-namesakes apart; the list shows the real spellings and dates of birth.
 */

// Cyrillic (Russian and Azerbaijani) into Azerbaijani Latin letters.
const cyrillic: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'q',
  д: 'd',
  е: 'e',
  ё: 'yo',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'x',
  ц: 'ts',
  ч: 'ç',
  ш: 'ş',
  щ: 'ş',
  ъ: '',
  ы: 'ı',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  ә: 'ə',
  ғ: 'ğ',
  ҹ: 'c',
  һ: 'h',
  ј: 'y',
  ү: 'ü',
  ө: 'ö',
  ҝ: 'g',
  ҕ: 'ğ',
};

// ASCII digraphs written for Azerbaijani letters.
const digraphs: [RegExp, string][] = [
  [/dzh|dj/g, 'c'],
  [/kh/g, 'x'],
  [/sh/g, 'ş'],
  [/ch/g, 'ç'],
  [/zh/g, 'j'],
  [/gh/g, 'ğ'],
];

// Letters folded into one skeleton letter: vowels that the scripts render differently, and the
// consonants that Russian spelling of Azerbaijani names swaps (Həsənov / Гасанов, Quliyev / Кулиев).
const fold: Record<string, string> = {
  ə: 'a',
  e: 'a',
  ä: 'a',
  ı: 'i',
  y: 'i',
  ï: 'i',
  ö: 'o',
  ü: 'u',
  w: 'v',
  ğ: 'g',
  q: 'g',
  k: 'g',
  h: 'g',
  ş: 's',
  ç: 'c',
  j: 'c',
};

function foldWord(word: string): string {
  // ю and я after a consonant write Azerbaijani ü and ə (Шукюров, Нигяр); elsewhere yu and ya (Юсифов).
  let w = word.replace(/(?<=[бвгджзйклмнпрстфхцчшщ])ю/g, 'ü').replace(/(?<=[бвгджзйклмнпрстфхцчшщ])я/g, 'ə');
  w = [...w].map((ch) => cyrillic[ch] ?? ch).join('');
  w = w.normalize('NFD').replace(/[\u0300-\u036f]/g, (mark) =>
    // keep the two marks that make Azerbaijani letters distinct; drop other accents
    mark === '\u0308' || mark === '\u0327' || mark === '\u0306' ? mark : '',
  );
  w = w.normalize('NFC');
  for (const [pattern, replacement] of digraphs) w = w.replace(pattern, replacement);
  w = [...w].map((ch) => fold[ch] ?? ch).join('');
  w = w.replace(/[^a-z0-9]/g, '');
  return w.replace(/(.)\1+/g, '$1');
}

/** The search tokens of a text: each word folded to its key; empty words dropped. */
export function nameTokens(text: string | null | undefined): string[] {
  if (!text) return [];
  const lower = text.toLocaleLowerCase('az').replace(/i̇/g, 'i');
  return lower
    .split(/[^\p{L}\p{N}]+/u)
    .map(foldWord)
    .filter((t) => t.length > 0);
}

/** The key of one name (all its words joined), as stored for duplicate detection. */
export function nameKey(...parts: (string | null | undefined)[]): string {
  return parts.flatMap((p) => nameTokens(p)).join(' ');
}

/** Prison numbers are kept and compared in upper case without spaces. */
export function normalisePrisonNumber(value: string): string {
  return value.toUpperCase().replace(/\s/g, '');
}
