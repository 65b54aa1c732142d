import { ExampleLabCard } from '@/features/examples';
import { TodayView } from '@/features/today';
import { formatDate } from '@/lib/format';

export function TodayRoute() {
  return (
    <>
      <h1>Today</h1>
      <p className="muted">{formatDate(new Date().toISOString())}</p>
      <ExampleLabCard />
      <TodayView />
    </>
  );
}
