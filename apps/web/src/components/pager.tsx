/** Previous/next over a server-side page ({ total, limit, offset }). */
export function Pager({ total, limit, offset, onOffset }: { total: number; limit: number; offset: number; onOffset: (offset: number) => void }) {
  if (total <= limit) return null;
  const from = offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="secondary" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        Previous
      </button>
      <span>
        {from}–{to} of {total}
      </span>
      <button type="button" className="secondary" disabled={to >= total} onClick={() => onOffset(offset + limit)}>
        Next
      </button>
    </nav>
  );
}
