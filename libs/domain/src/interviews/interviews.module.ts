import { Module, OnModuleInit } from '@nestjs/common';
import { PeopleModule, PersonReferences } from '../people/index';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/index';
import { Interview } from './interview.entity';
import { InterviewsRepository } from './interviews.repository';
import { InterviewsService } from './interviews.service';
import { InterviewsExport } from './interviews.export';
import { DomainEvents } from '../jobs/index';

@Module({
  imports: [TypeOrmModule.forFeature([Interview]), ApplicationsModule, PeopleModule],
  providers: [InterviewsExport, InterviewsRepository, InterviewsService, DomainEvents],
  exports: [InterviewsService],
})
export class InterviewsModule implements OnModuleInit {
  constructor(
    private readonly personReferences: PersonReferences,
    private readonly repository: InterviewsRepository,
  ) {}

  // People merges and erases people without knowing this module: it moves these rows through what is registered.
  onModuleInit(): void {
    this.personReferences.register(...this.repository.personReferences);
  }
}
