import { Link, useParams } from 'react-router';
import { InterviewPage } from '@/features/interviews';
import { ReadingChecklist } from '@/features/reading';
// The one study section of this screen, not the feature's index (which would bring every preparation screen into this chunk).
import { InterviewQuestions } from '@/features/study/components/interview-questions';

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
        <InterviewQuestions key={`questions-${id}`} interviewId={id} />
      </div>
    </>
  );
}
