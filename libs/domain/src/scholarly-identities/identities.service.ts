import { Injectable, Logger } from '@nestjs/common';
import { NotFoundError } from '#platform';
import { PeopleService, type Person } from '../people/index';
import { type AuthorCandidate, type AuthorWorksSummary, SCHOLARLY_SOURCES, type ScholarlySource, scholarlySource, scholarlySourceNames, scholarlySources, ScholarlySourceError, SourceRejectedError, UnsupportedBySourceError } from '../scholarly/index';
import { AutoLinkRule, CandidateScore, Coauthor, compareScored, decideAutoLinks, isPlausible, scoreCandidate, ScoringSubject } from './candidate-scoring';
import { IdentityLinkedElsewhereError, IdentityNotFoundError, InvalidIdentityError, UnknownAtSourceError } from './identities.errors';
import { idFromProfileLink, parseIdentityInput, sourceOfUrl } from './identity-input';
import { IDENTITY_STATUSES, ScholarlyIdentity } from './scholarly-identity.entity';
import { IdentitiesRepository } from './identities.repository';
import { WorkAttributionsService } from '../works/index';
import { SourceLookups } from './source-lookups';
import { CandidateSearchCache } from './candidate-search-cache';
import { matchSplitProfile, ProfileEvidence, SplitProfileMatch } from './split-profiles';

/** The sources that can search authors by name (Crossref cannot: its identities are ORCID iDs). */
/** The built-in sources searched for candidates by default (the API documents them). */
export const CANDIDATE_SOURCES: ScholarlySource[] = SCHOLARLY_SOURCES.filter((s) => scholarlySources().find((d) => d.name === s)?.identity.candidateSearch);
/** Every registered source that takes candidate searches. */
const candidateSources = (): ScholarlySource[] => scholarlySources().filter((d) => d.identity.candidateSearch).map((d) => d.name);
export const DEFAULT_CANDIDATE_LIMIT = 10;
export const MAX_CANDIDATE_LIMIT = 25;
/** At most this many same-name candidates per source are checked as split profiles (a request each). */
const SPLIT_SUSPECTS = 2;

export interface ScoredCandidate {
  candidate: AuthorCandidate;
  score: CandidateScore;
  /** This person's identity for the candidate: linked (confirmed) or rejected; null: neither. */
  status: 'linked' | 'rejected' | null;
  identityId: string | null;
  /** Another of the user's people this author is linked to. */
  linkedTo: { personId: string; fullName: string } | null;
  /** The person's linked identity at the same source this candidate looks like a second record of (its reasons say why); null: none. */
  splitProfileOf: { identityId: string; sourceAuthorId: string } | null;
}

export interface SourceFailure {
  source: ScholarlySource;
  message: string;
}

export interface CandidateSearch {
  personId: string;
  query: { name: string; affiliation: string | null };
  sources: ScholarlySource[];
  candidates: ScoredCandidate[];
  errors: SourceFailure[];
}

export interface LinkInput {
  /** Optional with a url: its host names the source. */
  source?: ScholarlySource;
  id?: string;
  url?: string;
}

export interface LinkResult {
  identity: ScholarlyIdentity;
  /** False when it was already linked: nothing changed. */
  changed: boolean;
  /** Something the user should know: the source could not be asked, or gave another id (an OpenAlex merge). */
  warning: string | null;
}

export interface AutoLinked {
  identity: ScholarlyIdentity;
  rule: AutoLinkRule;
  why: string;
  score: number | null;
}

export interface AutoLinkResult {
  linked: AutoLinked[];
  undecided: SourceFailure[];
  errors: SourceFailure[];
}


/**
 * "Who is who": which author at each scholarly source a person of the user's network is. Searches
 * the sources by name and organization and scores each candidate (candidate-scoring.ts); the user
 * confirms, rejects or adds identities by id or URL; autoLink links only what is unambiguous.
 * Everything is scoped to the user: another user's person is a 404.
 */
@Injectable()
export class IdentitiesService {
  private readonly logger = new Logger(IdentitiesService.name);
  /** The answers of the last searches, which an auto-link right after them reuses. */
  private readonly searches = new CandidateSearchCache();

