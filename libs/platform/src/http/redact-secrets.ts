/**
 * The one redaction for text that leaves a process or is kept: log lines, error answers, a sync
 * run's stored error, a job's failedReason and return value. Outside services echo what they were
 * sent (a scholarly source's 4xx often quotes the whole request URL and its headers), so whatever
 * they say passes through here before anyone can read it.
 *
 * Taken out: API keys, tokens and passwords in query strings, form bodies, JSON and header dumps
 * (`api_key=…`, `"x-api-key": "…"`, `Authorization: Bearer …`); Dossier's own tokens (`dsr_…`);
 * the calendar feed's secret path; contact addresses (`mailto=`/`email=` values, `mailto:` links,
 * any address inside a URL's query); and any value the caller knows is secret (the configured keys,
 * SCHOLARLY_CONTACT_EMAIL), in whatever form it appears. Everything else is kept, so a message
 * still says what went wrong.
 */

export const SECRET = '[secret]';
export const CONTACT = '[contact]';

/** Names whose value is a credential, wherever they appear (query, form, JSON, header dump). */
const SECRET_NAMES = ['api[_-]?key', 'apikey', 'key', 'access[_-]?token', 'refresh[_-]?token', 'id[_-]?token', 'token', 'secret', 'client[_-]?secret', 'password', 'passwd', 'signature', 'sig', 'x-api-key', 'x-auth-token', 'authorization', 'proxy-authorization', 'cookie', 'set-cookie'];
/** Names whose value is a person's address: not a secret, but personal. */
const CONTACT_NAMES = ['mailto', 'email', 'e-mail', 'contact'];

const names = (list: string[]): string => `(?:${list.join('|')})`;
/** `name=value` in a query string or form body. */
// A value already redacted (`[secret]`, or `%5Bsecret%5D` in a URL) is left as it is.
const QUERY_SECRET = new RegExp(`([?&;\\s"'(]|^)(${names(SECRET_NAMES)})=(?!\\[|%5B)([^&#\\s"'<>)]*)`, 'gi');
const QUERY_CONTACT = new RegExp(`([?&;\\s"'(]|^)(${names(CONTACT_NAMES)})=(?!\\[|%5B)([^&#\\s"'<>)]*)`, 'gi');
/** `"name": "value"` (JSON) or `name: value` / `name = value` up to the end of the line or a separator. */
const JSON_SECRET = new RegExp(`("(${names(SECRET_NAMES)})"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"|\\[[^\\]]*\\])`, 'gi');
const JSON_CONTACT = new RegExp(`("(${names(CONTACT_NAMES)})"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*")`, 'gi');
const HEADER_SECRET = /(\b(?:authorization|proxy-authorization|x-api-key|x-auth-token|cookie|set-cookie)\s*[:=]\s*)(?!\s*")([^\r\n,;}]+)/gi;
/** A bearer or basic credential wherever it stands. */
const SCHEME_CREDENTIAL = /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/g;
/** Dossier's own personal and session tokens. */
const DOSSIER_TOKEN = /\bdsr_[A-Za-z0-9_-]+/g;
/** The calendar feed's URL carries its secret in the path. */
const FEED_PATH = /(\/calendar\/)(?!feed\b)[^/?#\s"']+(\.ics)/g;
const MAILTO_LINK = /\bmailto:[^\s"'<>),;&]+/gi;
/** An address (plain or percent-encoded @) right after `=`: a contact in a URL's query whatever the parameter's name. */
const ADDRESS_IN_QUERY = /(=)[^&#\s"'<>=]*(?:@|%40)[^&#\s"'<>]*/gi;

export function redactSecrets(text: string, known: Iterable<string | null | undefined> = []): string {
  let out = text;
  for (const value of known) {
    // Short values would blank innocent text (and say what the value is by what they blank).
    if (!value || value.length < 6) continue;
    for (const form of new Set([value, encodeURIComponent(value), encodeURIComponent(value).replace(/%20/g, '+')])) out = out.split(form).join(value.includes('@') ? CONTACT : SECRET);
  }
  return out
    .replace(FEED_PATH, `$1${SECRET}$2`)
    .replace(SCHEME_CREDENTIAL, `$1 ${SECRET}`)
    .replace(DOSSIER_TOKEN, SECRET)
    .replace(HEADER_SECRET, `$1${SECRET}`)
    .replace(JSON_SECRET, `$1"${SECRET}"`)
    .replace(JSON_CONTACT, `$1"${CONTACT}"`)
    .replace(QUERY_SECRET, `$1$2=${SECRET}`)
    .replace(QUERY_CONTACT, `$1$2=${CONTACT}`)
    .replace(MAILTO_LINK, `mailto:${CONTACT}`)
    .replace(ADDRESS_IN_QUERY, `$1${CONTACT}`);
}

/** The same redaction over every string in a JSON-like value (job data and return values, error details). */
export function redactDeep<T>(value: T, known: Iterable<string | null | undefined> = []): T {
  const values = [...known];
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactSecrets(v, values);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** The values this server holds that must never show up anywhere: scholarly API keys and the contact address. */
export function configuredSecrets(config: { scholarly: { contactEmail: string | null; openalex: { apiKey: string | null }; semanticScholar: { apiKey: string | null } } }): string[] {
  return [config.scholarly.openalex.apiKey, config.scholarly.semanticScholar.apiKey, config.scholarly.contactEmail].filter((v): v is string => !!v);
}
