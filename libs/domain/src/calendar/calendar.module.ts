import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InterviewsModule } from '../interviews/interviews.module';
import { SecurityEventsModule } from '../security-events/security-events.module';
import { TasksModule } from '../tasks/tasks.module';
import { CalendarFeed } from './calendar-feed.entity';
import { CalendarFeedService } from './calendar-feed.service';

@Module({
  imports: [TypeOrmModule.forFeature([CalendarFeed]), InterviewsModule, TasksModule, SecurityEventsModule],
  providers: [CalendarFeedService],
  exports: [CalendarFeedService],
})
export class CalendarModule {}