  constructor(
    private readonly identities: IdentitiesRepository,
    private readonly people: PeopleService,
    private readonly lookups: SourceLookups,
    private readonly attributions: WorkAttributionsService,
  ) {}

  /** The person's identities, linked first, then rejected; by source, oldest first. */
  async list(userId: string, personId: string): Promise<ScholarlyIdentity[]> {
    await this.person(userId, personId);
    const rows = await this.identities.listForPerson(userId, personId);
    const status = (s: string) => IDENTITY_STATUSES.indexOf(s as never);
    const source = (s: ScholarlySource) => scholarlySourceNames().indexOf(s);
    return rows.sort((a, b) => status(a.status) - status(b.status) || source(a.source) - source(b.source));
  }

  /**
   * Searches the sources at once by the person's name (and organization: the clients put matching
   * affiliations first; ORCID's search would filter on it, so it gets the name alone). A source that
   * fails (or is too busy under its rate limit to answer in time, see SourceLookups) is reported in
   * `errors`; the others still answer. Candidates with no name agreement and no
   * decisive identifier are left out; the rest are scored, marked and sorted best first.
   */
  async candidates(userId: string, personId: string, options: { sources?: ScholarlySource[]; limit?: number } = {}): Promise<CandidateSearch> {
    const person = await this.person(userId, personId);
    return this.search(userId, person, await this.subject(userId, person), options.sources ?? candidateSources(), options.limit ?? DEFAULT_CANDIDATE_LIMIT, { splitProfiles: true });
  }

  /**
   * Adds an identity by id or URL, or confirms a candidate: validated and normalized per source
   * (a bad ORCID check digit is a 400 on the field given), then checked at the source, which also
   * gives the name (an unknown id is a 422; a source that cannot be reached does not stop the link,
   * the answer warns and the next sync will tell). Linking one already linked changes nothing;
   * linking one rejected for this person turns the rejection into a link. An author linked to
   * another of the user's people is a 409 (IdentityLinkedElsewhereError).
   */
  async link(userId: string, personId: string, input: LinkInput): Promise<LinkResult> {
    if (input.id !== undefined && input.url !== undefined) throw new InvalidIdentityError('url', 'must not be given with id: give one of them');
    const field = input.id !== undefined ? 'id' : 'url';
    const source = input.source ?? (input.url !== undefined ? sourceOfUrl(input.url) : null);
    if (!source) {
      throw input.url !== undefined
        ? new InvalidIdentityError('source', 'is required: the url is not an OpenAlex, Semantic Scholar, dblp, ORCID or arXiv address')
        : new InvalidIdentityError('source', 'is required with id');
    }
    const parsed = parseIdentityInput(source, (input.id ?? input.url) as string);
    if (!parsed.ok) throw new InvalidIdentityError(field, parsed.problem);
    let sourceAuthorId = parsed.sourceAuthorId;
    await this.person(userId, personId);
    const existing = await this.identities.findForPerson(userId, personId, source, sourceAuthorId);
    if (existing?.status === 'linked') return { identity: existing, changed: false, warning: null };
    const elsewhere = await this.identities.linkedElsewhere(userId, personId, source, sourceAuthorId);
    if (elsewhere) throw new IdentityLinkedElsewhereError(source, sourceAuthorId, elsewhere);

    const checked = await this.check(field, source, sourceAuthorId);
    sourceAuthorId = checked.sourceAuthorId;
    const { identity, changed } = await this.write(userId, personId, source, sourceAuthorId, { status: 'linked', linkedBy: 'user', name: checked.name });
    return { identity, changed, warning: checked.warning };
  }

  /** Remembers that a candidate is someone else: it is marked in the candidates and never auto-linked. Rejecting a linked identity unlinks it. */
  async reject(userId: string, personId: string, input: { source: ScholarlySource; sourceAuthorId: string; name?: string | null }): Promise<ScholarlyIdentity> {
    const parsed = parseIdentityInput(input.source, input.sourceAuthorId);
    if (!parsed.ok) throw new InvalidIdentityError('sourceAuthorId', parsed.problem);
    await this.person(userId, personId);
    return (await this.write(userId, personId, input.source, parsed.sourceAuthorId, { status: 'rejected', linkedBy: 'user', name: input.name ?? null })).identity;
  }

