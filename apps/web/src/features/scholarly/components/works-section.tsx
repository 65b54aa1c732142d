import { useState } from 'react';
import { Pager } from '@/components/pager';
import { Empty, ErrorMessage, Loading } from '@/components/status';
import { usePersonWorks, type AuthorPositionFilter, type PersonWork, type PersonWorkSort, type WorksFilter } from '../api/scholarly';
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
export function authorPosition({ position, authorCount, first, last }: PersonWork['authorship']): string {
  if (authorCount === 1) return 'sole author';
  if (first) return `first of ${authorCount} authors`;
  if (last) return `last of ${authorCount} authors`;
  return `${ordinal(position)} of ${authorCount} authors`;
}

/** Where to read the work: the published version, else the preprint, else an open copy, else a source's record. */
export function workUrl(work: Pick<PersonWork, 'links' | 'openAccessUrl' | 'records'>): string | undefined {
  return work.links.doi ?? work.links.arxiv ?? work.openAccessUrl ?? work.records[0]?.sourceUrl;
}

export function WorksSection({ personId }: { personId: string }) {
  const [filter, setFilter] = useState<WorksFilter>({ sort: 'year', position: 'any', offset: 0 });
  const works = usePersonWorks(personId, filter);
  return (
    <section className="card scholarly" aria-labelledby="works-heading">
      <h2 id="works-heading">Works{works.data ? ` (${works.data.total})` : ''}</h2>
      <div className="filters">
        <div className="field">
          <label htmlFor="works-sort">Order</label>
          <select id="works-sort" value={filter.sort} onChange={(e) => setFilter({ ...filter, sort: e.target.value as PersonWorkSort, offset: 0 })}>
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="works-position">Their position</label>
          <select id="works-position" value={filter.position} onChange={(e) => setFilter({ ...filter, position: e.target.value as AuthorPositionFilter, offset: 0 })}>
            {POSITIONS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {works.isPending ? (
        <Loading />
      ) : works.isError ? (
        <ErrorMessage error={works.error} retry={() => void works.refetch()} />
      ) : works.data.items.length === 0 ? (
        <Empty>{filter.position === 'any' ? 'No works yet: link their identities and sync.' : 'No work in that position.'}</Empty>
      ) : (
        <>
          <ol className="list works" aria-label="Their works" aria-busy={works.isFetching}>
            {works.data.items.map((work) => (
              <WorkRow key={work.id} work={work} />
            ))}
          </ol>
          <Pager total={works.data.total} limit={works.data.limit} offset={works.data.offset} onOffset={(offset) => setFilter({ ...filter, offset })} />
        </>
      )}
    </section>
  );
}

function WorkRow({ work }: { work: PersonWork }) {
  const url = workUrl(work);
  return (
    <li className="row">
      <div>
        <p className="work-title">
          {url ? (
            <a href={url} target="_blank" rel="noopener noreferrer">
              {work.title}
            </a>
          ) : (
            work.title
          )}
        </p>
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
