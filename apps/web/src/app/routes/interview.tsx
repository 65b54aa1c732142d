import { Link, useParams } from 'react-router';
import { InterviewPage } from '@/features/interviews';

export function InterviewRoute() {
  const { id = '' } = useParams();
  return (
    <>
      <nav aria-label="Breadcrumb" className="small">
        <Link to="/interviews">Interviews</Link>
      </nav>
      <div className="stack">
        <InterviewPage key={id} id={id} />
        {/* reading checklist (features/reading) composed here */}
      </div>
    </>
  );
}
