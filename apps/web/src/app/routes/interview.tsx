import { useParams } from 'react-router';
import { ReadingChecklist } from '@/features/reading';

/** Placeholder until the Interview screen lands (issue 13); the union reading checklist is composed below it. */
export function InterviewRoute() {
  const { id = '' } = useParams();
  return (
    <>
      <h1>Interview</h1>
      <p className="muted">This screen is being built.</p>
      <ReadingChecklist key={id} interviewId={id} />
    </>
  );
}
