import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorMessage, Loading } from '@/components/status';
import type { components } from '@/lib/api/schema';
import { formatDate, formatDateTime, formatInZone } from '@/lib/format';
import { useBriefing, type BriefingContent } from '../api/briefings';

type Schemas = components['schemas'];
type Work = Schemas['BriefingWorkDto'];
type Interviewer = Schemas['BriefingInterviewerDto'];

/** http(s) links only: a URL from a source is data, never a script. */
const safe = (url: string) => (/^https?:\/\//i.test(url) ? url : undefined);
const joined = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' · ');

/**
 * One briefing version read in the app: its structured content (GET /briefings/:id) rendered as
 * React, so every piece of user or source text is text, never markup.
 */
export function BriefingView({ id, onClose }: { id: string; onClose: () => void }) {
  const briefing = useBriefing(id);
  return (
    <section className="card" aria-labelledby="briefing-heading">
      <div className="interviews-heading">
        <h2 id="briefing-heading">{briefing.data ? `Briefing, version ${briefing.data.version}` : 'Briefing'}</h2>
        <button type="button" className="secondary" onClick={onClose}>
          Close the briefing
        </button>
      </div>
      {briefing.isPending ? (
        <Loading />
      ) : briefing.isError ? (
        <ErrorMessage error={briefing.error} retry={() => void briefing.refetch()} />
      ) : briefing.data.content === null ? (
        briefing.data.status === 'failed' ? <ErrorMessage error={new Error(briefing.data.error ?? 'This version could not be written')} /> : <Loading label="Being written…" />
      ) : (
        <>
          {briefing.data.changes.length > 0 && (
            <div className="notice small">
              <p>Changed since the version before:</p>
              <ul>
                {briefing.data.changes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </div>
          )}
          <BriefingDocument content={briefing.data.content} />
        </>
      )}
    </section>
  );
}

function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`briefing-${id}`}>
      <h3 id={`briefing-${id}`}>{title}</h3>
      {children}
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** A list of plain strings, with its heading when it has any. */
function Bullets({ label, items, listLabel }: { label?: string; items: string[]; listLabel?: string }) {
  if (items.length === 0) return null;
  return (
    <>
      {label && <h4>{label}</h4>}
      <ul aria-label={listLabel}>
        {items.map((x) => (
          <li key={x}>{x}</li>
        ))}
      </ul>
    </>
  );
}

