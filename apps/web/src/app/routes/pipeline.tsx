/** Placeholder until the Pipeline screen lands (issue 13). */
export function PipelineRoute() {
  return (
    <>
      <h1>Pipeline</h1>
      <p className="muted">This screen is being built.</p>
    </>
  );
}
