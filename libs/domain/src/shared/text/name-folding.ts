// Text folding for accent- and case-insensitive name search, a best-effort name splitter, and the
// folded surname works are matched by. Pure and dependency-free: used when indexing stored names,
// when folding a query, and by the scholarly sources and work matching, which know no person.

// Letters that have no canonical decomposition, so NFKD + mark stripping leaves them alone.
const UNDECOMPOSABLE: Readonly<Record<string, string>> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  þ: 'th',
  ħ: 'h',
  ŧ: 't',
  // Greek final sigma is only a positional variant of σ; without this "Σ" and "ς" would differ.
  ς: 'σ',
};
const UNDECOMPOSABLE_RE = new RegExp(`[${Object.keys(UNDECOMPOSABLE).join('')}]`, 'gu');

// Marks are stripped only after bases of scripts where they are optional accents.
// In Indic, Thai, kana etc. the marks are vowels or voicing that spell the word, so they stay.
const STRIPPABLE_MARKS_RE =
  /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Armenian}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Common}\s])\p{M}+/gu;
const LEADING_MARKS_RE = /^\p{M}+/u;
// Cyrillic й/ў are separate letters (not и/у with an accent); recompose them before stripping.
const CYRILLIC_BREVE_RE = /[ИиУу]\u0306/gu;
const ASCII_RE = /^[\x00-\x7F]*$/;
// A word (U+FEFF, whitespace to \s, is an invisible part of one) with a character outside ASCII.
const NON_ASCII_WORD_RE = /[\S\uFEFF]*(?:[^\s\x00-\x7F]|\uFEFF)[\S\uFEFF]*/gu;
// Invisible characters that sneak in through copy-paste: soft hyphen, zero-width space, BOM.
const INVISIBLE_RE = /[\u00AD\u200B\u2060\uFEFF]/gu;

/**
 * Folds text for accent- and case-insensitive comparison:
 * NFKD, drop accents, map letters that do not decompose (ø→o, ß→ss, …), lower-case,
 * collapse whitespace. Non-Latin scripts are kept (Greek loses its accents too).
 */
export function foldText(input: string): string {
  // Most text is ASCII, where folding is lower-casing: only the words with other characters (a few
  // accented names in an abstract) take the slow path. Every step of it works within a word.
  if (ASCII_RE.test(input)) return input.toLowerCase().replace(/\s+/g, ' ').trim();
  return input
    .replace(NON_ASCII_WORD_RE, (word) => foldWord(word))
    .replace(/[A-Z]+/g, (letters) => letters.toLowerCase())
    .replace(/\s+/g, ' ')
    .trim();
}

function foldWord(input: string): string {
  return input
    .normalize('NFKD')
    .replace(INVISIBLE_RE, '')
    .replace(CYRILLIC_BREVE_RE, (m) => m.normalize('NFC'))
    .replace(LEADING_MARKS_RE, '')
    .replace(STRIPPABLE_MARKS_RE, '$1')
    .toLowerCase()
    .replace(UNDECOMPOSABLE_RE, (c) => UNDECOMPOSABLE[c] ?? c)
    // Recompose what was kept (kana voicing, Hangul jamo) so output matches typed NFC text.
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .trim();
}

// Apostrophes within names: ASCII, typographic (’ ‘), the modifier letter (ʼ), grave and acute accents typed for one.
const APOSTROPHES_RE = /['\u2018\u2019\u02BC`\u00B4]/gu;

/**
 * Folds a name (of a person, organization or team) for search and matching: `foldText`, and
 * apostrophes dropped, so "oconnor" finds "O'Connor" and "O’Connor" matches "O'Connor". Stored as
 * `name_folded`; a query is folded the same way. (Titles keep `foldText`: their keys are stored.)
 */
export function foldName(input: string): string {
  return foldText(input).replace(APOSTROPHES_RE, '');
}

export interface SplitName {
  givenName?: string;
  familyName?: string;
}

// Lower-case particles that belong to the family name ("Guido van Rossum" → "van Rossum").
const FAMILY_PARTICLES = new Set([
  'van', 'von', 'der', 'den', 'de', 'del', 'della', 'des', 'di', 'da', 'dos', 'das', 'do',
  'du', 'la', 'le', 'ter', 'ten', 'zu', 'y', 'bin', 'ibn', 'al', 'el',
]);
const SUFFIXES = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv']);
// Scripts whose names are written family-name first.
const FAMILY_FIRST_RE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Best-effort split of a display name. Latin-like names split on the last space (keeping
 * lower-case particles and Jr./III with the family name); "Family, Given" is understood;
 * CJK names with a space are family-first; a single token becomes givenName only.
 */
export function splitFullName(fullName: string): SplitName {
  const name = fullName.replace(/\s+/gu, ' ').trim();
  if (!name) return {};

  const comma = name.indexOf(',');
  if (comma > 0) {
    const family = name.slice(0, comma).trim();
    const given = name.slice(comma + 1).trim();
    // "Smith, Jr." is a suffix, not a "Family, Given" inversion.
    if (family && given && !SUFFIXES.has(given.toLowerCase())) {
      return { givenName: given, familyName: family };
    }
  }

  const tokens = name.split(' ');
  if (tokens.length === 1) return { givenName: name };

  if (FAMILY_FIRST_RE.test(name)) {
    return { familyName: tokens[0], givenName: tokens.slice(1).join(' ') };
  }

  let familyStart = tokens.length - 1;
  const last = tokens[familyStart];
  if (SUFFIXES.has(last.toLowerCase().replace(/^,/, '')) && familyStart > 1) familyStart--;
  while (familyStart > 1 && FAMILY_PARTICLES.has(tokens[familyStart - 1])) familyStart--;

  return {
    givenName: tokens.slice(0, familyStart).join(' ').replace(/,$/, ''),
    familyName: tokens.slice(familyStart).join(' '),
  };
}

/** The surname of an author as written by any source ("Kaiser, Łukasz", "Ł. Kaiser", "Lukasz Kaiser 0001") folded. */
export function surnameKey(name: string | null | undefined): string | null {
  if (!name) return null;
  const cleaned = name.replace(/\s+\d{4}$/, '').trim(); // DBLP's homonym number
  const surname = cleaned.includes(',') ? cleaned.split(',')[0] : (cleaned.split(/\s+/).pop() ?? '');
  const key = foldText(surname).replace(/[^\p{L}\p{N}]+/gu, '');
  return key || null;
}
