import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { INTERACTION_TYPES, InteractionType } from '#domain/interactions/index';
import { IsCalendarDate } from '../../common/date-validators';
import { InteractionResponse } from '../../interactions/dto/interaction.dto';
import { PersonResponse } from '../../people/dto/person.dto';
import { PageQuery } from '../../common/page-query';

const notNullish = (_: object, v: unknown): boolean => v !== undefined && v !== null;

export class DueFollowUpsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-03-31', description: 'Due on or before this date (yyyy-mm-dd); default and `today`: today in your time zone' })
  @IsOptional()
  @ValidateIf((_, v) => v !== 'today')
  @IsCalendarDate()
  by?: string;
}

export class SetFollowUpDto {
  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-04-15', nullable: true, description: 'Next time to reach out (yyyy-mm-dd); null clears it; left out, it stays (unless cadenceDays is set)' })
  @ValidateIf(notNullish)
  @IsCalendarDate()
  nextFollowUpAt?: string | null;

  @ApiPropertyOptional({ type: Number, example: 60,
    nullable: true,
    description: 'Keep-in-touch cadence in days: logging an interaction moves the next follow-up this far past it. Given without nextFollowUpAt, the next follow-up is set this far past the last interaction (or today). null clears it.',
  })
  @ValidateIf(notNullish)
  @IsInt()
  @Min(1)
  @Max(3650)
  cadenceDays?: number | null;
}

export class SnoozeFollowUpDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-04-15', description: 'The day to be reminded again (yyyy-mm-dd), after today in your time zone' })
  @IsCalendarDate()
  until: string;
}

export class FollowUpDoneDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Congratulated them on the ICLR paper; offered to test their new library', description: 'A note on what you did; given, it is logged as an interaction' })
  @ValidateIf(notNullish)
  @IsString()
  @Length(1, 20_000)
  summary?: string | null;

  @ApiPropertyOptional({ enum: INTERACTION_TYPES, enumName: 'InteractionType', default: 'message', description: 'Type of the logged interaction (needs summary)' })
  @ValidateIf(notNullish)
  @IsIn(INTERACTION_TYPES)
  type?: InteractionType;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'LinkedIn', description: 'Channel of the logged interaction (needs summary)' })
  @ValidateIf(notNullish)
  @IsString()
  @MaxLength(200)
  channel?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'What you offered or gave (needs summary)' })
  @ValidateIf(notNullish)
  @IsString()
  @MaxLength(20_000)
  offered?: string | null;
}

export class DueFollowUpResponse {
  @ApiProperty({ type: PersonResponse }) person: PersonResponse;
  @ApiProperty({ format: 'date', example: '2026-03-01' }) nextFollowUpAt: string;
  @ApiProperty({ nullable: true, type: String, example: 'Thank Maya Chen for referring you to Example Frontier Lab', description: 'Why it is due, when Dossier suggested it' }) reason: string | null;
  @ApiProperty({ description: 'Days since the follow-up date, counted to your today: 0 = due today, negative = not yet due' }) daysOverdue: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When you last interacted with them' }) lastInteractionAt: string | null;
}

export class DueFollowUpsPage {
  @ApiProperty({ example: '2026-03-31', description: 'The date the list is due by' }) by: string;
  @ApiProperty({ example: '2026-03-28', description: 'Today in your time zone' }) today: string;
  @ApiProperty({ type: [DueFollowUpResponse], description: 'Oldest due first' }) items: DueFollowUpResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class FollowUpDoneResponse {
  @ApiProperty({ type: PersonResponse, description: 'The person, with the next follow-up moved' }) person: PersonResponse;
  @ApiProperty({ type: InteractionResponse, nullable: true, description: 'The interaction logged from the summary, if any' }) interaction: InteractionResponse | null;
}
