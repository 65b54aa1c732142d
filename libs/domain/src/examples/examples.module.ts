import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { InteractionsModule } from '../interactions/interactions.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PeopleModule } from '../people/people.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { StageTemplatesModule } from '../stage-templates/stage-templates.module';
import { ExamplesService } from './examples.service';

@Module({
  imports: [OrganizationsModule, PeopleModule, InteractionsModule, StageTemplatesModule, ApplicationsModule, ReferralsModule],
  providers: [ExamplesService],
  exports: [ExamplesService],
})
export class ExamplesModule {}
