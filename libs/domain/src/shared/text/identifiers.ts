/**
 * Identifiers as every source writes them, made comparable: a DOI, an arXiv id and an ORCID iD
 * each have one normal form here, so works and people match across sources.
 */

const DOI_RE = /(10\.\d{4,9}\/\S+)/i;

/** `https://doi.org/10.48550/ARXIV.1706.03762`, `doi:10.1/x`, `10.1/X` → `10.48550/arxiv.1706.03762`; null when there is no DOI. */
export function normalizeDoi(input: string | null | undefined): string | null {
  if (!input) return null;
  let text = input.trim();
  try {
    text = decodeURIComponent(text);
  } catch {
    // Not percent-encoded after all.
  }
  const match = DOI_RE.exec(text);
  if (!match) return null;
  // DOIs are case-insensitive; trailing punctuation comes from the prose around them.
  return match[1].replace(/[.,;)\]]+$/, '').toLowerCase();
}

const NEW_ARXIV_RE = /(?<!\d)(\d{4}\.\d{4,5})(?:v\d+)?(?!\d)/i;
const OLD_ARXIV_RE = /((?:[a-z]+(?:-[a-z]+)?)(?:\.[a-z]{2})?\/\d{7})(?:v\d+)?/i;

/**
 * `arXiv:1706.03762v5`, `http://arxiv.org/abs/1706.03762v1`, `10.48550/arXiv.1706.03762`,
 * `hep-th/9901001v2`, `math.GT/0309136` → the id without its version; null when there is none.
 */
export function normalizeArxivId(input: string | null | undefined): string | null {
  if (!input) return null;
  const text = input.trim();
  const modern = NEW_ARXIV_RE.exec(text);
  if (modern) return modern[1];
  const old = OLD_ARXIV_RE.exec(text);
  if (old) return old[1].toLowerCase().replace(/\.[a-z]{2}\//, '/');
  return null;
}

/** The version of an arXiv id (2 for 1706.03762v2), or null. */
export function arxivVersion(input: string): number | null {
  const match = /v(\d+)\s*$/i.exec(input.trim());
  return match ? Number(match[1]) : null;
}

/** Strips separators and upper-cases; returns the 16 characters or null if not iD-shaped. */
export function compactOrcid(id: string): string | null {
  const compact = id.replace(/[\s-]/g, '').toUpperCase();
  return /^\d{15}[\dX]$/.test(compact) ? compact : null;
}

export function orcidChecksumOk(compact: string): boolean {
  let total = 0;
  for (let i = 0; i < 15; i++) total = (total + Number(compact[i])) * 2;
  const result = (12 - (total % 11)) % 11;
  return compact[15] === (result === 10 ? 'X' : String(result));
}

/** True for a well-formed ORCID iD (hyphenated or not) whose ISO 7064 MOD 11-2 check character matches. */
export function isValidOrcid(id: string): boolean {
  const trimmed = id.trim();
  if (!/^(?:[\dXx]{16}|[\dXx]{4}-[\dXx]{4}-[\dXx]{4}-[\dXx]{4})$/.test(trimmed)) return false;
  const compact = compactOrcid(trimmed);
  return compact !== null && orcidChecksumOk(compact);
}

/** Why an input is not an ORCID iD: its shape (or the address around it), or its check character. */
export type OrcidProblem = 'not-orcid-url' | 'shape' | 'checksum';
export type OrcidParse = { ok: true; orcid: string } | { ok: false; problem: OrcidProblem };

/** Four blocks of four, the last character a digit or X, separated all alike: `-`, a space or nothing. */
const ORCID_SHAPE = /^\d{4}([- ]?)\d{4}\1\d{4}\1\d{3}[\dX]$/i;
/** orcid.org (www. too) with or without a scheme; the iD is the whole first path segment. */
const ORCID_URL = /^(?:https?:\/\/)?(?:www\.)?orcid\.org\/([^/?#]*)(?:[/?#].*)?$/i;

/**
 * An ORCID iD read whole: the bare iD (`0000-0002-1825-0097`, `000000021825009X`, `orcid:…`) or
 * an orcid.org address whose first path segment is one. Nothing is cut out of a longer string, so
 * `00000-0002-1825-0097`, `10000-…` and `…-00975` are refused rather than read as the valid iD
 * they contain; then the ISO 7064 MOD 11-2 check character must match.
 */
export function parseOrcid(input: string): OrcidParse {
  let text = input.trim().replace(/^orcid:\s*/i, '');
  if (/[/.]/.test(text)) {
    const url = ORCID_URL.exec(text);
    if (!url) return { ok: false, problem: 'not-orcid-url' };
    text = url[1];
  }
  if (!ORCID_SHAPE.test(text)) return { ok: false, problem: 'shape' };
  const compact = text.replace(/[- ]/g, '').toUpperCase();
  if (!orcidChecksumOk(compact)) return { ok: false, problem: 'checksum' };
  return { ok: true, orcid: compact.match(/.{4}/g)!.join('-') };
}

/** `https://orcid.org/0000-0002-1825-0097` or the bare iD → the bare upper-case iD; null unless it is one whole, checksum included. */
export function normalizeOrcid(input: string | null | undefined): string | null {
  if (typeof input !== 'string' || !input) return null;
  const parsed = parseOrcid(input);
  return parsed.ok ? parsed.orcid : null;
}
