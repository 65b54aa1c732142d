import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';

/** Base URLs: http(s), and local hosts allowed (tests and benchmarks use a replay server on 127.0.0.1). */
const HTTP_URL = { protocols: ['http', 'https'], require_tld: false, require_protocol: true };
/** A request rate as `<requests>/<window>`: `10/1s`, `1/3s`, `1/1100ms`, `100/5m`. */
export const RATE_PATTERN = /^[1-9]\d*\/[1-9]\d*(ms|s|m|h)$/;
/** scheme://host[:port][/path], nothing after the path (no query, fragment or credentials). */
const PUBLIC_URL_PATTERN = /^https?:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?(\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?$/;
/** false, true, a hop count, or IPv4/IPv6 addresses with an optional /prefix, comma-separated. */
const TRUST_PROXY_PATTERN = /^\s*(false|true|\d{1,3}|[0-9A-Fa-f:.]+(\/\d{1,3})?(\s*,\s*[0-9A-Fa-f:.]+(\/\d{1,3})?)*)\s*$/i;
/** Empty, or CIDRs (IPv4 or IPv6 address/prefix) comma-separated; loadConfig parses each with ipaddr.js. */
const CIDR_LIST_PATTERN = /^\s*([0-9A-Fa-f:.]+\/\d{1,3}(\s*,\s*[0-9A-Fa-f:.]+\/\d{1,3})*)?\s*$/;
const RATE_MESSAGE = { message: 'must be <requests>/<window>, e.g. 10/1s, 1/3s, 1/1100ms or 100/5m' };

/** Human description of each variable; the README's configuration table is written from these. */
export const ENV_DESCRIPTIONS: Record<keyof EnvSchema, string> = {
  NODE_ENV: 'production, development or test.',
  PORT: 'Port the API listens on.',
  HOST: 'Address the API binds to.',
  PUBLIC_URL: 'Where clients reach this API (http or https origin, optionally with a path prefix, e.g. https://dossier.example.org or https://example.org/dossier): the base of every link the server hands out (calendar feed URLs, invitations). Never taken from Host or X-Forwarded-* headers. Unset: http://HOST:PORT (localhost when HOST is 0.0.0.0 or ::).',
  TRUST_PROXY: 'Whether X-Forwarded-For/-Proto are believed for the client address (access log, sessions, throttling): false (default: the address of the connection), true (any proxy), a number of proxy hops, or comma-separated proxy addresses/CIDRs, e.g. 127.0.0.1,10.0.0.0/8.',
  DATABASE_URL: 'PostgreSQL connection string. Unset: `npm start` runs an embedded PostgreSQL in DATA_DIR.',
  DATA_DIR: 'Folder for the embedded PostgreSQL data (used only when DATABASE_URL is unset) and, in a terminal, npm start\'s log files (logs/api.log, logs/worker.log); outside production also the generated secret.key when SECRET_KEY is unset.',
  EMBEDDED_PG_PORT: 'Port of the embedded PostgreSQL.',
  WORKER_HEALTH_PORT: 'Port on 127.0.0.1 where the worker answers GET /health and /health/ready (for a container health check). Unset: the worker serves no HTTP.',
  REDIS_URL: 'Redis connection string for BullMQ. Unset: BullMQ runs on the PostgreSQL backend in DATABASE_URL.',
  QUEUE_PREFIX: 'Prefix (Redis) or schema (PostgreSQL) that namespaces every BullMQ queue.',
  RUN_MIGRATIONS: 'Run pending migrations when the API starts (the worker never does).',
  LOG_LEVEL: 'Lowest level logged: debug, log, warn or error. At log (the default) the API writes one access-log line per request.',
  LOG_FORMAT: 'json (one object per line) or pretty.',
  BODY_LIMIT_BYTES: 'Largest request body accepted; larger bodies get 413 (also when sent at once, without waiting for 100 Continue).',
  CORS_ORIGINS: 'Origins whose browser pages may call the API (a dashboard served elsewhere), comma-separated, e.g. https://dash.example.org,http://localhost:5173. Empty: none (same origin only).',
  SESSION_TTL_HOURS: 'Lifetime of a login session token.',
  REGISTRATION: 'Who may create an account once the first one (the admin) exists: invite (an admin sends a one-time link), open (anyone) or closed (nobody).',
  IMPORT_INLINE_MAX_ROWS: 'Imports with more rows than this run as a background job (202 + progress).',
  BULL_BOARD_ENABLED: 'Mount the queue dashboard at /queues, for admins only (a bearer token, or ?token= once in a browser).',
  SCHOLARLY_CONTACT_EMAIL: "Contact address sent to the scholarly APIs (User-Agent, Crossref's mailto): their etiquette asks for one.",
  SCHOLARLY_TIMEOUT_MS: 'Time limit of one request to a scholarly API.',
  OPENALEX_BASE_URL: 'OpenAlex API base URL (tests point it at a local replay server).',
  OPENALEX_API_KEY: 'OpenAlex API key (free; OpenAlex asks for one on every call). Never logged.',
  SEMANTIC_SCHOLAR_BASE_URL: 'Semantic Scholar Graph API base URL.',
  SEMANTIC_SCHOLAR_API_KEY: 'Semantic Scholar API key (optional; sent as x-api-key). Never logged.',
  ARXIV_BASE_URL: 'arXiv API base URL.',
  DBLP_BASE_URL: 'DBLP base URL.',
  CROSSREF_BASE_URL: 'Crossref REST API base URL.',
  ORCID_BASE_URL: 'ORCID public API base URL (v3.0).',
  SYNC_DEFAULT_EVERY_HOURS: 'How often a person with linked scholarly identities is synced on schedule, in hours (an account can set its own default, a person their own cadence).',
  BRIEFING_HOURS_BEFORE: 'A briefing is generated automatically this many hours before each interview.',
  CHROMIUM_PATH: "The Chromium that prints briefings as PDF (Debian's chromium). Without it, PDFs answer 503; Markdown and HTML work.",
  WEBHOOK_ALLOWED_NETWORKS: 'Networks webhooks may be delivered to although they are not public (loopback, private, link-local, …), as CIDRs, comma-separated, e.g. 10.0.0.0/8,127.0.0.1/32. Empty: public addresses only.',
  WEBHOOK_TIMEOUT_MS: 'How long one webhook delivery may take (connect, send, answer) before it counts as failed.',
  WEBHOOK_ATTEMPTS: 'Attempts of one webhook delivery before it fails for good.',
  WEBHOOK_BACKOFF_MS: 'First retry delay of a failed webhook delivery; it doubles on each retry.',
  WEBHOOK_DISABLE_AFTER_HOURS: 'An endpoint whose every delivery has failed for this long (and at least 5 in a row) is turned off, and its owner told.',
  WEBHOOK_LOG_RETENTION_DAYS: 'How long a finished webhook delivery stays in its endpoint\'s log (with its body) before it is deleted; deliveries still being tried stay.',
  BRIEFING_CHECK_EVERY_MINUTES: 'How often the worker looks for interviews coming up without a briefing, in minutes.',
  SYNC_BACKOFF_MS: 'First retry delay of a sync request that failed (5xx, reset, timeout, malformed body); it doubles on each retry, with jitter.',
  OPENALEX_RATE_LIMIT: 'OpenAlex requests per window over all workers (docs: 100 req/s ceiling, legacy polite pool 10 req/s).',
  OPENALEX_CONCURRENCY: 'OpenAlex requests in flight at once over all workers.',
  SEMANTIC_SCHOLAR_RATE_LIMIT: 'Semantic Scholar requests per window (docs: 1 req/s with a key, paced at 1.1 s; 100 per 5 min without). Unset: 1/1100ms with a key, 1/3150ms without.',
  SEMANTIC_SCHOLAR_CONCURRENCY: 'Semantic Scholar requests in flight at once.',
  ARXIV_RATE_LIMIT: 'arXiv requests per window (terms of use: one request every 3 s over all machines).',
  ARXIV_CONCURRENCY: 'arXiv requests in flight at once (terms of use: one connection at a time).',
  DBLP_RATE_LIMIT: 'DBLP requests per window (fair use: roughly one request every 1-2 s).',
  DBLP_CONCURRENCY: 'DBLP requests in flight at once.',
  CROSSREF_RATE_LIMIT: 'Crossref list requests per window (since Dec 2025: polite pool 3 req/s, public 1 req/s). Unset: 1/350ms with SCHOLARLY_CONTACT_EMAIL, 1/1050ms without.',
  CROSSREF_CONCURRENCY: 'Crossref requests in flight at once (polite pool 3, public 1). Unset: 3 with SCHOLARLY_CONTACT_EMAIL, 1 without.',
  ORCID_RATE_LIMIT: 'ORCID public API requests per window (12 req/s, burst 40).',
  ORCID_CONCURRENCY: 'ORCID requests in flight at once.',
  SECRET_KEY:
    'Server key (at least 32 characters, e.g. `openssl rand -base64 48`) that encrypts two-factor secrets at rest and keys the sign-in throttle. Required when NODE_ENV=production; otherwise, when unset, one is generated on first start into DATA_DIR/secret.key (mode 0600) and reused. Keep it with your backups: without it, two-factor sign-in falls back to recovery codes.',
  SMTP_URL: 'Where mail is sent: an SMTP server as smtp://user:pass@host:587 (STARTTLS when the server offers it) or smtps://user:pass@host:465 (TLS from the start); user and password percent-encoded. Unset: Dossier sends no mail at all, and the settings say so. Never logged.',
  MAIL_FROM: 'The sender of every mail, e.g. `Dossier <dossier@example.org>`. Unset: dossier@ the host of PUBLIC_URL.',
  MAIL_RETRY_DELAY_MS: 'First retry delay of a mail the SMTP server refused for now (4xx) or could not be reached for; it doubles on each of the 8 attempts (about 4 hours in all at the default). A 5xx refusal is final at once.',
  RATE_LIMIT: 'Requests per window each credential may make to the API, over all processes (`<requests>/<window>`: per token when authenticated, per client address otherwise; /health* is not limited). `0` or `off` turns it off.',
};

/**
 * Every environment variable Dossier reads, with its default and constraint.
 * Validated once at boot: a wrong value stops the process with a message naming the variable.
 */
export class EnvSchema {
  @IsIn(['production', 'development', 'test'])
  NODE_ENV: 'production' | 'development' | 'test' = 'development';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @IsOptional()
  @Matches(PUBLIC_URL_PATTERN, { message: 'must be an http(s) origin with an optional path prefix and no query, e.g. https://dossier.example.org or https://example.org/dossier' })
  PUBLIC_URL?: string;

  @Matches(TRUST_PROXY_PATTERN, { message: 'must be false, true, a number of proxy hops, or comma-separated proxy addresses/CIDRs (e.g. 127.0.0.1,10.0.0.0/8)' })
  TRUST_PROXY = 'false';

  @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR = './data';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_HEALTH_PORT?: number;

  @IsOptional()
  @ValidateIf((_, v) => v !== '')
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL?: string;

  @IsString()
  QUEUE_PREFIX = 'dossier';

  @Transform(({ value }) => toBoolean(value))
  @IsBoolean()
  RUN_MIGRATIONS = true;

  @IsIn(['debug', 'log', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'log' | 'warn' | 'error' = 'log';

  @IsIn(['json', 'pretty'])
  LOG_FORMAT: 'json' | 'pretty' = 'json';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 10 * 1024 * 1024;

  @IsString()
  @Matches(/^\s*$|^\s*https?:\/\/[^\s,/]+\s*(,\s*https?:\/\/[^\s,/]+\s*)*$/, { message: 'must be origins (scheme://host[:port], no path) separated by commas, e.g. https://dash.example.org,http://localhost:5173' })
  CORS_ORIGINS = '';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  SESSION_TTL_HOURS = 24 * 14;

  @IsIn(['invite', 'open', 'closed'])
  REGISTRATION: 'invite' | 'open' | 'closed' = 'invite';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  IMPORT_INLINE_MAX_ROWS = 500;

  @Transform(({ value }) => toBoolean(value))
  @IsBoolean()
  BULL_BOARD_ENABLED = true;

  @IsOptional()
  @ValidateIf((_, v) => v !== '')
  @IsEmail()
  SCHOLARLY_CONTACT_EMAIL?: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  SCHOLARLY_TIMEOUT_MS = 20_000;

  @IsUrl(HTTP_URL)
  OPENALEX_BASE_URL = 'https://api.openalex.org';

  @IsOptional()
  @IsString()
  OPENALEX_API_KEY?: string;

  @IsUrl(HTTP_URL)
  SEMANTIC_SCHOLAR_BASE_URL = 'https://api.semanticscholar.org';

  @IsOptional()
  @IsString()
  SEMANTIC_SCHOLAR_API_KEY?: string;

  @IsUrl(HTTP_URL)
  ARXIV_BASE_URL = 'https://export.arxiv.org';

  @IsUrl(HTTP_URL)
  DBLP_BASE_URL = 'https://dblp.org';

  @IsUrl(HTTP_URL)
  CROSSREF_BASE_URL = 'https://api.crossref.org';

  @IsUrl(HTTP_URL)
  ORCID_BASE_URL = 'https://pub.orcid.org';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  SYNC_DEFAULT_EVERY_HOURS = 24;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(10)
  SYNC_BACKOFF_MS = 5000;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(24 * 14)
  BRIEFING_HOURS_BEFORE = 24;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  BRIEFING_CHECK_EVERY_MINUTES = 15;

  @IsString()
  @IsNotEmpty()
  CHROMIUM_PATH = '/usr/bin/chromium';

  @Matches(CIDR_LIST_PATTERN, { message: 'must be CIDRs (IPv4 or IPv6 address/prefix), comma-separated, e.g. 10.0.0.0/8,127.0.0.1/32' })
  WEBHOOK_ALLOWED_NETWORKS = '';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(20)
  WEBHOOK_ATTEMPTS = 8;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(10)
  WEBHOOK_BACKOFF_MS = 60_000;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  WEBHOOK_DISABLE_AFTER_HOURS = 72;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  WEBHOOK_LOG_RETENTION_DAYS = 30;

  // The published limits (cited in ENV_DESCRIPTIONS; sources: ../shared/fixtures/scholarly/<source>/README.md),
  // paced evenly, one request per interval, with a margin of about 5%. BullMQ paces job starts, and a
  // request leaves a few ms after its job starts: at the exact published value a strict server saw
  // requests a few ms inside its window (`npm run bench:sync`, part d); with the margin it saw none.
  @Matches(RATE_PATTERN, RATE_MESSAGE)
  OPENALEX_RATE_LIMIT = '1/105ms';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  OPENALEX_CONCURRENCY = 4;

  @IsOptional()
  @Matches(RATE_PATTERN, RATE_MESSAGE)
  SEMANTIC_SCHOLAR_RATE_LIMIT?: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  SEMANTIC_SCHOLAR_CONCURRENCY = 1;

  @Matches(RATE_PATTERN, RATE_MESSAGE)
  ARXIV_RATE_LIMIT = '1/3150ms';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  ARXIV_CONCURRENCY = 1;

  @Matches(RATE_PATTERN, RATE_MESSAGE)
  DBLP_RATE_LIMIT = '1/2100ms';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  DBLP_CONCURRENCY = 1;

  @IsOptional()
  @Matches(RATE_PATTERN, RATE_MESSAGE)
  CROSSREF_RATE_LIMIT?: string;

  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  CROSSREF_CONCURRENCY?: number;

  @Matches(RATE_PATTERN, RATE_MESSAGE)
  ORCID_RATE_LIMIT = '1/88ms';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  ORCID_CONCURRENCY = 4;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (e.g. the output of `openssl rand -base64 48`)' })
  SECRET_KEY?: string;

  @IsOptional()
  @ValidateIf((_, v) => v !== '')
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true }, { message: 'must be smtp://[user:pass@]host[:port] or smtps://[user:pass@]host[:port]' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  @Matches(/^([^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, { message: 'must be an address, e.g. dossier@example.org or Dossier <dossier@example.org>' })
  MAIL_FROM?: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(10)
  MAIL_RETRY_DELAY_MS = 60_000;

  // A generous limit: a dashboard page makes a handful of requests, a script a few per second.
  @Matches(/^(0|[oO][fF][fF])$|^[1-9]\d*\/[1-9]\d*(ms|s|m|h)$/, { message: 'must be <requests>/<window>, e.g. 600/1m, or 0 or off' })
  RATE_LIMIT = '600/1m';
}


function toBoolean(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (/^(true|1|yes|on)$/i.test(value)) return true;
  if (/^(false|0|no|off)$/i.test(value)) return false;
  return value;
}