  /**
   * Unlinks. An identity Dossier linked on its own is kept as a rejection, so the next auto-link
   * does not link it again; one the user linked (or a rejection) is forgotten.
   */
  async unlink(userId: string, personId: string, identityId: string): Promise<{ keptAsRejection: boolean }> {
    const result = await this.identities.transaction(async (em) => {
      const identity = (await this.people.exists(userId, personId, em)) ? await this.identities.findByIdForUpdate(em, userId, personId, identityId) : null;
      if (!identity) throw new IdentityNotFoundError(identityId);
      if (identity.status === 'linked' && identity.linkedBy === 'auto') {
        await this.identities.update(em, identity.id, { status: 'rejected', linkedBy: 'user' });
        return { keptAsRejection: true };
      }
      await this.identities.remove(em, identity.id);
      return { keptAsRejection: false };
    });
    // The identity's works were evidence for the person's name-query matches.
    await this.attributions.evaluatePerson(userId, personId);
    return result;
  }

  /**
   * Links what is unambiguous, and says why (the rule is decideAutoLinks in candidate-scoring.ts).
   * The person's own profile links (links.openalex, .semanticScholar, .dblp, .orcid; Crossref by
   * the ORCID iD) are linked without a search; the other sources are searched and their candidates
   * go through the rule. Rejections always hold, and an author linked to another of the user's
   * people is never linked. For the sync too: call it before syncing a person without identities.
   */
  async autoLink(userId: string, personId: string, options: { sources?: ScholarlySource[]; limit?: number } = {}): Promise<AutoLinkResult> {
    const person = await this.person(userId, personId);
    const subject = await this.subject(userId, person);
    const sources = [...new Set(options.sources ?? candidateSources())];
    const mine = await this.identities.listForPerson(userId, personId);
    const result: AutoLinkResult = { linked: [], undecided: [], errors: [] };

    const toSearch: ScholarlySource[] = [];
    for (const source of sources) {
      const id = subject.profileIds[source];
      if (!id) {
        toSearch.push(source);
        continue;
      }
      const own = mine.find((i) => i.source === source && i.sourceAuthorId === id);
      if (own?.status === 'linked') result.undecided.push({ source, message: 'Already linked' });
      else if (own?.status === 'rejected') result.undecided.push({ source, message: `The person's profile link names ${id}, which was rejected` });
      else {
        const done = await this.tryAutoLink(userId, personId, source, id, null);
        if (done.identity) result.linked.push({ identity: done.identity, rule: 'profile-link', why: `The person's own profile link names ${id}`, score: null });
        else result.undecided.push({ source, message: done.message });
      }
    }

    if (toSearch.length > 0) {
      // The user usually looked at the candidates a moment ago: the sources' answers are taken again, not asked again.
      const search = await this.search(userId, person, subject, toSearch, options.limit ?? DEFAULT_CANDIDATE_LIMIT, { reuse: true });
      result.errors.push(...search.errors);
      const failed = new Set(search.errors.map((e) => e.source));
      const linkedSources = new Set(mine.filter((i) => i.status === 'linked').map((i) => i.source));
      const plan = decideAutoLinks(
        search.candidates.map((c) => ({ candidate: c.candidate, score: c.score, status: c.status, linkedElsewhere: c.linkedTo !== null })),
        linkedSources,
        search.sources.filter((s) => !failed.has(s)),
      );
      result.undecided.push(...plan.undecided);
      for (const decision of plan.link) {
        const { source, sourceAuthorId, name } = decision.candidate;
        const done = await this.tryAutoLink(userId, personId, source, sourceAuthorId, name);
        if (done.identity) result.linked.push({ identity: done.identity, rule: decision.rule, why: decision.why, score: decision.score });
        else result.undecided.push({ source, message: done.message });
      }
    }
    return result;
  }

  // -------------------------------------------------------------------------------------------

