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
  return (FOLDED_ASCII_RE.test(folded) ? folded.replace(/[^a-z0-9]+/g, ' ') : folded.replace(/[^\p{L}\p{N}]+/gu, ' ')).trim();
}

const FOLDED_ASCII_RE = /^[\x00-\x7F]*$/;
