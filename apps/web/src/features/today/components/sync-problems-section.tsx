import { Link } from 'react-router';
import type { components } from '@/lib/api/schema';
import { formatDateTime } from '@/lib/format';
import { useSyncProblems } from '../api/today';
import { TodayListSection, TodayRow } from './today-section';

const SOURCES: Record<components['schemas']['ScholarlySource'], string> = {
  openalex: 'OpenAlex',
  semanticscholar: 'Semantic Scholar',
  dblp: 'DBLP',
  orcid: 'ORCID',
  arxiv: 'arXiv',
  crossref: 'Crossref',
};

const KINDS: Record<components['schemas']['SyncProblemKind'], string> = {
  broken: 'Identity broken',
  busy: 'Source busy',
  failed: 'Sync failed',
};

/** Publication sync that needs the user: a broken identity, a source that keeps refusing, a run that gave up. */
export function SyncProblemsSection() {
  const query = useSyncProblems();
  return (
    <TodayListSection title="Sync problems" query={query} items={(d) => d.items} empty="Publication sync is running fine.">
      {(problem) => (
        <TodayRow
          key={problem.identityId}
          title={
            <>
              <span className={`tag${problem.kind === 'busy' ? '' : ' today-problem'}`}>{KINDS[problem.kind]}</span>
              <Link to={`/people/${problem.person.id}`}>{problem.person.fullName}</Link> · {SOURCES[problem.source]} {problem.sourceAuthorId}
            </>
          }
          meta={
            <>
              {problem.kind === 'busy' ? 'retrying since ' : ''}
              {formatDateTime(problem.at)}
              {problem.message ? ` · ${problem.message}` : ''}
            </>
          }
        />
      )}
    </TodayListSection>
  );
}
