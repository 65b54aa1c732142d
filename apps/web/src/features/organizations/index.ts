export { OrganizationPage } from './components/organization-page';
export { OrganizationsList } from './components/organizations-list';
