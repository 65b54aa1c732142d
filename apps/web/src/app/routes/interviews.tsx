import { InterviewsList } from '@/features/interviews';

export function InterviewsRoute() {
  return (
    <>
      <h1>Interviews</h1>
      <InterviewsList />
    </>
  );
}
