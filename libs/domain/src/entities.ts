import { AccessToken } from './accounts/access-token.entity';
import { IdempotencyKey } from './accounts/idempotency-key.entity';
import { RecoveryCode } from './accounts/recovery-code.entity';
import { SignInThrottle } from './accounts/sign-in-throttle.entity';
import { UserTwoFactor } from './accounts/two-factor.entity';
import { Invitation } from './accounts/invitation.entity';
import { User } from './accounts/user.entity';
import { WebhookDelivery } from './webhooks/webhook-delivery.entity';
import { WebhookEndpoint } from './webhooks/webhook-endpoint.entity';
import { WebhookDueNotice } from './webhooks/webhook-due-notice.entity';
import { ApplicationMove } from './applications/application-move.entity';
import { ApplicationStage } from './applications/application-stage.entity';
import { Application } from './applications/application.entity';
import { StageRetrospective } from './applications/stage-retrospective.entity';
import { CalendarFeed } from './calendar/calendar-feed.entity';
import { ImportRun } from './imports/import-run.entity';
import { Interaction } from './interactions/interaction.entity';
import { Interview } from './interviews/interview.entity';
import { InterviewerNote } from './interviews/interviewer-note.entity';
import { Organization } from './organizations/organization.entity';
import { Team } from './organizations/team.entity';
import { Person } from './people/person.entity';
import { Referral } from './referrals/referral.entity';
import { ScholarlyIdentity } from './scholarly-identities/scholarly-identity.entity';
import { SyncRun } from './sync/sync-run.entity';
import { StageTemplate } from './stage-templates/stage-template.entity';
import { PersonSyncSettings } from './sync/person-sync-settings.entity';
import { Task } from './tasks/task.entity';
import { ResumeProject } from './resume-projects/resume-project.entity';
import { Briefing } from './briefings/briefing.entity';
import { WorkAlias } from './works/work-alias.entity';
import { WorkAttribution } from './works/work-attribution.entity';
import { WorkTitle } from './works/work-title.entity';
import { WorkAuthorQuery } from './works/work-author-query.entity';
import { WorkAuthorship } from './works/work-authorship.entity';
import { WorkRecord } from './works/work-record.entity';
import { Work } from './works/work.entity';
import { ReadingEntry } from './reading/reading-entry.entity';
import { ChecklistSettings } from './reading/checklist-settings.entity';
import { ReadingGoal } from './reading/reading-goal.entity';
import { SecurityEvent } from './security-events/security-event.entity';
import { StudyResource } from './study/study-resource.entity';
import { StudySession } from './study/study-session.entity';
import { StudyPlan } from './study/study-plan.entity';
import { StudyPlanItem } from './study/study-plan-item.entity';
import { PracticeQuestion } from './study/practice-question.entity';
import { PracticeDrill } from './study/practice-drill.entity';
import { MockInterview } from './study/mock-interview.entity';
import { BehaviouralStory } from './study/behavioural-story.entity';
import { DigestRun } from './digests/digest-run.entity';
import { MailLogEntry } from './mail/mail-log.entity';
import { MailSettingsRow } from './mail/mail-settings.entity';

/** Every entity, listed once for the app, the migration CLI and the tests. */
export const ENTITIES = [
  User,
  AccessToken,
  IdempotencyKey,
  UserTwoFactor,
  RecoveryCode,
  SignInThrottle,
  Invitation,
  SecurityEvent,
  Organization,
  Team,
  Person,
  Interaction,
  ImportRun,
  StageTemplate,
  Application,
  ApplicationStage,
  ApplicationMove,
  StageRetrospective,
  Interview,
  InterviewerNote,
  Task,
  Referral,
  CalendarFeed,
  Work,
  WorkRecord,
  WorkAuthorship,
  WorkAuthorQuery,
  WorkAlias,
  WorkTitle,
  WorkAttribution,
  ScholarlyIdentity,
  SyncRun,
  PersonSyncSettings,
  Briefing,
  ResumeProject,
  ReadingEntry,
  ChecklistSettings,
  ReadingGoal,
  StudyResource,
  StudySession,
  StudyPlan,
  StudyPlanItem,
  PracticeQuestion,
  PracticeDrill,
  MockInterview,
  BehaviouralStory,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookDueNotice,
  DigestRun,
  MailSettingsRow,
  MailLogEntry,
];
