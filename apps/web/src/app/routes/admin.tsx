import { Loading } from '@/components/status';
import { AdminPage, useAdminAccess } from '@/features/admin';
import { NotFoundRoute } from './not-found';

/** Administration exists for admins only: to anyone else the API answers 404, and so does this screen. */
export function AdminRoute() {
  const access = useAdminAccess();
  if (access === 'pending') return <Loading />;
  if (access === 'not-found') return <NotFoundRoute />;
  return (
    <>
      <h1>Administration</h1>
      <AdminPage />
    </>
  );
}
