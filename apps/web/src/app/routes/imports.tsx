import { ImportsPage } from '@/features/imports';

export function ImportsRoute() {
  return (
    <>
      <h1>Imports and exports</h1>
      <ImportsPage />
    </>
  );
}
