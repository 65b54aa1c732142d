import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EnvSchema } from './env.schema';

export interface AppConfig {
  env: EnvSchema['NODE_ENV'];
  http: {
    host: string;
    port: number;
    bodyLimitBytes: number;
    corsOrigins: string[];
    /** The base of every link handed out (no trailing slash): see `publicLink`. */
    publicUrl: string;
    /** Fastify's `trustProxy`: whether (and which) X-Forwarded-* headers are believed. */
    trustProxy: TrustProxy;
  };
  database: { url: string; runMigrations: boolean };
  queue: { backend: 'redis'; url: string; prefix: string } | { backend: 'postgres'; url: string; prefix: string };
  auth: { sessionTtlHours: number; registration: EnvSchema['REGISTRATION'] };
  imports: { inlineMaxRows: number };
  log: { level: EnvSchema['LOG_LEVEL']; format: EnvSchema['LOG_FORMAT'] };
  bullBoard: { enabled: boolean };
  /** The worker's own health endpoint (127.0.0.1 only), for container checks; null: none. */
  worker: { healthPort: number | null };
  scholarly: ScholarlyConfig;
  sync: SyncConfig;
  /** Pre-interview briefings: generated this many hours before each interview, looked for this often. */
  briefings: { hoursBefore: number; checkEveryMinutes: number; chromiumPath: string };
  /** Webhook deliveries: the networks allowed beside public addresses, and the retry pace. */
  webhooks: WebhooksConfig;
  /** Outgoing mail: null `smtpUrl` means none is sent. `from` is the sender of every mail. */
  mail: { smtpUrl: string | null; from: string; retryDelayMs: number };
  /** The server key: given (SECRET_KEY), or outside production kept in `keyFile` (see secret-key.ts). */
  secrets: { secretKey: string | null; keyFile: string };
  /** The API-wide limit per credential, or null when turned off (RATE_LIMIT=0/off). */
  rateLimit: { max: number; windowMs: number } | null;
}

export interface WebhooksConfig {
  /** CIDRs (`10.0.0.0/8`, `fd00::/8`) a webhook may be delivered to although they are not public. */
  allowedNetworks: string[];
  timeoutMs: number;
  attempts: number;
  backoffMs: number;
  disableAfterHours: number;
  /** Finished deliveries older than this leave the log. */
  logRetentionDays: number;
}

/** false: never; true: any hop; a number: that many hops; addresses/CIDRs: those proxies only. */
export type TrustProxy = boolean | number | string[];

/** The built-in scholarly sources whose settings the environment declares (each source's descriptor, in the domain, reads its own). */
export const SYNC_SOURCES = ['openalex', 'semanticscholar', 'arxiv', 'dblp', 'crossref', 'orcid'] as const;
export type SyncSource = (typeof SYNC_SOURCES)[number];

/** How fast one source may be called: `max` requests per `durationMs`, `concurrency` at once, over every worker. */
export interface SourceLimit {
  max: number;
  durationMs: number;
  concurrency: number;
}

/** Publication sync: the default schedule, the retry pace, and each source's published limits. */
export interface SyncConfig {
  defaultEveryHours: number;
  backoffMs: number;
  limits: Record<SyncSource, SourceLimit>;
}

/** How Dossier reaches the public scholarly APIs: where, as whom, with which keys. */
export interface ScholarlyConfig {
  contactEmail: string | null;
  timeoutMs: number;
  openalex: { baseUrl: string; apiKey: string | null };
  semanticScholar: { baseUrl: string; apiKey: string | null };
  arxiv: { baseUrl: string };
  dblp: { baseUrl: string };
  crossref: { baseUrl: string };
  orcid: { baseUrl: string };
  /**
   * The settings of sources that are not built in (a plug-in's descriptor reads and checks its own):
   * every SCHOLARLY_SOURCE_* variable, by its full name.
   */
  plugins?: Record<string, string>;
}

export class ConfigError extends Error {}

