import ICAL from 'ical.js';
import { decodeText, splitLines } from './decode-text';
import { LINK_KINDS, type LinkKind } from '../../shared/text/index';
import { classifyUrl, LINK_KIND_LABELS, linkKindFromLabel } from './link-kind';
import type { ParseResult, PersonDraft } from './person-draft';

type Component = InstanceType<typeof ICAL.Component>;
type Property = InstanceType<typeof ICAL.Property>;

export type VCardPerson = PersonDraft & { id: string };
export type VCardVersion = '3.0' | '4.0';

interface RawCard {
  line: number; // line of BEGIN:VCARD
  contentLines: string[]; // unfolded, without BEGIN/END
}

interface ContentLine {
  name: string; // may carry a group prefix ("item1.URL")
  params: string[]; // raw "NAME=value" or bare "value" (vCard 2.1)
  value: string;
}

// Properties we never read; 2.1 inline base64 blobs are also the likeliest to trip the parser.
const IGNORED_PROPERTIES = new Set(['PHOTO', 'LOGO', 'SOUND', 'KEY']);
// Values whose ';' separates components and must stay escaped.
const STRUCTURED_PROPERTIES = new Set(['N', 'ADR', 'ORG', 'GENDER', 'CLIENTPIDMAP', 'GEO']);
// Apple's default label for a URL says nothing about what the URL is.
const APPLE_GENERIC_LABEL = /^_\$!<[^>]*>!\$_$/;

/**
 * Parses a .vcf file holding any number of vCards (2.1 leniently, 3.0, 4.0). Each card is handed
 * to ical.js on its own so one broken card is reported without losing the others.
 */
