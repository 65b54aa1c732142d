import { Link, useParams } from 'react-router';
import { ApplicationPage } from '@/features/pipeline';

export function ApplicationRoute() {
  const { id = '' } = useParams();
  return (
    <>
      <nav aria-label="Breadcrumb" className="small">
        <Link to="/pipeline">Pipeline</Link>
      </nav>
      <ApplicationPage key={id} id={id} />
    </>
  );
}
