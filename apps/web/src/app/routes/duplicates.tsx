/** Placeholder until the Possible duplicates screen lands (issue 13). */
export function DuplicatesRoute() {
  return (
    <>
      <h1>Possible duplicates</h1>
      <p className="muted">This screen is being built.</p>
    </>
  );
}