export function parseVCards(input: string | Buffer): ParseResult {
  const result: ParseResult = { rows: [], skipped: [] };
  const cards = splitCards(decodeText(input));
  if (cards.length === 0) {
    result.skipped.push({ line: 1, reason: 'no vCard found (no BEGIN:VCARD line)' });
    return result;
  }
  for (const card of cards) {
    let component: Component;
    try {
      const text = ['BEGIN:VCARD', ...card.contentLines.map(cleanContentLine).filter(isString), 'END:VCARD'].join('\r\n');
      const jCal: unknown = ICAL.parse(text);
      component = new ICAL.Component(Array.isArray(jCal) && Array.isArray(jCal[0]) ? jCal[0] : (jCal as unknown[]));
    } catch (e) {
      result.skipped.push({ line: card.line, reason: `invalid vCard: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    const draft = toDraft(component);
    if (draft) result.rows.push({ line: card.line, draft });
    else result.skipped.push({ line: card.line, reason: 'vCard has no name (FN and N are empty)' });
  }
  return result;
}

/** Writes people as one .vcf document (CRLF line endings, lines folded at 75 octets by ical.js). */
export function serializeVCards(people: VCardPerson[], version: VCardVersion): string {
  // ical.js counts the fold limit without the leading space of continuation lines, so 74 keeps
  // every line within RFC's 75 octets. These are process-wide settings: restore them at once.
  const saved = { foldLength: ICAL.foldLength, newLineChar: ICAL.newLineChar };
  ICAL.foldLength = 74;
  ICAL.newLineChar = '\r\n';
  try {
    return people.map((p) => toComponent(p, version).toString() + '\r\n').join('');
  } finally {
    ICAL.foldLength = saved.foldLength;
    ICAL.newLineChar = saved.newLineChar;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

function toDraft(card: Component): PersonDraft | undefined {
  const n = structured(card.getFirstProperty('n'));
  const [familyName, givenName, additional, prefix, suffix] = [0, 1, 2, 3, 4].map((i) => n[i] ?? '');
  const fromN = [prefix, givenName, additional, familyName].filter(Boolean).join(' ');
  const fullName = text(card, 'fn') || (fromN && suffix ? `${fromN}, ${suffix}` : fromN || suffix);
  if (!fullName) return undefined;

  const draft: PersonDraft = { fullName, emails: [], links: {}, tags: [] };
  if (givenName) draft.givenName = givenName;
  if (familyName) draft.familyName = familyName;
  const headline = text(card, 'title');
  if (headline) draft.headline = headline;
  const role = text(card, 'role');
  if (role) draft.role = role;
  const org = structured(card.getFirstProperty('org'));
  if (org[0]) draft.organizationName = org[0];
  if (org[1]) draft.teamName = org[1];

  for (const prop of card.getAllProperties('email')) {
    const email = stringValue(prop).replace(/^mailto:/i, '').trim();
    if (email && !draft.emails.some((e) => e.toLowerCase() === email.toLowerCase())) draft.emails.push(email);
  }
  for (const prop of card.getAllProperties('tel')) {
    // 4.0 writes a tel: URI, 3.0 and 2.1 the number as text.
    const phone = stringValue(prop).replace(/^tel:/i, '').trim();
    if (phone && !draft.phones?.includes(phone)) (draft.phones ??= []).push(phone);
  }
  for (const prop of card.getAllProperties('categories')) {
    for (const value of prop.getValues()) {
      const tag = String(value).trim();
      if (tag && !draft.tags.includes(tag)) draft.tags.push(tag);
    }
  }
  // 3.0 treats NOTE as comma-separated multi-value; glue the pieces back.
  const notes = card
    .getAllProperties('note')
    .map((p) => p.getValues().map(String).join(',').trim())
    .filter(Boolean);
  if (notes.length > 0) draft.notes = notes.join('\n');
  const uid = text(card, 'uid');
  if (uid) draft.externalId = uid;

  readLinks(card, draft.links);
  return draft;
}

function readLinks(card: Component, links: Record<string, string>): void {
  const labels = groupLabels(card);
  const add = (kind: LinkKind | undefined, url: string) => {
    if (kind && url && !(kind in links)) links[kind] = url;
  };
  for (const prop of card.getAllProperties('url')) {
    const url = unescapeUri(stringValue(prop));
    const group = prop.getParameter('group');
    const label = typeof group === 'string' ? labels.get(group.toLowerCase()) : undefined;
    // An explicit kind (our own TYPE=github, a "GitHub" label) beats guessing from the host.
    const explicit = [...paramValues(prop, 'type'), ...(label ? [label] : [])]
      .map(linkKindFromLabel)
      .find((k) => k !== undefined);
    add(explicit ?? classifyUrl(url), url);
  }
  // Apple's social profiles: only services we track; a profile is never a homepage.
  for (const prop of card.getAllProperties('x-socialprofile')) {
    const service = paramValues(prop, 'type').map(linkKindFromLabel).find((k) => k !== undefined);
    const value = unescapeUri(stringValue(prop));
    const user = paramValues(prop, 'x-user')[0];
    const url = isHttp(value) ? value : service && user ? profileUrl(service, user) : undefined;
    if (!url) continue;
    const kind = service ?? classifyUrl(url);
    if (kind !== 'homepage') add(kind, url);
  }
  for (const prop of card.getAllProperties('impp')) {
    const value = unescapeUri(stringValue(prop));
    if (!isHttp(value)) continue;
    const kind = classifyUrl(value);
    if (kind !== 'homepage') add(kind, value);
  }
}

function profileUrl(kind: LinkKind, user: string): string | undefined {
  const handle = encodeURIComponent(user.replace(/^@/, ''));
  if (kind === 'x') return `https://x.com/${handle}`;
  if (kind === 'github') return `https://github.com/${handle}`;
  if (kind === 'linkedin') return `https://www.linkedin.com/in/${handle}`;
  return undefined;
}

/** group name (lower case) → X-ABLabel text, for Apple/Google "itemN." groups. */
function groupLabels(card: Component): Map<string, string> {
  const labels = new Map<string, string>();
  for (const prop of card.getAllProperties('x-ablabel')) {
    const group = prop.getParameter('group');
    const label = stringValue(prop).trim();
    if (typeof group === 'string' && label && !APPLE_GENERIC_LABEL.test(label)) labels.set(group.toLowerCase(), label);
  }
  return labels;
}

function text(card: Component, name: string): string {
  const prop = card.getFirstProperty(name);
  return prop ? stringValue(prop).trim() : '';
}

function stringValue(prop: Property): string {
  const values = prop.getValues();
  return values.map((v) => (Array.isArray(v) ? v.join(' ') : String(v))).join(',');
}

/** Components of a structured value (N, ORG); a component may itself be a list. */
function structured(prop: Property | null): string[] {
  if (!prop) return [];
  const value: unknown = prop.getFirstValue();
  const parts = Array.isArray(value) ? value : [value];
  return parts.map((p: unknown) => (Array.isArray(p) ? p.join(' ') : p == null ? '' : String(p)).trim());
}

// Repeated parameters (type=INTERNET;type=HOME) come back from ical.js as nested lists.
function paramValues(prop: Property, name: string): string[] {
  const flatten = (v: unknown): string[] => (Array.isArray(v) ? v.flatMap(flatten) : typeof v === 'string' ? v.split(',') : []);
  return flatten(prop.getParameter(name));
}

// Some exporters escape ':' ',' ';' inside URIs although only text values are escaped.
function unescapeUri(value: string): string {
  return value.replace(/\\([:,;])/g, '$1').trim();
}

function isHttp(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

function isString(value: string | undefined): value is string {
  return value !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Lexical clean-up before ical.js (which is strict about 3.0/4.0 syntax)

function splitCards(text: string): RawCard[] {
  const cards: RawCard[] = [];
  let current: RawCard | undefined;
  let depth = 0; // 2.1 AGENT may nest a whole card; its lines are dropped
  for (const { line, content } of unfold(splitLines(text))) {
    const trimmed = content.trim();
    if (/^BEGIN:VCARD$/i.test(trimmed)) {
      if (!current) current = { line, contentLines: [] };
      depth++;
    } else if (/^END:VCARD$/i.test(trimmed)) {
      depth--;
      if (depth === 0 && current) {
        cards.push(current);
        current = undefined;
      }
      depth = Math.max(depth, 0);
    } else if (current && depth === 1 && trimmed !== '') {
      current.contentLines.push(content);
    }
  }
  // A truncated last card still carries usable data.
  if (current) cards.push(current);
  return cards;
}

/** Joins folded lines (leading space/tab) and quoted-printable soft line breaks ("=" at the end). */
function unfold(lines: string[]): { line: number; content: string }[] {
  const out: { line: number; content: string }[] = [];
  let softBreak = false;
  lines.forEach((raw, index) => {
    const last = out[out.length - 1];
    // Some exporters leave a dangling "=" on the last QP line; never swallow the card's END.
    if (last && softBreak && !/^END:VCARD\s*$/i.test(raw)) {
      last.content = last.content.slice(0, -1) + raw.replace(/^[ \t]/, '');
    } else if (last && /^[ \t]/.test(raw)) {
      last.content += raw.slice(1);
    } else {
      out.push({ line: index + 1, content: raw });
    }
    const current = out[out.length - 1];
    softBreak = isQuotedPrintable(current.content) && current.content.endsWith('=');
  });
  return out;
}

function isQuotedPrintable(content: string): boolean {
  const colon = content.indexOf(':');
  return colon > 0 && /;\s*(ENCODING=)?QUOTED-PRINTABLE\b/i.test(content.slice(0, colon));
}

/**
 * Rewrites one content line into something ical.js accepts: bare 2.1 parameters become TYPE=...,
 * quoted-printable values are decoded, CHARSET/ENCODING go. Returns undefined to drop the line.
 */
function cleanContentLine(content: string): string | undefined {
  const parsed = splitContentLine(content);
  if (!parsed) return undefined;
  const bareName = parsed.name.replace(/^.*\./, '').toUpperCase();
  if (IGNORED_PROPERTIES.has(bareName)) return undefined;

  let charset = 'utf-8';
  let quotedPrintable = false;
  const params: string[] = [];
  for (const param of parsed.params) {
    const eq = param.indexOf('=');
    const key = eq < 0 ? '' : param.slice(0, eq).trim().toUpperCase();
    const value = eq < 0 ? param.trim() : param.slice(eq + 1).trim();
    if (key === 'CHARSET') charset = value.replace(/"/g, '');
    else if (/^quoted-printable$/i.test(value) && (key === 'ENCODING' || key === '')) quotedPrintable = true;
    else if (key === '' && /^(8bit|7bit|base64|b)$/i.test(value)) continue;
    else if (key === '') params.push(`TYPE=${value}`);
    else params.push(param);
  }
  let value = quotedPrintable ? escapeDecoded(decodeQuotedPrintable(parsed.value, charset)) : parsed.value;
  if (!STRUCTURED_PROPERTIES.has(bareName)) value = unescapeSemicolons(value);
  return `${parsed.name}${params.map((p) => `;${p}`).join('')}:${value}`;
}

/**
 * Many writers escape ';' in plain text (NOTE:a\;b), which ical.js only unescapes inside
 * structured values. A plain ';' is unambiguous outside them, so drop the backslash here;
 * "\\;" (an escaped backslash, then ';') is left alone.
 */
function unescapeSemicolons(value: string): string {
  return value.replace(/\\[\s\S]/g, (pair) => (pair === '\\;' ? ';' : pair));
}

function splitContentLine(content: string): ContentLine | undefined {
  let inQuotes = false;
  const pieces: string[] = [];
  let start = 0;
  for (let i = 0; i < content.length; i++) {
    const ch = content[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === ';') {
      pieces.push(content.slice(start, i));
      start = i + 1;
    } else if (!inQuotes && ch === ':') {
      pieces.push(content.slice(start, i));
      const [name, ...params] = pieces;
      if (!name.trim()) return undefined;
      return { name: name.trim(), params: params.filter((p) => p.trim() !== ''), value: content.slice(i + 1) };
    }
  }
  return undefined;
}

function decodeQuotedPrintable(encoded: string, charset: string): string {
  const value = encoded.replace(/=$/, ''); // a soft break with nothing after it
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value[i] === '=' ? value.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(value[i], 'utf8'));
    }
  }
  const buf = Uint8Array.from(bytes);
  try {
    return new TextDecoder(charset).decode(buf);
  } catch {
    return new TextDecoder('utf-8').decode(buf);
  }
}

// Decoded text may hold raw newlines; structural ';' and ',' are left for the parser.
function escapeDecoded(value: string): string {
  return value.replace(/\r\n|\r|\n/g, '\\n');
}

// ---------------------------------------------------------------------------------------------
// Writing

function toComponent(person: VCardPerson, version: VCardVersion): Component {
  const card = new ICAL.Component('vcard');
  // VERSION must come first: ical.js picks the 3.0 or 4.0 rules from it.
  card.addPropertyWithValue('version', version);
  const fullName =
    person.fullName.trim() || [person.givenName, person.familyName].filter(Boolean).join(' ') || person.emails[0] || person.id;
  card.addPropertyWithValue('fn', fullName);
  // N is mandatory in 3.0, optional in 4.0.
  if (version === '3.0' || person.givenName || person.familyName) {
    addStructured(card, 'n', [person.familyName ?? '', person.givenName ?? '', '', '', '']);
  }
  if (person.organizationName || person.teamName) {
    addStructured(card, 'org', person.teamName ? [person.organizationName ?? '', person.teamName] : [person.organizationName ?? '']);
  }
  if (person.headline) card.addPropertyWithValue('title', person.headline);
  if (person.role) card.addPropertyWithValue('role', person.role);
  for (const email of person.emails.filter((e) => e.trim())) {
    const prop = card.addPropertyWithValue('email', email);
    if (version === '3.0') prop.setParameter('type', 'INTERNET');
  }
  for (const phone of (person.phones ?? []).filter((p) => p.trim())) {
    // 4.0 reads TEL as a URI unless told otherwise; a number as written (spaces and all) is text.
    const prop = new ICAL.Property('tel', card);
    if (version === '4.0') prop.resetType('text');
    prop.setValue(phone);
    card.addProperty(prop);
  }
  let item = 0;
  for (const [key, url] of Object.entries(person.links)) {
    if (!url) continue;
    const kind = (LINK_KINDS as readonly string[]).includes(key) ? (key as LinkKind) : undefined;
    const prop = card.addPropertyWithValue('url', url);
    prop.setParameter('type', key);
    if (version === '3.0') {
      // Apple/Google style label as well: 3.0 address books show it, and ignore unknown TYPEs.
      const group = `item${++item}`;
      prop.setParameter('group', group);
      card.addPropertyWithValue('x-ablabel', kind ? LINK_KIND_LABELS[kind] : key).setParameter('group', group);
    }
  }
  const tags = person.tags.filter((t) => t.trim());
  if (tags.length > 0) {
    const prop = new ICAL.Property('categories', card);
    prop.setValues(tags);
    card.addProperty(prop);
  }
  if (person.notes) card.addPropertyWithValue('note', person.notes.replace(/\r\n?/g, '\n'));
  card.addPropertyWithValue('uid', `urn:uuid:${person.id}`);
  return card;
}

function addStructured(card: Component, name: string, parts: string[]): void {
  const prop = new ICAL.Property(name, card);
  prop.setValue(parts);
  card.addProperty(prop);
}
