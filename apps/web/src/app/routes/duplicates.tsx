import { Link } from 'react-router';
import { DuplicatesPage } from '@/features/people';

export function DuplicatesRoute() {
  return (
    <>
      <nav aria-label="Breadcrumb" className="small">
        <Link to="/people">People</Link>
      </nav>
      <h1>Possible duplicates</h1>
      <DuplicatesPage />
    </>
  );
}
