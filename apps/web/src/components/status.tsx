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
