export { PeopleList } from './components/people-list';
export { PersonPage } from './components/person-page';
