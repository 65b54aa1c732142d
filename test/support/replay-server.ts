import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A local HTTP server that answers like a scholarly API from recorded responses, so clients are
 * tested over real HTTP (their fetch, headers, parsing) without the network. Faults can be
 * injected per request: status codes with Retry-After, connection resets, timeouts, truncated or
 * malformed bodies. Opt-in, it can also enforce a source's rate limit (`limit`), answering 429
 * with Retry-After past it, as the real APIs do.
 */
export interface ReplayRoute {
  path: string;
  /** Query parameters the request must carry with these values (others are allowed). */
  query?: Record<string, string>;
  status?: number;
  headers?: Record<string, string>;
  /** The body, or a file to read it from (read at request time, so big recordings cost nothing until used). */
  body?: string;
  file?: string;
}

export type ReplayFault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'reset' }
  | { kind: 'timeout'; ms?: number }
  | { kind: 'truncate' }
  | { kind: 'malformed' }
  /** An error answer that quotes the request back, as some APIs do: the full URL (query included) and every header. */
  | { kind: 'echo'; status: number };

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** When it arrived (ms since the epoch). */
  at: number;
}

/**
 * A rate limit on the requests whose path starts with `pathPrefix` (and that carry `query`, if
 * given): past it the server answers 429 with a Retry-After and counts the refusal. A refused
 * request does not use up the limit.
 */
export interface ReplayLimit {
  pathPrefix: string;
  query?: Record<string, string>;
  /** At most `max` requests admitted per `windowMs`. */
  max: number;
  windowMs: number;
  /**
   * How the window is counted: `sliding` (the default, the strictest) refuses a request when `max`
   * were admitted in the `windowMs` before it; `fixed` counts in consecutive windows of `windowMs`
   * from the epoch; `bucket` is a token bucket of `burst` requests refilled at `max` per `windowMs`
   * (ORCID's "12 req/s, burst 40").
   */
  window?: 'sliding' | 'fixed' | 'bucket';
  burst?: number;
  /** At most this many admitted requests being answered at once. */
  maxInFlight?: number;
  /** Each admitted request is answered after this long, so requests overlap as on a real server. */
  latencyMs?: number;
}

export interface ReplayLimitStats {
  pathPrefix: string;
  admitted: number;
  /** 429s sent. */
  refused: number;
  /** For each 429, how long the request would have had to wait to be admitted (ms): how early it came. */
  refusedEarlyMs: number[];
  /** The most admitted requests being answered at once. */
  peakInFlight: number;
  /** When the first and the last request arrived (ms since the epoch), null before any. */
  firstAt: number | null;
  lastAt: number | null;
}

interface PendingFault {
  match: { path: string; query?: Record<string, string> };
  fault: ReplayFault;
  remaining: number;
}

/** Parameters that identify the caller rather than the resource: never part of a match. */
const IDENTITY_PARAMS = new Set(['api_key', 'mailto']);

export class ReplayServer {
  readonly requests: RecordedRequest[] = [];
  readonly unmatched: string[] = [];
  private readonly routes: ReplayRoute[] = [];
  private readonly faults: PendingFault[] = [];
  private readonly limiters: RequestLimiter[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<ReplayServer> {
    let replay!: ReplayServer;
    const server = createServer((req, res) => replay.handle(req, res));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    replay = new ReplayServer(server, `http://127.0.0.1:${port}`);
    server.on('connection', (socket) => {
      replay.sockets.add(socket);
      socket.on('close', () => replay.sockets.delete(socket));
    });
    return replay;
  }

  route(route: ReplayRoute): this {
    this.routes.push(route);
    return this;
  }

  /** The next `times` requests matching `match` get `fault` instead of their recording. */
  fault(match: { path: string; query?: Record<string, string> }, fault: ReplayFault, times = 1): this {
    this.faults.push({ match, fault, remaining: times });
    return this;
  }

  /** From now on, requests matching `limit` are held to it (see ReplayLimit). */
  limit(limit: ReplayLimit): this {
    this.limiters.push(new RequestLimiter(limit));
    return this;
  }

  /** Per limit, in the order they were added: requests admitted, 429s sent, peak in flight. */
  limitStats(): ReplayLimitStats[] {
    return this.limiters.map((l) => l.stats());
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  clearRequests(): void {
    this.requests.length = 0;
    this.unmatched.length = 0;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server.close();
    await once(this.server, 'close').catch(() => undefined);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    const recorded = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, at: Date.now() };
    this.requests.push(recorded);
    const limiter = this.limiters.find((l) => l.applies(recorded));
    if (limiter) {
      const retryAfterMs = limiter.admit(recorded.at);
      if (retryAfterMs !== null) {
        const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(seconds) }).end(JSON.stringify({ error: 'Too Many Requests', retryAfterSeconds: seconds }));
        return;
      }
      res.on('close', () => limiter.done());
      if (limiter.latencyMs > 0) {
        setTimeout(() => this.answer(recorded, req, res, url), limiter.latencyMs);
        return;
      }
    }
    this.answer(recorded, req, res, url);
  }

  private answer(recorded: RecordedRequest, req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (res.destroyed) return;
    const pending = this.faults.find((f) => f.remaining > 0 && matches(f.match, recorded));
    if (pending) {
      pending.remaining -= 1;
      return this.inject(pending.fault, req, res, this.find(recorded));
    }
    const route = this.find(recorded);
    if (!route) {
      this.unmatched.push(`${recorded.method} ${url.pathname}${url.search}`);
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `no recording for ${url.pathname}${url.search}` }));
      return;
    }
    res.writeHead(route.status ?? 200, { 'content-type': contentType(route), ...route.headers }).end(bodyOf(route));
  }

  private find(request: RecordedRequest): ReplayRoute | undefined {
    return this.routes.find((route) => matches(route, request));
  }

  private inject(fault: ReplayFault, req: IncomingMessage, res: ServerResponse, route: ReplayRoute | undefined): void {
    switch (fault.kind) {
      case 'status':
        res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers }).end(fault.body ?? JSON.stringify({ error: `injected ${fault.status}` }));
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'timeout':
        // Hold the request open; the client's time limit must end it.
        setTimeout(() => req.socket.destroy(), fault.ms ?? 60_000).unref();
        return;
      case 'truncate': {
        const body = route ? bodyOf(route) : '{"results": [';
        // Declares the full length, sends half, then drops the connection.
        res.writeHead(200, { 'content-type': route ? contentType(route) : 'application/json', 'content-length': String(Buffer.byteLength(body)) });
        res.write(body.slice(0, Math.floor(body.length / 2)));
        setTimeout(() => req.socket.destroy(), 10).unref();
        return;
      }
      case 'echo': {
        const url = `${this.url}${req.url ?? ''}`;
        res.writeHead(fault.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Bad Request', message: `Invalid request: ${req.method} ${url} sent with ${JSON.stringify(req.headers)}`, request: { url, headers: req.headers } }));
        return;
      }
      case 'malformed':
        res.writeHead(200, { 'content-type': route ? contentType(route) : 'application/json' }).end('<html><body>Service temporarily rewritten</body>');
        return;
    }
  }
}

