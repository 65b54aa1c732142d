import { applyDecorators, Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsTimeZone, MaxLength } from 'class-validator';
import { NotFoundError } from '#platform';
import { AccountExportPart, ExportContext, ExportPart, RestoreContext } from '../account-export/index';
import { User } from './user.entity';

type AccountSection = { account: { displayName: string; timeZone: string } };

/** The account's name and time zone: the document's `account`, where other modules add their settings. */
@Injectable()
@ExportPart({
  name: 'account',
  schema: {
    'account.displayName': applyDecorators(ApiProperty({ type: String }), IsString(), MaxLength(200)),
    'account.timeZone': applyDecorators(ApiProperty({ type: String }), IsTimeZone()),
  },
})
export class AccountsExport implements AccountExportPart<AccountSection> {
  async exportPart(userId: string, { em }: ExportContext): Promise<AccountSection> {
    const user = await em.findOneBy(User, { id: userId });
    if (!user) throw new NotFoundError('user', userId);
    return { account: { displayName: user.displayName, timeZone: user.timeZone } };
  }

  async restorePart(userId: string, doc: AccountSection, { em }: RestoreContext): Promise<void> {
    await em.update(User, { id: userId }, { displayName: doc.account.displayName, timeZone: doc.account.timeZone });
  }

  /** Settings, not records. */
  count(): number {
    return 0;
  }
}
