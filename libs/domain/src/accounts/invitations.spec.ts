import type { Invitation } from './invitation.entity';
import { invitationStatus, invitationUrl } from './invitations.service';

describe('invitations', () => {
  it('point at the dashboard’s page for them on the server’s public URL', () => {
    expect(invitationUrl({ http: { publicUrl: 'https://dossier.example.org' } } as never, 'dsi_abc-_1')).toBe('https://dossier.example.org/app/invitations/dsi_abc-_1');
    expect(invitationUrl({ http: { publicUrl: 'https://example.org/dossier' } } as never, 'dsi_x')).toBe('https://example.org/dossier/app/invitations/dsi_x');
  });

  it('are pending until used or past their date', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    const at = (iso: string) => new Date(iso);
    expect(invitationStatus({ usedAt: null, expiresAt: at('2026-12-08T00:00:00Z') } as Invitation, now)).toBe('pending');
    expect(invitationStatus({ usedAt: null, expiresAt: at('2026-12-07T12:00:00Z') } as Invitation, now)).toBe('expired');
    expect(invitationStatus({ usedAt: at('2026-12-06T00:00:00Z'), expiresAt: at('2026-12-01T00:00:00Z') } as Invitation, now)).toBe('used');
  });
});
