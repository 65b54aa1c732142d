/** Placeholder until the Administration screen lands (issue 13). */
export function AdminRoute() {
  return (
    <>
      <h1>Administration</h1>
      <p className="muted">This screen is being built.</p>
    </>
  );
}
