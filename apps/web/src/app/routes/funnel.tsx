import { Link } from 'react-router';
import { FunnelPage } from '@/features/funnel';

export function FunnelRoute() {
  return (
    <>
      <nav aria-label="Breadcrumb" className="small">
        <Link to="/pipeline">Pipeline</Link>
      </nav>
      <h1>Funnel</h1>
      <FunnelPage />
    </>
  );
}
