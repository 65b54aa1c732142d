/** Placeholder until the Interviews screen lands (issue 13). */
export function InterviewsRoute() {
  return (
    <>
      <h1>Interviews</h1>
      <p className="muted">This screen is being built.</p>
    </>
  );
}
