export { ReadingChecklist } from './components/reading-checklist';
export { useRefreshChecklists } from './api/reading';
