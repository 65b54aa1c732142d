import { foldText } from '../shared/text/index';
import { type AuthorCandidate, scholarlySource, scholarlySourceNames, type ScholarlySource, sourceDisplayName } from '../scholarly/index';

/**
 * "Who is who": how likely an author found at a source is the person in the user's network.
 * Pure functions, no I/O: the service gathers what the person is known by (names, organization,
 * ORCID iD, profile links, tags and headline, contacts who co-authored with the candidate) and
 * this file turns it into a score from 0 to 1 with one reason per piece of evidence, each with its points.
 *
 * Points are counted in hundredths and summed; the score is the sum clamped to 0..100, over 100.
 */

// ---------------------------------------------------------------------------------------------
// Points

export type NameMatch = 'exact' | 'variant' | 'similar' | 'surname' | 'none';

/** exact: the same names, accents and case aside; variant: initials or a middle name left out; similar: a one-letter spelling difference or one part of a double family name; surname: only the family name agrees. */
export const NAME_POINTS: Readonly<Record<NameMatch, number>> = { exact: 45, variant: 35, similar: 20, surname: 10, none: 0 };

export const POINTS = {
  /** The candidate's current affiliation (the first the source lists) is the person's current organization. */
  currentAffiliation: 25,
  /** A past affiliation of the candidate (or a past organization of the person) matches. */
  pastAffiliation: 12,
  /** The candidate carries the person's ORCID iD: decisive. */
  orcid: 50,
  /** The candidate carries another ORCID iD than the person's: almost surely someone else. */
  orcidConflict: -30,
  /** The person's own profile link at this source names the candidate: decisive. */
  profileLink: 50,
  perCoauthor: 8,
  coauthorsMax: 20,
  perTopic: 5,
  topicsMax: 10,
} as const;

/** The auto-link rule's thresholds (see decideAutoLinks). */
export const AUTO_LINK = {
  /** The best candidate at a source must score at least this… */
  minScore: 0.6,
  /** …and lead the next candidate at the same source by at least this. */
  minLead: 0.25,
} as const;

/** split-profile: evidence that the candidate is a second record of an identity already linked at its source (split-profiles.ts). */
export type ReasonKind = 'name' | 'affiliation' | 'orcid' | 'profile-link' | 'coauthors' | 'topics' | 'split-profile';

export interface ScoreReason {
  kind: ReasonKind;
  /** Contribution to the score (0.45 = 45 points); negative for evidence against. */
  points: number;
  detail: string;
}

/** What the person is known by. */
export interface ScoringSubject {
  /** The names to compare with: the full name, and "given family" when both are recorded. */
  names: string[];
  /** The person's organizations; only the current one is recorded today. */
  organizations: { name: string; current: boolean }[];
  /** Bare ORCID iD (from the person's links or a linked ORCID identity). */
  orcid: string | null;
  /** The source author ids the person's own profile links name (links.openalex → A…, …). */
  profileIds: Partial<Record<ScholarlySource, string>>;
  /** Tags and headline: what the person works on. */
  interests: string[];
}

/** The user's contacts (other people of theirs) who co-authored works with the candidate. */
export interface Coauthor {
  personId: string;
  name: string;
  works: number;
}

export interface CandidateScore {
  /** 0..1, two decimals. */
  score: number;
  nameMatch: NameMatch;
  /** same: the candidate has the person's ORCID iD; different: another iD; null: unknown on one side. */
  orcid: 'same' | 'different' | null;
  profileLink: boolean;
  reasons: ScoreReason[];
}

/** A candidate worth showing: some name agreement, or an identifier that decides by itself. */
export function isPlausible(score: CandidateScore): boolean {
  return score.nameMatch !== 'none' || score.orcid === 'same' || score.profileLink;
}

