import { ReplayServer } from '../../../../test/support/replay-server';
import { MalformedResponseError, retryAfterMs, ScholarlyHttp, SourceRateLimitedError, SourceRejectedError, SourceUnavailableError } from './scholarly-http';

describe('ScholarlyHttp over a replay server', () => {
  let replay: ReplayServer;
  const http = new ScholarlyHttp({ contactEmail: 'me@example.org', timeoutMs: 300 });
  const works = { path: '/works', query: { filter: 'author.id:A1' } };
  beforeAll(async () => {
    replay = await ReplayServer.start();
    replay.route({ ...works, body: JSON.stringify({ meta: { count: 1 }, results: [{ id: 'W1' }] }) });
  });
  afterAll(() => replay.close());
  afterEach(() => replay.clearFaults());

  const call = () => http.getJson('openalex', replay.url, '/works', { query: { filter: 'author.id:A1' }, secretQuery: { api_key: 'SECRET-KEY' } });

  it('identifies itself with a contact address and sends the key without ever showing it', async () => {
    const { data, response } = await call();
    expect(data).toEqual({ meta: { count: 1 }, results: [{ id: 'W1' }] });
    const sent = replay.requests.at(-1)!;
    expect(sent.headers['user-agent']).toBe('Dossier/0.1 (self-hosted research CRM; mailto:me@example.org)');
    expect(sent.query.get('api_key')).toBe('SECRET-KEY');
    expect(response.request).toBe('/works?filter=author.id%3AA1');
  });

  it('answers only text PostgreSQL can store: NUL dropped and a lone surrogate replaced, whether escaped or raw; pairs kept', async () => {
    // As JSON text: an escaped NUL, an escaped lone high and low surrogate, an escaped pair (an emoji), a raw NUL, and an escaped backslash before "u0000".
    const body = '{"results":[{"title":"Nul\\u0000 here","abstract":"lone \\ud800 high, lone \\udc00 low, pair \\ud83d\\ude00","venue":"raw\u0000nul","note":"a \\\\u0000 stays"}]}';
    replay.fault(works, { kind: 'status', status: 200, body });
    const { data } = await call();
    expect(data).toEqual({ results: [{ title: 'Nul here', abstract: 'lone \ufffd high, lone \ufffd low, pair \u{1f600}', venue: 'rawnul', note: 'a \\u0000 stays' }] });
  });

  it('sorts failures into what the sync does about them, naming the source and request but not the key', async () => {
    const cases: [Parameters<ReplayServer['fault']>[1], (e: unknown) => void][] = [
      [{ kind: 'status', status: 429, headers: { 'retry-after': '7' } }, (e) => expect(e).toMatchObject({ constructor: SourceRateLimitedError, retryAfterMs: 7000 })],
      [{ kind: 'status', status: 503, headers: { 'retry-after': '30' } }, (e) => expect(e).toMatchObject({ constructor: SourceRateLimitedError, retryAfterMs: 30000 })],
      [{ kind: 'status', status: 500 }, (e) => expect(e).toMatchObject({ constructor: SourceUnavailableError, status: 500 })],
      [{ kind: 'status', status: 404, body: '<html><h1>404 Not Found</h1></html>' }, (e) => expect(e).toMatchObject({ constructor: SourceRejectedError, status: 404, detail: '404 Not Found' })],
      [{ kind: 'reset' }, (e) => expect(e).toBeInstanceOf(SourceUnavailableError)],
      [{ kind: 'timeout', ms: 2000 }, (e) => expect(e).toMatchObject({ constructor: SourceUnavailableError, reason: 'timed out' })],
      [{ kind: 'truncate' }, (e) => expect(e).toBeInstanceOf(SourceUnavailableError)],
      [{ kind: 'malformed' }, (e) => expect(e).toBeInstanceOf(MalformedResponseError)],
    ];
    for (const [fault, check] of cases) {
      replay.fault(works, fault);
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      check(error);
      expect((error as Error).message).toMatch(/^openalex: .*\(GET \/works\?filter=author\.id%3AA1\)$/);
      expect((error as Error).message).not.toContain('SECRET');
    }
  });

  it('POSTs a JSON body (batch endpoints) with the same identification and failure sorting, naming the request as POST', async () => {
    const batch = { path: '/graph/v1/author/batch', query: { fields: 'name' } };
    replay.route({ ...batch, body: JSON.stringify([null, { authorId: '1', name: 'Zoë Ångström' }]) });
    const sentBodies: string[] = [];
    const recording: typeof fetch = (input, init) => {
      sentBodies.push(String(init?.body));
      return fetch(input, init);
    };
    const posting = new ScholarlyHttp({ contactEmail: 'me@example.org', timeoutMs: 300 }, recording);
    const post = () => posting.postJson('semanticscholar', replay.url, '/graph/v1/author/batch', { ids: ['0', '1'] }, { query: { fields: 'name' }, headers: { 'x-api-key': 'SECRET-KEY' } });

    const { data, response } = await post();
    expect(data).toEqual([null, { authorId: '1', name: 'Zoë Ångström' }]);
    expect(response).toMatchObject({ method: 'POST', request: '/graph/v1/author/batch?fields=name' });
    const sent = replay.requests.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: '/graph/v1/author/batch' });
    expect(sent.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': http.userAgent, 'x-api-key': 'SECRET-KEY' });
    expect(JSON.parse(sentBodies.at(-1)!)).toEqual({ ids: ['0', '1'] });

    const cases: [Parameters<ReplayServer['fault']>[1], (e: unknown) => void][] = [
      [{ kind: 'status', status: 429, headers: { 'retry-after': '3' } }, (e) => expect(e).toMatchObject({ constructor: SourceRateLimitedError, retryAfterMs: 3000, method: 'POST' })],
      [{ kind: 'status', status: 500, body: '{"message":"Internal Server Error"}' }, (e) => expect(e).toMatchObject({ constructor: SourceUnavailableError, status: 500, method: 'POST' })],
      [{ kind: 'status', status: 403, body: '{"message":"Forbidden"}' }, (e) => expect(e).toMatchObject({ constructor: SourceRejectedError, status: 403, detail: 'Forbidden', method: 'POST' })],
      [{ kind: 'reset' }, (e) => expect(e).toMatchObject({ constructor: SourceUnavailableError, method: 'POST' })],
      [{ kind: 'malformed' }, (e) => expect(e).toMatchObject({ constructor: MalformedResponseError, method: 'POST' })],
    ];
    for (const [fault, check] of cases) {
      replay.fault(batch, fault);
      const error = await post().then(
        () => undefined,
        (e: unknown) => e,
      );
      check(error);
      expect((error as Error).message).toMatch(/^semanticscholar: .*\(POST \/graph\/v1\/author\/batch\?fields=name\)$/);
      expect((error as Error).message).not.toContain('SECRET');
    }
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('Wed, 21 Oct 2026 07:27:00 GMT'))).toBe(60_000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });
});