function BriefingDocument({ content: c }: { content: BriefingContent }) {
  const i = c.interview;
  const there = formatInZone(i.startsAt, i.timeZone);
  return (
    <div className="briefing-doc">
      <p className="muted small">Written {formatDateTime(c.generatedAt)}</p>
      <Part id="interview" title="The interview">
        <dl className="facts">
          <Fact label="When">
            {formatDateTime(i.startsAt)}
            {there ? ` (${there})` : ''}, {i.durationMinutes} minutes
          </Fact>
          <Fact label="Stage">
            {i.stage.name}, stage {i.stage.position} of {i.stage.of}
          </Fact>
          <Fact label="Format">{i.format}</Fact>
          {i.meetingUrl && (
            <Fact label="Link">
              <a href={safe(i.meetingUrl)} rel="noopener noreferrer" target="_blank">
                {i.meetingUrl}
              </a>
            </Fact>
          )}
          {i.location && <Fact label="Location">{i.location}</Fact>}
        </dl>
        {i.prepNotes && <blockquote>{i.prepNotes}</blockquote>}
      </Part>

      <Part id="interviewers" title="Interviewers">
        {c.interviewers.length === 0 ? <p className="muted">No interviewer named.</p> : c.interviewers.map((p) => <InterviewerBrief key={p.id} person={p} />)}
      </Part>

      <Part id="reading" title="Reading checklist">
        {!c.reading || c.reading.items.length === 0 ? (
          <p className="muted">Nothing to read yet: the interviewers have no works synced.</p>
        ) : (
          <>
            <p>
              Read {c.reading.coverage.read} of {c.reading.coverage.total}
              {c.reading.perInterviewer.length > 1 && ` (${c.reading.perInterviewer.map((p) => `${p.fullName}: ${p.read}/${p.total}`).join(', ')})`}
            </p>
            <ol>
              {c.reading.items.map((item) => (
                <li key={item.work.id}>
                  <WorkLine work={item.work} /> <span className="tag">{item.status}</span>
                  <span className="muted small"> · {item.interviewers.map((p) => p.fullName).join(', ')}</span>
                  {item.reasons.length > 0 && <p className="muted small">{item.reasons.join('; ')}</p>}
                  {item.summary && <blockquote>{item.summary}</blockquote>}
                  {item.notes && <blockquote>{item.notes}</blockquote>}
                  <Bullets items={item.questions} listLabel="Questions to ask" />
                </li>
              ))}
            </ol>
          </>
        )}
      </Part>

      <Part id="application" title="The application">
        <dl className="facts">
          <Fact label="Role">{joined(c.application.role, c.application.team)}</Fact>
          <Fact label="Status">{c.application.status}</Fact>
          {c.application.appliedOn && <Fact label="Applied">{formatDate(c.application.appliedOn)}</Fact>}
          {c.application.recruiter && (
            <Fact label="Recruiter">
              <Link to={`/people/${c.application.recruiter.id}`}>{c.application.recruiter.fullName}</Link>
            </Fact>
          )}
          {c.application.referral && (
            <Fact label="Referral">
              <Link to={`/people/${c.application.referral.referrer.id}`}>{c.application.referral.referrer.fullName}</Link> ({c.application.referral.status})
            </Fact>
          )}
        </dl>
        {c.application.notes && <blockquote>{c.application.notes}</blockquote>}
        {c.application.history.length > 0 && (
          <>
            <h4>History</h4>
            <ol>
              {c.application.history.map((m) => (
                <li key={`${m.at}-${m.move}-${m.toStage}`}>
                  {formatDate(m.at)}: {m.move}
                  {m.toStage ? ` → ${m.toStage}` : ''} ({m.toStatus}){m.note ? ` — ${m.note}` : ''}
                </li>
              ))}
            </ol>
          </>
        )}
        <p>
          <Link to={`/applications/${c.application.id}`}>Open the application</Link>
        </p>
      </Part>

      <Part id="prep" title={`Prep for the ${i.stage.name}`}>
        <Bullets label="Checklist" items={c.prep.checklist} />
        <Bullets label="Topics to revise" items={c.prep.topics} />
        {c.prep.tasks.length > 0 && (
          <>
            <h4>Tasks</h4>
            <ul>
              {c.prep.tasks.map((t) => (
                <li key={t.id}>
                  {t.done ? '✓ ' : ''}
                  {t.title}
                  {t.dueOn ? <span className="muted small"> · due {formatDate(t.dueOn)}</span> : null}
                </li>
              ))}
            </ul>
          </>
        )}
        {c.prep.checklist.length + c.prep.topics.length + c.prep.tasks.length === 0 && <p className="muted">No prep listed for this stage.</p>}
      </Part>

      {(c.retrospectives ?? []).length > 0 && (
        <Part id="retrospectives" title="Lessons from earlier stages">
          {c.retrospectives.map((r) => (
            <div key={r.id}>
              <h4>
                {r.stage.name} ({joined(r.application.role, r.application.organization, r.application.team)})
              </h4>
              {r.wentWell && <p>Went well: {r.wentWell}</p>}
              {r.wentBadly && <p>Went badly: {r.wentBadly}</p>}
              {r.doDifferently && <p>Do differently: {r.doDifferently}</p>}
            </div>
          ))}
        </Part>
      )}

      {c.resumeProjects.length > 0 && (
        <Part id="projects" title="Projects to be ready to discuss">
          {c.resumeProjects.map((p) => (
            <div key={p.id}>
              <h4>{p.title}</h4>
              {(p.role || p.technologies.length > 0) && <p className="muted small">{joined(p.role, p.technologies.join(', '))}</p>}
              {p.summary && <p>{p.summary}</p>}
              <Bullets items={p.talkingPoints} />
            </div>
          ))}
        </Part>
      )}

      {c.organization && (c.organization.researchNotes || c.organization.team?.researchNotes || c.organization.website) && (
        <Part id="organization" title={`Research notes: ${c.organization.name}`}>
          {c.organization.website && (
            <p>
              <a href={safe(c.organization.website)} rel="noopener noreferrer" target="_blank">
                {c.organization.website}
              </a>
            </p>
          )}
          {c.organization.researchNotes && <blockquote>{c.organization.researchNotes}</blockquote>}
          {c.organization.team?.researchNotes && (
            <>
              <h4>{c.organization.team.name}</h4>
              <blockquote>{c.organization.team.researchNotes}</blockquote>
            </>
          )}
        </Part>
      )}
    </div>
  );
}

