import { useState } from 'react';
import { FieldControl } from '@/components/field';
import { Pager } from '@/components/pager';
import { QueryStates } from '@/components/status';
import { readingUrl, WorkTitle } from '@/components/work-title';
import { usePersonWorks, type AuthorPositionFilter, type PersonWork, type PersonWorkSort, type WorksFilter } from '../api/scholarly';
import { HeldWorks } from './held-works';
import { sourceName } from './labels';

const SORTS: { value: PersonWorkSort; label: string }[] = [
  { value: 'year', label: 'Newest first' },
  { value: 'citations', label: 'Most cited first' },
  { value: 'position', label: 'First author first' },
];
const POSITIONS: { value: AuthorPositionFilter; label: string }[] = [
  { value: 'any', label: 'Any position' },
  { value: 'first', label: 'First author' },
  { value: 'last', label: 'Last author' },
];

const ordinal = (n: number): string => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
};

/** The person's place among the authors, as a researcher says it. */
function authorPosition({ position, authorCount, first, last }: PersonWork['authorship']): string {
  if (authorCount === 1) return 'sole author';
  if (first) return `first of ${authorCount} authors`;
  if (last) return `last of ${authorCount} authors`;
  return `${ordinal(position)} of ${authorCount} authors`;
}

/** `onChanged`: the person's works changed here (a held work accepted or rejected): what else is built on them reads them again. */
export function WorksSection({ personId, onChanged }: { personId: string; onChanged?: () => void }) {
  const [filter, setFilter] = useState<WorksFilter>({ sort: 'year', position: 'any', offset: 0 });
  const works = usePersonWorks(personId, filter);
  return (
    <section className="card scholarly" aria-labelledby="works-heading">
      <h2 id="works-heading">Works{works.data ? ` (${works.data.total})` : ''}</h2>
      <div className="filters">
        <Choice label="Order" value={filter.sort} options={SORTS} onChange={(sort) => setFilter({ ...filter, sort, offset: 0 })} />
        <Choice label="Their position" value={filter.position} options={POSITIONS} onChange={(position) => setFilter({ ...filter, position, offset: 0 })} />
      </div>
      <HeldWorks personId={personId} onDecided={onChanged} />
      <QueryStates query={works} isEmpty={(data) => data.items.length === 0} empty={filter.position === 'any' ? 'No works yet: link their identities and sync.' : 'No work in that position.'}>
        {(data) => (
          <>
            <ol className="list works" aria-label="Their works" aria-busy={works.isFetching}>
              {data.items.map((work) => (
                <WorkRow key={work.id} work={work} />
              ))}
            </ol>
            <Pager total={data.total} limit={data.limit} offset={data.offset} onOffset={(offset) => setFilter({ ...filter, offset })} />
          </>
        )}
      </QueryStates>
    </section>
  );
}

function Choice<T extends string>({ label, value, options, onChange }: { label: string; value: T; options: { value: T; label: string }[]; onChange: (value: T) => void }) {
  return (
    <FieldControl label={label}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value as T)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldControl>
  );
}

function WorkRow({ work }: { work: PersonWork }) {
  return (
    <li className="row">
      <div>
        <WorkTitle title={work.title} url={readingUrl(work.links, work.openAccessUrl, work.records)} />
        <p className="muted small">{[work.year, work.venue, authorPosition(work.authorship)].filter(Boolean).join(' · ')}</p>
        <p className="small work-sources">
          <span className="visually-hidden">Sources: </span>
          {work.records.map((r) => (
            <a key={`${r.source}:${r.sourceId}`} className="tag" href={r.sourceUrl} target="_blank" rel="noopener noreferrer">
              {sourceName(r.source)}
            </a>
          ))}
        </p>
      </div>
      <div className="row-end work-citations">
        <p>
          <strong>{work.citationCount ?? '—'}</strong> <span className="muted small">{work.citationCount === 1 ? 'citation' : 'citations'}</span>
        </p>
      </div>
    </li>
  );
}
