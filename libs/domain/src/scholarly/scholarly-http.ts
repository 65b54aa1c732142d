import { redactSecrets, type RequestPacer, type ScholarlyConfig } from '#platform';
import { parseSourceJson, withoutNul } from './normalize-values';
import type { ScholarlySource } from './scholarly.types';

/**
 * The one way Dossier calls a scholarly API: polite identification, a time limit, and failures
 * sorted into what the sync must do about them (wait, retry, give up on the identity, or fail loud).
 */

export type ScholarlyMethod = 'GET' | 'POST';

/** Base class: every failure names the source and the request (with secrets taken out). */
export abstract class ScholarlySourceError extends Error {
  constructor(
    readonly source: ScholarlySource,
    readonly request: string,
    message: string,
    readonly method: ScholarlyMethod = 'GET',
  ) {
    // Every path to a message passes here: whatever a subclass or a client quotes is redacted once more.
    super(redactSecrets(`${source}: ${message} (${method} ${request})`));
    this.name = new.target.name;
  }
}

/** 429: wait `retryAfterMs` (from Retry-After when given) before the next call. */
export class SourceRateLimitedError extends ScholarlySourceError {
  constructor(source: ScholarlySource, request: string, readonly retryAfterMs: number | null, method?: ScholarlyMethod) {
    super(source, request, `rate limited${retryAfterMs !== null ? `, retry after ${Math.ceil(retryAfterMs / 1000)} s` : ''}`, method);
  }
}

/** 5xx, a reset connection or a timeout: worth retrying with backoff. */
export class SourceUnavailableError extends ScholarlySourceError {
  constructor(source: ScholarlySource, request: string, readonly reason: string, readonly status: number | null = null, method?: ScholarlyMethod) {
    super(source, request, reason, method);
  }
}

/** Any other 4xx: retrying will not help (unknown id, bad query); the identity is marked broken. */
export class SourceRejectedError extends ScholarlySourceError {
  /** The start of the error body, for a client that reads its source's own error format. */
  body: string | null = null;

  constructor(source: ScholarlySource, request: string, readonly status: number, readonly detail: string, method?: ScholarlyMethod) {
    super(source, request, `HTTP ${status}${detail ? `: ${detail}` : ''}`, method);
  }
}

/** A 2xx whose body is not what the source documents (truncated, not JSON, missing fields). */
export class MalformedResponseError extends ScholarlySourceError {
  constructor(source: ScholarlySource, request: string, readonly reason: string, method?: ScholarlyMethod) {
    super(source, request, `malformed response: ${reason}`, method);
  }
}

export interface ScholarlyResponse {
  status: number;
  headers: Headers;
  body: string;
  /** The request as logged and shown in errors: path and query, secrets removed. */
  request: string;
  /** GET when absent. */
  method?: ScholarlyMethod;
}

export interface ScholarlyRequest {
  /** Query parameters; undefined and null values are left out. */
  query?: Record<string, string | number | undefined | null>;
  headers?: Record<string, string>;
  /** Query parameters and headers that are secrets (API keys): sent, never shown. */
  secretQuery?: Record<string, string>;
  accept?: string;
}

/** Query parameter names and headers whose values never reach a log or an error message. */
// The contact address is not a secret, but it is personal: it stays out of logs too.
const SECRET_PARAMS = new Set(['api_key', 'apikey', 'key', 'token', 'mailto']);
const SECRET_HEADERS = new Set(['x-api-key', 'authorization']);

/** A Retry-After longer than this is left to the queue (a sync waits in it; a lookup gives up). */
const MAX_HOLD_MS = 60_000;

export class ScholarlyHttp {
  constructor(
    private readonly config: Pick<ScholarlyConfig, 'contactEmail' | 'timeoutMs'>,
    private readonly fetchImpl: typeof fetch = fetch,
    /** Spaces every request to a source at the moment it is sent, over all processes; none: unpaced (unit tests, tools). */
    private readonly pacer: Pick<RequestPacer, 'beforeSend' | 'hold'> | null = null,
  ) {}

  /** User-Agent per the sources' etiquette: the application, and a contact address when configured. */
  get userAgent(): string {
    return `Dossier/0.1 (self-hosted research CRM${this.config.contactEmail ? `; mailto:${this.config.contactEmail}` : ''})`;
  }

  get contactEmail(): string | null {
    return this.config.contactEmail;
  }

  async get(source: ScholarlySource, baseUrl: string, path: string, options: ScholarlyRequest = {}): Promise<ScholarlyResponse> {
    return this.send('GET', source, baseUrl, path, options);
  }

  /** POST a JSON body (batch endpoints); failures are sorted exactly as for GET and name the request as POST. */
  async post(source: ScholarlySource, baseUrl: string, path: string, body: unknown, options: ScholarlyRequest = {}): Promise<ScholarlyResponse> {
    return this.send('POST', source, baseUrl, path, options, JSON.stringify(body));
  }

