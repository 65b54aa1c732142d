import { currentTimeZone, formatDateTime, formatInZone } from '@/lib/format';

/**
 * When an interview is, in the user's time zone, and on the interview's own clock when that zone
 * is another (an interview arranged in London for someone living in Paris).
 */
export function InterviewWhen({ startsAt, timeZone, durationMinutes }: { startsAt: string; timeZone: string; durationMinutes?: number }) {
  const there = formatInZone(startsAt, timeZone);
  return (
    <span className="interview-when">
      <span>
        <time dateTime={startsAt}>{formatDateTime(startsAt)}</time> <span className="muted small">your time ({currentTimeZone()})</span>
        {durationMinutes !== undefined && <span className="muted small"> · {durationMinutes} min</span>}
      </span>
      {there && <span className="muted small">{there} (the interview&apos;s zone)</span>}
    </span>
  );
}

export const FORMAT_LABEL: Record<string, string> = { video: 'Video call', phone: 'Phone', onsite: 'On site' };
export const OUTCOME_LABEL: Record<string, string> = { pending: 'Pending', passed: 'Passed', failed: 'Failed', cancelled: 'Cancelled' };
