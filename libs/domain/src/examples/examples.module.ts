import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/index';
import { InteractionsModule } from '../interactions/index';
import { InterviewsModule } from '../interviews/index';
import { OrganizationsModule } from '../organizations/index';
import { PeopleModule } from '../people/index';
import { ReferralsModule } from '../referrals/index';
import { StageTemplatesModule } from '../stage-templates/index';
import { ExamplesRepository } from './examples.repository';
import { ExamplesService } from './examples.service';

@Module({
  imports: [OrganizationsModule, PeopleModule, InteractionsModule, StageTemplatesModule, ApplicationsModule, ReferralsModule, InterviewsModule],
  providers: [ExamplesRepository, ExamplesService],
  exports: [ExamplesService],
})
export class ExamplesModule {}
