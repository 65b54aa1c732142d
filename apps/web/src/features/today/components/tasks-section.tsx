import { ErrorMessage } from '@/components/status';
import { formatDate } from '@/lib/format';
import { useDueTasks, useMarkTaskDone } from '../api/today';
import { Due, TodayList, TodayRow, TodaySection } from './today-section';

/** Open tasks due today or earlier, overdue ones marked as such. */
export function TasksSection() {
  const query = useDueTasks();
  const done = useMarkTaskDone();
  return (
    <TodaySection title="Tasks due">
      <TodayList query={query} items={(d) => d.items} label="Tasks due" empty="Nothing due. Prep tasks appear here as interviews come closer.">
        {(task) => (
          <TodayRow
            key={task.id}
            title={task.title}
            meta={
              <>
                {task.dueOn ? <Due days={task.daysOverdue} /> : null}
                {task.dueOn ? formatDate(task.dueOn) : 'no due date'}
                {task.application ? ` · ${task.application.name}` : ''}
              </>
            }
          >
            <button type="button" className="secondary" disabled={done.isPending && done.variables === task.id} onClick={() => done.mutate(task.id)} aria-label={`Mark “${task.title}” done`}>
              Done
            </button>
          </TodayRow>
        )}
      </TodayList>
      {done.isError && <ErrorMessage error={done.error} />}
    </TodaySection>
  );
}
