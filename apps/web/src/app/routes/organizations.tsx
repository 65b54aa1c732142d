/** Placeholder until the Organizations screen lands (issue 13). */
export function OrganizationsRoute() {
  return (
    <>
      <h1>Organizations</h1>
      <p className="muted">This screen is being built.</p>
    </>
  );
}