  /** The person with their organization; another user's (or a deleted) person is a 404. */
  private person(userId: string, personId: string): Promise<Person> {
    return this.people.get(userId, personId);
  }

  /** What the person is known by, for scoring. */
  private async subject(userId: string, person: Person): Promise<ScoringSubject> {
    const links = person.links ?? {};
    let orcid = idFromProfileLink('orcid', links.orcid);
    if (!orcid) {
      orcid = await this.identities.linkedOrcid(userId, person.id);
    }
    const profileIds: ScoringSubject['profileIds'] = {};
    const openalex = idFromProfileLink('openalex', links.openalex);
    const s2 = idFromProfileLink('semanticScholar', links.semanticScholar);
    const dblp = idFromProfileLink('dblp', links.dblp);
    const ownOrcid = idFromProfileLink('orcid', links.orcid);
    if (openalex) profileIds.openalex = openalex;
    if (s2) profileIds.semanticscholar = s2;
    if (dblp) profileIds.dblp = dblp;
    if (ownOrcid) profileIds.orcid = profileIds.crossref = ownOrcid;
    const names = [person.fullName];
    if (person.givenName && person.familyName) names.push(`${person.givenName} ${person.familyName}`);
    return {
      names,
      organizations: person.organization ? [{ name: person.organization.name, current: true }] : [],
      orcid,
      profileIds,
      interests: [...(person.tags ?? []), ...(person.headline ? [person.headline] : [])],
    };
  }

  /** `reuse`: take a source's answer from a search of the last minute (CandidateSearchCache) instead of asking it again. */
  private async search(userId: string, person: Person, subject: ScoringSubject, sources: ScholarlySource[], limit: number, options: { reuse?: boolean; splitProfiles?: boolean } = {}): Promise<CandidateSearch> {
    const reuse = options.reuse ?? false;
    const name = person.fullName;
    const affiliation = person.organization?.name ?? null;
    const unique = [...new Set(sources)];
    const answers = await Promise.all(
      unique.map(async (source) => {
        const query = { name, affiliation: source === 'orcid' ? null : affiliation, limit };
        const key = { userId, personId: person.id, source, ...query };
        try {
          const cached = reuse ? this.searches.get(key) : null;
          if (cached) return { source, found: cached };
          const found = await this.lookups.searchAuthors(source, query);
          this.searches.set(key, found);
          return { source, found };
        } catch (e) {
          return { source, error: this.describe(source, e) };
        }
      }),
    );
    const errors: SourceFailure[] = [];
    const found: { candidate: AuthorCandidate; order: number }[] = [];
    for (const answer of answers) {
      if ('error' in answer) {
        errors.push({ source: answer.source, message: answer.error as string });
        continue;
      }
      const seen = new Set<string>();
      for (const candidate of answer.found) {
        if (seen.has(candidate.sourceAuthorId)) continue;
        seen.add(candidate.sourceAuthorId);
        found.push({ candidate, order: found.length });
      }
    }

    const marks = await this.identities.marks(userId, found.map((f) => f.candidate));
    const coauthors = await this.identities.contactCoauthors(userId, person.id, found.map((f) => f.candidate));
    const scored = found
      .map(({ candidate, order }, index) => {
        const key = `${candidate.source}\u0000${candidate.sourceAuthorId}`;
        const rows = marks.get(key) ?? [];
        const own = rows.find((r) => r.person_id === person.id);
        const other = rows.find((r) => r.person_id !== person.id && r.status === 'linked');
        // Someone already linked to this author is not a co-author of themselves.
        const contacts = (coauthors.get(index) ?? []).filter((c) => c.personId !== other?.person_id);
        return {
          candidate,
          order,
          score: scoreCandidate(subject, candidate, contacts),
          status: (own?.status as ScoredCandidate['status']) ?? null,
          identityId: own?.id ?? null,
          linkedTo: other ? { personId: other.person_id, fullName: other.full_name } : null,
          splitProfileOf: null as ScoredCandidate['splitProfileOf'],
        };
      })
      .filter((c) => isPlausible(c.score) || c.status !== null);
    if (options.splitProfiles) await this.markSplitProfiles(userId, person.id, scored, errors);
    scored.sort(compareScored);
    return {
      personId: person.id,
      query: { name, affiliation },
      sources: unique,
      candidates: scored.map(({ order: _order, ...rest }) => rest),
      errors,
    };
  }

