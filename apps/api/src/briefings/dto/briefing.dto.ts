import { ApiProperty } from '@nestjs/swagger';
import { BRIEFING_STATUSES, Briefing, BriefingContent } from '#domain/briefings/index';

export class BriefingSummaryResponse {
  @ApiProperty() id: string;
  @ApiProperty() interviewId: string;
  @ApiProperty({ description: '1, 2, 3… per interview' }) version: number;
  @ApiProperty({ enum: ['manual', 'schedule'] }) trigger: string;
  @ApiProperty({ enum: BRIEFING_STATUSES, description: 'queued, generating, ready, failed' }) status: string;
  @ApiProperty({ type: [String], description: 'What changed since the previous ready version (empty for the first)' }) changes: string[];
  @ApiProperty({ nullable: true, type: String, description: 'Why the generation failed' }) error: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) generatedAt: string | null;
  @ApiProperty({ description: 'Where the document is, once ready', example: { markdown: '/briefings/…/markdown', html: '/briefings/…/html', pdf: '/briefings/…/pdf' } })
  links: { markdown: string; html: string; pdf: string };

  static from(b: Briefing): BriefingSummaryResponse {
    return {
      id: b.id,
      interviewId: b.interviewId,
      version: b.version,
      trigger: b.trigger,
      status: b.status,
      changes: b.changes,
      error: b.error,
      createdAt: b.createdAt.toISOString(),
      generatedAt: b.generatedAt?.toISOString() ?? null,
      links: { markdown: `/briefings/${b.id}/markdown`, html: `/briefings/${b.id}/html`, pdf: `/briefings/${b.id}/pdf` },
    };
  }
}

export class BriefingResponse extends BriefingSummaryResponse {
  @ApiProperty({ nullable: true, type: Object, description: 'The facts the briefing was rendered from (null until ready): the interview, application, organization, interviewers with their works, warm paths, earlier meetings with the user (and notes), referrals and asks, reading checklist, prep and résumé projects' })
  content: BriefingContent | null;

  static fromFull(b: Briefing): BriefingResponse {
    return { ...BriefingSummaryResponse.from(b), content: b.content };
  }
}

export class BriefingsPage {
  @ApiProperty({ type: [BriefingSummaryResponse], description: 'Newest version first' }) items: BriefingSummaryResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
