import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InterviewsModule } from '../interviews/index';
import { SecurityEventsModule } from '../security-events/index';
import { TasksModule } from '../tasks/index';
import { CalendarFeed } from './calendar-feed.entity';
import { CalendarFeedService } from './calendar-feed.service';

@Module({
  imports: [TypeOrmModule.forFeature([CalendarFeed]), InterviewsModule, TasksModule, SecurityEventsModule],
  providers: [CalendarFeedService],
  exports: [CalendarFeedService],
})
export class CalendarModule {}