function WorkLine({ work: w }: { work: Work }) {
  const link = w.sources.map((s) => safe(s.url)).find(Boolean);
  return (
    <>
      {link ? (
        <a href={link} rel="noopener noreferrer" target="_blank">
          {w.title}
        </a>
      ) : (
        w.title
      )}
      <span className="muted small"> {joined(w.venue, w.year ? String(w.year) : null, w.citationCount !== null ? `${w.citationCount} citations` : null, w.position ? `${w.position} author` : null)}</span>
    </>
  );
}

function Works({ label, works }: { label: string; works: Work[] }) {
  if (works.length === 0) return null;
  return (
    <>
      <h4>{label}</h4>
      <ul>
        {works.map((w) => (
          <li key={w.id}>
            <WorkLine work={w} />
          </li>
        ))}
      </ul>
    </>
  );
}

function InterviewerBrief({ person: p }: { person: Interviewer }) {
  return (
    <article className="interviews-interviewer" aria-labelledby={`brief-${p.id}`}>
      <h4 id={`brief-${p.id}`}>
        <Link to={`/people/${p.id}`}>{p.fullName}</Link>
      </h4>
      <p className="muted small">{joined(p.headline, p.role, p.organization, p.team) || '—'}</p>
      <dl className="facts">
        <Fact label="Works">
          {p.totals.works} ({p.totals.citations} citations; first author of {p.totals.firstAuthor}, last of {p.totals.lastAuthor})
        </Fact>
        {p.topics.length > 0 && <Fact label="Topics">{p.topics.map((t) => t.name).join(', ')}</Fact>}
        {p.affiliations.length > 0 && <Fact label="Affiliations">{p.affiliations.map((a) => `${a.name}${a.current ? ' (current)' : ''}`).join(', ')}</Fact>}
        {p.venues.length > 0 && <Fact label="Venues">{p.venues.map((v) => `${v.name} (${v.works})`).join(', ')}</Fact>}
        <Fact label="Last spoke">{p.lastSpokeAt ? formatDate(p.lastSpokeAt) : 'never'}</Fact>
        {p.links.length + p.identities.length > 0 && (
          <Fact label="Profiles">
            {[...p.links.map((l) => ({ name: l.kind, url: l.url })), ...p.identities.map((x) => ({ name: x.source, url: x.url }))].map((l) => (
              <a key={`${l.name}-${l.url}`} href={safe(l.url)} rel="noopener noreferrer" target="_blank">
                {l.name}
              </a>
            ))}
          </Fact>
        )}
      </dl>
      {(p.earlierMeetings ?? []).length > 0 && (
        <>
          <h4>Earlier meetings</h4>
          <ul>
            {p.earlierMeetings.map((m) => (
              <li key={m.interviewId}>
                <Link to={`/interviews/${m.interviewId}`}>
                  {m.stage.name}, {m.application.role} at {m.application.organization}
                </Link>{' '}
                <span className="muted small">
                  {formatDate(m.startsAt)} · {m.outcome}
                </span>
                {m.notes?.asked && <p>They asked: {m.notes.asked}</p>}
                {m.notes?.howItWent && <p>How it went: {m.notes.howItWent}</p>}
                {m.notes?.followUp && <p>Follow up: {m.notes.followUp}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
      {p.referredYou.length > 0 && (
        <>
          <h4>Referred you</h4>
          <ul>
            {p.referredYou.map((r) => (
              <li key={r.applicationId}>
                {joined(r.role, r.organization, r.team)} ({r.status}
                {r.on ? `, ${formatDate(r.on)}` : ''})
              </li>
            ))}
          </ul>
        </>
      )}
      {p.asks.length > 0 && (
        <>
          <h4>What you asked of them</h4>
          <ul>
            {p.asks.map((a) => (
              <li key={`${a.at}-${a.asked}`}>
                {formatDate(a.at)}: {a.asked}
              </li>
            ))}
          </ul>
        </>
      )}
      <Works label="Published since you last spoke" works={p.publishedSince} />
      <Works label="Most cited" works={p.topWorks} />
      {p.warmPaths.direct.length + p.warmPaths.viaCoauthor.length > 0 && (
        <>
          <h4>Warm paths</h4>
          <ul>
            {p.warmPaths.direct.map((w) => (
              <li key={w.personId}>
                <Link to={`/people/${w.personId}`}>{w.fullName}</Link> wrote with them: {w.sharedWorks.map((s) => s.title).join('; ')}
              </li>
            ))}
            {p.warmPaths.viaCoauthor.map((w) => (
              <li key={`${w.personId}-${w.through.name}`}>
                <Link to={`/people/${w.personId}`}>{w.fullName}</Link> through {w.through.name}
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
