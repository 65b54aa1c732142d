import type { components } from '@/lib/api/schema';

export type Readiness = components['schemas']['ReadinessResponse'];

/**
 * How ready the user is for one interview: the figure, then each part with its value, its share of
 * the figure, what it counts and the next step; the parts left out say why. `compact` (Today) keeps
 * the parts in a disclosure under the figure.
 */
export function ReadinessSummary({ readiness: r, compact = false }: { readiness: Readiness; compact?: boolean }) {
  const label = `Readiness for ${r.stage.name} at ${r.application.organization.name}`;
  const parts = (
    <>
      <ul className="readiness-parts" aria-label={`Parts of the readiness for ${r.stage.name}`}>
        {r.parts.map((p) => (
          <li key={p.key} className="readiness-part">
            <div className="readiness-part-head">
              <span>{p.label}</span>
              <span>
                <strong>{p.value}%</strong> <span className="muted small">· {p.share}% of the figure</span>
              </span>
            </div>
            <meter className="readiness-meter" min={0} max={100} value={p.value} aria-label={`${p.label}: ${p.value}%`} />
            <div className="small">{p.counts}</div>
            {p.nextStep && <div className="small">Next: {p.nextStep}</div>}
          </li>
        ))}
      </ul>
      <p className="muted small">{r.explanation}</p>
    </>
  );
  return (
    <div className="readiness" data-testid="readiness">
      <div className="readiness-figure">
        <meter className="readiness-meter" min={0} max={100} low={40} high={75} optimum={100} value={r.figure ?? 0} aria-label={label} />
        <span>
          Readiness <strong>{r.figure === null ? '–' : r.figure}</strong>
          {r.figure === null ? ' (nothing to measure yet)' : ' of 100'}
        </span>
      </div>
      {compact ? (
        <details>
          <summary>Its {r.parts.length} parts</summary>
          {parts}
        </details>
      ) : (
        parts
      )}
    </div>
  );
}
