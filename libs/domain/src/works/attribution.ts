import { foldText, surnameKey } from '../shared/text/index';
import type { ScholarlySource } from '../scholarly/index';
import type { AttributionDecision, AttributionEvidence, AttributionStatus } from './work-attribution.entity';

/**
 * Whose is a record that only a name query attributes? arXiv lists whatever matches the query's
 * name, namesakes included (`au:"Pat Lee"` also finds "P. Lee" in astrophysics). Such an entry
 * counts as the person's only with evidence beyond the query:
 * - identity: another of their linked identities (an author id, or their ORCID iD) lists the work;
 * - name: the entry writes their name in full as they are known (their name in Dossier, or as an
 *   id-linked source writes it); an initial-only "P. Lee" is not that name;
 * - coauthors: it shares a co-author with their confirmed works;
 * - fields + name form: it is filed under an arXiv category of their confirmed works AND writes
 *   the name in a form their confirmed records write it ("T. Okafor" when an id-linked record or
 *   an entry confirmed otherwise writes them so). A category alone is not enough: a namesake in
 *   the person's own field ("A. Okafor", a roboticist, beside Adaeze Okafor's robotics papers) has
 *   it too, and the form tells them apart when the person never signs that way.
 * "Confirmed works" are the works an identity lists, the entries confirmed by identity or by
 * name, and the entries the user accepted; a co-author or category of an entry confirmed only
 * by co-authors or categories confirms nothing further (no chains from one namesake to the next).
 * The user's decision, when given, wins either way.
 */

/** One author position a name query matched. */
export interface NameQueryEntry {
  recordId: string;
  workId: string;
  source: ScholarlySource;
  /** The identity's query that matched (e.g. `au:"Pat Lee"`). */
  query: string;
  /** As the entry writes the author. */
  name: string;
  position: number;
  authorCount: number;
  /** Every author of the record, in order. */
  authors: string[];
  /** The record's subject categories (arXiv's), primary first. */
  categories: string[];
  decision: AttributionDecision | null;
}

/** A record of a work in the person's evidence: who wrote it and where it is filed. */
export interface EvidenceRecord {
  recordId: string;
  workId: string;
  authors: string[];
  categories: string[];
}

export interface PersonEvidence {
  /** The person's name in Dossier. */
  fullName: string;
  /** Works that one of the person's other identities (author ids, ORCID iD) lists, with the sources that do. */
  identityWorks: Map<string, ScholarlySource[]>;
  /** How the id-linked records write the person (their positions there). */
  identityNames: string[];
  /** Every record of the works above and of the entries' works. */
  records: EvidenceRecord[];
}

export interface AttributionVerdict {
  recordId: string;
  status: AttributionStatus;
  evidence: AttributionEvidence[];
}

const SOURCE_NAMES: Record<ScholarlySource, string> = {
  openalex: 'OpenAlex',
  semanticscholar: 'Semantic Scholar',
  arxiv: 'arXiv',
  dblp: 'DBLP',
  crossref: 'Crossref',
  orcid: 'ORCID',
};

export function sourceName(source: ScholarlySource): string {
  return SOURCE_NAMES[source];
}

/**
 * A name written in full, folded: given name and surname, middle initials left out ("Pat Q. Lee"
 * and "Pat Lee" are one); null when the given name is only an initial ("P. Lee", "P Q Lee").
 */
export function fullNameKey(name: string): string | null {
  const tokens = nameTokens(name);
  const words = tokens.filter((t) => t.length > 1);
  if (words.length < 2 || tokens[0].length < 2) return null;
  return words.join(' ');
}

/** An author as co-authors are compared: first initial and surname ("P. Lee" and "Pat Lee" are one). */
export function coauthorKey(name: string): string | null {
  const surname = surnameKey(name);
  if (!surname) return null;
  const trimmed = name.trim();
  const given = trimmed.includes(',') ? trimmed.slice(trimmed.indexOf(',') + 1) : trimmed.split(/\s+/).slice(0, -1).join(' ');
  const initial = foldText(given).replace(/[^\p{L}\p{N}]+/gu, '').charAt(0);
  return `${initial} ${surname}`;
}

/**
 * A name as written, folded: "Surname, Given" reordered, accents, case and punctuation dropped, every
 * token kept ("T. Okafor" and "T Okafor" are one form, "T. J. Okafor" another, "Tomas Okafor" a third).
 */
export function writtenFormKey(name: string): string | null {
  const tokens = nameTokens(name);
  return tokens.length >= 2 ? tokens.join(' ') : null;
}

/** A name's words in order, folded, given names first ("Lee, Pat" is "Pat Lee"). */
function nameTokens(name: string): string[] {
  const trimmed = name.trim();
  const comma = trimmed.indexOf(',');
  const ordered = comma > 0 ? `${trimmed.slice(comma + 1)} ${trimmed.slice(0, comma)}` : trimmed;
  return foldText(ordered)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter(Boolean);
}

