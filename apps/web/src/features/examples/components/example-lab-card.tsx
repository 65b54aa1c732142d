import { Link } from 'react-router';
import { ErrorMessage } from '@/components/status';
import { useHasNoApplications, useLoadExampleLab } from '../api/examples';

/**
 * A new account's first screen is empty. This offers two ways in: start with one's own data, or load
 * a realistic example lab (tagged `example`, so it is easy to find and delete) to see every screen at work.
 */
export function ExampleLabCard() {
  const isNew = useHasNoApplications();
  const load = useLoadExampleLab();
  if (load.isSuccess) {
    const summary = load.data;
    return (
      <section className="card notice" aria-labelledby="example-loaded">
        <h2 id="example-loaded">The example lab is loaded</h2>
        <p>
          Example Frontier Lab: {summary.people} people, {summary.applications} applications, {summary.interviews} interviews and {summary.tasks} prep tasks, each tagged
          “example”. <Link to="/pipeline">Open the pipeline</Link> or <Link to="/interviews">the interviews</Link>.
        </p>
      </section>
    );
  }
  if (isNew.data !== true) return null;
  return (
    <section className="card" aria-labelledby="first-day">
      <h2 id="first-day">Start here</h2>
      <p>
        Bring in your network with <Link to="/imports">an import</Link> (LinkedIn’s Connections.csv or vCards), add <Link to="/people">people</Link> and{' '}
        <Link to="/organizations">organizations</Link>, then track an application on <Link to="/pipeline">the pipeline</Link>.
      </p>
      <p>Or look around first with an example research lab: its people, an interview loop, applications, an interview in three days to prepare a briefing for.</p>
      {load.isError && <ErrorMessage error={load.error} />}
      <button type="button" className="secondary" disabled={load.isPending} onClick={() => load.mutate()}>
        {load.isPending ? 'Loading the example…' : 'Load the example lab'}
      </button>
    </section>
  );
}
