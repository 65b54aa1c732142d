import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A local HTTP server that answers like a scholarly API from recorded responses, so clients are
 * tested over real HTTP (their fetch, headers, parsing) without the network. Faults can be
 * injected per request: status codes with Retry-After, connection resets, timeouts, truncated or
 * malformed bodies.
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
  | { kind: 'malformed' };

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
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
    const recorded = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers };
    this.requests.push(recorded);
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
