import { OrganizationsList } from '@/features/organizations';

export function OrganizationsRoute() {
  return (
    <>
      <h1>Organizations</h1>
      <OrganizationsList />
    </>
  );
}