function matches(route: { path: string; query?: Record<string, string> }, request: RecordedRequest): boolean {
  if (route.path !== request.path) return false;
  return Object.entries(route.query ?? {}).every(([name, value]) => !IDENTITY_PARAMS.has(name) && request.query.get(name) === value);
}

function bodyOf(route: ReplayRoute): string {
  return route.file ? readFileSync(route.file, 'utf8') : (route.body ?? '');
}

function contentType(route: ReplayRoute): string {
  const name = route.file ?? '';
  if (route.headers?.['content-type']) return route.headers['content-type'];
  if (name.endsWith('.xml') || name.endsWith('.atom')) return name.includes('atom') ? 'application/atom+xml; charset=utf-8' : 'application/xml; charset=utf-8';
  if (name.endsWith('.txt')) return 'text/plain; charset=utf-8';
  return 'application/json; charset=utf-8';
}

/** One ReplayLimit's state: what it has admitted, in its window, and what is in flight. */
class RequestLimiter {
  readonly latencyMs: number;
  private readonly admittedAt: number[] = [];
  private windowStart = -1;
  private windowCount = 0;
  private tokens: number;
  private refilledAt = 0;
  private inFlight = 0;
  private readonly counts = { admitted: 0, refused: 0, refusedEarlyMs: [] as number[], peakInFlight: 0, firstAt: null as number | null, lastAt: null as number | null };

  constructor(private readonly limit: ReplayLimit) {
    if (!(limit.max >= 1 && limit.windowMs > 0)) throw new Error(`a replay limit needs max ≥ 1 and windowMs > 0, got ${limit.max}/${limit.windowMs}ms`);
    this.latencyMs = limit.latencyMs ?? 0;
    this.tokens = limit.burst ?? limit.max;
  }

  applies(request: RecordedRequest): boolean {
    if (!request.path.startsWith(this.limit.pathPrefix)) return false;
    return Object.entries(this.limit.query ?? {}).every(([name, value]) => request.query.get(name) === value);
  }

  /** Admits the request (null) or says how long until it would be (ms). */
  admit(now: number): number | null {
    this.counts.firstAt ??= now;
    this.counts.lastAt = now;
    const wait = this.inFlight >= (this.limit.maxInFlight ?? Infinity) ? Math.max(this.latencyMs, 1) : this.windowWait(now);
    if (wait !== null) {
      this.counts.refused += 1;
      this.counts.refusedEarlyMs.push(wait);
      return wait;
    }
    this.take(now);
    this.counts.admitted += 1;
    this.inFlight += 1;
    this.counts.peakInFlight = Math.max(this.counts.peakInFlight, this.inFlight);
    return null;
  }

  done(): void {
    this.inFlight -= 1;
  }

  stats(): ReplayLimitStats {
    return { pathPrefix: this.limit.pathPrefix, ...this.counts, refusedEarlyMs: [...this.counts.refusedEarlyMs] };
  }

  private windowWait(now: number): number | null {
    const { max, windowMs } = this.limit;
    switch (this.limit.window ?? 'sliding') {
      case 'sliding':
        while (this.admittedAt.length > 0 && this.admittedAt[0] + windowMs <= now) this.admittedAt.shift();
        return this.admittedAt.length < max ? null : this.admittedAt[0] + windowMs - now;
      case 'fixed': {
        const start = Math.floor(now / windowMs) * windowMs;
        if (start !== this.windowStart) [this.windowStart, this.windowCount] = [start, 0];
        return this.windowCount < max ? null : start + windowMs - now;
      }
      case 'bucket':
        this.refill(now);
        return this.tokens >= 1 ? null : ((1 - this.tokens) * windowMs) / max;
    }
  }

  private take(now: number): void {
    switch (this.limit.window ?? 'sliding') {
      case 'sliding':
        this.admittedAt.push(now);
        return;
      case 'fixed':
        this.windowCount += 1;
        return;
      case 'bucket':
        this.refill(now);
        this.tokens -= 1;
        return;
    }
  }

  private refill(now: number): void {
    const { max, windowMs, burst } = this.limit;
    this.tokens = Math.min(burst ?? max, this.tokens + ((now - this.refilledAt) * max) / windowMs);
    this.refilledAt = now;
  }
}
