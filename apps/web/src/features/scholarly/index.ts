export { PersonScholarly } from './components/person-scholarly';
