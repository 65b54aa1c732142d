import { containsTerm, ContextTerm, PreparedText, prepareText, termStems, TermSource } from './reading-terms';

/**
 * Ranking an interviewer's works for reading, with every reason shown. Each component is a value
 * from 0 to 1; the score is their weighted mean, from 0 to 100. Pure: the service feeds it rows.
 */

export const WEIGHT_KEYS = ['citations', 'authorship', 'recency', 'relevance'] as const;
export type WeightKey = (typeof WEIGHT_KEYS)[number];
export type RankingWeights = Record<WeightKey, number>;

export const DEFAULT_WEIGHTS: RankingWeights = { citations: 3, authorship: 2, recency: 1, relevance: 2 };
export const DEFAULT_SIZE = 10;
export const MAX_SIZE = 100;
/** Recency halves every this many years. */
export const RECENCY_HALF_LIFE_YEARS = 3;
const YEAR_MS = 365.25 * 24 * 3600 * 1000;

export interface RankableWork {
  id: string;
  title: string;
  venue: string | null;
  abstract?: string | null;
  year: number | null;
  publicationDate: string | null;
  citationCount: number | null;
  authorship: { position: number; authorCount: number };
}

export interface TermMatch {
  term: string;
  from: TermSource[];
  in: ('title' | 'venue' | 'abstract')[];
}

interface ReasonBase {
  /** The component, from 0 to 1. */
  value: number;
  weight: number;
  /** What the component adds to the score (out of 100). */
  points: number;
  /** The reason in one line, as a person would say it. */
  text: string;
}
export interface CitationsReason extends ReasonBase {
  kind: 'citations';
  citationCount: number | null;
  ageYears: number | null;
  citationsPerYear: number | null;
  /** The interviewer's best citations per year, which scores 1. */
  bestPerYear: number;
}
export interface AuthorshipReason extends ReasonBase {
  kind: 'authorship';
  role: 'sole' | 'first' | 'last' | 'middle';
  position: number;
  authorCount: number;
}
export interface RecencyReason extends ReasonBase {
  kind: 'recency';
  year: number | null;
  ageYears: number | null;
}
export interface RelevanceReason extends ReasonBase {
  kind: 'relevance';
  matches: TermMatch[];
}
export type RankingReason = CitationsReason | AuthorshipReason | RecencyReason | RelevanceReason;

export interface RankedWork<W extends RankableWork> {
  work: W;
  /** 0–100. */
  score: number;
  reasons: RankingReason[];
}

/** Authorship values: first authors did the work, last authors usually led it. */
const AUTHORSHIP_VALUE = { sole: 1, first: 1, last: 0.75, middle: 0 } as const;

/**
 * The works ranked, best first. `terms` null: no application context, so relevance is left out of
 * the score (rather than counting as zero for every work). Ties: more cited, newer, then by id.
 * With a `limit`, only the best `limit` are returned, and relevance (matching terms against titles
 * and abstracts, most of the cost) is worked out only for the works that could still be among them.
 */
