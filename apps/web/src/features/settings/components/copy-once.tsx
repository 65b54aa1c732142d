import { useState } from 'react';

/** A secret the API shows only once: the value to select or copy, and a plain warning that it will not come back. */
export function CopyOnce({ label, value, onDone }: { label: string; value: string; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="notice stack" role="region" aria-label={label}>
      <p>
        <strong>{label}.</strong> Copy it now: you won't see it again.
      </p>
      <code className="settings-secret" data-testid="secret">
        {value}
      </code>
      <div className="settings-actions">
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Done, hide it
        </button>
        <span className="muted small" aria-live="polite">
          {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'The browser refused to copy: select the text and copy it by hand.' : ''}
        </span>
      </div>
    </div>
  );
}
