import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Field, FieldControl } from '@/components/field';
import { ErrorMessage } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import type { components } from '@/lib/api/schema';
import { useCreateApplication, useOrganizations, usePeopleSearch, useTemplates } from '../api/pipeline';
import { NamedOptions } from './options';

type Source = components['schemas']['ApplicationSource'];
type BuiltInKey = components['schemas']['BuiltInTemplateKey'];
type ReferralStatus = components['schemas']['ReferralStatus'];

const SOURCES: { value: Source; label: string }[] = [
  { value: 'direct', label: 'Applied directly' },
  { value: 'referral', label: 'Referral' },
  { value: 'recruiter_outreach', label: 'A recruiter reached out' },
  { value: 'other', label: 'Other' },
];
const REFERRAL_STATUSES: { value: ReferralStatus; label: string }[] = [
  { value: 'discussed', label: 'Discussed' },
  { value: 'offered', label: 'Offered' },
  { value: 'submitted', label: 'Submitted' },
  { value: 'recruiter_contacted', label: 'Recruiter contacted' },
  { value: 'acknowledged', label: 'Acknowledged' },
];
const BUILT_IN_KEYS: readonly string[] = ['default', 'research-engineer', 'reroute'] satisfies BuiltInKey[];

/**
 * A new application: organization and team from the user's own, the role, the loop it follows
 * (a built-in one such as the research-lab loop, or one of the user's templates), and optionally who
 * referred them. The API checks everything; its field problems show under their fields.
 */
export function CreateApplication() {
  const [open, setOpen] = useState(false);
  return (
    <section className="card" aria-labelledby="new-application-heading">
      <div className="pipeline-section-head">
        <h2 id="new-application-heading">New application</h2>
        <button type="button" className="secondary" aria-expanded={open} aria-controls={open ? 'new-application-form' : undefined} onClick={() => setOpen(!open)}>
          {open ? 'Close the form' : 'Create an application'}
        </button>
      </div>
      {open && <CreateApplicationForm />}
    </section>
  );
}

