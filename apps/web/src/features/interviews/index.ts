export { InterviewPage } from './components/interview-page';
export { InterviewsList } from './components/interviews-list';
export { ScheduleInterview } from './components/schedule-interview';
