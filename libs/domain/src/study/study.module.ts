import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/index';
import { ApplicationsModule } from '../applications/index';
import { InterviewsModule } from '../interviews/index';
import { InteractionsModule } from '../interactions/index';
import { OrganizationReferences, OrganizationsModule } from '../organizations/index';
import { PeopleModule, PersonReferences } from '../people/index';
import { ResumeProjectsModule } from '../resume-projects/index';
import { BehaviouralStory } from './behavioural-story.entity';
import { MockInterview } from './mock-interview.entity';
import { MockInterviewsService } from './mock-interviews.service';
import { StoriesService } from './stories.service';
import { PracticeDrill } from './practice-drill.entity';
import { PracticeQuestion } from './practice-question.entity';
import { QuestionBankService } from './question-bank.service';
import { StudyPlanItem } from './study-plan-item.entity';
import { StudyPlan } from './study-plan.entity';
import { StudyPlansService } from './study-plans.service';
import { StudyProgressService } from './study-progress.service';
import { StudyRepository } from './study.repository';
import { StudyResource } from './study-resource.entity';
import { StudyExport } from './study.export';
import { StudyService } from './study.service';
import { StudySession } from './study-session.entity';

@Module({
  imports: [TypeOrmModule.forFeature([StudyResource, StudySession, StudyPlan, StudyPlanItem, PracticeQuestion, PracticeDrill, MockInterview, BehaviouralStory]), AccountsModule, ApplicationsModule, InterviewsModule, OrganizationsModule, PeopleModule, InteractionsModule, ResumeProjectsModule],
  providers: [StudyRepository, StudyService, StudyPlansService, QuestionBankService, MockInterviewsService, StoriesService, StudyExport, StudyProgressService],
  exports: [StudyService, StudyPlansService, QuestionBankService, MockInterviewsService, StoriesService, StudyProgressService],
})
export class StudyModule implements OnModuleInit {
  constructor(
    private readonly personReferences: PersonReferences,
    private readonly organizationReferences: OrganizationReferences,
    private readonly repository: StudyRepository,
  ) {}

  // People and organizations merge without knowing this module: they move these rows through what is registered.
  onModuleInit(): void {
    this.personReferences.register(...this.repository.personReferences);
    this.organizationReferences.registerOrganizationReferences(...this.repository.organizationReferences);
  }
}
