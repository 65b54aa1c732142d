export { MocksPage } from './components/mocks-page';
export { PlanPage } from './components/plan-page';
export { PlansOverview } from './components/plans-overview';
export { PracticePage } from './components/practice-page';
export { QuestionsPage } from './components/questions-page';
export { ResourcePage } from './components/resource-page';
export { ResourcesPage } from './components/resources-page';
export { StoriesPage } from './components/stories-page';
