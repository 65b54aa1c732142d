import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorMessage } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { useUpload, type UploadKind } from '../api/imports';

/**
 * One file chosen and uploaded as a form; the API's refusal shown as it said it (a file that is not
 * what it should be, too large, an account that is not empty), with the lines it names.
 */
export function FileForm({
  label,
  accept,
  hint,
  kindFor,
  submit,
  children,
  onStarted,
}: {
  label: string;
  accept: string;
  hint: ReactNode;
  /** The import route for the chosen file (or the kind the person picked). */
  kindFor: (file: File) => UploadKind;
  submit: string;
  children?: ReactNode;
  onStarted: (id: string) => void;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | undefined>();
  const upload = useUpload();
  const error = asApiError(upload.error);
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    upload.mutate(
      { kind: kindFor(file), file },
      {
        onSuccess: (run) => {
          setFile(undefined);
          if (input.current) input.current.value = '';
          onStarted(run.id);
        },
      },
    );
  };
  return (
    <form className="stack" onSubmit={send}>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          ref={input}
          id={id}
          type="file"
          className="imports-file"
          accept={accept}
          required
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            setFile(e.target.files?.[0]);
            upload.reset();
          }}
        />
        <p id={`${id}-hint`} className="muted small">
          {hint}
        </p>
      </div>
      {children}
      <div>
        <button type="submit" disabled={!file || upload.isPending}>
          {upload.isPending ? 'Uploading…' : submit}
        </button>
      </div>
      {upload.isError && (
        <div className="stack imports-refusal">
          <ErrorMessage error={upload.error} />
          {error && error.details.length > 0 && (
            <ul className="small" aria-label="What is wrong with the file">
              {error.details.map((d) => (
                <li key={`${d.field}:${d.problem}`}>
                  {d.field}: {d.problem}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
