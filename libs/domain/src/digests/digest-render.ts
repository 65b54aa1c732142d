import { daysBetween } from '../shared/dates';
import { escapeHtml } from '../shared/html';
import type { Counted, DigestContent } from './digest-content';

/** A mail as the mail module takes it: both parts always. */
export interface RenderedDigest {
  subject: string;
  text: string;
  html: string;
}

/** An absolute link to a path of this server (PUBLIC_URL's), e.g. `/app/people/…`. */
export type LinkTo = (path: string) => string;

interface Line {
  text: string;
  /** A second, quieter line (a reason, a status). */
  detail?: string;
  link?: string;
  /** A second link with its label (an interview's briefing). */
  extra?: { label: string; link: string };
}

interface Section {
  title: string;
  lines: Line[];
  /** Lines not listed, and where they all are. */
  more: number;
  moreLink: string;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "due today", "due yesterday", "4 days overdue". */
function dueWords(dueOn: string, today: string): string {
  const late = daysBetween(dueOn, today);
  if (late <= 0) return 'due today';
  if (late === 1) return 'due yesterday';
  return `${late} days overdue`;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** "Tue 8 Dec 2026" for a yyyy-mm-dd day (a calendar day: no zone moves it). */
function dayLabel(date: string): string {
  let f = dayFormats.get('UTC');
  if (!f) dayFormats.set('UTC', (f = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })));
  return f.format(new Date(`${date}T12:00:00Z`)).replace(',', '');
}

/** "Wed 9 Dec, 14:00 CET" on the account's wall clock. */
function timeLabel(at: Date, timeZone: string): string {
  let f = timeFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
    timeFormats.set(timeZone, f);
  }
  return f.format(at);
}

const STATUS_WORDS: Record<string, string> = { discussed: 'discussed', offered: 'offered to refer you', submitted: 'submitted', recruiter_contacted: 'recruiter contacted' };
const SOURCE_WORDS: Record<string, string> = { openalex: 'OpenAlex', semanticscholar: 'Semantic Scholar', orcid: 'ORCID', dblp: 'DBLP', arxiv: 'arXiv', crossref: 'Crossref' };

function sections(content: DigestContent, link: LinkTo): Section[] {
  const today = content.localDate;
  const todayLink = link('/app/');
  const section = <T>(title: string, list: Counted<T>, line: (item: T) => Line): Section => ({
    title,
    lines: list.items.map(line),
    more: list.total - list.items.length,
    moreLink: todayLink,
  });
  return [
    section(`Interviews coming up`, content.interviews, (i) => ({
      text: `${timeLabel(i.startsAt, content.timeZone)}: ${i.organization}, ${i.role}${i.stage ? ` (${i.stage})` : ''}${i.interviewers.length ? ` with ${i.interviewers.join(', ')}` : ''}`,
      detail: i.readiness === null ? (i.briefingId ? 'Briefing ready' : 'No briefing yet') : `Readiness ${i.readiness} of 100${i.briefingId ? '; briefing ready' : ''}`,
      link: link(`/app/interviews/${i.interviewId}`),
      extra: i.briefingId ? { label: 'Briefing', link: link(`/briefings/${i.briefingId}/html`) } : undefined,
    })),
    section(`Follow-ups due`, content.followUps, (f) => ({
      text: `${f.fullName}${f.organization ? ` (${f.organization})` : ''}: ${dueWords(f.dueOn, today)}`,
      detail: f.reason ?? undefined,
      link: link(`/app/people/${f.personId}`),
    })),
    section(`Tasks due`, content.tasks, (t) => ({
      text: `${t.title}${t.about ? ` (${t.about})` : ''}: ${dueWords(t.dueOn, today)}`,
      link: todayLink,
    })),
    section(`New works by your interviewers`, content.newWorks, (w) => ({
      text: `${w.title}${w.venue || w.year ? ` (${[w.venue, w.year].filter(Boolean).join(', ')})` : ''}`,
      detail: `by ${w.people.map((p) => p.fullName).join(', ')}`,
      link: w.url ?? (w.people[0] ? link(`/app/people/${w.people[0].id}`) : todayLink),
    })),
    section(`Referrals waiting`, content.referrals, (r) => ({
      text: `${r.referrerName} for ${r.organization}, ${r.role}: ${STATUS_WORDS[r.status] ?? r.status}${r.since ? ` since ${dayLabel(r.since)} (${plural(Math.max(0, daysBetween(r.since, today)), 'day')})` : ''}`,
      link: link(`/app/applications/${r.applicationId}`),
    })),
    section(`Syncs that need you`, content.brokenSyncs, (s) => ({
      text: `${s.fullName} at ${SOURCE_WORDS[s.source] ?? s.source}: ${s.kind === 'broken' ? 'the source refused the profile' : 'the last sync failed'}`,
      detail: s.message ?? undefined,
      link: link(`/app/people/${s.personId}`),
    })),
  ].filter((s) => s.lines.length > 0);
}

