/** Placeholder until the Imports and exports screen lands (issue 13). */
export function ImportsRoute() {
  return (
    <>
      <h1>Imports and exports</h1>
      <p className="muted">This screen is being built.</p>
    </>
  );
}