  /**
   * Split profiles (split-profiles.ts): at a source where the person has a linked identity already
   * synced, the best same-name candidates not yet decided are compared with it, on their first page
   * of works (one request each, at most SPLIT_SUSPECTS per source) and topics; one that looks like
   * the same career cut in two gets the reasons and their points, and names the identity.
   */
  private async markSplitProfiles(userId: string, personId: string, scored: (ScoredCandidate & { order: number })[], errors: SourceFailure[]): Promise<void> {
    const linked = (await this.identities.listForPerson(userId, personId)).filter((i) => i.status === 'linked');
    const failed = new Set(errors.map((e) => e.source));
    const evidence = new Map<string, ProfileEvidence>();
    for (const identity of linked) {
      const synced = await this.identities.profileEvidence(identity.source, identity.sourceAuthorId);
      const topics = identity.lastSnapshot?.topics ?? [];
      // Nothing synced yet: nothing to compare a candidate with, and no request is spent on it.
      if (synced.years.length + synced.coauthors.length + topics.length > 0) evidence.set(identity.id, { ...synced, topics });
    }
    const bySource = new Map<ScholarlySource, (ScoredCandidate & { order: number })[]>();
    for (const c of scored) {
      const source = c.candidate.source;
      if (failed.has(source) || c.status !== null || c.linkedTo || (c.score.nameMatch !== 'exact' && c.score.nameMatch !== 'variant')) continue;
      if (!linked.some((i) => i.source === source && evidence.has(i.id))) continue;
      bySource.set(source, [...(bySource.get(source) ?? []), c]);
    }
    for (const [source, suspects] of bySource) {
      for (const c of [...suspects].sort(compareScored).slice(0, SPLIT_SUSPECTS)) {
        let works: AuthorWorksSummary;
        try {
          works = await this.lookups.summarizeWorks(source, c.candidate.sourceAuthorId);
        } catch (e) {
          this.logger.debug(`split-profile check of ${source} ${c.candidate.sourceAuthorId} skipped: ${(e as Error).message}`);
          continue;
        }
        const matches = linked
          .filter((i) => i.source === source && evidence.has(i.id))
          .map((i) => matchSplitProfile(c.score.nameMatch, { years: works.years, coauthors: works.coauthors, topics: c.candidate.topics }, { identityId: i.id, sourceAuthorId: i.sourceAuthorId, evidence: evidence.get(i.id)! }))
          .filter((m): m is SplitProfileMatch => m !== null)
          .sort((a, b) => b.reasons.length - a.reasons.length);
        const best = matches[0];
        if (!best) continue;
        c.splitProfileOf = { identityId: best.identityId, sourceAuthorId: best.sourceAuthorId };
        c.score.reasons.push(...best.reasons);
        c.score.score = Math.min(100, Math.max(0, Math.round(c.score.reasons.reduce((n, r) => n + r.points * 100, 0)))) / 100;
      }
    }
  }

  private describe(source: ScholarlySource, e: unknown): string {
    if (e instanceof UnsupportedBySourceError) {
      const hint = scholarlySources().find((d) => d.name === source)?.identity.noSearchHint;
      return hint ? `${e.message}: ${hint}` : e.message;
    }
    if (e instanceof ScholarlySourceError) return e.message;
    this.logger.warn(`${source}: author search failed unexpectedly: ${(e as Error)?.stack ?? String(e)}`);
    return `${source}: unexpected error (${(e as Error)?.message ?? String(e)})`;
  }

