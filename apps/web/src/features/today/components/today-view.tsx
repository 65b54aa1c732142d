import './today.css';
import { FollowUpsSection } from './follow-ups-section';
import { InterviewsSection } from './interviews-section';
import { MailFailuresNotice } from './mail-failures-notice';
import { NewWorksSection } from './new-works-section';
import { ReferralsSection } from './referrals-section';
import { SyncProblemsSection } from './sync-problems-section';
import { TasksSection } from './tasks-section';

/** What needs doing today; each section loads, fails and retries on its own. */
export function TodayView() {
  return (
    <>
      <MailFailuresNotice />
      <div className="today-grid">
      <FollowUpsSection />
      <TasksSection />
      <InterviewsSection />
      <NewWorksSection />
      <ReferralsSection />
      <SyncProblemsSection />
      </div>
    </>
  );
}
