import { Body, Controller, Get, Header, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { MAIL_KIND_LABELS, MailService } from '#domain/mail/index';
import { escapeHtml } from '#domain/shared/html';
import { Public } from '../auth/auth.guard';
import { CurrentUserId } from '../auth/current-user.decorator';
import { ApiFormPost } from '../common/file-upload';
import { MailLogEntryDto, MailLogPage, MailLogQuery, MailSettingsResponse, UnsubscribeQuery, UpdateMailSettingsDto } from './dto/mail.dto';

/** A page that stands alone: no scripts, no outside resources, forms posting back here only. */
const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

@ApiTags('mail')
@Controller()
export class MailController {
  constructor(private readonly mail: MailService) {}

  @Get('me/mail-settings')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Your mail settings: whether the server sends mail at all (and why not), your address, each kind on or off, the digest hour, the briefing lead time, and mail that failed lately' })
  @ApiOkResponse({ type: MailSettingsResponse })
  async settings(@CurrentUserId() userId: string): Promise<MailSettingsResponse> {
    return this.response(userId);
  }

  @Patch('me/mail-settings')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your mail settings; what is left out stays as it is' })
  @ApiOkResponse({ type: MailSettingsResponse })
  @ApiBadRequestResponse({ description: 'address is not an email; a kind is not true or false; digestHour outside 0–23; briefingLeadHours outside 1–336' })
  async update(@CurrentUserId() userId: string, @Body() body: UpdateMailSettingsDto): Promise<MailSettingsResponse> {
    await this.mail.updateSettings(userId, body.toPatch());
    return this.response(userId);
  }

  @Get('me/mail-log')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The mail sent to you (or tried), newest first: when, kind, to, subject, status, attempts and the last error. Never the body' })
  @ApiOkResponse({ type: MailLogPage })
  async log(@CurrentUserId() userId: string, @Query() query: MailLogQuery): Promise<MailLogPage> {
    const page = await this.mail.log(userId, query);
    return { ...page, items: page.items.map(MailLogEntryDto.from) };
  }

  @Public()
  @Get('mail/unsubscribe')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', PAGE_POLICY)
  @Header('cache-control', 'no-store')
  @Header('referrer-policy', 'no-referrer')
  @ApiProduces('text/html')
  @ApiOperation({
    summary:
      "The page an unsubscribe link opens, no sign-in needed: it names the kind of mail and has the one button that stops it. Opening it changes nothing (mail scanners open links), the button (or a mail client's RFC 8058 one-click POST) does",
  })
  @ApiOkResponse({ description: 'text/html', schema: { type: 'string' } })
  @ApiBadRequestResponse({ description: 'The token is missing, altered or cut short (mail.unsubscribe-token-invalid)' })
  confirm(@Query() query: UnsubscribeQuery): string {
    const { kind } = this.mail.readUnsubscribeToken(query.token);
    const action = `unsubscribe?token=${encodeURIComponent(query.token)}`;
    return page('Stop these mails?', `<p>Stop mailing you <strong>${escapeHtml(MAIL_KIND_LABELS[kind])}</strong>? Other mail from Dossier is not affected.</p><form method="post" action="${escapeHtml(action)}"><button type="submit">Stop these mails</button></form>`);
  }

  @Public()
  @Post('mail/unsubscribe')
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', PAGE_POLICY)
  @Header('cache-control', 'no-store')
  @Header('referrer-policy', 'no-referrer')
  @ApiProduces('text/html')
  @ApiFormPost()
  @ApiOperation({ summary: "Unsubscribe from one kind of mail, no sign-in needed (RFC 8058 one-click: a mail client POSTs List-Unsubscribe=One-Click here). That kind only; turn it back on in Settings" })
  @ApiOkResponse({ description: 'text/html', schema: { type: 'string' } })
  @ApiBadRequestResponse({ description: 'The token is missing, altered or cut short (mail.unsubscribe-token-invalid)' })
  async unsubscribe(@Query() query: UnsubscribeQuery): Promise<string> {
    const { label } = await this.mail.unsubscribe(query.token);
    return page('Unsubscribed', `<p>Dossier will not mail you <strong>${escapeHtml(label)}</strong> any more. Other mail is not affected; you can turn it back on in Settings, under Mail.</p>`);
  }

  private async response(userId: string): Promise<MailSettingsResponse> {
    const [settings, failures] = await Promise.all([this.mail.getSettings(userId), this.mail.failures(userId)]);
    return MailSettingsResponse.from(settings, this.mail.status(), failures);
  }
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Dossier</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #444;background:#1a1a1a;color:#fff;cursor:pointer}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}
