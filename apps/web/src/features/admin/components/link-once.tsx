import { useId, useState } from 'react';

/** A link the API returns once (only its hash is kept): in a read-only field to select, with a Copy button. */
export function LinkOnce({ label, url, onDone }: { label: string; url: string; onDone: () => void }) {
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  const copy = () =>
    navigator.clipboard.writeText(url).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  return (
    <div className="notice stack" role="region" aria-label={label}>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input id={id} readOnly value={url} onFocus={(e) => e.target.select()} aria-describedby={`${id}-once`} />
        <p id={`${id}-once`} className="small">
          Copy it now and send it: it is not shown again. It works once, until it expires.
        </p>
      </div>
      <div className="admin-actions">
        <button type="button" onClick={() => void copy()}>
          Copy the link
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Done, hide it
        </button>
        <span className="muted small" aria-live="polite">
          {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'The browser refused to copy: select the link and copy it by hand.' : ''}
        </span>
      </div>
    </div>
  );
}