function CreateApplicationForm() {
  const organizations = useOrganizations();
  const templates = useTemplates();
  const create = useCreateApplication();
  const [organizationId, setOrganizationId] = useState('');
  const [teamId, setTeamId] = useState('');
  const [role, setRole] = useState('');
  const [loop, setLoop] = useState('built-in:research-engineer');
  const [source, setSource] = useState<Source>('direct');
  const [appliedOn, setAppliedOn] = useState('');
  const [referrerQuery, setReferrerQuery] = useState('');
  const [typedQuery, setTypedQuery] = useState('');
  const [referrerId, setReferrerId] = useState('');
  const [referralStatus, setReferralStatus] = useState<ReferralStatus>('offered');
  const people = usePeopleSearch(referrerQuery);
  const error = asApiError(create.error);
  const teams = organizations.data?.items.find((o) => o.id === organizationId)?.teams ?? [];

  // The referrer search follows typing, a moment after the last key.
  useEffect(() => {
    if (typedQuery === referrerQuery) return;
    const timer = setTimeout(() => setReferrerQuery(typedQuery), 250);
    return () => clearTimeout(timer);
  }, [typedQuery, referrerQuery]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const [kind, value] = loop.split(/:(.*)/s);
    const application: components['schemas']['CreateApplicationDto'] = {
      organizationId,
      teamId: teamId || null,
      role: role.trim(),
      source: referrerId && source === 'direct' ? 'referral' : source,
      ...(appliedOn ? { appliedOn } : {}),
      ...(kind === 'built-in' && BUILT_IN_KEYS.includes(value) ? { builtInTemplate: value as BuiltInKey } : {}),
      ...(kind === 'template' ? { templateId: value } : {}),
    };
    create.mutate(
      { application, referral: referrerId ? { referrerId, status: referralStatus } : undefined },
      {
        onSuccess: () => {
          setRole('');
          setAppliedOn('');
          setReferrerId('');
          setTypedQuery('');
          setReferrerQuery('');
        },
      },
    );
  };

  const noOrganization = organizations.data && organizations.data.items.length === 0;
  return (
    <form id="new-application-form" className="stack" onSubmit={submit} noValidate aria-label="New application">
      {organizations.isError && <ErrorMessage error={organizations.error} retry={() => void organizations.refetch()} />}
      {noOrganization && (
        <p className="notice">
          No organization yet: <Link to="/organizations">add the lab and its teams</Link> first.
        </p>
      )}
      <div className="inline-form">
        <FieldControl label="Organization" error={error?.fieldProblem('organizationId')}>
          {(props) => (
            <select
              {...props}
              value={organizationId}
              onChange={(e) => {
                setOrganizationId(e.target.value);
                setTeamId('');
              }}
            >
              <option value="">{organizations.isPending ? 'Loading…' : 'Choose an organization'}</option>
              <NamedOptions items={organizations.data?.items} />
            </select>
          )}
        </FieldControl>
        <FieldControl label="Team" error={error?.fieldProblem('teamId')} hint={organizationId && teams.length === 0 ? 'This organization has no team yet' : undefined}>
          {(props) => (
            <select {...props} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
              <option value="">No team</option>
              <NamedOptions items={teams} />
            </select>
          )}
        </FieldControl>
        <Field label="Role" value={role} onChange={(e) => setRole(e.target.value)} placeholder="e.g. Research Engineer" error={error?.fieldProblem('role')} />
        <FieldControl label="Loop" error={error?.fieldProblem('builtInTemplate') ?? error?.fieldProblem('templateId')}>
          {(props) => (
            <select {...props} value={loop} onChange={(e) => setLoop(e.target.value)}>
              <option value="">The organization’s latest loop, else the standard one</option>
              {templates.data?.builtIn.length ? (
                <optgroup label="Built-in loops">
                  {templates.data.builtIn.map((t) => (
                    <option key={t.key} value={`built-in:${t.key}`}>
                      {t.name} ({t.stages.length} stages)
                    </option>
                  ))}
                </optgroup>
              ) : (
                <option value="built-in:research-engineer">Research lab loop</option>
              )}
              {templates.data && templates.data.own.length > 0 && (
                <optgroup label="Your templates">
                  <NamedOptions items={templates.data.own} prefix="template:" label={(t) => `${t.name} (${t.stages.length} stages)`} />
                </optgroup>
              )}
            </select>
          )}
        </FieldControl>
        <FieldControl label="Source" error={error?.fieldProblem('source')}>
          {(props) => (
            <select {...props} value={source} onChange={(e) => setSource(e.target.value as Source)}>
              {SOURCES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </FieldControl>
        <Field label="Applied on" type="date" value={appliedOn} onChange={(e) => setAppliedOn(e.target.value)} hint="Default: today" error={error?.fieldProblem('appliedOn')} />
      </div>
      <fieldset>
        <legend>Referral (optional)</legend>
        <div className="inline-form">
          <Field label="Find the referrer" type="search" value={typedQuery} onChange={(e) => setTypedQuery(e.target.value)} placeholder="A name in your network" />
          <FieldControl label="Referred by" hint={referrerQuery && people.data?.items.length === 0 ? 'Nobody matches this name' : undefined}>
            {(props) => (
              <select {...props} value={referrerId} onChange={(e) => setReferrerId(e.target.value)}>
                <option value="">Nobody</option>
                {people.data?.items.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.fullName}
                    {p.organization ? ` (${p.organization.name})` : ''}
                  </option>
                ))}
              </select>
            )}
          </FieldControl>
          <FieldControl label="Referral status">
            {(props) => (
              <select {...props} value={referralStatus} onChange={(e) => setReferralStatus(e.target.value as ReferralStatus)}>
                {REFERRAL_STATUSES.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </select>
            )}
          </FieldControl>
        </div>
      </fieldset>
      <div className="row-end">
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create the application'}
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
      {create.isSuccess && (
        <div className="notice" role="status">
          <p>
            Created <Link to={`/applications/${create.data.created.id}`}>{create.data.created.role}, {create.data.created.organization.name}</Link>: now at “{create.data.created.currentStage?.name}”.
          </p>
          {create.data.referralError !== undefined && (
            <>
              <p>Its referral was not recorded:</p>
              <ErrorMessage error={create.data.referralError} />
            </>
          )}
        </div>
      )}
    </form>
  );
}
