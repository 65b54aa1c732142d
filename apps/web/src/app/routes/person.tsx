import { Link, useParams } from 'react-router';
import { PersonPage } from '@/features/people';
import { ReadingChecklist, useRefreshChecklists } from '@/features/reading';
import { PersonScholarly } from '@/features/scholarly';

export function PersonRoute() {
  const { id = '' } = useParams();
  // A sync brings works: the checklist ranked from them is read again.
  const refreshChecklists = useRefreshChecklists();
  return (
    <>
      <nav aria-label="Breadcrumb" className="small">
        <Link to="/people">People</Link>
      </nav>
      <div className="stack">
        <PersonPage key={id} id={id} />
        <PersonScholarly key={`scholarly-${id}`} personId={id} onSynced={refreshChecklists} />
        <ReadingChecklist key={`reading-${id}`} personId={id} />
      </div>
    </>
  );
}
