import { Link } from 'react-router';
import { formatDate } from '@/lib/format';
import { useWaitingReferrals, type Referral } from '../api/today';
import { TodayListSection, TodayRow } from './today-section';

/** Who the referral waits on at each step, and what they are to do. */
function waitingOn(referral: Referral): string {
  const recruiter = referral.recruiter?.fullName ?? 'the recruiter';
  switch (referral.status) {
    case 'discussed':
      return `waiting on ${referral.referrer.fullName} to offer`;
    case 'offered':
      return `waiting on ${referral.referrer.fullName} to submit it`;
    case 'submitted':
      return `submitted; waiting on ${recruiter} to reach out`;
    default:
      return `waiting on ${recruiter} to acknowledge`;
  }
}

const since = (r: Referral): string => r.statusDates[r.status] ?? r.updatedAt.slice(0, 10);

/** Referrals not yet answered, longest waiting first. */
export function ReferralsSection() {
  const query = useWaitingReferrals();
  return (
    <TodayListSection
      title="Referrals waiting"
      query={{ ...query, data: query.isPending ? undefined : query.items }}
      items={(items) => [...items].sort((a, b) => since(a).localeCompare(since(b)))}
      empty="No referral is waiting on anyone."
      footer={query.more && <p className="muted small">More are waiting than shown here.</p>}
    >
      {(referral) => (
        <TodayRow
          key={referral.id}
          title={
            <>
              <strong>{referral.referrer.fullName}</strong> for{' '}
              <Link to={`/applications/${referral.application.id}`}>
                {referral.application.role} at {referral.application.organization.name}
              </Link>
            </>
          }
          meta={`${waitingOn(referral)} · since ${formatDate(since(referral))}`}
        />
      )}
    </TodayListSection>
  );
}
