// Titles folded into the key works are matched and read by (works, reading lists, briefings).
import { foldText } from './name-folding';

/** Common LaTeX in titles: commands dropped, their text kept (`\emph{Deep}` → `Deep`, `$\alpha$` → `alpha`). */
function stripLatex(title: string): string {
  return title
    .replace(/\\(?:emph|textit|textbf|mathrm|mathbf|mathcal|text|mbox)\s*\{([^}]*)\}/g, '$1')
    .replace(/\\([a-zA-Z]+)/g, '$1')
    .replace(/[{}$^_~]/g, ' ');
}

/** The title folded for matching: LaTeX, case, accents, punctuation and spacing removed. */
export function titleKey(title: string): string {
  const folded = foldText(stripLatex(title));
  // Folded ASCII has no capitals, so its letters and digits are a-z and 0-9. The Unicode classes
  // cost far more, most of all on text that came through the slow path of folding.
  return capped((FOLDED_ASCII_RE.test(folded) ? folded.replace(/[^a-z0-9]+/g, ' ') : folded.replace(/[^\p{L}\p{N}]+/gu, ' ')).trim());
}

/**
 * Keys are indexed, and a btree entry holds at most 2,704 bytes: a longer title (a source that put
 * an abstract or a reference list in it) failed its whole page on every retry. Past this many UTF-8
 * bytes a key is cut at a whole character; two titles alike that far are one title.
 */
const MAX_KEY_BYTES = 2000;

function capped(key: string): string {
  // No character is more than 4 bytes: a key this short cannot be too long.
  if (key.length <= MAX_KEY_BYTES / 4 || Buffer.byteLength(key) <= MAX_KEY_BYTES) return key;
  let bytes = 0;
  let out = '';
  for (const char of key) {
    bytes += Buffer.byteLength(char);
    if (bytes > MAX_KEY_BYTES) break;
    out += char;
  }
  return out.trimEnd();
}

const FOLDED_ASCII_RE = /^[\x00-\x7F]*$/;
