import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Empty, ErrorMessage, Loading } from '@/components/status';
import { useWarmPaths, type PersonDetail } from '../api/people';

/** "you → Grace → Ada": each step a name, contacts linked to their page. */
function Path({ steps }: { steps: ReactNode[] }) {
  return (
    <p className="warm-path">
      {steps.map((step, i) => (
        <Fragment key={i}>
          {i > 0 && ' → '}
          {step}
        </Fragment>
      ))}
    </p>
  );
}

function titles(works: { title: string; year: number | null }[], count: number): string {
  const listed = works.map((w) => (w.year ? `${w.title} (${w.year})` : w.title)).join('; ');
  return `${count} shared work${count === 1 ? '' : 's'}${listed ? `: ${listed}` : ''}${count > works.length ? '; …' : ''}`;
}

/**
 * Who can introduce the user to this person: contacts who co-wrote with them, and contacts one
 * co-author away (naming the co-author), from the works Dossier has synced.
 */
export function WarmPathsSection({ person }: { person: PersonDetail }) {
  const paths = useWarmPaths(person.id);
  const target = <strong>{person.fullName}</strong>;
  return (
    <section className="card" aria-labelledby="warm-paths-heading">
      <h2 id="warm-paths-heading">Warm paths</h2>
      {paths.isPending ? (
        <Loading />
      ) : paths.isError ? (
        <ErrorMessage error={paths.error} retry={() => void paths.refetch()} />
      ) : paths.data.direct.length === 0 && paths.data.viaCoauthor.length === 0 ? (
        <Empty>No warm path yet: paths come from papers your contacts co-wrote, once their scholarly identities are confirmed and synced.</Empty>
      ) : (
        <ul className="list" aria-label="Warm paths">
          {paths.data.direct.map((d) => (
            <li key={d.contact.id} className="row">
              <div>
                <Path steps={['you', <Link key="c" to={`/people/${d.contact.id}`}>{d.contact.fullName}</Link>, target]} />
                <p className="muted small">Co-authors · {titles(d.sharedWorks, d.sharedWorkCount)}</p>
              </div>
            </li>
          ))}
          {paths.data.viaCoauthor.flatMap((v) =>
            v.through.map((leg) => (
              <li key={`${v.contact.id}-${leg.coauthor.name}`} className="row">
                <div>
                  <Path
                    steps={[
                      'you',
                      <Link key="c" to={`/people/${v.contact.id}`}>{v.contact.fullName}</Link>,
                      leg.coauthor.personId ? <Link key="m" to={`/people/${leg.coauthor.personId}`}>{leg.coauthor.name}</Link> : leg.coauthor.name,
                      target,
                    ]}
                  />
                  <p className="muted small">
                    {v.contact.fullName} and {leg.coauthor.name}: {titles(leg.worksWithContact, leg.worksWithContactCount)}. {leg.coauthor.name} and {person.fullName}: {titles(leg.worksWithInterviewer, leg.worksWithInterviewerCount)}.
                  </p>
                </div>
              </li>
            )),
          )}
        </ul>
      )}
      {paths.isSuccess && paths.data.directTotal + paths.data.viaCoauthorTotal > paths.data.direct.length + paths.data.viaCoauthor.length && (
        <p className="muted small">
          Showing the strongest {paths.data.direct.length + paths.data.viaCoauthor.length} of {paths.data.directTotal + paths.data.viaCoauthorTotal}.
        </p>
      )}
    </section>
  );
}
