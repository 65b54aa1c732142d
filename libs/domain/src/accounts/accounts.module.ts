import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessToken } from './access-token.entity';
import { AccountsService } from './accounts.service';
import { User } from './user.entity';

@Module({
  imports: [TypeOrmModule.forFeature([User, AccessToken])],
  providers: [AccountsService],
  exports: [AccountsService],
})
export class AccountsModule {}
