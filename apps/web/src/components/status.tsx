import type { ReactNode } from 'react';
import { ApiError } from '@/lib/api/errors';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="status" role="status">
      {label}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="status empty">{children}</p>;
}

/** The API's own message (and what to do), never a blank screen; the request id helps the server's admin. */
export function ErrorMessage({ error, retry }: { error: unknown; retry?: () => void }) {
  const message = error instanceof ApiError ? error.message : error instanceof Error ? error.message : 'Something went wrong';
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <div className="error" role="alert">
      <p>{message}</p>
      {requestId && <p className="muted small">Request {requestId}</p>}
      {retry && (
        <button type="button" className="secondary" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

interface QueryLike<T> {
  isPending: boolean;
  error: unknown;
  data?: T;
  refetch: () => unknown;
}

/** A query's loading, error (with a retry) and empty states; `children` renders the data once there is something to show. */
export function QueryStates<T>({ query, isEmpty, empty, children }: { query: QueryLike<T>; isEmpty: (data: T) => boolean; empty: ReactNode; children: (data: T) => ReactNode }) {
  if (query.error) return <ErrorMessage error={query.error} retry={() => void query.refetch()} />;
  if (query.isPending || query.data === undefined) return <Loading />;
  if (isEmpty(query.data)) return <Empty>{empty}</Empty>;
  return <>{children(query.data)}</>;
}
