/** Placeholder until the Schedule an interview screen lands (issue 13). */
export function NewInterviewRoute() {
  return (
    <>
      <h1>Schedule an interview</h1>
      <p className="muted">This screen is being built.</p>
    </>
  );
}
