import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/index';
import { ApplicationsModule } from '../applications/index';
import { InterviewsModule } from '../interviews/index';
import { OrganizationsModule } from '../organizations/index';
import { PracticeDrill } from './practice-drill.entity';
import { PracticeQuestion } from './practice-question.entity';
import { QuestionBankService } from './question-bank.service';
import { StudyPlanItem } from './study-plan-item.entity';
import { StudyPlan } from './study-plan.entity';
import { StudyPlansService } from './study-plans.service';
import { StudyRepository } from './study.repository';
import { StudyResource } from './study-resource.entity';
import { StudyService } from './study.service';
import { StudySession } from './study-session.entity';

@Module({
  imports: [TypeOrmModule.forFeature([StudyResource, StudySession, StudyPlan, StudyPlanItem, PracticeQuestion, PracticeDrill]), AccountsModule, ApplicationsModule, InterviewsModule, OrganizationsModule],
  providers: [StudyRepository, StudyService, StudyPlansService, QuestionBankService],
  exports: [StudyService, StudyPlansService, QuestionBankService],
})
export class StudyModule {}
