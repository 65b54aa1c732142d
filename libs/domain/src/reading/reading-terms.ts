import { titleKey } from '../shared/text/index';

/**
 * What "relevant to the application" means: terms from the application's keywords, the team (name,
 * description, research notes) and the organization (tags, research notes), matched against a
 * work's title, venue and abstract. The application's notes are not a source: they tell the story
 * of the application (who referred whom, the target team), not its topics. Names of the user's
 * contacts and common words (English function words, the vocabulary every lab's notes share and
 * the words of hiring) are never terms, not even as a whole keyword or tag. Everything is folded
 * the way titles are (case, accents, punctuation, LaTeX), and words are compared by a light stem,
 * so "Agents" matches "agent".
 */

export const TERM_SOURCES = ['application', 'team', 'organization'] as const;
export type TermSource = (typeof TERM_SOURCES)[number];

export interface ContextTerm {
  /** Folded words, one or more (a keyword may be a phrase). */
  term: string;
  from: TermSource[];
}

export interface RelevanceContext {
  application: { keywords: string[] };
  team: { name: string; description: string | null; researchNotes: string | null } | null;
  organization: { tags: string[]; researchNotes: string | null };
}

// Words of notes that say nothing about a topic: English function words and the vocabulary every
// lab's notes share. Keywords and tags the user typed are kept whole, whatever their words.
const STOPWORDS = new Set(
  `about above after again against also among and any are around because been before being below between both but can could did does doing down during each
  else every few for from further had has have having her here hers him his how however into its itself just like more most much must need needs not now
  off once only other our ours out over own same she should since some such than that the their theirs them then there these they this those through
  under until very was were what when where which while who whom why will with within without would you your yours yet
  research team teams lab labs work works working paper papers mission culture role roles interview interviews people person focus focuses using use used
  based new good great really think want also well make makes made many including include includes company group groups project projects year years
  application applications applied core area areas strong known other others
  referred refer refers referral referrals referrer target targets targeted targeting hiring hire hired hires recruiter recruiters recruiting
  interviewer interviewers onsite offer offers loop loops stage stages candidate candidates manager managers position positions job jobs
  apply applying resume contact contacts intro introduction call calls email emails meet met meeting meetings chat chats friend friends
  colleague colleagues deadline week weeks month months today tomorrow next round rounds screen screening quiz final lead leads senior
  junior staff principal head director intern internship ask asked asks reach reached follow followed salary visa relocation remote office
  get gets got give gives gave take takes took see seen say says said tell told let lets put one two three four five six seven eight nine ten
  first second third last soon later ago via per mine may might shall etc`
    .split(/\s+/)
    .filter(Boolean),
);

/** A light stem: enough to match plurals and simple verb forms, never so much that words collide. */
export function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('es') && /(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

export function foldWords(text: string | null | undefined): string[] {
  if (!text) return [];
  return titleKey(text).split(' ').filter(Boolean);
}

/** Folded words of people's names (the user's contacts), never taken for a topic. */
export function nameWords(names: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const name of names) for (const word of foldWords(name)) out.add(word);
  return out;
}

/**
 * The terms of a context, each once, with where it came from: phrases first, then single words.
 * `names`: folded words of the user's contacts' names (see `nameWords`), left out like common words.
 */
export function contextTerms(context: RelevanceContext, names: ReadonlySet<string> = new Set()): ContextTerm[] {
  const terms = new Map<string, Set<TermSource>>();
  const add = (term: string, from: TermSource): void => {
    if (!term) return;
    const seen = terms.get(term) ?? new Set<TermSource>();
    seen.add(from);
    terms.set(term, seen);
  };
  const noise = (word: string): boolean => STOPWORDS.has(word) || names.has(word) || /^\d+$/.test(word);
  // A keyword or tag the user typed is kept whole, unless every word of it is noise ("lab", "target", a contact's name).
  const phrase = (text: string, from: TermSource): void => {
    const folded = foldWords(text);
    if (folded.some((w) => !noise(w))) add(folded.join(' '), from);
  };
  const words = (text: string | null | undefined, from: TermSource): void => {
    for (const word of foldWords(text)) if (word.length >= 3 && !noise(word)) add(word, from);
  };

  context.application.keywords.forEach((k) => phrase(k, 'application'));
  if (context.team) {
    words(context.team.name, 'team');
    words(context.team.description, 'team');
    words(context.team.researchNotes, 'team');
  }
  context.organization.tags.forEach((t) => phrase(t, 'organization'));
  words(context.organization.researchNotes, 'organization');

  return [...terms]
    .map(([term, from]) => ({ term, from: TERM_SOURCES.filter((s) => from.has(s)) }))
    .sort((a, b) => b.term.split(' ').length - a.term.split(' ').length || a.term.localeCompare(b.term));
}

/** A text, folded and stemmed, ready to be searched for terms. */
export interface PreparedText {
  stems: string[];
  /** Where each stem occurs: a term is looked up at its first word's places, not searched for. */
  at: Map<string, number[]>;
}

export function prepareText(text: string | null | undefined): PreparedText {
  const stems = foldWords(text).map(stem);
  const at = new Map<string, number[]>();
  stems.forEach((s, i) => {
    const places = at.get(s);
    if (places) places.push(i);
    else at.set(s, [i]);
  });
  return { stems, at };
}

/** A term's words by their stems: prepared once for all the texts it is looked for in. */
export function termStems(term: string): string[] {
  return term.split(' ').map(stem);
}

/** True when the term's words (its `termStems`) occur in the text in a row. */
export function containsTerm(text: PreparedText, needle: string[]): boolean {
  const starts = text.at.get(needle[0]);
  if (!starts) return false;
  outer: for (const i of starts) {
    for (let j = 1; j < needle.length; j++) if (text.stems[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
