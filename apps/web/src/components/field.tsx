import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldText {
  label: string;
  error?: string;
  hint?: string;
}

/** The label, the control, its hint and the API's problem for this field under it (and announced). */
function FieldShell({ label, error, hint, control }: FieldText & { control: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode }) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
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
    </div>
  );
}

/** A labelled input with the API's problem for this field shown under it (and announced). */
export function Field({ label, error, hint, ...input }: InputHTMLAttributes<HTMLInputElement> & FieldText) {
  return <FieldShell label={label} error={error} hint={hint} control={(a11y) => <input {...a11y} {...input} />} />;
}

/** A labelled select, the same way. */
export function SelectField({ label, error, hint, ...select }: SelectHTMLAttributes<HTMLSelectElement> & FieldText) {
  return <FieldShell label={label} error={error} hint={hint} control={(a11y) => <select {...a11y} {...select} />} />;
}

/** A labelled text area, the same way. */
export function TextAreaField({ label, error, hint, ...textarea }: TextareaHTMLAttributes<HTMLTextAreaElement> & FieldText) {
  return <FieldShell label={label} error={error} hint={hint} control={(a11y) => <textarea {...a11y} {...textarea} />} />;
}