function subjectOf(content: DigestContent): string {
  const parts = [
    content.interviews.total && plural(content.interviews.total, 'interview'),
    content.followUps.total && plural(content.followUps.total, 'follow-up'),
    content.tasks.total && plural(content.tasks.total, 'task'),
    content.newWorks.total && plural(content.newWorks.total, 'new work'),
    content.referrals.total && plural(content.referrals.total, 'referral'),
    content.brokenSyncs.total && plural(content.brokenSyncs.total, 'sync problem'),
  ].filter(Boolean);
  return `Dossier, ${dayLabel(content.localDate)}: ${parts.join(', ')}`;
}

/**
 * The digest as a mail: the same sections in plain text and in HTML (every value escaped), dates
 * on the account's wall clock, each line linking to the dashboard. The mail module adds the
 * unsubscribe and settings links.
 */
export function renderDigest(content: DigestContent, link: LinkTo): RenderedDigest {
  const all = sections(content, link);
  const heading = `Your day in Dossier: ${dayLabel(content.localDate)}`;

  const text = [heading, `Times are in ${content.timeZone}.`, ''];
  for (const s of all) {
    text.push(s.title, '-'.repeat(s.title.length));
    for (const l of s.lines) {
      text.push(`- ${l.text}`);
      if (l.detail) text.push(`  ${l.detail}`);
      if (l.link) text.push(`  ${l.link}`);
      if (l.extra) text.push(`  ${l.extra.label}: ${l.extra.link}`);
    }
    if (s.more > 0) text.push(`- and ${s.more} more: ${s.moreLink}`);
    text.push('');
  }
  text.push(`Open Dossier: ${link('/app/')}`, '');

  const h = escapeHtml;
  const a = (href: string, label: string): string => `<a href="${h(href)}" style="color:#1f5fa8">${h(label)}</a>`;
  const html = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(heading)}</title></head>`,
    '<body style="font:15px/1.5 system-ui,-apple-system,\'Segoe UI\',Roboto,sans-serif;color:#1d232b;max-width:40rem;margin:1rem auto;padding:0 1rem">',
    `<h1 style="font-size:1.4rem;margin-bottom:.2rem">${h(heading)}</h1>`,
    `<p style="color:#46505c;margin-top:0">Times are in ${h(content.timeZone)}.</p>`,
    ...all.map(
      (s) =>
        `<h2 style="font-size:1.1rem;border-bottom:2px solid #d7dde4;padding-bottom:.2rem;margin-top:1.5rem">${h(s.title)}</h2>\n<ul style="padding-left:1.2rem">\n` +
        s.lines
          .map(
            (l) =>
              `<li style="margin:.3rem 0">${l.link ? a(l.link, l.text) : h(l.text)}` +
              (l.detail ? `<br><span style="color:#46505c">${h(l.detail)}</span>` : '') +
              (l.extra ? ` · ${a(l.extra.link, l.extra.label)}` : '') +
              '</li>',
          )
          .join('\n') +
        (s.more > 0 ? `\n<li style="margin:.3rem 0">${a(s.moreLink, `and ${s.more} more`)}</li>` : '') +
        '\n</ul>',
    ),
    `<p style="margin-top:2rem;color:#46505c">${a(link('/app/'), 'Open Dossier')}</p>`,
    '</body></html>',
    '',
  ].join('\n');

  return { subject: subjectOf(content), text: text.join('\n'), html };
}
