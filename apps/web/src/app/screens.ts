/**
 * The screens loaded on demand, each its own chunk: the router imports one when it is first visited,
 * and the main navigation as soon as a link to it is pointed at or focused, so that the click finds
 * it already loaded (an import is fetched and run once, whoever asks first).
 */
export const screens = {
  people: () => import('./routes/people'),
  duplicates: () => import('./routes/duplicates'),
  person: () => import('./routes/person'),
  organizations: () => import('./routes/organizations'),
  organization: () => import('./routes/organization'),
  pipeline: () => import('./routes/pipeline'),
  funnel: () => import('./routes/funnel'),
  application: () => import('./routes/application'),
  interviews: () => import('./routes/interviews'),
  newInterview: () => import('./routes/new-interview'),
  interview: () => import('./routes/interview'),
  imports: () => import('./routes/imports'),
  settings: () => import('./routes/settings'),
  admin: () => import('./routes/admin'),
  prepare: () => import('./routes/prepare'),
};
