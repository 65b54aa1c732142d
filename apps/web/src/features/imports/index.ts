export { ImportsPage } from './components/imports-page';
