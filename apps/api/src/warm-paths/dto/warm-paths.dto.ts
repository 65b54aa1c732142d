import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { SCHOLARLY_SOURCES, type ScholarlySource } from '#domain/scholarly/index';
import { THROUGH_PER_CONTACT } from '#domain/warm-paths/index';

export class WarmPathsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, description: 'Contacts per list (direct, viaCoauthor)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 5, description: 'Works listed per path, newest first; the counts are always complete' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  works?: number;
}

export class WarmPathContactDto {
  @ApiProperty() id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ nullable: true, type: String }) headline: string | null;
  @ApiProperty({ nullable: true, type: String }) role: string | null;
  @ApiProperty({ nullable: true, type: String }) organizationId: string | null;
}

export class WarmPathWorkDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: Number }) year: number | null;
  @ApiProperty({ nullable: true, type: String }) venue: string | null;
  @ApiProperty({ nullable: true, type: String }) doi: string | null;
  @ApiProperty({ nullable: true, type: String }) arxivId: string | null;
}

export class DirectWarmPathDto {
  @ApiProperty({ type: WarmPathContactDto }) contact: WarmPathContactDto;
  @ApiProperty() sharedWorkCount: number;
  @ApiProperty({ nullable: true, type: Number }) latestYear: number | null;
  @ApiProperty({ type: [WarmPathWorkDto], description: 'Newest first, up to `works`' }) sharedWorks: WarmPathWorkDto[];
}

export class CoauthorSourceIdDto {
  @ApiProperty({ enum: SCHOLARLY_SOURCES, enumName: 'ScholarlySource' }) source: ScholarlySource;
  @ApiProperty() sourceAuthorId: string;
}

export class CoauthorDto {
  @ApiProperty({ description: 'The name most of the records give' }) name: string;
  @ApiProperty({ nullable: true, type: String }) orcid: string | null;
  @ApiProperty({ type: [CoauthorSourceIdDto], description: 'Their author ids at the sources, as the records give them' }) sourceIds: CoauthorSourceIdDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Set when the co-author is one of your contacts' }) personId: string | null;
}

export class CoauthorLegDto {
  @ApiProperty({ type: CoauthorDto }) coauthor: CoauthorDto;
  @ApiProperty() worksWithInterviewerCount: number;
  @ApiProperty({ type: [WarmPathWorkDto], description: 'Newest first, up to `works`' }) worksWithInterviewer: WarmPathWorkDto[];
  @ApiProperty() worksWithContactCount: number;
  @ApiProperty({ type: [WarmPathWorkDto], description: 'Newest first, up to `works`' }) worksWithContact: WarmPathWorkDto[];
  @ApiProperty({ nullable: true, type: Number }) latestYear: number | null;
}

export class ViaCoauthorWarmPathDto {
  @ApiProperty({ type: WarmPathContactDto }) contact: WarmPathContactDto;
  @ApiProperty({ description: 'How many co-authors link them' }) throughCount: number;
  @ApiProperty({ nullable: true, type: Number }) latestYear: number | null;
  @ApiProperty({ type: [CoauthorLegDto], description: `The strongest ${THROUGH_PER_CONTACT}: most works on both legs first, then the most recent` }) through: CoauthorLegDto[];
}

export class WarmPathsResponse {
  @ApiProperty({ type: [DirectWarmPathDto], description: 'Contacts who co-wrote with the person: most shared works first, then the most recent' }) direct: DirectWarmPathDto[];
  @ApiProperty() directTotal: number;
  @ApiProperty({ type: [ViaCoauthorWarmPathDto], description: 'Contacts one co-author away (not already direct), naming through whom' }) viaCoauthor: ViaCoauthorWarmPathDto[];
  @ApiProperty() viaCoauthorTotal: number;
  @ApiProperty() limit: number;
}
