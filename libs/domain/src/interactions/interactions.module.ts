import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PeopleModule } from '../people/index';
import { Interaction } from './interaction.entity';
import { InteractionsService } from './interactions.service';

@Module({
  imports: [TypeOrmModule.forFeature([Interaction]), PeopleModule],
  providers: [InteractionsService],
  exports: [InteractionsService],
})
export class InteractionsModule {}
