import { QueryStates } from '@/components/status';
import { ReadinessSummary } from '@/components/readiness';
import { useInterviewReadiness } from '../api/interviews';

/** The interview's readiness with every part shown: what it counts, its weight and the next step. */
export function ReadinessSection({ interviewId }: { interviewId: string }) {
  const readiness = useInterviewReadiness(interviewId);
  return (
    <section className="card" aria-labelledby="interview-readiness">
      <h2 id="interview-readiness">Readiness</h2>
      <QueryStates query={readiness} isEmpty={() => false} empty={null}>
        {(r) => <ReadinessSummary readiness={r} />}
      </QueryStates>
    </section>
  );
}