/** Validates the environment once; throws a ConfigError that names every wrong variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = parseEnv(env);
  if (!parsed.DATABASE_URL) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_URL is not set (use `npm start`, which runs an embedded PostgreSQL when it is unset)');
  }
  // A production server's key comes from its deployment's secrets, not from a file that a backup of
  // the data would carry beside the ciphertexts it protects.
  if (parsed.NODE_ENV === 'production' && !parsed.SECRET_KEY) {
    throw new ConfigError('Invalid configuration:\n  SECRET_KEY is not set: production needs a server key of at least 32 characters (e.g. `openssl rand -base64 48`); keep it with your backups');
  }
  return {
    env: parsed.NODE_ENV,
    http: {
      host: parsed.HOST,
      port: parsed.PORT,
      bodyLimitBytes: parsed.BODY_LIMIT_BYTES,
      corsOrigins: parsed.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
      publicUrl: trimSlash(parsed.PUBLIC_URL ?? `http://${linkHost(parsed.HOST)}:${parsed.PORT}`),
      trustProxy: parseTrustProxy(parsed.TRUST_PROXY),
    },
    database: { url: parsed.DATABASE_URL, runMigrations: parsed.RUN_MIGRATIONS },
    queue: parsed.REDIS_URL
      ? { backend: 'redis', url: parsed.REDIS_URL, prefix: parsed.QUEUE_PREFIX }
      : { backend: 'postgres', url: parsed.DATABASE_URL, prefix: parsed.QUEUE_PREFIX },
    auth: { sessionTtlHours: parsed.SESSION_TTL_HOURS, registration: parsed.REGISTRATION },
    imports: { inlineMaxRows: parsed.IMPORT_INLINE_MAX_ROWS },
    log: { level: parsed.LOG_LEVEL, format: parsed.LOG_FORMAT },
    bullBoard: { enabled: parsed.BULL_BOARD_ENABLED },
    worker: { healthPort: parsed.WORKER_HEALTH_PORT ?? null },
    scholarly: {
      contactEmail: parsed.SCHOLARLY_CONTACT_EMAIL || null,
      timeoutMs: parsed.SCHOLARLY_TIMEOUT_MS,
      openalex: { baseUrl: trimSlash(parsed.OPENALEX_BASE_URL), apiKey: parsed.OPENALEX_API_KEY || null },
      semanticScholar: { baseUrl: trimSlash(parsed.SEMANTIC_SCHOLAR_BASE_URL), apiKey: parsed.SEMANTIC_SCHOLAR_API_KEY || null },
      arxiv: { baseUrl: trimSlash(parsed.ARXIV_BASE_URL) },
      dblp: { baseUrl: trimSlash(parsed.DBLP_BASE_URL) },
      crossref: { baseUrl: trimSlash(parsed.CROSSREF_BASE_URL) },
      orcid: { baseUrl: trimSlash(parsed.ORCID_BASE_URL) },
      plugins: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[0].startsWith('SCHOLARLY_SOURCE_') && !!e[1])),
    },
    sync: syncConfig(parsed),
    briefings: { hoursBefore: parsed.BRIEFING_HOURS_BEFORE, checkEveryMinutes: parsed.BRIEFING_CHECK_EVERY_MINUTES, chromiumPath: parsed.CHROMIUM_PATH },
    webhooks: {
      allowedNetworks: parseNetworks('WEBHOOK_ALLOWED_NETWORKS', parsed.WEBHOOK_ALLOWED_NETWORKS),
      timeoutMs: parsed.WEBHOOK_TIMEOUT_MS,
      attempts: parsed.WEBHOOK_ATTEMPTS,
      backoffMs: parsed.WEBHOOK_BACKOFF_MS,
      disableAfterHours: parsed.WEBHOOK_DISABLE_AFTER_HOURS,
      logRetentionDays: parsed.WEBHOOK_LOG_RETENTION_DAYS,
    },
    mail: { smtpUrl: parsed.SMTP_URL || null, from: parsed.MAIL_FROM || `Dossier <dossier@${mailHost(parsed.PUBLIC_URL ?? `http://${linkHost(parsed.HOST)}`)}>`, retryDelayMs: parsed.MAIL_RETRY_DELAY_MS },
    secrets: { secretKey: parsed.SECRET_KEY ?? null, keyFile: join(resolve(parsed.DATA_DIR), 'secret.key') },
    rateLimit: rateLimitConfig(parsed.RATE_LIMIT),
  };
}

/**
 * Each source's limit, from its published terms (see ENV_DESCRIPTIONS). Two depend on identification:
 * Semantic Scholar allows 1 req/s with a key and a shared 100 per 5 minutes without; Crossref's
 * polite pool (a contact address) allows 3 list requests/s and 3 at once, its public pool 1 and 1.
 */
