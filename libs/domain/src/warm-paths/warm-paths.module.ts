import { Module } from '@nestjs/common';
import { WarmPathsRepository } from './warm-paths.repository';
import { WarmPathsService } from './warm-paths.service';

@Module({
  providers: [WarmPathsService, WarmPathsRepository],
  exports: [WarmPathsService],
})
export class WarmPathsModule {}
