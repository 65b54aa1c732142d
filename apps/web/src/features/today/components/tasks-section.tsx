import { ErrorMessage } from '@/components/status';
import { formatDate } from '@/lib/format';
import { useDueTasks, useMarkTaskDone } from '../api/today';
import { DoneButton, Due, TodayListSection, TodayRow } from './today-section';

/** Open tasks due today or earlier, overdue ones marked as such. */
export function TasksSection() {
  const query = useDueTasks();
  const done = useMarkTaskDone();
  return (
    <TodayListSection title="Tasks due" query={query} items={(d) => d.items} empty="Nothing due. Prep tasks appear here as interviews come closer." footer={done.isError && <ErrorMessage error={done.error} />}>
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
          <DoneButton label={`Mark “${task.title}” done`} busy={done.isPending && done.variables === task.id} onClick={() => done.mutate(task.id)} />
        </TodayRow>
      )}
    </TodayListSection>
  );
}
