export { useAdminAccess } from './api/admin';
export { AdminPage } from './components/admin-page';
