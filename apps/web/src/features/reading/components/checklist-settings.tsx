import { useState, type FormEvent } from 'react';
import { Field } from '@/components/field';
import { ErrorMessage } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { formatDateTime } from '@/lib/format';
import { useSaveChecklistSettings, type ChecklistTarget, type PersonChecklist } from '../api/reading';

type Weights = PersonChecklist['settings']['weights'];
const WEIGHTS: { key: keyof Weights; label: string; hint: string }[] = [
  { key: 'citations', label: 'Citations', hint: 'Citations per year, against their own best paper' },
  { key: 'authorship', label: 'Authorship', hint: 'First or sole author counts most, then last' },
  { key: 'recency', label: 'Recency', hint: 'Halves every 3 years' },
  { key: 'relevance', label: 'Relevance', hint: "The application's topics in the title, venue or abstract" },
];

/** How the checklist is ranked: how many works, and what weighs most. */
export function ChecklistSettingsForm({ target, settings, perInterviewer }: { target: ChecklistTarget; settings: PersonChecklist['settings']; perInterviewer: boolean }) {
  const save = useSaveChecklistSettings(target);
  const [size, setSize] = useState(String(settings.size));
  const [weights, setWeights] = useState<Record<keyof Weights, string>>({
    citations: String(settings.weights.citations),
    authorship: String(settings.weights.authorship),
    recency: String(settings.weights.recency),
    relevance: String(settings.weights.relevance),
  });
  const error = asApiError(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      size: Number(size),
      weights: { citations: Number(weights.citations), authorship: Number(weights.authorship), recency: Number(weights.recency), relevance: Number(weights.relevance) },
    });
  };
  const weightProblem = (key: keyof Weights) => error?.fieldProblem(`weights.${key}`);
  const shown = ['size', ...WEIGHTS.map((w) => `weights.${w.key}`)];
  const otherProblem = error && !shown.some((f) => error.fieldProblem(f));
  return (
    <details className="checklist-settings">
      <summary>Checklist settings</summary>
      <form className="stack" onSubmit={submit} noValidate aria-label="Checklist settings">
        <p className="muted small">{settings.updatedAt ? `Changed ${formatDateTime(settings.updatedAt)}.` : 'The defaults apply.'}</p>
        <div className="inline-form">
          <Field label={perInterviewer ? 'Works per interviewer' : 'Works on the list'} type="number" inputMode="numeric" min={1} max={100} value={size} onChange={(e) => setSize(e.target.value)} error={error?.fieldProblem('size')} />
          {WEIGHTS.map((w) => (
            <Field key={w.key} label={`Weight of ${w.label.toLowerCase()}`} hint={w.hint} type="number" inputMode="decimal" min={0} step="any" value={weights[w.key]} onChange={(e) => setWeights({ ...weights, [w.key]: e.target.value })} error={weightProblem(w.key)} />
          ))}
        </div>
        <div className="row-end">
          {save.isSuccess && (
            <p role="status" className="small">
              Settings saved.
            </p>
          )}
          <button type="submit" className="secondary" disabled={save.isPending}>
            Save settings
          </button>
        </div>
        {otherProblem && <ErrorMessage error={error} />}
      </form>
    </details>
  );
}
