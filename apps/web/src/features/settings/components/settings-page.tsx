import './settings.css';
import { CalendarFeedSection } from './calendar-feed-section';
import { MailSection } from './mail-section';
import { PasswordSection } from './password-section';
import { ProfileSection } from './profile-section';
import { ResumeProjectsSection } from './resume-projects-section';
import { SecurityEventsSection } from './security-events-section';
import { SessionsSection } from './sessions-section';
import { SyncScheduleSection } from './sync-schedule-section';
import { TokensSection } from './tokens-section';
import { TwoFactorSection } from './two-factor-section';

/** The account's settings: each section loads, fails and retries on its own. */
export function SettingsPage() {
  return (
    <div className="stack">
      <ProfileSection />
      <PasswordSection />
      <TwoFactorSection />
      <SessionsSection />
      <TokensSection />
      <ResumeProjectsSection />
      <CalendarFeedSection />
      <SyncScheduleSection />
      <MailSection />
      <SecurityEventsSection />
    </div>
  );
}