  /**
   * Asks the source for the author (one request, through its queue: SourceLookups): its name, and whether it exists. A refusal (an
   * unknown id, a deleted OpenAlex author) is a 422; anything else (down, rate limited) is a warning.
   */
  private async check(field: string, source: ScholarlySource, sourceAuthorId: string): Promise<{ sourceAuthorId: string; name: string | null; warning: string | null }> {
    try {
      const snapshot = await this.lookups.getAuthor(source, sourceAuthorId);
      const verdict = scholarlySource(source).identity.checkLinked?.(snapshot, sourceAuthorId) ?? {};
      if (verdict.problem) throw new UnknownAtSourceError(field, source, sourceAuthorId, verdict.problem);
      const id = verdict.sourceAuthorId ?? sourceAuthorId;
      const warning = verdict.warning ?? null;
      const name = snapshot.name && snapshot.name !== sourceAuthorId ? snapshot.name : null;
      return { sourceAuthorId: id, name, warning };
    } catch (e) {
      if (e instanceof UnknownAtSourceError) throw e;
      if (e instanceof SourceRejectedError) throw new UnknownAtSourceError(field, source, sourceAuthorId, e.detail || e.message);
      const reason = e instanceof ScholarlySourceError ? e.message : `${source}: ${(e as Error)?.message ?? String(e)}`;
      if (!(e instanceof ScholarlySourceError)) this.logger.warn(`checking ${source} ${sourceAuthorId} failed unexpectedly: ${(e as Error)?.stack ?? String(e)}`);
      return { sourceAuthorId, name: null, warning: `Not checked at ${source} (${reason}); linked anyway, the next sync will tell whether the source knows it` };
    }
  }

  /** Links (or rejects) in one transaction that holds the author's key, so two people cannot take the same author at once. */
  private async write(
    userId: string,
    personId: string,
    source: ScholarlySource,
    sourceAuthorId: string,
    values: { status: 'linked' | 'rejected'; linkedBy: 'user' | 'auto'; name: string | null },
  ): Promise<{ identity: ScholarlyIdentity; changed: boolean }> {
    // Dossier never overrides the user: an auto-link finding a rejection (made meanwhile) stops.
    const keepRejection = values.linkedBy === 'auto';
    const result = await this.identities.transaction(async (em) => {
      await this.identities.lockAuthorKey(em, userId, source, sourceAuthorId);
      if (!(await this.people.exists(userId, personId, em))) throw new NotFoundError('person', personId);
      if (values.status === 'linked') {
        const elsewhere = await this.identities.linkedElsewhere(userId, personId, source, sourceAuthorId, em);
        if (elsewhere) throw new IdentityLinkedElsewhereError(source, sourceAuthorId, elsewhere);
      }
      const row = await this.identities.findForUpdate(em, personId, source, sourceAuthorId);
      if (row) {
        if (keepRejection && row.status === 'rejected') throw new RejectedMeanwhile(sourceAuthorId);
        if (row.status === values.status) {
          if (values.name && !row.name) await this.identities.update(em, row.id, { name: values.name });
          return { identity: await this.identities.getById(em, row.id), changed: false };
        }
        await this.identities.update(em, row.id, { status: values.status, linkedBy: values.linkedBy, name: values.name ?? row.name });
        return { identity: await this.identities.getById(em, row.id), changed: true };
      }
      return { identity: await this.identities.insert(em, { userId, personId, source, sourceAuthorId, name: values.name, status: values.status, linkedBy: values.linkedBy }), changed: true };
    });
    // A new identity is new evidence for the name-query matches (and a name query, new matches).
    if (result.changed) await this.attributions.evaluatePerson(userId, personId);
    return result;
  }

  /** An auto-link that lost a race (the user rejected it, or linked it elsewhere, meanwhile) is reported, not thrown. */
  private async tryAutoLink(userId: string, personId: string, source: ScholarlySource, sourceAuthorId: string, name: string | null): Promise<{ identity: ScholarlyIdentity | null; message: string }> {
    try {
      const { identity } = await this.write(userId, personId, source, sourceAuthorId, { status: 'linked', linkedBy: 'auto', name });
      return { identity, message: '' };
    } catch (e) {
      if (e instanceof IdentityLinkedElsewhereError || e instanceof RejectedMeanwhile) return { identity: null, message: e.message };
      throw e;
    }
  }
}

class RejectedMeanwhile extends Error {
  constructor(sourceAuthorId: string) {
    super(`${sourceAuthorId} was rejected for this person`);
  }
}
