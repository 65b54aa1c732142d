import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ENTITIES } from '#domain/entities';
import { AccountsModule } from '#domain/accounts/index';
import { PeopleModule } from '#domain/people/index';
import { OrganizationsModule } from '#domain/organizations/index';
import { InteractionsModule } from '#domain/interactions/index';
import { ImportsModule } from '#domain/imports/index';
import { ApplicationsModule } from '#domain/applications/index';
import { StageTemplatesModule } from '#domain/stage-templates/index';
import { DOSSIER_JOBS } from '#domain/jobs/index';
import { AppConfig, AppConfigModule, DatabaseModule, GlobalExceptionFilter, QueueModule } from '#platform';
import { MIGRATIONS } from '../../../migrations/index';
import { AuthController } from './auth/auth.controller';
import { BrowserSessionController } from './auth/browser-session.controller';
import { AuthGuard } from './auth/auth.guard';
import { TwoFactorController } from './auth/two-factor.controller';
import { SessionsController } from './auth/sessions.controller';
import { AdminController } from './admin/admin.controller';
import { HealthController } from './health/health.controller';
import { PeopleController } from './people/people.controller';
import { ImportsController } from './imports/imports.controller';
import { OrganizationsController } from './organizations/organizations.controller';
import { InteractionsController } from './interactions/interactions.controller';
import { FollowUpsController } from './follow-ups/follow-ups.controller';
import { ApplicationsController } from './applications/applications.controller';
import { StageTemplatesController } from './stage-templates/stage-templates.controller';
import { InterviewsModule } from '#domain/interviews/index';
import { TasksModule } from '#domain/tasks/index';
import { CalendarModule } from '#domain/calendar/index';
import { InterviewsController, PersonMeetingsController } from './interviews/interviews.controller';
import { RetrospectivesController } from './applications/retrospectives.controller';
import { TasksController } from './tasks/tasks.controller';
import { CalendarController } from './calendar/calendar.controller';
import { ReferralsModule } from '#domain/referrals/index';
import { ExamplesModule } from '#domain/examples/index';
import { ReferralsController } from './referrals/referrals.controller';
import { ExamplesController } from './examples/examples.controller';
import { WorksModule } from '#domain/works/index';
import { BriefingsModule } from '#domain/briefings/index';
import { BriefingsController } from './briefings/briefings.controller';
import { NewWorksController } from './works/new-works.controller';
import { WorksController } from './works/works.controller';
import { WorkAttributionsController } from './works/work-attributions.controller';
import { ReadingModule } from '#domain/reading/index';
import { ReadingController } from './reading/reading.controller';
import { SyncModule } from '#domain/sync/index';
import { SyncController } from './sync/sync.controller';
import { ScholarlyIdentitiesModule } from '#domain/scholarly-identities/index';
import { IdentitiesController } from './scholarly-identities/identities.controller';
import { WarmPathsModule } from '#domain/warm-paths/index';
import { WarmPathsController } from './warm-paths/warm-paths.controller';
import { ResumeProjectsModule } from '#domain/resume-projects/index';
import { ErasureModule } from '#domain/erasure/index';
import { ResumeProjectsController } from './resume-projects/resume-projects.controller';
import { StudyModule } from '#domain/study/index';
import { MockInterviewsController } from './study/mock-interviews.controller';
import { QuestionsController } from './study/questions.controller';
import { StoriesController } from './study/stories.controller';
import { StudyPlansController } from './study/study-plans.controller';
import { StudyResourcesController } from './study/study-resources.controller';
import { MailModule } from '#domain/mail/index';
import { MailController } from './mail/mail.controller';

/** The HTTP app: controllers over the domain services. It enqueues jobs but runs none. */
@Module({})
export class ApiModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [AppConfigModule.forRoot(config), DatabaseModule.forRoot(ENTITIES, MIGRATIONS), QueueModule.forRoot(DOSSIER_JOBS), AccountsModule, PeopleModule, ImportsModule, OrganizationsModule, InteractionsModule, StageTemplatesModule, ApplicationsModule, InterviewsModule, TasksModule, CalendarModule, ReferralsModule, ExamplesModule, WorksModule, SyncModule, ScholarlyIdentitiesModule, BriefingsModule, WarmPathsModule, ResumeProjectsModule, ReadingModule, ErasureModule, StudyModule, MailModule],
      controllers: [AuthController, BrowserSessionController, TwoFactorController, SessionsController, AdminController, HealthController, PeopleController, ImportsController, OrganizationsController, InteractionsController, FollowUpsController, StageTemplatesController, ApplicationsController, RetrospectivesController, InterviewsController, PersonMeetingsController, TasksController, CalendarController, ReferralsController, ExamplesController, WorksController, NewWorksController, WorkAttributionsController, SyncController, IdentitiesController, BriefingsController, WarmPathsController, ResumeProjectsController, ReadingController, StudyResourcesController, StudyPlansController, QuestionsController, MockInterviewsController, StoriesController, MailController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: GlobalExceptionFilter },
      ],
    };
  }
}
