import { Module } from '@nestjs/common';
import { WarmPathsService } from './warm-paths.service';

@Module({
  providers: [WarmPathsService],
  exports: [WarmPathsService],
})
export class WarmPathsModule {}
