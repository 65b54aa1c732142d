import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/index';
import { InteractionsModule } from '../interactions/index';
import { OrganizationsModule } from '../organizations/index';
import { PeopleModule } from '../people/index';
import { ReferralsModule } from '../referrals/index';
import { StageTemplatesModule } from '../stage-templates/index';
import { ExamplesService } from './examples.service';

@Module({
  imports: [OrganizationsModule, PeopleModule, InteractionsModule, StageTemplatesModule, ApplicationsModule, ReferralsModule],
  providers: [ExamplesService],
  exports: [ExamplesService],
})
export class ExamplesModule {}
