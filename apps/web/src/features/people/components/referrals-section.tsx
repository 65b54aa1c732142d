import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Field, FieldControl } from '@/components/field';
import { Empty, ErrorMessage, QueryStates } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { formatDate } from '@/lib/format';
import { useApplications, useCreateReferral, useReferrals, useUpdateReferral, type PersonDetail, type Referral, type ReferralStatus } from '../api/people';
import { REFERRAL_ACTION, REFERRAL_LABEL } from './labels';

/** Where a new ask starts: asked (discussed), or already offered or given. */
const STARTS: ReferralStatus[] = ['discussed', 'offered', 'submitted'];

/**
 * What the user asked of this person and the referrals they offered, gave or received as the
 * recruiter: each with its path of statuses, moved forward (or declined) as the API allows.
 */
export function ReferralsSection({ person }: { person: PersonDetail }) {
  const referrals = useReferrals(person.id);
  const update = useUpdateReferral(person.id);
  return (
    <section className="card" aria-labelledby="referrals-heading">
      <h2 id="referrals-heading">Asks and referrals</h2>
      <p className="muted small">
        {person.asks.count === 0
          ? 'You have not asked them for anything yet.'
          : `You have asked them ${person.asks.count === 1 ? 'once' : `${person.asks.count} times`}${person.asks.lastAskedAt ? `, last on ${formatDate(person.asks.lastAskedAt)}` : ''}.`}
      </p>
      <QueryStates query={referrals} isEmpty={(data) => data.items.length === 0} empty="No referral yet: record an ask below when you ask them to refer you.">
        {(data) => (
          <ul className="list" aria-label="Referrals">
            {data.items.map((r) => (
              <ReferralRow key={r.id} referral={r} personId={person.id} onMove={(status) => update.mutate({ id: r.id, body: { status } })} busy={update.isPending} />
            ))}
          </ul>
        )}
      </QueryStates>
      {update.isError && <ErrorMessage error={update.error} />}
      <AskForm person={person} />
    </section>
  );
}

function ReferralRow({ referral: r, personId, onMove, busy }: { referral: Referral; personId: string; onMove: (status: ReferralStatus) => void; busy: boolean }) {
  const what = `${r.application.role} at ${r.application.organization.name}${r.application.team ? ` (${r.application.team.name})` : ''}`;
  const recruiterHere = r.recruiter?.id === personId && r.referrer.id !== personId;
  return (
    <li className="row people-referral">
      <div>
        <p>
          <Link to={`/applications/${r.application.id}`}>{what}</Link> <span className={`tag referral-${r.status}`}>{REFERRAL_LABEL[r.status]}</span>
        </p>
        <p className="muted small">
          {recruiterHere ? `Referred by ${r.referrer.fullName}, with them as the recruiter` : r.recruiter ? `Recruiter: ${r.recruiter.fullName}` : 'No recruiter named'}
        </p>
        <ol className="referral-path small" aria-label={`Path of the referral for ${what}`}>
          {r.path.map((step) => (
            <li key={step.status} className={step.reached ? 'reached' : 'muted'}>
              {REFERRAL_LABEL[step.status]}
              {step.on ? ` ${formatDate(step.on)}` : ''}
            </li>
          ))}
        </ol>
        {r.notes && <p className="small prewrap">{r.notes}</p>}
      </div>
      {r.allowedNext.length > 0 && (
        <div className="row-end">
          {r.allowedNext.map((status) => (
            <button key={status} type="button" className="secondary" disabled={busy} onClick={() => onMove(status)} aria-label={`${REFERRAL_ACTION[status]}: ${what}`}>
              {REFERRAL_ACTION[status]}
            </button>
          ))}
        </div>
      )}
    </li>
  );
}

function AskForm({ person }: { person: PersonDetail }) {
  const [open, setOpen] = useState(false);
  const applications = useApplications(open);
  const create = useCreateReferral(person.id);
  const [applicationId, setApplicationId] = useState('');
  const [status, setStatus] = useState<ReferralStatus>('discussed');
  const [notes, setNotes] = useState('');
  const error = asApiError(create.error);
  if (!open)
    return (
      <div className="people-actions">
        <button type="button" onClick={() => setOpen(true)}>
          Ask for a referral
        </button>
        {create.isSuccess && (
          <p className="notice" role="status">
            Ask recorded.
          </p>
        )}
      </div>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { applicationId, referrerId: person.id, status, ...(notes.trim() ? { notes } : {}) },
      {
        onSuccess: () => {
          setOpen(false);
          setNotes('');
          setApplicationId('');
        },
      },
    );
  };
  const items = applications.data?.items ?? [];
  return (
    <form className="stack people-ask" onSubmit={submit} noValidate aria-label="Ask for a referral">
      <h3>Ask {person.fullName} for a referral</h3>
      {applications.isError && <ErrorMessage error={applications.error} retry={() => void applications.refetch()} />}
      {applications.isSuccess && items.length === 0 ? (
        <Empty>
          A referral is for an application: <Link to="/pipeline">add one in the pipeline</Link> first.
        </Empty>
      ) : (
        <div className="inline-form">
          <FieldControl label="For the application" error={error?.fieldProblem('applicationId')}>
            {(props) => (
              <select {...props} value={applicationId} onChange={(e) => setApplicationId(e.target.value)}>
                <option value="">{applications.isPending ? 'Loading…' : 'Choose an application'}</option>
                {items.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.role} at {a.organization.name}
                    {a.team ? ` (${a.team.name})` : ''}
                    {a.status !== 'active' ? ` · ${a.status}` : ''}
                  </option>
                ))}
              </select>
            )}
          </FieldControl>
          <FieldControl label="Where it stands" error={error?.fieldProblem('status')}>
            {(props) => (
              <select {...props} value={status} onChange={(e) => setStatus(e.target.value as ReferralStatus)}>
                {STARTS.map((s) => (
                  <option key={s} value={s}>
                    {REFERRAL_LABEL[s]}
                  </option>
                ))}
              </select>
            )}
          </FieldControl>
          <Field label="Notes" value={notes} onChange={(e) => setNotes(e.target.value)} placeholder="e.g. Asked over coffee after the workshop" />
        </div>
      )}
      {error && !error.fieldProblem('applicationId') && !error.fieldProblem('status') && <ErrorMessage error={error} />}
      <div className="row-end people-actions">
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
        <button type="submit" disabled={create.isPending || items.length === 0}>
          {create.isPending ? 'Recording…' : 'Record the ask'}
        </button>
      </div>
    </form>
  );
}
