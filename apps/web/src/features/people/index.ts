export { DuplicatesPage } from './components/duplicates-page';
export { PeopleList } from './components/people-list';
export { PersonPage } from './components/person-page';
