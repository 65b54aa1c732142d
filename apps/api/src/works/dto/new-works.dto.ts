import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, ValidateIf } from 'class-validator';
import { NEW_WORKS_SCOPES, type NewWork, type NewWorksPage, type NewWorksScope } from '#domain/works/index';
import { IsZonedDateTime } from '../../common/date-validators';
import { PageQuery } from '../../common/page-query';
import { WorkDto } from './work.dto';

export class NewWorksQuery extends PageQuery {
  @ApiPropertyOptional({ enum: NEW_WORKS_SCOPES, enumName: 'NewWorksScope', default: 'interviewers', description: "interviewers: the people on your upcoming interviews; all: everyone in your network" })
  @IsOptional()
  @IsIn(NEW_WORKS_SCOPES)
  scope?: NewWorksScope;
}

export class NewWorkPersonDto {
  @ApiProperty() id: string;
  @ApiProperty() fullName: string;
}

export class NewWorkDto extends WorkDto {
  @ApiProperty({ type: [NewWorkPersonDto], description: 'Your people it is by (within the scope asked for), by name' }) people: NewWorkPersonDto[];
  @ApiProperty({ format: 'date-time', description: 'When Dossier first cached it' }) arrivedAt: string;

  static fromNew(n: NewWork): NewWorkDto {
    return { ...WorkDto.from(n.work), people: n.people, arrivedAt: n.arrivedAt.toISOString() };
  }
}

export class NewWorksPageDto {
  @ApiProperty({ type: [NewWorkDto], description: 'Newest arrival first' }) items: NewWorkDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
  @ApiProperty({ format: 'date-time', description: 'Works that arrived after this are new: when you last marked them seen, or when your account was created' }) since: string;
  @ApiProperty({ format: 'date-time', description: 'When the list was read: send it as `until` when marking these seen, so a work arriving meanwhile stays new' }) asOf: string;

  static from(page: NewWorksPage): NewWorksPageDto {
    return { items: page.items.map(NewWorkDto.fromNew), total: page.total, limit: page.limit, offset: page.offset, since: page.since.toISOString(), asOf: page.asOf.toISOString() };
  }
}

export class MarkNewWorksSeenDto {
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, example: '2026-03-10T08:00:00Z', description: "Seen up to here (the list's asOf); default and never later than: now. The marker never moves back." })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsZonedDateTime()
  until?: string | null;
}

export class NewWorksSeenResponse {
  @ApiProperty({ format: 'date-time', description: 'Works that arrive after this are new' }) worksSeenAt: string;
}
