import { redactDeep } from '#platform';
import type { ScholarlyClients } from './scholarly-clients';
import {
  MalformedResponseError,
  ScholarlyMethod,
  ScholarlySourceError,
  SourceRateLimitedError,
  SourceRejectedError,
  SourceUnavailableError,
  UnsupportedBySourceError,
} from './scholarly-http';
import type { AuthorCandidate, AuthorSnapshot, ScholarlySource, WorksPage } from './scholarly.types';

/**
 * An interactive request to a source runs in the worker, in the source's queue (so its rate limit
 * counts it), and its answer travels back to the API as a job's return value: plain JSON. A
 * failure is an answer too, not a failed job (nothing retries a call someone is waiting for): the
 * error is written down here and rebuilt on the API side as the same class with the same message,
 * so the caller handles it exactly as if it had called the client itself.
 */

/** What an interactive lookup asks its source: an author search by name, one author by id, or a summary of an author's first page of works. */
export type SourceLookupRequest =
  | { kind: 'search'; name: string; affiliation: string | null; limit: number }
  | { kind: 'author'; sourceAuthorId: string }
  | { kind: 'works'; sourceAuthorId: string };

/** An author's first page of works, as little as a split-profile check needs: the years and the co-authors' names. */
export interface AuthorWorksSummary {
  works: number;
  years: number[];
  /** The other authors' names on those works, each once, as the source writes them. */
  coauthors: string[];
}

export type SourceLookupFailure =
  | { kind: 'rejected'; status: number; message: string; request: string; method: ScholarlyMethod; detail: string; body: string | null }
  | { kind: 'rate-limited'; status: 429; message: string; request: string; method: ScholarlyMethod; retryAfterMs: number | null }
  | { kind: 'unavailable'; status: number | null; message: string; request: string; method: ScholarlyMethod; reason: string }
  | { kind: 'malformed'; status: null; message: string; request: string; method: ScholarlyMethod; reason: string }
  | { kind: 'unsupported'; status: null; message: string; operation: string }
  | { kind: 'unexpected'; status: null; message: string };

export type SourceLookupAnswer<T> = { ok: true; value: T } | { ok: false; error: SourceLookupFailure };

export type SourceLookupValue<R extends SourceLookupRequest> = R extends { kind: 'search' } ? AuthorCandidate[] : R extends { kind: 'works' } ? AuthorWorksSummary : AuthorSnapshot;

/** Runs the request with the source's client (in the worker); never throws. */
export async function answerLookup(clients: ScholarlyClients, source: ScholarlySource, request: SourceLookupRequest): Promise<SourceLookupAnswer<AuthorCandidate[] | AuthorSnapshot | AuthorWorksSummary>> {
  try {
    const client = clients.get(source);
    if (request.kind === 'works') return { ok: true, value: summarizeWorks(request.sourceAuthorId, await client.listWorks(request.sourceAuthorId, null)) };
    const value = request.kind === 'search' ? await client.searchAuthors({ name: request.name, affiliation: request.affiliation, limit: request.limit }) : await client.getAuthor(request.sourceAuthorId);
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: describeLookupFailure(e) };
  }
}

/** The years and co-authors of a page of works (the author's own positions left out). */
export function summarizeWorks(sourceAuthorId: string, page: WorksPage): AuthorWorksSummary {
  const years = new Set<number>();
  const coauthors = new Set<string>();
  for (const work of page.works) {
    if (work.year !== null) years.add(work.year);
    for (const author of work.authors) if (author.sourceAuthorId !== sourceAuthorId && author.name) coauthors.add(author.name);
  }
  return { works: page.works.length, years: [...years].sort((a, b) => a - b), coauthors: [...coauthors] };
}

/** What the lookup job returns (kept in the queue, read by the API): outside text redacted. */
export function describeLookupFailure(e: unknown): SourceLookupFailure {
  return redactDeep(lookupFailure(e));
}

function lookupFailure(e: unknown): SourceLookupFailure {
  if (e instanceof SourceRejectedError) return { kind: 'rejected', status: e.status, message: e.message, request: e.request, method: e.method, detail: e.detail, body: e.body };
  if (e instanceof SourceRateLimitedError) return { kind: 'rate-limited', status: 429, message: e.message, request: e.request, method: e.method, retryAfterMs: e.retryAfterMs };
  if (e instanceof SourceUnavailableError) return { kind: 'unavailable', status: e.status, message: e.message, request: e.request, method: e.method, reason: e.reason };
  if (e instanceof MalformedResponseError) return { kind: 'malformed', status: null, message: e.message, request: e.request, method: e.method, reason: e.reason };
  if (e instanceof UnsupportedBySourceError) return { kind: 'unsupported', status: null, message: e.message, operation: e.operation };
  return { kind: 'unexpected', status: null, message: (e as Error)?.message ?? String(e) };
}

/** The error the client threw in the worker, as the same class with the same message (on the API side). */
export function rebuildLookupFailure(source: ScholarlySource, failure: SourceLookupFailure): Error {
  const error = ((): Error => {
    switch (failure.kind) {
      case 'rejected':
        return Object.assign(new SourceRejectedError(source, failure.request, failure.status, failure.detail, failure.method), { body: failure.body });
      case 'rate-limited':
        return new SourceRateLimitedError(source, failure.request, failure.retryAfterMs, failure.method);
      case 'unavailable':
        return new SourceUnavailableError(source, failure.request, failure.reason, failure.status, failure.method);
      case 'malformed':
        return new MalformedResponseError(source, failure.request, failure.reason, failure.method);
      case 'unsupported':
        return new UnsupportedBySourceError(source, failure.operation);
      case 'unexpected':
        return new Error(failure.message);
    }
  })();
  // Some subclasses word their message themselves (a request never sent); keep the worker's words.
  error.message = failure.message;
  return error;
}

/** No answer in time: the source's queue is busy (its rate limit, or no worker running). Reported like any source failure. */
export class SourceBusyError extends ScholarlySourceError {
  constructor(source: ScholarlySource, what: string, waitedMs: number) {
    super(source, what, 'busy');
    this.message = `${source}: busy, no answer within ${Math.round(waitedMs / 1000)} s under its rate limit (${what}); try again shortly`;
  }
}
