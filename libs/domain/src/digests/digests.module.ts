import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DigestPostbox, NoMailPostbox } from './digest-postbox';
import { DigestRun } from './digest-run.entity';
import { DigestsRepository } from './digests.repository';
import { DigestsService } from './digests.service';

/**
 * The daily digest. Its DigestPostbox (who has the digest on, and sending) comes from the mail
 * module, which the app that imports this module provides.
 */
@Module({
  imports: [TypeOrmModule.forFeature([DigestRun])],
  providers: [DigestsRepository, DigestsService, { provide: DigestPostbox, useClass: NoMailPostbox }],
  exports: [DigestsService],
})
export class DigestsModule {}
