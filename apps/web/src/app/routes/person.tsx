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
      <PersonPage key={id} id={id}>
        <PersonScholarly personId={id} onSynced={refreshChecklists} />
        <ReadingChecklist personId={id} />
      </PersonPage>
    </>
  );
}