export function scoreCandidate(subject: ScoringSubject, candidate: AuthorCandidate, coauthors: Coauthor[] = []): CandidateScore {
  const reasons: { kind: ReasonKind; points: number; detail: string }[] = [];

  const name = bestNameMatch(subject.names, [candidate.name, ...candidate.alternativeNames]);
  if (name.match !== 'none') {
    const which = name.name === candidate.name ? `"${name.name}"` : `Alternative name "${name.name}"`;
    reasons.push({ kind: 'name', points: NAME_POINTS[name.match], detail: `${which} ${NAME_DETAIL[name.match]}` });
  }

  const affiliation = affiliationMatch(subject.organizations, candidate.affiliations);
  if (affiliation) reasons.push({ kind: 'affiliation', points: affiliation.points, detail: affiliation.detail });

  let orcid: CandidateScore['orcid'] = null;
  if (subject.orcid && candidate.orcid) {
    orcid = subject.orcid.toUpperCase() === candidate.orcid.toUpperCase() ? 'same' : 'different';
    reasons.push(
      orcid === 'same'
        ? { kind: 'orcid', points: POINTS.orcid, detail: `ORCID iD ${candidate.orcid} is the person's` }
        : { kind: 'orcid', points: POINTS.orcidConflict, detail: `ORCID iD ${candidate.orcid} is not the person's (${subject.orcid})` },
    );
  }

  const linked = subject.profileIds[candidate.source];
  const profileLink = !!linked && sameAuthorId(candidate.source, linked, candidate.sourceAuthorId);
  if (profileLink) reasons.push({ kind: 'profile-link', points: POINTS.profileLink, detail: `The person's ${sourceDisplayName(candidate.source)} link names ${candidate.sourceAuthorId}` });

  const contacts = coauthors.filter((c) => c.works > 0);
  if (contacts.length > 0) {
    const works = contacts.reduce((n, c) => n + c.works, 0);
    const names = contacts.map((c) => c.name).sort((a, b) => a.localeCompare(b));
    reasons.push({
      kind: 'coauthors',
      points: Math.min(POINTS.coauthorsMax, POINTS.perCoauthor * contacts.length),
      detail: `Co-authored ${works} ${works === 1 ? 'work' : 'works'} with ${contacts.length === 1 ? 'your contact' : `${contacts.length} of your contacts:`} ${names.join(', ')}`,
    });
  }

  const topics = matchingTopics(subject.interests, candidate.topics);
  if (topics.length > 0) {
    reasons.push({ kind: 'topics', points: Math.min(POINTS.topicsMax, POINTS.perTopic * topics.length), detail: `Topics match the person's tags or headline: ${topics.join(', ')}` });
  }

  const total = reasons.reduce((n, r) => n + r.points, 0);
  return {
    score: Math.min(100, Math.max(0, total)) / 100,
    nameMatch: name.match,
    orcid,
    profileLink,
    reasons: reasons.map((r) => ({ ...r, points: r.points / 100 })),
  };
}

const NAME_DETAIL: Record<Exclude<NameMatch, 'none'>, string> = {
  exact: 'matches the name exactly (accents and case aside)',
  variant: 'matches the name with initials or a middle name left out',
  similar: 'is a close spelling of the name',
  surname: 'shares only the family name',
};

function sameAuthorId(source: ScholarlySource, a: string, b: string): boolean {
  // OpenAlex ids and ORCID iDs are case-insensitive (A…/a…, …X/…x); the others are compared as written.
  return scholarlySource(source).identity.caseInsensitiveIds ? a.toUpperCase() === b.toUpperCase() : a === b;
}

// ---------------------------------------------------------------------------------------------
// Names

const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);
const NAME_RANK: Record<NameMatch, number> = { exact: 4, variant: 3, similar: 2, surname: 1, none: 0 };

/**
 * A name as comparable tokens: accents and case folded (Łukasz → lukasz, Zoë → zoe), "Family, Given"
 * turned around, punctuation and hyphens as separators, dblp's homonym numbers (Wei Wang 0001) and
 * Jr./III left out.
 */
