import { formatConversion, formatDays, type FunnelRow } from './funnel-figures';

/**
 * The funnel drawn with plain SVG, one bar per row, labels and figures in HTML beside it (so they
 * stay readable at any width). The charts are pictures of the table that follows them: hidden from
 * screen readers, which read the table instead.
 */
export function ReachedChart({ rows, caption }: { rows: FunnelRow[]; caption: string }) {
  const max = Math.max(1, ...rows.map((r) => r.reached));
  return (
    <figure className="funnel-figure">
      <figcaption>{caption}</figcaption>
      <Legend />
      <div className="funnel-bars" aria-hidden="true">
        {rows.map((row) => {
          const left = Math.max(0, row.reached - row.passed - row.failed - row.current);
          const parts = [
            { kind: 'passed', n: row.passed },
            { kind: 'failed', n: row.failed },
            { kind: 'current', n: row.current },
            { kind: 'left', n: left },
          ];
          let x = 0;
          return (
            <div key={row.key} className="funnel-bar-row" data-row={row.label}>
              <span className="funnel-bar-label">{row.label}</span>
              <svg className="funnel-bar" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
                <rect className="funnel-track" x="0" y="0" width="100" height="10" />
                {parts.map((part) => {
                  const width = (part.n / max) * 100;
                  const rect = width > 0 ? <rect key={part.kind} className={`funnel-${part.kind}`} x={x} y="0" width={width} height="10" /> : null;
                  x += width;
                  return rect;
                })}
              </svg>
              <span className="funnel-bar-value">
                {row.reached} reached{row.conversion === null ? '' : ` · ${formatConversion(row.conversion)} passed`}
              </span>
            </div>
          );
        })}
      </div>
    </figure>
  );
}

export function MedianChart({ rows, caption }: { rows: FunnelRow[]; caption: string }) {
  const max = Math.max(1, ...rows.map((r) => r.medianDays ?? 0));
  return (
    <figure className="funnel-figure">
      <figcaption>{caption}</figcaption>
      <div className="funnel-bars" aria-hidden="true">
        {rows.map((row) => (
          <div key={row.key} className="funnel-bar-row">
            <span className="funnel-bar-label">{row.label}</span>
            <svg className="funnel-bar" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
              <rect className="funnel-track" x="0" y="0" width="100" height="10" />
              {row.medianDays !== null && row.medianDays > 0 && <rect className="funnel-days" x="0" y="0" width={(row.medianDays / max) * 100} height="10" />}
            </svg>
            <span className="funnel-bar-value">{formatDays(row.medianDays)}</span>
          </div>
        ))}
      </div>
    </figure>
  );
}

function Legend() {
  const items = [
    ['passed', 'passed'],
    ['failed', 'failed'],
    ['current', 'in it now'],
    ['left', 'left without a verdict (e.g. withdrawn)'],
  ];
  return (
    <ul className="funnel-legend" aria-hidden="true">
      {items.map(([kind, label]) => (
        <li key={kind}>
          <svg viewBox="0 0 10 10" className="funnel-swatch" focusable="false">
            <rect className={`funnel-${kind}`} x="0" y="0" width="10" height="10" />
          </svg>
          {label}
        </li>
      ))}
    </ul>
  );
}
