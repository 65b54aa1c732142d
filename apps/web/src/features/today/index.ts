export { TodayView } from './components/today-view';
