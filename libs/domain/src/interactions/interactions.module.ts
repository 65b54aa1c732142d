import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PeopleModule } from '../people/index';
import { Interaction } from './interaction.entity';
import { InteractionsService } from './interactions.service';
import { InteractionsExport } from './interactions.export';

@Module({
  imports: [TypeOrmModule.forFeature([Interaction]), PeopleModule],
  providers: [InteractionsExport, InteractionsService],
  exports: [InteractionsService],
})
export class InteractionsModule {}
