import { Link, useParams } from 'react-router';
import { InterviewPage } from '@/features/interviews';
import { ReadingChecklist } from '@/features/reading';

export function InterviewRoute() {
  const { id = '' } = useParams();
  return (
    <>
      <nav aria-label="Breadcrumb" className="small">
        <Link to="/interviews">Interviews</Link>
      </nav>
      <div className="stack">
        <InterviewPage key={id} id={id} />
        <ReadingChecklist key={`reading-${id}`} interviewId={id} />
      </div>
    </>
  );
}
