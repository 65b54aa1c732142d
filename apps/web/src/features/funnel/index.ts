export { FunnelPage } from './components/funnel-page';
