import './interviews.css';
import { useNavigate, useSearchParams } from 'react-router';
import { asApiError } from '@/lib/api/errors';
import { useCreateInterview } from '../api/interviews';
import { InterviewForm } from './interview-form';

/** Schedule an interview (the application preselected from ?application=<id>), then open its page. */
export function ScheduleInterview() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const create = useCreateInterview();
  return (
    <section className="card" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">The interview</h2>
      <InterviewForm
        applicationId={params.get('application') ?? ''}
        submitLabel="Schedule the interview"
        pending={create.isPending}
        error={asApiError(create.error)}
        onSubmit={({ body }) => create.mutate(body, { onSuccess: (interview) => void navigate(`/interviews/${interview.id}`) })}
      />
    </section>
  );
}
