import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/index';
import { PersonErasureService } from './person-erasure.service';

@Module({
  imports: [PeopleModule],
  providers: [PersonErasureService],
  exports: [PersonErasureService],
})
export class ErasureModule {}
