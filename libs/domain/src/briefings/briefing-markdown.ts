import { sourceDisplayName } from '../scholarly/index';
import { formatInstant } from '../shared/dates';
import type { BriefingContent, BriefingInterviewer, BriefingReadiness, BriefingWork, SourceLink } from './briefing-content';

/** What the renderer needs besides the content: which version this is and what changed since the last. */
export interface BriefingMeta {
  version: number;
  changes: string[];
}


/** How ready the user is: the figure, each part with what it counts, its share and the next step, and what was left out. */
function readinessSection(r: BriefingReadiness): string[] {
  const out = [`## Readiness: ${r.figure === null ? 'nothing to measure yet' : `${r.figure} of 100`}`, ''];
  for (const p of r.parts) out.push(`- **${esc(p.label)}: ${p.value}%** (${p.share}% of the figure) — ${esc(p.counts)}.${p.nextStep ? ` Next: ${esc(p.nextStep)}.` : ''}`);
  if (r.parts.length) out.push('');
  out.push(`*${esc(r.explanation)}*`, '');
  return out;
}

/**
 * The briefing as Markdown (CommonMark). Text that comes from people or sources (titles, names,
 * notes) is escaped, so a title with `*` or `_` or a note with `<script>` renders as written.
 */
export function renderBriefingMarkdown(content: BriefingContent, meta: BriefingMeta): string {
  const out: string[] = [];
  const { interview, application, organization } = content;
  const where = organization ? ` at ${esc(organization.name)}` : '';
  out.push(`# Briefing: ${esc(interview.stage.name)}${where}`, '');
  out.push(`*${esc(application.role)}${application.team ? `, ${esc(application.team)}` : ''} · version ${meta.version} · generated ${formatInstant(content.generatedAt, content.timeZone)}*`, '');

  if (meta.changes.length > 0) {
    out.push(`## What changed since version ${meta.version - 1}`, '');
    for (const change of meta.changes) out.push(`- ${esc(change)}`);
    out.push('');
  }

  out.push('## The interview', '');
  out.push(`- **When:** ${formatRange(interview.startsAt, interview.durationMinutes, content.timeZone)}`);
  if (interview.timeZone !== content.timeZone) out.push(`- **Local time there:** ${formatRange(interview.startsAt, interview.durationMinutes, interview.timeZone)}`);
  out.push(`- **Stage:** ${esc(interview.stage.name)} (${stageLabel(interview.stage.type)}), stage ${interview.stage.position} of ${interview.stage.of}`);
  out.push(`- **Format:** ${esc(interview.format.replace(/_/g, ' '))}`);
  if (interview.meetingUrl) out.push(`- **Link:** ${link(interview.meetingUrl, interview.meetingUrl)}`);
  if (interview.location) out.push(`- **Location:** ${esc(interview.location)}`);
  out.push(`- **Interviewers:** ${content.interviewers.length ? content.interviewers.map((i) => esc(i.fullName)).join(', ') : 'not known yet'}`);
  if (interview.prepNotes) out.push('', quote(interview.prepNotes));
  out.push('');

  if (content.readiness) out.push(...readinessSection(content.readiness));

  out.push('## Interviewers', '');
  if (content.interviewers.length === 0) out.push('No interviewer is named on this interview yet.', '');
  for (const person of content.interviewers) out.push(...interviewerSection(person, content.timeZone));

  out.push('## Reading checklist', '');
  if (!content.reading || content.reading.items.length === 0) {
    out.push('Nothing to read yet: link the interviewers to their scholarly identities and sync them.', '');
  } else {
    const { coverage, perInterviewer, items } = content.reading;
    out.push(`Read ${coverage.read} of ${coverage.total}${perInterviewer.length > 1 ? ` (${perInterviewer.map((p) => `${esc(p.fullName)}: ${p.read} of ${p.total}`).join('; ')})` : ''}.`, '');
    items.forEach((item, i) => {
      const mark = item.status === 'read' ? 'x' : ' ';
      const forWhom = content.interviewers.length > 1 ? ` — for ${item.interviewers.map((p) => esc(p.fullName)).join(' and ')}` : '';
      out.push(`${i + 1}. [${mark}] ${workLine(item.work)}${forWhom} · *${item.status.replace(/_/g, ' ')}*`);
      if (item.reasons.length) out.push(`   - Why: ${item.reasons.map(esc).join('; ')}`);
      if (item.summary) out.push(`   - My summary: ${esc(oneLine(item.summary))}`);
      if (item.notes) out.push(`   - Notes: ${esc(oneLine(item.notes))}`);
      for (const q of item.questions) out.push(`   - Ask: ${esc(oneLine(q))}`);
    });
    out.push('');
  }

  out.push('## The application', '');
  out.push(`- **Role:** ${esc(application.role)}${application.team ? ` (${esc(application.team)})` : ''}, ${application.status}`);
  if (application.appliedOn) out.push(`- **Applied:** ${application.appliedOn}`);
  if (application.recruiter) out.push(`- **Recruiter:** ${esc(application.recruiter.fullName)}`);
  if (application.referral) {
    const r = application.referral;
    out.push(`- **Referral:** by ${esc(r.referrer.fullName)}, ${r.status.replace(/_/g, ' ')}${r.notes ? ` — ${esc(oneLine(r.notes))}` : ''}`);
  }
  if (application.notes) out.push('', quote(application.notes));
  if (application.history.length) {
    out.push('', '### History', '');
    for (const h of application.history) {
      const stages = h.fromStage !== h.toStage && h.toStage ? `${h.fromStage ? `${esc(h.fromStage)} → ` : ''}${esc(h.toStage)}` : esc(h.toStage ?? h.fromStage ?? '');
      out.push(`- ${formatDate(h.at, content.timeZone)}: ${h.move}${stages ? ` (${stages})` : ''}, ${h.toStatus}${h.note ? ` — ${esc(oneLine(h.note))}` : ''}`);
    }
  }
  out.push('');

  out.push(`## Prep for the ${stageLabel(interview.stage.type)} stage`, '');
  if (content.prep.tasks.length) {
    out.push('### Prep tasks', '');
    for (const t of content.prep.tasks) out.push(`- [${t.done ? 'x' : ' '}] ${esc(t.title)}${t.dueOn ? ` (due ${t.dueOn})` : ''}`);
    out.push('');
  }
  // The checklist's items became the prep tasks above; list only those without a task (deleted, or a stage entered before tasks existed).
  const asTasks = new Set(content.prep.tasks.map((t) => t.title));
  const untracked = content.prep.checklist.filter((c) => !asTasks.has(c));
  if (untracked.length) {
    out.push(content.prep.tasks.length ? "### Also on the stage's checklist" : "### The stage's checklist", '');
    for (const c of untracked) out.push(`- ${esc(c)}`);
    out.push('');
  }
  out.push('### Topics to revise', '');
  for (const t of content.prep.topics) out.push(`- ${esc(t)}`);
  out.push('');
  const lessons = content.retrospectives ?? [];
  if (lessons.length) {
    out.push(`### What you learned at earlier ${stageLabel(interview.stage.type)} stages`, '');
    for (const r of lessons) {
      const when = r.stage.at ? `${formatDate(r.stage.at, content.timeZone)}: ` : '';
      out.push(`- ${when}${esc(r.stage.name)} for ${esc(r.application.role)} at ${esc(r.application.organization)}${r.application.team ? `, ${esc(r.application.team)}` : ''} — ${r.stage.status}`);
      if (r.wentWell) out.push(`  - Went well: ${esc(oneLine(r.wentWell))}`);
      if (r.wentBadly) out.push(`  - Did not: ${esc(oneLine(r.wentBadly))}`);
      if (r.doDifferently) out.push(`  - Do differently: ${esc(oneLine(r.doDifferently))}`);
    }
    out.push('');
  }

  if (content.resumeProjects.length) {
    out.push('## Résumé projects to discuss in depth', '');
    for (const p of content.resumeProjects) {
      out.push(`### ${esc(p.title)}`, '');
      if (p.role || p.technologies.length) out.push(`*${[p.role ? esc(p.role) : null, p.technologies.length ? p.technologies.map(esc).join(', ') : null].filter(Boolean).join(' · ')}*`, '');
      if (p.summary) out.push(esc(p.summary), '');
      for (const point of p.talkingPoints) out.push(`- ${esc(point)}`);
      for (const l of p.links) out.push(`- ${link(l, l)}`);
      out.push('');
    }
  }

  if (organization && (organization.researchNotes || organization.team?.researchNotes)) {
    out.push(`## Research notes: ${esc(organization.name)}`, '');
    if (organization.researchNotes) out.push(quote(organization.researchNotes), '');
    if (organization.team?.researchNotes) out.push(`### ${esc(organization.team.name)}`, '', quote(organization.team.researchNotes), '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function interviewerSection(person: BriefingInterviewer, timeZone: string): string[] {
  const out: string[] = [];
  out.push(`### ${esc(person.fullName)}${person.headline ? ` — ${esc(person.headline)}` : ''}`, '');
  const at = [person.role, person.team, person.organization].filter(Boolean).map((s) => esc(s as string));
  if (at.length) out.push(`- **Now:** ${at.join(', ')}`);
  if (person.affiliations.length) out.push(`- **Affiliations:** ${person.affiliations.map((a) => `${esc(a.name)}${a.current ? ' (current)' : ''} ${sourceRefs(a.sources)}`.trim()).join('; ')}`);
  if (person.topics.length) out.push(`- **Topics:** ${person.topics.map((t) => `${esc(t.name)} ${sourceRefs(t.sources)}`.trim()).join('; ')}`);
  if (person.venues.length) out.push(`- **Publishes in:** ${person.venues.map((v) => `${esc(v.name)} (${v.works})`).join(', ')}`);
  const t = person.totals;
  out.push(`- **Works:** ${t.works} (first author of ${t.firstAuthor}, last author of ${t.lastAuthor}), ${t.citations} citations`);
  if (person.identities.length) out.push(`- **Profiles:** ${person.identities.map((i) => link(sourceDisplayName(i.source), i.url)).join(' · ')}`);
  if (person.links.length) out.push(`- **Links:** ${person.links.map((l) => link(l.kind, l.url)).join(' · ')}`);
  out.push(`- **Last spoke:** ${person.lastSpokeAt ? formatDate(person.lastSpokeAt, timeZone) : 'never'}`);
  for (const r of person.referredYou ?? []) {
    out.push(`- **Referred you:** for ${esc(r.role)} at ${esc(r.organization)}${r.team ? ` (${esc(r.team)})` : ''}, ${r.status.replace(/_/g, ' ')}${r.on ? ` on ${formatDay(r.on)}` : ''}${r.notes ? ` — ${esc(oneLine(r.notes))}` : ''}`);
  }
  for (const a of person.asks ?? []) out.push(`- **You asked them** (${formatDate(a.at, timeZone)}): ${esc(oneLine(a.asked))}`);
  out.push('');
  const meetings = person.earlierMeetings ?? [];
  if (meetings.length) {
    out.push('#### You met them before', '');
    for (const m of meetings) {
      const app = `${esc(m.application.role)} at ${esc(m.application.organization)}${m.application.team ? `, ${esc(m.application.team)}` : ''}`;
      out.push(`- ${formatDate(m.startsAt, timeZone)}: ${esc(m.stage.name)} (${stageLabel(m.stage.type)}) for ${app} — ${outcomeLabel(m.outcome)}`);
      if (!m.notes) out.push('  - No notes on them from that meeting.');
      if (m.notes?.asked) out.push(`  - They asked: ${esc(oneLine(m.notes.asked))}`);
      if (m.notes?.howItWent) out.push(`  - How it went: ${esc(oneLine(m.notes.howItWent))}`);
      if (m.notes?.followUp) out.push(`  - To follow up: ${esc(oneLine(m.notes.followUp))}`);
    }
    out.push('');
  }
  const since = person.lastSpokeAt ? `Published since you last spoke (${formatDate(person.lastSpokeAt, timeZone)})` : 'Published in the last year';
  out.push(`#### ${since}`, '');
  if (person.publishedSince.length === 0) out.push('Nothing new.');
  for (const w of person.publishedSince) out.push(`- ${workLine(w)}`);
  out.push('');
  if (person.topWorks.length) {
    out.push('#### Most cited', '');
    for (const w of person.topWorks) out.push(`- ${workLine(w)}`);
    out.push('');
  }
  out.push('#### Warm paths', '');
  const { direct, viaCoauthor } = person.warmPaths;
  if (direct.length === 0 && viaCoauthor.length === 0) out.push('None of your contacts has written with them yet.');
  for (const d of direct) out.push(`- ${esc(d.fullName)} wrote with them: ${d.sharedWorks.map((w) => `*${esc(w.title)}*${w.year ? ` (${w.year})` : ''}`).join('; ')}`);
  for (const v of viaCoauthor) out.push(`- ${esc(v.fullName)}, through ${esc(v.through.name)}${v.through.personId ? ' (a contact)' : ''}`);
  out.push('');
  return out;
}

/** A work as one line: its title, year, venue, citations, the author position, and links to every source record. */
function workLine(w: BriefingWork): string {
  const bits = [w.year ? String(w.year) : null, w.venue ? esc(w.venue) : null, w.citationCount !== null ? `${w.citationCount} citations` : null, w.position || null].filter(Boolean);
  return `*${esc(w.title)}*${bits.length ? ` (${bits.join(', ')})` : ''} ${sourceRefs(w.sources)}`.trim();
}

function sourceRefs(sources: SourceLink[]): string {
  return sources.map((s) => `[${sourceDisplayName(s.source)}](${url(s.url)})`).join(' ');
}

function link(text: string, href: string): string {
  return `[${esc(text)}](${url(href)})`;
}

/** Parentheses and spaces would end a Markdown link destination. */
function url(href: string): string {
  return href.replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** Escapes what CommonMark would read as markup (and `<`, so no HTML passes through). */
export function esc(text: string): string {
  const inline = text.replace(/\r?\n/g, ' ').replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
  // What starts a block (a heading, a list, a quote) only matters at the start of a line.
  return inline.replace(/^(\s*)([#+\-=])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}

function quote(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => `> ${esc(line)}`)
    .join('\n');
}

function outcomeLabel(outcome: string): string {
  return outcome === 'pending' ? 'outcome not recorded' : outcome;
}

/** A calendar date (yyyy-mm-dd) as "2 Sep 2026", with no time zone shift. */
function formatDay(day: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${day}T00:00:00Z`));
}

function stageLabel(type: string): string {
  return type.replace(/_/g, ' ');
}

function formatDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso));
}

/** "Tue, 8 Dec 2026, 14:00–15:00 GMT+1 (Europe/Paris)". */
function formatRange(startIso: string, minutes: number, timeZone: string): string {
  const start = new Date(startIso);
  const end = new Date(start.getTime() + minutes * 60_000);
  const day = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(start);
  const time = (d: Date, zone: boolean) => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', ...(zone ? { timeZoneName: 'short' } : {}) }).format(d);
  // The zone's abbreviation can be its whole name (UTC): then it is not repeated.
  const shown = time(end, true);
  return `${day}, ${time(start, false)}–${shown}${shown.endsWith(` ${timeZone}`) ? '' : ` (${timeZone})`}`;
}
