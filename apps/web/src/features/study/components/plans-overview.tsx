import { Link } from 'react-router';
import { QueryStates } from '@/components/status';
import { useApplicationNames, useStudyPlans } from '../api/plans';
import { ReadinessSection } from './readiness-section';
import './study.css';

/** Each active application with its study plan, or a way to start one. */
export function PlansOverview() {
  const applications = useApplicationNames();
  const plans = useStudyPlans();
  const planFor = new Map((plans.data?.items ?? []).map((p) => [p.applicationId, p]));
  return (
    <div className="stack">
      <ReadinessSection />
      <section className="card" aria-labelledby="plans-heading">
        <h2 id="plans-heading">Study plans</h2>
        <QueryStates query={applications} isEmpty={(page) => page.items.length === 0} empty="No applications yet: add one in the pipeline, then plan your study for its interviews here.">
          {(page) => (
            <ul className="list" aria-label="Applications">
              {page.items.map((a) => {
                const plan = planFor.get(a.id);
                return (
                  <li key={a.id} className="row">
                    <div>
                      <p>
                        {a.role} · {a.organization.name}
                      </p>
                      <p className="muted small">{plan ? `${plan.itemCount} resources · ${plan.hoursPerWeek} h a week` : 'No plan yet'}</p>
                    </div>
                    <div className="row-end">
                      <Link to={`/applications/${a.id}/plan`}>
                        {plan ? 'Open the plan' : 'Start a plan'}
                        <span className="visually-hidden">
                          {' '}
                          for {a.role} at {a.organization.name}
                        </span>
                      </Link>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </QueryStates>
      </section>
    </div>
  );
}
