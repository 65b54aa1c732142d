import { Link, useParams } from 'react-router';
import { OrganizationPage } from '@/features/organizations';

export function OrganizationRoute() {
  const { id = '' } = useParams();
  return (
    <>
      <nav aria-label="Breadcrumb" className="small">
        <Link to="/organizations">Organizations</Link>
      </nav>
      <OrganizationPage key={id} id={id} />
    </>
  );
}