function syncConfig(parsed: EnvSchema): SyncConfig {
  const polite = !!parsed.SCHOLARLY_CONTACT_EMAIL;
  const limit = (rate: string, concurrency: number): SourceLimit => ({ ...parseRate(rate), concurrency });
  return {
    defaultEveryHours: parsed.SYNC_DEFAULT_EVERY_HOURS,
    backoffMs: parsed.SYNC_BACKOFF_MS,
    limits: {
      openalex: limit(parsed.OPENALEX_RATE_LIMIT, parsed.OPENALEX_CONCURRENCY),
      semanticscholar: limit(parsed.SEMANTIC_SCHOLAR_RATE_LIMIT ?? (parsed.SEMANTIC_SCHOLAR_API_KEY ? '1/1100ms' : '1/3150ms'), parsed.SEMANTIC_SCHOLAR_CONCURRENCY),
      arxiv: limit(parsed.ARXIV_RATE_LIMIT, parsed.ARXIV_CONCURRENCY),
      dblp: limit(parsed.DBLP_RATE_LIMIT, parsed.DBLP_CONCURRENCY),
      crossref: limit(parsed.CROSSREF_RATE_LIMIT ?? (polite ? '1/350ms' : '1/1050ms'), parsed.CROSSREF_CONCURRENCY ?? (polite ? 3 : 1)),
      orcid: limit(parsed.ORCID_RATE_LIMIT, parsed.ORCID_CONCURRENCY),
    },
  };
}

/** Each CIDR as ipaddr.js reads it, written back in its normal form; one it cannot read names the variable. */
function parseNetworks(variable: string, value: string): string[] {
  return value
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)
    .map((cidr) => {
      try {
        const [address, prefix] = ipaddr.parseCIDR(cidr);
        return `${address.toString()}/${prefix}`;
      } catch {
        throw new ConfigError(`Invalid configuration:\n  ${variable}=${JSON.stringify(value)}: ${cidr} is not a network (address/prefix)`);
      }
    });
}

function rateLimitConfig(value: string): AppConfig['rateLimit'] {
  if (/^(0|off)$/i.test(value)) return null;
  const { max, durationMs } = parseRate(value);
  return { max, windowMs: durationMs };
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `10/1s` → 10 requests per 1000 ms (the value has passed RATE_PATTERN). */
export function parseRate(rate: string): { max: number; durationMs: number } {
  const match = /^(\d+)\/(\d+)(ms|s|m|h)$/.exec(rate);
  if (!match) throw new ConfigError(`not a rate: ${rate}`);
  return { max: Number(match[1]), durationMs: Number(match[2]) * UNIT_MS[match[3]] };
}

/**
 * The validated variables with defaults filled in, DATABASE_URL still optional. The apps use
 * `loadConfig`; `npm start` uses this to check everything before it starts the embedded PostgreSQL.
 */
export function parseEnv(env: NodeJS.ProcessEnv = process.env): EnvSchema {
  const known = Object.keys(new EnvSchema());
  const raw: Record<string, string> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = plainToInstance(EnvSchema, raw, { exposeDefaultValues: true });
  const errors = validateSync(parsed, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(shown(e.property, raw[e.property]))}: ${problems(e.constraints ?? {})}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed;
}

/** A wrong value as an error shows it: an SMTP URL's password is left out. */
function shown(name: string, value: string): string {
  return name === 'SMTP_URL' ? value.replace(/^([a-z]+:\/\/[^:@/]*:)[^@/]*@/i, '$1***@') : value;
}

/** A value that is not a number at all breaks every numeric rule; saying so once is clearer. */
function problems(constraints: Record<string, string>): string {
  if (constraints.isInt) return constraints.isInt;
  return Object.values(constraints).reverse().join('; ');
}

/** A wildcard bind address is not somewhere a client can go: links name this machine instead. */
function linkHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return isIP(host) === 6 ? `[${host}]` : host;
}

/** TRUST_PROXY (already matched against its pattern) in the form Fastify's `trustProxy` takes. */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim().toLowerCase();
  if (text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((e) => e.trim());
  const wrong = entries.filter((entry) => {
    const [address, prefix] = entry.split('/');
    const family = isIP(address);
    return family === 0 || (prefix !== undefined && Number(prefix) > (family === 4 ? 32 : 128));
  });
  if (wrong.length > 0) throw new ConfigError(`Invalid configuration:\n  TRUST_PROXY=${JSON.stringify(value)}: not an address or CIDR: ${wrong.join(', ')}`);
  return entries;
}

/** The host of a link, for a default sender address (`localhost` stays as it is). */
function mailHost(url: string): string {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return isIP(host) ? 'localhost' : host;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
