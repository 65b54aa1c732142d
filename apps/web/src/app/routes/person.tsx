import { Link, useParams } from 'react-router';
import { PersonPage } from '@/features/people';

export function PersonRoute() {
  const { id = '' } = useParams();
  return (
    <>
      <nav aria-label="Breadcrumb" className="small">
        <Link to="/people">People</Link>
      </nav>
      <PersonPage key={id} id={id} />
    </>
  );
}
