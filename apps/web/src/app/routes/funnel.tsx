/** Placeholder until the Funnel screen lands (issue 13). */
export function FunnelRoute() {
  return (
    <>
      <h1>Funnel</h1>
      <p className="muted">This screen is being built.</p>
    </>
  );
}
