/** Placeholder until the Organization screen lands (issue 13). */
export function OrganizationRoute() {
  return (
    <>
      <h1>Organization</h1>
      <p className="muted">This screen is being built.</p>
    </>
  );
}