export function evaluateAttributions(person: PersonEvidence, entries: NameQueryEntry[]): AttributionVerdict[] {
  const knownNames = new Map<string, string>();
  for (const name of [person.fullName, ...person.identityNames]) {
    const key = fullNameKey(name);
    if (key && !knownNames.has(key)) knownNames.set(key, name);
  }
  const selfKey = coauthorKey(person.fullName);
  const direct = new Map<string, AttributionEvidence[]>();
  for (const entry of entries) {
    const evidence: AttributionEvidence[] = [];
    const sources = person.identityWorks.get(entry.workId);
    if (sources?.length) evidence.push({ kind: 'identity', detail: `Also listed by their ${[...new Set(sources)].map(sourceName).join(' and ')} identity` });
    const key = fullNameKey(entry.name);
    if (key && knownNames.has(key)) evidence.push({ kind: 'name', detail: `Written "${entry.name}", their name in full` });
    direct.set(entry.recordId, evidence);
  }

  // The confirmed works the other entries are compared with.
  const confirmed = new Set(person.identityWorks.keys());
  for (const entry of entries) {
    if (entry.decision === 'rejected') continue;
    if (entry.decision === 'accepted' || direct.get(entry.recordId)!.length > 0) confirmed.add(entry.workId);
  }
  const ownPositions = new Map(entries.map((e) => [e.recordId, e.position]));
  const confirmedRecords = person.records.filter((r) => confirmed.has(r.workId));

  const byCoauthors = new Map<string, boolean>();
  const verdicts = entries.map((entry) => {
    const evidence = [...direct.get(entry.recordId)!];
    if (evidence.length === 0) {
      const others = confirmedRecords.filter((r) => r.workId !== entry.workId);
      const theirCoauthors = new Map<string, string>();
      for (const record of others) {
        record.authors.forEach((name, i) => {
          const k = coauthorKey(name);
          if (k && k !== selfKey && ownPositions.get(record.recordId) !== i + 1 && !theirCoauthors.has(k)) theirCoauthors.set(k, name);
        });
      }
      const shared = [
        ...new Set(
          entry.authors.flatMap((name, i) => {
            const k = coauthorKey(name);
            return i + 1 !== entry.position && k && k !== selfKey && theirCoauthors.has(k) ? [name] : [];
          }),
        ),
      ];
      if (shared.length > 0) evidence.push({ kind: 'coauthors', detail: `Shares co-author${shared.length > 1 ? 's' : ''} ${shared.join(', ')} with their confirmed works` });
      byCoauthors.set(entry.recordId, evidence.length > 0);
    }
    return evidence;
  });

  // How their confirmed records write them: the id-linked records, and the entries confirmed by
  // identity, name, co-author or the user (not by a category: that would chain namesakes).
  const forms = new Map<string, string>();
  for (const name of person.identityNames) {
    const k = writtenFormKey(name);
    if (k && !forms.has(k)) forms.set(k, 'their linked records');
  }
  for (const entry of entries) {
    if (entry.decision === 'rejected') continue;
    if (entry.decision !== 'accepted' && direct.get(entry.recordId)!.length === 0 && !byCoauthors.get(entry.recordId)) continue;
    const k = writtenFormKey(entry.name);
    if (k && !forms.has(k)) forms.set(k, `their ${sourceName(entry.source)} entries`);
  }

  return entries.map((entry, i) => {
    const evidence = verdicts[i];
    if (direct.get(entry.recordId)!.length === 0) {
      const others = confirmedRecords.filter((r) => r.workId !== entry.workId);
      const fields = new Set(others.flatMap((r) => r.categories));
      const common = entry.categories.filter((c) => fields.has(c));
      const form = writtenFormKey(entry.name);
      const writtenAs = form ? forms.get(form) : undefined;
      const filed: AttributionEvidence = { kind: 'fields', detail: `Filed under ${common.join(', ')}, like their confirmed works` };
      // A category is shared by every namesake in their field: it counts only with the name written
      // as they write it (beside a shared co-author it is said, as support).
      if (common.length > 0 && byCoauthors.get(entry.recordId)) evidence.push(filed);
      else if (common.length > 0 && writtenAs) evidence.push(filed, { kind: 'name-form', detail: `Written "${entry.name}", as ${writtenAs} write them` });
    }
    return { recordId: entry.recordId, status: evidence.length > 0 ? 'confirmed' : 'unconfirmed', evidence };
  });
}

/** Why an entry is held back, in words. */
export function heldReason(entry: { source: ScholarlySource; query: string; name: string; position: number; authorCount: number; categories: string[] }): string {
  const field = entry.categories.length > 0 ? ` (filed under ${entry.categories.join(', ')})` : '';
  return (
    `Only the ${sourceName(entry.source)} name query ${entry.query} lists it, where the author is written "${entry.name}" (${ordinal(entry.position)} of ${entry.authorCount})${field}: ` +
    'no other identity of theirs lists it, the name is not written in full as they are known, it shares no co-author with their confirmed works, and it is not filed under their categories with their name written as they write it'
  );
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}
