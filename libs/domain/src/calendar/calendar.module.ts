import { Module } from '@nestjs/common';
import { InterviewsModule } from '../interviews/index';
import { PeopleModule } from '../people/index';
import { SecurityEventsModule } from '../security-events/index';
import { TasksModule } from '../tasks/index';
import { CalendarFeedService } from './calendar-feed.service';
import { CalendarFeedsRepository } from './calendar-feeds.repository';

@Module({
  imports: [InterviewsModule, TasksModule, SecurityEventsModule, PeopleModule],
  providers: [CalendarFeedService, CalendarFeedsRepository],
  exports: [CalendarFeedService],
})
export class CalendarModule {}
