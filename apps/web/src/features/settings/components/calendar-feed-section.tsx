import { useState } from 'react';
import { ErrorMessage, Loading } from '@/components/status';
import { formatDateTime } from '@/lib/format';
import { useFeed, useIssueFeed, useRevokeFeed } from '../api/settings';
import { CopyOnce } from '@/components/copy-once';

/** The private calendar feed of interviews and follow-ups (/calendar/feed): its URL is shown once, at creation or rotation. */
export function CalendarFeedSection() {
  const feed = useFeed();
  const issue = useIssueFeed();
  const revoke = useRevokeFeed();
  const [url, setUrl] = useState<string | undefined>();
  return (
    <section className="card" aria-labelledby="feed-heading">
      <h2 id="feed-heading">Calendar feed</h2>
      <p className="muted small">A private URL your calendar app subscribes to: your interviews and follow-ups. Anyone with the URL can read it.</p>
      {feed.isPending ? (
        <Loading />
      ) : feed.isError ? (
        <ErrorMessage error={feed.error} retry={() => void feed.refetch()} />
      ) : (
        <div className="stack">
          <p data-testid="feed-status">{feed.data.active ? `Active since ${feed.data.createdAt ? formatDateTime(feed.data.createdAt) : 'an unknown date'}.` : 'No feed: create one to subscribe from your calendar.'}</p>
          <div className="actions">
            <button type="button" disabled={issue.isPending} onClick={() => issue.mutate(undefined, { onSuccess: (issued) => setUrl(issued.url) })}>
              {feed.data.active ? 'Rotate the URL' : 'Create the feed'}
            </button>
            {feed.data.active && (
              <button type="button" className="secondary" disabled={revoke.isPending} onClick={() => revoke.mutate(undefined, { onSuccess: () => setUrl(undefined) })}>
                Revoke the feed
              </button>
            )}
          </div>
          {feed.data.active && <p className="muted small">Rotating gives a new URL; the old one stops working at once.</p>}
          {(issue.isError || revoke.isError) && <ErrorMessage error={issue.error ?? revoke.error} />}
          {url && <CopyOnce label="Your calendar feed URL" value={url} onDone={() => setUrl(undefined)} />}
        </div>
      )}
    </section>
  );
}