export function nameTokens(name: string): string[] {
  let text = name;
  const comma = text.indexOf(',');
  if (comma > 0) {
    const given = text.slice(comma + 1).trim();
    if (given && !SUFFIXES.has(foldText(given).replace(/\./g, ''))) text = `${given} ${text.slice(0, comma)}`;
  }
  return foldText(text)
    .replace(/['’`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== '' && !/^\d+$/.test(t) && !SUFFIXES.has(t));
}

/** How well two names agree; the better of the two word orders (family-first names), a reversed order counting at most as a variant. */
export function compareNames(personName: string, candidateName: string): NameMatch {
  const a = nameTokens(personName);
  const b = nameTokens(candidateName);
  const straight = compareTokens(a, b);
  if (straight === 'exact' || b.length < 2) return straight;
  let reversed = compareTokens(a, [...b.slice(1), b[0]]);
  if (reversed === 'exact') reversed = 'variant';
  return NAME_RANK[reversed] > NAME_RANK[straight] ? reversed : straight;
}

function bestNameMatch(personNames: string[], candidateNames: string[]): { match: NameMatch; name: string } {
  let best: { match: NameMatch; name: string } = { match: 'none', name: candidateNames[0] ?? '' };
  for (const candidateName of candidateNames) {
    for (const personName of personNames) {
      const match = compareNames(personName, candidateName);
      if (NAME_RANK[match] > NAME_RANK[best.match]) best = { match, name: candidateName };
    }
  }
  return best;
}

type TokenMatch = 'equal' | 'initial' | 'close' | 'conflict';

function compareToken(x: string, y: string): TokenMatch {
  if (x === y) return 'equal';
  if ((x.length === 1 && y.startsWith(x)) || (y.length === 1 && x.startsWith(y))) return 'initial';
  if (x.length >= 4 && y.length >= 4 && levenshtein(x, y) <= 1) return 'close';
  return 'conflict';
}

/** Given names: same, compatible (initials, middle names left out), close (a letter off), missing on a side, or in conflict. */
function compareGiven(a: string[], b: string[]): 'same' | 'compatible' | 'close' | 'missing' | 'conflict' {
  if (a.length === 0 || b.length === 0) return 'missing';
  const first = compareToken(a[0], b[0]);
  if (first === 'conflict') return 'conflict';
  const [short, long] = a.length <= b.length ? [a.slice(1), b.slice(1)] : [b.slice(1), a.slice(1)];
  // Each middle name of the shorter list must agree with one of the longer, in order; the others may be left out.
  let at = 0;
  let middle: 'ok' | 'close' = 'ok';
  for (const token of short) {
    let found = -1;
    for (let j = at; j < long.length; j++) {
      const m = compareToken(token, long[j]);
      if (m === 'equal' || m === 'initial') {
        found = j;
        break;
      }
    }
    if (found < 0) middle = 'close';
    else at = found + 1;
  }
  if (first === 'close' || middle === 'close') return 'close';
  return first === 'equal' && a.length === b.length && a.every((t, i) => t === b[i]) ? 'same' : 'compatible';
}

function compareTokens(a: string[], b: string[]): NameMatch {
  if (a.length === 0 || b.length === 0) return 'none';
  if (a.length === b.length && a.every((t, i) => t === b[i])) return 'exact';
  const aLast = a[a.length - 1];
  const bLast = b[b.length - 1];
  const aGiven = a.slice(0, -1);
  const bGiven = b.slice(0, -1);
  const given = compareGiven(aGiven, bGiven);
  if (aLast === bLast && aLast.length > 1) {
    if (given === 'same') return 'exact';
    if (given === 'compatible') return 'variant';
    if (given === 'close') return 'similar';
    return 'surname';
  }
  // One part of a double family name (Kaiser / Kaiser-Nowak), or a family name a letter off (Angstrom / Angstroem).
  const partOfDouble = (aLast.length > 1 && bGiven.slice(1).includes(aLast)) || (bLast.length > 1 && aGiven.slice(1).includes(bLast));
  const closeSurname = Math.min(aLast.length, bLast.length) >= 5 && levenshtein(aLast, bLast) <= 1;
  if (partOfDouble) {
    // The other part reads as a middle name on one side: compare the first given names only.
    const first = aGiven.length && bGiven.length ? compareToken(aGiven[0], bGiven[0]) : 'conflict';
    return first === 'equal' || first === 'initial' ? 'similar' : 'none';
  }
  if (closeSurname && (given === 'same' || given === 'compatible')) return 'similar';
  return 'none';
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

// ---------------------------------------------------------------------------------------------
// Affiliations

const ORG_STOPWORDS = new Set(['the', 'of', 'and', 'for', 'at', 'in', 'inc', 'ltd', 'llc', 'gmbh', 'co', 'corp', 'corporation', 'company', 'plc', 'ag', 'sa']);

function orgTokens(name: string): string[] {
  return foldText(name.replace(/\([^)]*\)/g, ' '))
    .replace(/&/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== '' && !ORG_STOPWORDS.has(t));
}

/**
 * Whether an affiliation as a source writes it names the organization: every word of the shorter
 * name is in the longer ("DeepMind" ~ "Google DeepMind"; "OpenAI" ~ "OpenAI, San Francisco, CA, USA"),
 * or one is the other's acronym ("MIT" ~ "Massachusetts Institute of Technology"). Accents, case,
 * a parenthesised country and words such as "of", "Inc." are left aside.
 */
export function sameOrganization(a: string, b: string): boolean {
  const x = orgTokens(a);
  const y = orgTokens(b);
  if (x.length === 0 || y.length === 0) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  const words = new Set(long);
  if (short.every((t) => words.has(t))) return true;
  return short.length === 1 && short[0].length >= 2 && short[0].length <= 6 && long.length >= 2 && long.map((t) => t[0]).join('') === short[0];
}

function affiliationMatch(organizations: ScoringSubject['organizations'], affiliations: string[]): { points: number; detail: string } | null {
  let best: { points: number; detail: string } | null = null;
  affiliations.forEach((affiliation, index) => {
    for (const org of organizations) {
      if (!sameOrganization(org.name, affiliation)) continue;
      const current = index === 0 && org.current;
      const points = current ? POINTS.currentAffiliation : POINTS.pastAffiliation;
      if (best && best.points >= points) continue;
      best = {
        points,
        detail: current
          ? `Current affiliation "${affiliation}" is the person's organization (${org.name})`
          : `${index === 0 ? 'Affiliation' : 'Past affiliation'} "${affiliation}" matches the person's ${org.current ? 'organization' : 'past organization'} (${org.name})`,
      };
    }
  });
  return best;
}

// ---------------------------------------------------------------------------------------------
// Topics

/** arXiv gives categories, not topics: the common ones by name. */
export const ARXIV_CATEGORY_NAMES: Readonly<Record<string, string>> = {
  'cs.AI': 'Artificial Intelligence',
  'cs.CL': 'Computation and Language',
  'cs.CV': 'Computer Vision and Pattern Recognition',
  'cs.CR': 'Cryptography and Security',
  'cs.DS': 'Data Structures and Algorithms',
  'cs.IR': 'Information Retrieval',
  'cs.LG': 'Machine Learning',
  'cs.LO': 'Logic in Computer Science',
  'cs.NE': 'Neural and Evolutionary Computing',
  'cs.RO': 'Robotics',
  'stat.ML': 'Machine Learning',
};

/** Short forms people tag with, spelled out so they meet the sources' topic names. */
const INTEREST_ALIASES: Readonly<Record<string, string>> = {
  ml: 'machine learning',
  ai: 'artificial intelligence',
  nlp: 'natural language processing',
  rl: 'reinforcement learning',
  cv: 'computer vision',
  gnn: 'graph neural networks',
  llm: 'language models',
  llms: 'language models',
};

function phrase(text: string): string {
  return foldText(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ');
}

/**
 * The candidate's topics that meet the person's interests (tags, headline): a topic named inside an
 * interest ("machine learning" in "Research engineer, machine learning") or an interest inside a
 * topic (tag "machine learning" in "Machine Learning in Materials Science"), as whole words.
 */
export function matchingTopics(interests: string[], topics: string[]): string[] {
  const wanted = interests
    .map((i) => phrase(i))
    .map((p) => INTEREST_ALIASES[p] ?? p)
    .filter((p) => p.length >= 3);
  if (wanted.length === 0) return [];
  const out: string[] = [];
  for (const topic of topics) {
    const label = ARXIV_CATEGORY_NAMES[topic] ?? topic;
    const t = phrase(label);
    if (t.length < 3) continue;
    if (wanted.some((w) => ` ${w} `.includes(` ${t} `) || ` ${t} `.includes(` ${w} `)) && !out.includes(label)) out.push(label);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Ordering and the auto-link rule

/** A source's place in the registry's order (OpenAlex first). */
const sourceRank = (source: ScholarlySource): number => Math.max(0, scholarlySourceNames().indexOf(source));

/** Best first: score, then the closer name, then source order (OpenAlex first), then the source's own order. */
export function compareScored<T extends { candidate: AuthorCandidate; score: CandidateScore; order: number }>(a: T, b: T): number {
  return (
    b.score.score - a.score.score ||
    NAME_RANK[b.score.nameMatch] - NAME_RANK[a.score.nameMatch] ||
    sourceRank(a.candidate.source) - sourceRank(b.candidate.source) ||
    a.order - b.order
  );
}

export interface AutoLinkInput {
  candidate: AuthorCandidate;
  score: CandidateScore;
  /** This person's identity for the candidate, if any. */
  status: 'linked' | 'rejected' | null;
  /** Linked to another of the user's people. */
  linkedElsewhere: boolean;
}

export type AutoLinkRule = 'profile-link' | 'orcid' | 'clear-winner';

export interface AutoLinkDecision {
  candidate: AuthorCandidate;
  score: number;
  rule: AutoLinkRule;
  why: string;
}

export interface AutoLinkPlan {
  link: AutoLinkDecision[];
  /** Per source searched, why nothing was linked there. */
  undecided: { source: ScholarlySource; message: string }[];
}

const pct = (score: number) => score.toFixed(2);

/**
 * THE AUTO-LINK RULE. Dossier links an identity without the user only when the match is
 * unambiguous; everything else waits for the user to confirm. Per source (candidates at different
 * sources are not rivals: the same researcher is at each), leaving out the candidates the user
 * rejected for this person and those linked to another of their people:
 *
 * 1. Decisive identifiers. A candidate named by the person's own profile link for that source, or
 *    carrying the person's ORCID iD, is linked, however many there are (a source that split one
 *    researcher into two records gets both). A candidate with a different ORCID iD is never linked.
 * 2. A clear winner, only where the person has no linked identity at that source yet and step 1
 *    found nothing: the best candidate is linked when it scores at least 0.60, matches the name
 *    exactly or with initials (a family name alone is not enough), and leads the next candidate
 *    at the source by at least 0.25 (a lone candidate leads by its whole score).
 *
 * So a name and the current affiliation (0.45 + 0.25) can win alone, but never against a namesake
 * at the same source with a matching affiliation or shared contacts; and a rejection always holds.
 */
export function decideAutoLinks(inputs: AutoLinkInput[], linkedSources: ReadonlySet<ScholarlySource>, searched: ScholarlySource[]): AutoLinkPlan {
  const plan: AutoLinkPlan = { link: [], undecided: [] };
  for (const source of searched) {
    const eligible = inputs
      .filter((i) => i.candidate.source === source && i.status !== 'rejected' && !i.linkedElsewhere)
      .sort((a, b) => b.score.score - a.score.score || NAME_RANK[b.score.nameMatch] - NAME_RANK[a.score.nameMatch]);
    const decisive = eligible.filter((i) => (i.score.profileLink || i.score.orcid === 'same') && i.score.orcid !== 'different');
    if (decisive.length > 0) {
      for (const input of decisive) {
        if (input.status === 'linked') continue;
        const rule: AutoLinkRule = input.score.profileLink ? 'profile-link' : 'orcid';
        plan.link.push({
          candidate: input.candidate,
          score: input.score.score,
          rule,
          why: rule === 'profile-link' ? `The person's own ${sourceDisplayName(source)} link names ${input.candidate.sourceAuthorId}` : `${sourceDisplayName(source)} gives ${input.candidate.sourceAuthorId} the person's ORCID iD ${input.candidate.orcid}`,
        });
      }
      if (plan.link.every((d) => d.candidate.source !== source)) plan.undecided.push({ source, message: 'Already linked' });
      continue;
    }
    if (linkedSources.has(source)) {
      plan.undecided.push({ source, message: `The person already has a linked ${sourceDisplayName(source)} identity; only a profile link or an ORCID iD adds another` });
      continue;
    }
    const [top, next] = eligible;
    if (!top) {
      plan.undecided.push({ source, message: 'No candidate' });
      continue;
    }
    const lead = top.score.score - (next?.score.score ?? 0);
    const problem =
      top.score.orcid === 'different'
        ? `"${top.candidate.name}" has another ORCID iD than the person`
        : NAME_RANK[top.score.nameMatch] < NAME_RANK.variant
          ? `The best candidate, "${top.candidate.name}" (${pct(top.score.score)}), does not match the name closely enough`
          : top.score.score < AUTO_LINK.minScore
            ? `The best candidate, "${top.candidate.name}", scores ${pct(top.score.score)}, below ${pct(AUTO_LINK.minScore)}`
            : lead < AUTO_LINK.minLead - 1e-9
              ? `"${top.candidate.name}" (${pct(top.score.score)}) and "${next!.candidate.name}" (${pct(next!.score.score)}) are too close: a lead of ${pct(AUTO_LINK.minLead)} is needed`
              : null;
    if (problem) {
      plan.undecided.push({ source, message: problem });
      continue;
    }
    plan.link.push({
      candidate: top.candidate,
      score: top.score.score,
      rule: 'clear-winner',
      why: next
        ? `Scores ${pct(top.score.score)}, ${pct(lead)} above the next ${sourceDisplayName(source)} candidate, "${next.candidate.name}" (${pct(next.score.score)})`
        : `Scores ${pct(top.score.score)}, the only ${sourceDisplayName(source)} candidate`,
    });
  }
  return plan;
}
