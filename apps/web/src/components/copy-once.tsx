import { useId, useState, type ReactNode } from 'react';

/**
 * A value the API shows only once (a token, recovery codes, a feed URL, an invitation link): shown to
 * select, with a Copy button that says whether the browser copied it, and "Done, hide it". As text by
 * default; `field` shows it in a read-only field labelled `label` (a link to send), with `note` under it.
 */
export function CopyOnce({ label, value, onDone, field, note, copyLabel = 'Copy' }: { label: string; value: string; onDone: () => void; field?: boolean; note?: ReactNode; copyLabel?: string }) {
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  const copy = () =>
    navigator.clipboard.writeText(value).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  return (
    <div className="notice stack" role="region" aria-label={label}>
      {field ? (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <input id={id} readOnly value={value} onFocus={(e) => e.target.select()} aria-describedby={note ? `${id}-note` : undefined} />
          {note && (
            <p id={`${id}-note`} className="small">
              {note}
            </p>
          )}
        </div>
      ) : (
        <>
          <p>
            <strong>{label}.</strong> {note ?? "Copy it now: you won't see it again."}
          </p>
          <code className="secret" data-testid="secret">
            {value}
          </code>
        </>
      )}
      <div className="actions">
        <button type="button" onClick={() => void copy()}>
          {copyLabel}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Done, hide it
        </button>
        <span className="muted small" aria-live="polite">
          {copied === 'yes' ? 'Copied.' : copied === 'failed' ? `The browser refused to copy: select the ${field ? 'link' : 'text'} and copy it by hand.` : ''}
        </span>
      </div>
    </div>
  );
}
