import { connect } from 'node:net';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

/**
 * The HTTP edge as a client on the network meets it: the real server on a real port, clients that
 * do not wait for `100 Continue`, the access log as written, and which headers the server believes.
 */

const LIMIT = 64 * 1024;
/** Far more than the limit, and more than a socket's buffers hold: the server stops reading long before the client stops writing. */
const OVERSIZED = 8 * 1024 * 1024;

interface RawAnswer {
  /** Everything read before the connection ended. */
  text: string;
  /** How it ended: `end` (the server closed it gently) or the socket error (`ECONNRESET`, `EPIPE`). */
  ending: string;
}

/** Writes `head` and then `body` at once on a plain TCP socket, without waiting for any answer, and reads until the server closes. */
function rawRequest(port: number, head: string, body: Buffer | string): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let ending: string | undefined;
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (e: NodeJS.ErrnoException) => (ending ??= e.code ?? e.message));
    socket.on('end', () => (ending ??= 'end'));
    socket.on('close', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), ending: ending ?? 'close' }));
    socket.write(head);
    socket.write(body);
    socket.end();
  });
}

/** The status and JSON body of a complete HTTP/1.1 answer (content-length framed), or a failure naming what is missing. */
function parseAnswer(text: string): { status: number; headers: Record<string, string>; body: unknown } {
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) throw new Error(`no complete answer head in ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  const body = text.slice(split + 4);
  expect(Buffer.byteLength(body)).toBe(Number(headers['content-length']));
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body) };
}

const tooLarge = { statusCode: 413, error: 'Payload Too Large', code: 'request.too-large', message: 'Request body is too large', requestId: expect.any(String) };

/** Captures what the process writes to stdout (where the project's logger writes) while `run` runs. */
async function captureStdout(run: () => Promise<void>): Promise<string[]> {
  const written: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return written.join('').split('\n').filter(Boolean);
}

describe('the HTTP edge (JSON logs, no proxy trusted, the default PUBLIC_URL)', () => {
  let t: TestApp;
  let base: string;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp({ env: { BODY_LIMIT_BYTES: String(LIMIT), LOG_LEVEL: 'log', LOG_FORMAT: 'json' } });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as { port: number }).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => t.close());

  describe('413 to a client that sends an oversized body at once', () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await registerUser(t);
    });

    const head = (headers: string) => `POST /people HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${user.token}\r\nContent-Type: application/json\r\n${headers}\r\n`;

    it('a declared length past the limit, the whole body written without waiting: a complete 413 in the one error shape, then a clean close', async () => {
      const body = JSON.stringify({ fullName: 'x', notes: 'y'.repeat(OVERSIZED) });
      const answer = await rawRequest(port, head(`Content-Length: ${Buffer.byteLength(body)}\r\n`), body);
      expect(answer.ending).toBe('end');
      const parsed = parseAnswer(answer.text);
      expect(parsed.status).toBe(413);
      expect(parsed.headers['content-type']).toMatch(/^application\/json/);
      expect(parsed.body).toEqual({ ...tooLarge, requestId: parsed.headers['x-request-id'] });
    });

    it('a body that grows past the limit in chunks, with no length declared', async () => {
      const chunk = Buffer.alloc(8 * 1024, 'a');
      const chunks = Array.from({ length: OVERSIZED / chunk.length }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('') + '0\r\n\r\n';
      const answer = await rawRequest(port, head('Transfer-Encoding: chunked\r\n'), `${chunk.length.toString(16)}\r\n{"fullName":"${'z'.repeat(chunk.length - 14)}"\r\n${chunks}`);
      expect(answer.ending).toBe('end');
      expect(parseAnswer(answer.text)).toMatchObject({ status: 413, body: tooLarge });
    });

    it('a declared length past the limit with only part of the body sent: answered at once, not after the rest', async () => {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1');
        let text = '';
        socket.on('data', (d) => {
          text += d.toString('utf8');
          // The answer arrives though most of the declared body was never sent.
          if (text.includes('\r\n\r\n') && text.endsWith('}')) {
            socket.destroy();
            resolve(text);
          }
        });
        socket.on('error', reject);
        socket.write(head(`Content-Length: ${100 * LIMIT}\r\n`));
        socket.write('{"fullName": "');
      });
      expect(parseAnswer(answer)).toMatchObject({ status: 413, body: tooLarge });
    });

    it("Node's fetch gets the 413 and its body, not a reset connection", async () => {
      const res = await fetch(`${base}/people`, { method: 'POST', headers: { ...user.auth, 'content-type': 'application/json' }, body: JSON.stringify({ fullName: 'x', notes: 'y'.repeat(OVERSIZED) }) });
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual(tooLarge);
    });

    it('still answers the next requests normally', async () => {
      const res = await fetch(`${base}/people`, { method: 'POST', headers: { ...user.auth, 'content-type': 'application/json' }, body: JSON.stringify({ fullName: 'Within Limits' }) });
      expect(res.status).toBe(201);
    });
  });

  describe('the access log', () => {
    it('writes one JSON line per request: method, route pattern, status, duration, user, request id and address, and nothing else', async () => {
      const user = await registerUser(t);
      let personId = '';
      let feedUrl = '';
      let newToken = '';
      const requestIds: string[] = [];
      const lines = await captureStdout(async () => {
        const created = await fetch(`${base}/people`, { method: 'POST', headers: { ...user.auth, 'content-type': 'application/json' }, body: JSON.stringify({ fullName: 'Ada Lovelace', notes: 'met at NeurIPS' }) });
        personId = ((await created.json()) as { id: string }).id;
        requestIds.push(created.headers.get('x-request-id')!);
        const read = await fetch(`${base}/people/${personId}?fields=all`, { headers: user.auth });
        requestIds.push(read.headers.get('x-request-id')!);
        feedUrl = ((await (await fetch(`${base}/calendar/feed`, { method: 'POST', headers: user.auth })).json()) as { url: string }).url;
        expect((await fetch(`${base}${new URL(feedUrl).pathname}`)).status).toBe(200);
        newToken = ((await (await fetch(`${base}/tokens`, { method: 'POST', headers: { ...user.auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'ci' }) })).json()) as { token: string }).token;
        expect((await fetch(`${base}/people`, { headers: { authorization: `Bearer ${newToken}x` } })).status).toBe(401);
        expect((await fetch(`${base}/no-such-route/${newToken}?token=${newToken}`, { headers: user.auth })).status).toBe(404);
      });

      const entries = lines.map((line) => JSON.parse(line) as { level: string; context: string; message: Record<string, unknown> }).filter((e) => e.context === 'access');
      expect(entries).toHaveLength(7);
      for (const entry of entries) {
        expect(entry.level).toBe('log');
        expect(Object.keys(entry.message).sort()).toEqual(['durationMs', 'ip', 'method', 'requestId', 'route', 'status', 'userId']);
        expect(entry.message.durationMs).toEqual(expect.any(Number));
        expect(entry.message.ip).toBe('127.0.0.1');
      }
      const summary = entries.map((e) => [e.message.method, e.message.route, e.message.status, e.message.userId]);
      expect(summary).toEqual([
        ['POST', '/people', 201, user.id],
        ['GET', '/people/:id', 200, user.id],
        ['POST', '/calendar/feed', 201, user.id],
        ['GET', '/calendar/:file', 200, null],
        ['POST', '/tokens', 201, user.id],
        ['GET', '/people', 401, null],
        ['GET', null, 404, null],
      ]);
      expect(entries.slice(0, 2).map((e) => e.message.requestId)).toEqual(requestIds);

      // No secret, id in a URL, query or body reaches the log.
      const all = lines.join('\n');
      const feedSecret = /\/calendar\/([^/]+)\.ics$/.exec(feedUrl)![1];
      for (const secret of [user.token, newToken, feedSecret, 'fields=all', 'NeurIPS', 'Ada Lovelace', `/people/${personId}`]) expect(all).not.toContain(secret);
    });

    it('logs the connection address when no proxy is trusted, whatever X-Forwarded-For says', async () => {
      const lines = await captureStdout(async () => {
        await fetch(`${base}/health`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
      });
      expect(lines.map((l) => JSON.parse(l).message)).toEqual([expect.objectContaining({ route: '/health', ip: '127.0.0.1' })]);
    });
  });

  it('builds the feed URL on PUBLIC_URL: a forged Host or X-Forwarded-Host does not change it', async () => {
    const user = await registerUser(t);
    const forged = await t.http().post('/calendar/feed').set(user.auth).set({ host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }).expect(201);
    expect(forged.body.url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  });
});

describe('the HTTP edge behind a trusted proxy (pretty logs, PUBLIC_URL with a path)', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOG_LEVEL: 'log', LOG_FORMAT: 'pretty', TRUST_PROXY: '127.0.0.1', PUBLIC_URL: 'https://dossier.example.org/crm/' } });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(() => t.close());

  it('believes X-Forwarded-For from the trusted proxy, and writes the same entry after the pretty prefix', async () => {
    const lines = await captureStdout(async () => {
      await fetch(`${base}/health`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    });
    expect(lines).toHaveLength(1);
    // Colours are on in pretty format: take the JSON after the context.
    const json = lines[0].replace(/\x1b\[[0-9;]*m/g, '').replace(/^.*\[access\]\s*/, '');
    expect(JSON.parse(json)).toEqual({ method: 'GET', route: '/health', status: 200, durationMs: expect.any(Number), userId: null, requestId: expect.any(String), ip: '203.0.113.7' });
  });

  it('hands out feed URLs under PUBLIC_URL, path prefix included', async () => {
    const user = await registerUser(t);
    const { url } = (await t.http().post('/calendar/feed').set(user.auth).set({ host: 'evil.example', 'x-forwarded-host': 'evil.example' }).expect(201)).body as { url: string };
    expect(url).toMatch(/^https:\/\/dossier\.example\.org\/crm\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    // The proxy strips the prefix; the server answers on its own paths.
    expect((await fetch(`${base}${new URL(url).pathname.replace(/^\/crm/, '')}`)).status).toBe(200);
  });
});
