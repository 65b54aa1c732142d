import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

/** What a control needs to be labelled and described by its FieldControl. */
export interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/**
 * A label, a hint and the API's problem for the field under any control (an input, a select, a
 * textarea), wired to it for screen readers: `children` renders the control with the props given.
 */
export function FieldControl({ label, error, hint, children }: { label: string; error?: string; hint?: string; children: (props: ControlProps) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy(id, hint, error) })}
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

/** The ids a field's hint and problem get under `id`, for the control's (or fieldset's) aria-describedby. */
export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** A field's hint and the API's problem with it, under the control (or a group of them). */
export function FieldNotes({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="muted small">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </>
  );
}

/** A labelled input with the API's problem for this field shown under it (and announced). */
export function Field({ label, error, hint, ...input }: InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: string }) {
  return (
    <FieldControl label={label} error={error} hint={hint}>
      {(props) => <input {...props} {...input} />}
    </FieldControl>
  );
}

/** A form's submit button (saying so while the request runs) and its Cancel, for the caller to lay out. */
export function SubmitAndCancel({ label, pendingLabel, pending, onCancel }: { label: string; pendingLabel: string; pending: boolean; onCancel: () => void }) {
  return (
    <>
      <button type="submit" disabled={pending}>
        {pending ? pendingLabel : label}
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        Cancel
      </button>
    </>
  );
}
