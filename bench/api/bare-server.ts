// The baseline for `npm run bench:api`: the two benchmarked routes written by hand on node:http and
// pg, with no framework, no ORM and no validation library. It does the same work the API does for
// these routes, so that the ratio measures what Nest + Fastify + TypeORM + class-validator cost:
//
//   - bearer token: the same parse (`Bearer <token>`), SHA-256, and the same one select per request
//     as AccountsService.authenticate (access_tokens by token_hash joined to its user: revoked,
//     expired and disabled checked every time, no cache), with last_used_at written at most once a
//     minute, off the request's path;
//   - query validation: unknown parameters rejected, limit an integer 1..200 (default 50), offset an
//     integer >= 0, tag a single string, id a UUID, all checked before any query runs;
//   - the same SQL as PeopleService, its text imported from libs/domain/src/people/people.queries.ts
//     (it loads no framework): for the list one statement with the page and its total (`tags @> ARRAY[tag]`, not
//     deleted, name_folded ASC NULLS LAST then id; the total counted apart only for a page past the
//     end), for the person page one statement with the person, their asks and their referrals;
//   - the same bodies as PersonResponse / PeoplePage / PersonDetailResponse (with ReferralResponse,
//     whose path and allowed moves come from the domain's own referral-path.ts, plain functions), so
//     the bench can compare both servers' bodies for equality.
//
// What it does not do is what the API adds on top: request ids, the onSend hook, the guard, pipe and
// interceptor chain, class-validator, TypeORM's query runner, mapping rows to entities and entities to
// responses. Run: DATABASE_URL=… PORT=… node dist/bench/api/bare-server.js
import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { PERSON_COLUMNS, PERSON_DETAIL, PERSON_FROM } from '../../libs/domain/src/people/people.queries';
import { nextReferralStatuses, referralPath } from '../../libs/domain/src/referrals/referral-path';

const pool = new Pool({
  connectionString: required('DATABASE_URL'),
  // The same pool size as the API (data-source-options.ts: extra.max = 10).
  max: 10,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIST_PARAMS = new Set(['tag', 'limit', 'offset']);


class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { field: string; problem: string }[],
  ) {
    super(message);
  }
}

const server = createServer((req, res) => {
  handle(req, res).catch((e: unknown) => {
    if (e instanceof HttpError) return send(res, e.status, { statusCode: e.status, error: STATUS[e.status] ?? 'Error', code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) });
    process.stderr.write(`bare-server: ${(e as Error).stack ?? String(e)}\n`);
    send(res, 500, { statusCode: 500, error: 'Internal Server Error', code: 'internal', message: 'Internal server error' });
  });
});

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/health/ready') {
    await pool.query('SELECT 1');
    return send(res, 200, { status: 'ok' });
  }
  if (req.method !== 'GET' || !url.pathname.startsWith('/people')) throw new HttpError(404, 'route.not-found', `Cannot ${req.method} ${url.pathname}`);
  const userId = await authenticate(req.headers.authorization);
  if (url.pathname === '/people') return send(res, 200, await listPeople(userId, url.searchParams));
  const id = url.pathname.slice('/people/'.length);
  if (id.includes('/')) throw new HttpError(404, 'route.not-found', `Cannot GET ${url.pathname}`);
  if (!UUID.test(id)) throw new HttpError(400, 'request.invalid', 'Invalid id', [{ field: 'id', problem: 'must be a UUID' }]);
  return send(res, 200, await getPerson(userId, id));
}

/** AccountsService.authenticate, by hand: bearer token → SHA-256 → its access_tokens row and user, every request. */
async function authenticate(header: string | undefined): Promise<string> {
  const token = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
  if (!token) throw new HttpError(401, 'auth.unauthenticated', 'A valid bearer token is required');
  const hash = createHash('sha256').update(token).digest('hex');
  const now = Date.now();
  const { rows } = await pool.query<{ id: string; user_id: string; scopes: string[]; expires_at: Date | null; revoked_at: Date | null; last_used_at: Date | null; disabled_at: Date | null }>(
    `SELECT t.id, t.user_id, t.scopes, t.expires_at, t.revoked_at, t.last_used_at, u.disabled_at
       FROM access_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1`,
    [hash],
  );
  const record = rows[0];
  if (!record || record.revoked_at || (record.expires_at && record.expires_at.getTime() <= now)) {
    throw new HttpError(401, 'auth.unauthenticated', 'The bearer token is unknown, expired or revoked');
  }
  if (record.disabled_at) throw new HttpError(401, 'auth.unauthenticated', 'This account is disabled');
  if (!record.scopes.includes('read')) throw new HttpError(403, 'auth.insufficient-scope', 'This token lacks the "read" scope this request needs');
  if (!record.last_used_at || now - record.last_used_at.getTime() > 60_000) {
    void pool.query('UPDATE access_tokens SET last_used_at = now() WHERE id = $1', [record.id]).catch(() => undefined);
  }
  return record.user_id;
}

