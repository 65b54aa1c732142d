import { Link, useParams } from 'react-router';
import { ApplicationPage } from '@/features/pipeline';

export function ApplicationRoute() {
  const { id = '' } = useParams();
  return (
    <>
      <nav aria-label="Breadcrumb" className="small">
        <Link to="/pipeline">Pipeline</Link> · <Link to={`/applications/${id}/plan`}>Study plan</Link>
      </nav>
      <ApplicationPage key={id} id={id} />
    </>
  );
}
