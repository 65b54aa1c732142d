import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations/index';
import { FollowUpsService } from './follow-ups.service';
import { PeopleService } from './people.service';
import { Person } from './person.entity';
import { PeopleExport } from './people.export';

@Module({
  imports: [TypeOrmModule.forFeature([Person]), OrganizationsModule],
  providers: [PeopleExport, PeopleService, FollowUpsService],
  exports: [PeopleService, FollowUpsService],
})
export class PeopleModule {}
