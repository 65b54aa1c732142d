// The kinds themselves are the person-links vocabulary (shared/text); this file adds how formats name them.
import { LINK_KINDS, type LinkKind } from '../../shared/text/index';

/** Human label per kind, used where a format shows labels to people (vCard 3.0 X-ABLabel). */
export const LINK_KIND_LABELS: Record<LinkKind, string> = {
  linkedin: 'LinkedIn',
  x: 'X',
  github: 'GitHub',
  homepage: 'Homepage',
  googleScholar: 'Google Scholar',
  orcid: 'ORCID',
  openalex: 'OpenAlex',
  semanticScholar: 'Semantic Scholar',
  dblp: 'DBLP',
};

const BY_SQUASHED_NAME = new Map<string, LinkKind>([
  ...LINK_KINDS.map((k) => [squash(k), k] as const),
  ...LINK_KINDS.map((k) => [squash(LINK_KIND_LABELS[k]), k] as const),
  ['twitter', 'x'],
]);

/**
 * Maps a free-form label or type ("GitHub", "google-scholar", "twitter", "Semantic Scholar")
 * to a link kind, or undefined when it names none.
 */
export function linkKindFromLabel(label: string): LinkKind | undefined {
  // Some writers mark non-standard TYPE values with an x- prefix (TYPE=x-linkedin).
  return BY_SQUASHED_NAME.get(squash(label.trim().replace(/^x-(?=.)/i, '')));
}

/** Classifies a URL by its host; anything unrecognised is a homepage. */
export function classifyUrl(url: string): LinkKind {
  const host = hostOf(url);
  if (!host) return 'homepage';
  const is = (domain: string) => host === domain || host.endsWith(`.${domain}`);
  if (is('linkedin.com')) return 'linkedin';
  if (is('x.com') || is('twitter.com')) return 'x';
  if (is('github.com')) return 'github';
  if (/^scholar\.google\.[a-z.]+$/.test(host)) return 'googleScholar';
  if (is('orcid.org')) return 'orcid';
  if (is('openalex.org')) return 'openalex';
  if (is('semanticscholar.org')) return 'semanticScholar';
  if (is('dblp.org') || is('dblp.uni-trier.de')) return 'dblp';
  return 'homepage';
}

function hostOf(url: string): string | undefined {
  const trimmed = url.trim();
  // Exports often hold "www.example.org/..." without a scheme.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    return new URL(withScheme).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

function squash(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}
