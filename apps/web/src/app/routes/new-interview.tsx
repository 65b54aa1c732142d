import { Link } from 'react-router';
import { ScheduleInterview } from '@/features/interviews';

export function NewInterviewRoute() {
  return (
    <>
      <nav aria-label="Breadcrumb" className="small">
        <Link to="/interviews">Interviews</Link>
      </nav>
      <h1>Schedule an interview</h1>
      <ScheduleInterview />
    </>
  );
}
