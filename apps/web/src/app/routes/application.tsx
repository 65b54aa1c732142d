/** Placeholder until the Application screen lands (issue 13). */
export function ApplicationRoute() {
  return (
    <>
      <h1>Application</h1>
      <p className="muted">This screen is being built.</p>
    </>
  );
}
