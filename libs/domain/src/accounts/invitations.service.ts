import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, NotFoundError, publicLink } from '#platform';
import type { Page } from '../people/index';
import { normalizeEmail, sha256 } from './accounts.service';
import { Invitation } from './invitation.entity';
import { InvitationsRepository } from './invitations.repository';

const INVITATION_PREFIX = 'dsi_';
export const INVITATION_DEFAULT_DAYS = 7;

/** Where an invitation is opened: the dashboard's sign-up page for it, on the server's public URL. */
export function invitationUrl(config: Pick<AppConfig, 'http'>, token: string): string {
  return publicLink(config, `/app/invitations/${encodeURIComponent(token)}`);
}

export type InvitationStatus = 'pending' | 'used' | 'expired';

export function invitationStatus(invitation: Invitation, now = Date.now()): InvitationStatus {
  if (invitation.usedAt) return 'used';
  return invitation.expiresAt.getTime() <= now ? 'expired' : 'pending';
}

/** One-time registration links an admin sends (REGISTRATION=invite). Spent by AccountsService.register. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly invitations: InvitationsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The token is returned once, in the URL too; only its SHA-256 is kept. */
  async create(adminId: string, input: { email?: string; expiresInDays?: number }): Promise<{ invitation: Invitation; token: string; url: string }> {
    const token = INVITATION_PREFIX + randomBytes(32).toString('base64url');
    const invitation = this.invitations.build({
      tokenHash: sha256(token),
      email: input.email ? normalizeEmail(input.email) : null,
      createdBy: adminId,
      expiresAt: new Date(Date.now() + (input.expiresInDays ?? INVITATION_DEFAULT_DAYS) * 86_400_000),
      usedAt: null,
      usedBy: null,
    });
    await this.invitations.insert(invitation);
    return { invitation, token, url: invitationUrl(this.config, token) };
  }

  /** Every invitation on the server, newest first. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<Page<Invitation>> {
    const limit = page.limit ?? 50;
    const offset = page.offset ?? 0;
    const [items, total] = await this.invitations.page(limit, offset);
    return { items, total, limit, offset };
  }

  /** Withdraws an invitation: its link stops working. */
  async revoke(id: string): Promise<void> {
    if (!(await this.invitations.delete(id))) throw new NotFoundError('invitation', id);
  }
}