  private async send(method: ScholarlyMethod, source: ScholarlySource, baseUrl: string, path: string, options: ScholarlyRequest, payload?: string): Promise<ScholarlyResponse> {
    const url = new URL(baseUrl + path);
    for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    const shown = redactUrl(url);
    for (const [name, value] of Object.entries(options.secretQuery ?? {})) url.searchParams.set(name, value);
    // What the source says back can quote the request (URL, headers): its words are redacted, with the
    // values sent as secrets (keys, the contact address) taken out in whatever form they come back.
    const known = [this.config.contactEmail, ...Object.values(options.secretQuery ?? {}), ...Object.entries(options.headers ?? {}).filter(([name]) => SECRET_HEADERS.has(name.toLowerCase())).map(([, value]) => value)];
    const redact = (text: string): string => redactSecrets(text, known);
    if (this.pacer) {
      try {
        await this.pacer.beforeSend(source);
      } catch (e) {
        throw new SourceUnavailableError(source, shown, `request pacing unavailable (${(e as Error).message})`, null, method);
      }
    }
    let response: Response;
    let body: string;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers: { 'user-agent': this.userAgent, accept: options.accept ?? 'application/json', ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
        body: payload,
        redirect: 'follow',
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      body = withoutNul(await response.text());
    } catch (e) {
      throw new SourceUnavailableError(source, shown, redact(describeNetworkError(e)), null, method);
    }
    if (response.status === 429) {
      const wait = retryAfterMs(response.headers.get('retry-after'));
      await this.holdFor(source, wait);
      throw new SourceRateLimitedError(source, shown, wait, method);
    }
    if (response.status >= 500) {
      // A 503 with Retry-After asks for the same patience as a 429.
      const wait = retryAfterMs(response.headers.get('retry-after'));
      if (response.status === 503 && wait !== null) {
        await this.holdFor(source, wait);
        throw new SourceRateLimitedError(source, shown, wait, method);
      }
      throw new SourceUnavailableError(source, shown, `HTTP ${response.status}`, response.status, method);
    }
    if (response.status >= 400) throw Object.assign(new SourceRejectedError(source, shown, response.status, redact(errorDetail(body)), method), { body: redact(body.slice(0, 4000)) });
    return { status: response.status, headers: response.headers, body, request: shown, method };
  }

  /** A Retry-After holds every process's next request to the source (a lookup as much as a sync step). */
  private async holdFor(source: ScholarlySource, waitMs: number | null): Promise<void> {
    if (this.pacer && waitMs) await this.pacer.hold(source, Math.min(waitMs, MAX_HOLD_MS)).catch(() => undefined);
  }

  /** GET and parse JSON; a body that does not parse is a MalformedResponseError naming the request. */
  async getJson<T>(source: ScholarlySource, baseUrl: string, path: string, options: ScholarlyRequest = {}): Promise<{ data: T; response: ScholarlyResponse }> {
    return parseJson<T>(source, await this.get(source, baseUrl, path, options));
  }

  /** POST a JSON body and parse the JSON answer, as getJson does. */
  async postJson<T>(source: ScholarlySource, baseUrl: string, path: string, body: unknown, options: ScholarlyRequest = {}): Promise<{ data: T; response: ScholarlyResponse }> {
    return parseJson<T>(source, await this.post(source, baseUrl, path, body, options));
  }
}

function parseJson<T>(source: ScholarlySource, response: ScholarlyResponse): { data: T; response: ScholarlyResponse } {
  try {
    return { data: parseSourceJson(response.body) as T, response };
  } catch (e) {
    throw new MalformedResponseError(source, response.request, `not JSON (${(e as Error).message})`, response.method);
  }
}

/** Retry-After as seconds or an HTTP date, in milliseconds; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The path and query of a URL with secret parameters replaced, for logs and errors. */
export function redactUrl(url: URL): string {
  const copy = new URL(url);
  for (const name of [...copy.searchParams.keys()]) if (SECRET_PARAMS.has(name.toLowerCase())) copy.searchParams.set(name, '[secret]');
  return `${copy.pathname}${copy.search}`;
}

function describeNetworkError(e: unknown): string {
  const error = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timed out';
  const code = error.cause?.code;
  return code ? `connection failed (${code})` : `connection failed (${error.cause?.message ?? error.message ?? 'unknown'})`;
}

function errorDetail(body: string): string {
  const text = body.trim();
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const message = parsed.message ?? parsed.error ?? parsed['error-desc'] ?? parsed['developer-message'];
    if (typeof message === 'string') return message.slice(0, 300);
    // Crossref lists its problems: [{ type, value, message }].
    if (Array.isArray(message)) return message.map((m) => (typeof m === 'string' ? m : String((m as { message?: unknown }).message ?? JSON.stringify(m)))).join('; ').slice(0, 500);
  } catch {
    // Not JSON: an HTML error page or plain text.
  }
  return text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** A source asked for something it has no endpoint for (e.g. ORCID has no useful author search by affiliation). */
export class UnsupportedBySourceError extends Error {
  constructor(readonly source: ScholarlySource, readonly operation: string) {
    super(`${source} does not support ${operation}`);
    this.name = 'UnsupportedBySourceError';
  }
}