export function rankWorks<W extends RankableWork>(works: W[], weights: RankingWeights, terms: ContextTerm[] | null, now = new Date(), limit = Infinity): RankedWork<W>[] {
  const ages = works.map((w) => ageInYears(w, now));
  const perYear = works.map((w, i) => (w.citationCount === null || ages[i] === null ? null : w.citationCount / Math.max(1, ages[i]!)));
  const bestPerYear = Math.max(0, ...perYear.map((p) => p ?? 0));
  const used: WeightKey[] = WEIGHT_KEYS.filter((k) => k !== 'relevance' || terms !== null);
  const totalWeight = used.reduce((sum, k) => sum + weights[k], 0);
  const points = (key: WeightKey, value: number): number => (totalWeight === 0 ? 0 : round((100 * weights[key] * value) / totalWeight, 2));
  const prepared = terms === null ? null : prepareTerms(terms);

  // Citations, authorship and recency: cheap, known for every work first.
  const based = works.map((work, i): RankedWork<W> => {
    const reasons: RankingReason[] = [];

    const citationsValue = perYear[i] === null || bestPerYear === 0 ? 0 : Math.log1p(perYear[i]!) / Math.log1p(bestPerYear);
    reasons.push({
      kind: 'citations',
      value: round(citationsValue, 3),
      weight: weights.citations,
      points: points('citations', citationsValue),
      citationCount: work.citationCount,
      ageYears: ages[i] === null ? null : round(ages[i]!, 1),
      citationsPerYear: perYear[i] === null ? null : round(perYear[i]!, 1),
      bestPerYear: round(bestPerYear, 1),
      text:
        work.citationCount === null
          ? 'no citation count from any source'
          : perYear[i] === null
            ? `${work.citationCount} citations (no publication date to weigh them by age)`
            : `${work.citationCount} citations, ${round(perYear[i]!, 1)} a year (their best: ${round(bestPerYear, 1)} a year)`,
    });

    const { position, authorCount } = work.authorship;
    const role = authorCount === 1 ? 'sole' : position === 1 ? 'first' : position === authorCount ? 'last' : 'middle';
    reasons.push({
      kind: 'authorship',
      value: AUTHORSHIP_VALUE[role],
      weight: weights.authorship,
      points: points('authorship', AUTHORSHIP_VALUE[role]),
      role,
      position,
      authorCount,
      text: role === 'sole' ? 'sole author' : role === 'middle' ? `author ${position} of ${authorCount}` : `${role} author of ${authorCount}`,
    });

    const recencyValue = ages[i] === null ? 0 : Math.pow(0.5, Math.max(0, ages[i]!) / RECENCY_HALF_LIFE_YEARS);
    reasons.push({
      kind: 'recency',
      value: round(recencyValue, 3),
      weight: weights.recency,
      points: points('recency', recencyValue),
      year: work.year,
      ageYears: ages[i] === null ? null : round(ages[i]!, 1),
      text: ages[i] === null ? 'publication date unknown' : `published ${work.publicationDate ?? work.year}`,
    });

    return { work, score: 0, reasons };
  });
  const rawScore = (reasons: RankingReason[]): number => reasons.reduce((sum, r) => sum + (totalWeight === 0 ? 0 : (100 * r.weight * r.value) / totalWeight), 0);
  const complete = (ranked: RankedWork<W>): RankedWork<W> => {
    const { work, reasons } = ranked;
    if (prepared !== null) {
      const matches = matchTerms(work, prepared);
      // A term in the title counts fully, one only in the venue or abstract half; two full matches make 1.
      const relevanceValue = Math.min(1, matches.reduce((sum, m) => sum + (m.in.includes('title') ? 1 : 0.5), 0) / 2);
      reasons.push({
        kind: 'relevance',
        value: round(relevanceValue, 3),
        weight: weights.relevance,
        points: points('relevance', relevanceValue),
        matches,
        text: matches.length === 0 ? 'no term of the application, team or organization' : `matches ${matches.map((m) => `"${m.term}" (${m.in.join(', ')})`).join(', ')}`,
      });
    }
    return { work, score: round(rawScore(reasons), 2), reasons };
  };

  if (prepared === null || limit >= works.length) return based.map(complete).sort(byRank).slice(0, limit);
  // The best a work can score is with full relevance. Taken from the highest such bound down, a
  // work whose bound is below the `limit`-th best score found so far cannot reach the list, nor can
  // any after it: their relevance is never worked out.
  const fullRelevance = totalWeight === 0 ? 0 : (100 * weights.relevance) / totalWeight;
  const bounds = based.map((r) => round(rawScore(r.reasons) + fullRelevance, 2));
  const order = based.map((_, i) => i).sort((a, b) => bounds[b] - bounds[a]);
  const best: number[] = []; // the `limit` best scores so far, highest first
  const done: RankedWork<W>[] = [];
  for (const i of order) {
    if (best.length >= limit && bounds[i] < best[limit - 1]) break;
    const ranked = complete(based[i]);
    done.push(ranked);
    const at = best.findIndex((score) => score < ranked.score);
    best.splice(at === -1 ? best.length : at, 0, ranked.score);
    if (best.length > limit) best.pop();
  }
  return done.sort(byRank).slice(0, limit);
}

/** Best first; ties: more cited, newer, then by id. */
function byRank<W extends RankableWork>(a: RankedWork<W>, b: RankedWork<W>): number {
  return b.score - a.score || (b.work.citationCount ?? -1) - (a.work.citationCount ?? -1) || (b.work.year ?? -1) - (a.work.year ?? -1) || a.work.id.localeCompare(b.work.id);
}

/** A context's terms made ready once for all the works they are looked for in. */
export interface PreparedTerms {
  terms: ContextTerm[];
  /** Each term's words by their stems. */
  stems: string[][];
  /** Each term as a text, to find the words a matched phrase hides. */
  texts: PreparedText[];
}

export function prepareTerms(terms: ContextTerm[]): PreparedTerms {
  return { terms, stems: terms.map((t) => termStems(t.term)), texts: terms.map((t) => prepareText(t.term)) };
}

const PLACES = ['title', 'venue', 'abstract'] as const;

/** The context terms a work mentions, and where. A phrase that matched hides its own words. */
export function matchTerms(work: Pick<RankableWork, 'title' | 'venue' | 'abstract'>, context: ContextTerm[] | PreparedTerms): TermMatch[] {
  const { terms, stems, texts } = Array.isArray(context) ? prepareTerms(context) : context;
  const places = { title: prepareText(work.title), venue: prepareText(work.venue), abstract: prepareText(work.abstract) };
  const matches: TermMatch[] = [];
  const matched: number[] = [];
  for (const [n, { term, from }] of terms.entries()) {
    const where = PLACES.filter((p) => containsTerm(places[p], stems[n]));
    if (where.length === 0) continue;
    if (matched.some((k) => stems[k].length > 1 && containsTerm(texts[k], stems[n]))) continue;
    matched.push(n);
    matches.push({ term, from, in: where });
  }
  return matches;
}

/** Years since publication: from the date as precise as known (a year alone counts from its middle). */
export function ageInYears(work: Pick<RankableWork, 'year' | 'publicationDate'>, now: Date): number | null {
  const date = publicationTime(work);
  if (date === null) return null;
  return Math.max(0, (now.getTime() - date) / YEAR_MS);
}

function publicationTime(work: Pick<RankableWork, 'year' | 'publicationDate'>): number | null {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(work.publicationDate ?? '');
  if (m) {
    const [, y, mo, d] = m;
    if (mo && d) return Date.UTC(+y, +mo - 1, +d);
    if (mo) return Date.UTC(+y, +mo - 1, 15);
    return Date.UTC(+y, 6, 1);
  }
  return work.year === null ? null : Date.UTC(work.year, 6, 1);
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