async function listPeople(userId: string, params: URLSearchParams): Promise<object> {
  const problems: { field: string; problem: string }[] = [];
  for (const key of new Set(params.keys())) if (!LIST_PARAMS.has(key)) problems.push({ field: key, problem: 'is not a known field' });
  const limit = intParam(params, 'limit', 1, 200, 50, problems);
  const offset = intParam(params, 'offset', 0, Number.MAX_SAFE_INTEGER, 0, problems);
  const tags = params.getAll('tag');
  if (tags.length > 1) problems.push({ field: 'tag', problem: 'must be a string' });
  if (problems.length > 0) throw new HttpError(400, 'request.invalid', `Invalid ${[...new Set(problems.map((p) => p.field))].join(', ')}`, problems);
  const tag = tags[0] || undefined;

  const where = `p.user_id = $1 AND p.deleted_at IS NULL${tag ? ' AND p.tags @> ARRAY[$2]::text[]' : ''}`;
  const args = tag ? [userId, tag] : [userId];
  const n = args.length;
  // One statement: the page, each row carrying the total; a page past the end counts apart, as in the API.
  const count = `SELECT count(*)::int AS total FROM ${PERSON_FROM} WHERE ${where}`;
  const page = await pool.query(
    `SELECT ${PERSON_COLUMNS}, (${count}) AS total FROM ${PERSON_FROM} WHERE ${where} ORDER BY p.name_folded ASC NULLS LAST, p.id ASC LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...args, limit, offset],
  );
  const total = page.rows.length > 0 ? page.rows[0].total : offset === 0 ? 0 : (await pool.query<{ total: number }>(count, args)).rows[0].total;
  return { items: page.rows.map(personResponse), total, limit, offset };
}

async function getPerson(userId: string, id: string): Promise<object> {
  const { rows } = await pool.query(PERSON_DETAIL, [id, userId]);
  if (rows.length === 0) throw new HttpError(404, 'person.not-found', `Person ${id} was not found`);
  const first = rows[0];
  return {
    ...personResponse(first),
    asks: { count: first.asks_count, lastAskedAt: first.asks_last_at?.toISOString() ?? null },
    referrals: rows.filter((r) => r.r_id !== null).map((r) => referralResponse(r, first)),
  };
}

/** PersonResponse.from, over a raw row. */
function personResponse(r: Record<string, any>): object {
  return {
    id: r.id,
    fullName: r.full_name,
    givenName: r.given_name,
    familyName: r.family_name,
    headline: r.headline,
    role: r.role,
    organization: r.org_id ? { id: r.org_id, name: r.org_name } : null,
    team: r.team_ref_id ? { id: r.team_ref_id, name: r.team_name } : null,
    emails: r.emails,
    phones: r.phones,
    links: r.links,
    tags: r.tags,
    howWeMet: r.how_we_met,
    relationshipStage: r.relationship_stage,
    notes: r.notes,
    nextFollowUpAt: r.next_follow_up_at,
    nextFollowUpReason: r.next_follow_up_reason,
    followUpCadenceDays: r.follow_up_cadence_days,
    lastInteractionAt: r.last_interaction_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    deletedAt: r.deleted_at?.toISOString() ?? null,
  };
}

/** ReferralResponse.from, over a raw row of PERSON_DETAIL (the referrer is the person). */
function referralResponse(r: Record<string, any>, person: Record<string, any>): object {
  return {
    id: r.r_id,
    application: {
      id: r.r_application_id,
      role: r.a_role,
      status: r.a_status,
      organization: { id: r.a_organization_id, name: r.a_organization_name },
      team: r.a_team_id ? { id: r.a_team_id, name: r.a_team_name } : null,
    },
    referrer: { id: person.id, fullName: person.full_name },
    recruiter: r.rec_id ? { id: r.rec_id, fullName: r.rec_full_name } : null,
    status: r.r_status,
    statusDates: r.r_status_dates,
    path: referralPath(r.r_status, r.r_status_dates),
    allowedNext: nextReferralStatuses(r.r_status),
    notes: r.r_notes,
    carriedFrom: r.r_carried_from ? carriedReferral(r.r_carried_from, r.r_created_at) : null,
    carriedTo: (r.r_carried_to ?? []).map((c: Record<string, any>) => carriedReferral(c, new Date(c.createdAt))),
    createdAt: r.r_created_at.toISOString(),
    updatedAt: r.r_updated_at.toISOString(),
  };
}

/** CarriedReferralDto.from, over the JSON PERSON_DETAIL gives for a referral on the other side of a reroute. */
function carriedReferral(c: Record<string, any>, carriedAt: Date): object {
  return {
    id: c.id,
    application: { id: c.applicationId, role: c.role, status: c.status, organization: { id: c.organizationId, name: c.organizationName }, team: c.teamId ? { id: c.teamId, name: c.teamName } : null },
    carriedAt: carriedAt.toISOString(),
  };
}

/** `@Type(() => Number) @IsInt() @Min @Max`, as PageQuery declares limit and offset. */
function intParam(params: URLSearchParams, name: string, min: number, max: number, fallback: number, problems: { field: string; problem: string }[]): number {
  const raw = params.getAll(name);
  if (raw.length === 0) return fallback;
  const value = raw.length === 1 ? Number(raw[0]) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push({ field: name, problem: `must be an integer from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}` });
    return fallback;
  }
  return value;
}

const STATUS: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 500: 'Internal Server Error' };

function send(res: ServerResponse, status: number, body: object): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`bare-server: ${name} is not set\n`);
    process.exit(2);
  }
  return value;
}

server.listen(Number(process.env.PORT ?? 3100), process.env.HOST ?? '127.0.0.1');
// The bench stops this process with SIGTERM: stop accepting, let requests in flight finish (ending
// the pool under them would fail them), then close the pool; give up after 3 s.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close(() => void pool.end().finally(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
