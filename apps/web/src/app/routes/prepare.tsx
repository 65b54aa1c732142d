import { Link, NavLink, Outlet, useParams } from 'react-router';
import { MocksPage, PlanPage, PlansOverview, PracticePage, QuestionsPage, ResourcePage, ResourcesPage, StoriesPage } from '@/features/study';

/** Prepare: the study plans per application, resources, the question bank and its drill, mocks, stories. */
export function PrepareLayout() {
  return (
    <>
      <h1>Prepare</h1>
      <nav aria-label="Prepare">
        <ul className="study-tabs">
          {TABS.map(([to, label]) => (
            <li key={to}>
              <NavLink to={to} end>
                {label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

const TABS: [string, string][] = [
  ['/prepare', 'Plans'],
  ['/prepare/resources', 'Resources'],
  ['/prepare/questions', 'Question bank'],
  ['/prepare/practice', 'Practice'],
  ['/prepare/mocks', 'Mock interviews'],
  ['/prepare/stories', 'Stories'],
];

export const PlansRoute = PlansOverview;
export const ResourcesRoute = ResourcesPage;
export const QuestionsRoute = QuestionsPage;
export const PracticeRoute = PracticePage;
export const MocksRoute = MocksPage;
export const StoriesRoute = StoriesPage;

export function ResourceRoute() {
  const { id = '' } = useParams();
  return <ResourcePage key={id} id={id} />;
}

export function PlanRoute() {
  const { id = '' } = useParams();
  return (
    <>
      <nav aria-label="Breadcrumb" className="small">
        <Link to={`/applications/${id}`}>Application</Link> · <Link to="/prepare">Prepare</Link>
      </nav>
      <PlanPage key={id} applicationId={id} />
    </>
  );
}
