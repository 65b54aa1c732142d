import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/index';
import { OrganizationsModule } from '../organizations/index';
import { PeopleRepository } from './people.repository';
import { PeopleService } from './people.service';
import { Person } from './person.entity';
import { PeopleExport } from './people.export';

@Module({
  imports: [TypeOrmModule.forFeature([Person]), OrganizationsModule, AccountsModule],
  providers: [PeopleExport, PeopleService, PeopleRepository],
  exports: [PeopleService],
})
export class PeopleModule {}
