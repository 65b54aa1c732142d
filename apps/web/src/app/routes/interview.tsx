/** Placeholder until the Interview screen lands (issue 13). */
export function InterviewRoute() {
  return (
    <>
      <h1>Interview</h1>
      <p className="muted">This screen is being built.</p>
    </>
  );
}
