import { Link } from 'react-router';
import { CreateApplication, PipelineBoard } from '@/features/pipeline';

export function PipelineRoute() {
  return (
    <>
      <div className="pipeline-title">
        <h1>Pipeline</h1>
        <Link to="/pipeline/funnel">See the funnel</Link>
      </div>
      <div className="stack">
        <CreateApplication />
        <PipelineBoard />
      </div>
    </>
  );
}
