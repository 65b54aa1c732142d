import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { Interaction, INTERACTION_TYPES, InteractionType } from '#domain/interactions/index';
import { IsZonedDateTime } from '../../common/date-validators';
import { PageQuery } from '../../common/page-query';

const notUndefined = (_: object, v: unknown): boolean => v !== undefined;
const notNullish = (_: object, v: unknown): boolean => v !== undefined && v !== null;

export class CreateInteractionDto {
  @ApiProperty({ enum: INTERACTION_TYPES, enumName: 'InteractionType', example: 'conference_chat' })
  @IsIn(INTERACTION_TYPES)
  type: InteractionType;

  @ApiProperty({ format: 'date-time', example: '2025-12-10T15:00:00Z', description: 'When it happened: ISO 8601 date-time with a time zone' })
  @IsZonedDateTime()
  occurredAt: string;

  @ApiPropertyOptional({ type: String, example: 'NeurIPS 2025 poster session', description: 'Where: LinkedIn, X, email, a conference…', nullable: true })
  @ValidateIf(notNullish)
  @IsString()
  @MaxLength(200)
  channel?: string | null;

  @ApiProperty({ example: 'Talked about their world-model paper; they suggested I read the follow-up on latent planning.' })
  @IsString()
  @Length(1, 20_000)
  summary: string;

  @ApiPropertyOptional({ type: String, example: 'Sent my reproduction notes and a PR fixing their eval script', description: 'What you offered or gave', nullable: true })
  @ValidateIf(notNullish)
  @IsString()
  @MaxLength(20_000)
  offered?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Whether they would refer me for the Research Engineer role', description: 'What you asked of them: an intro, a referral, advice. Counted on the person, so nobody is asked too often', nullable: true })
  @ValidateIf(notNullish)
  @IsString()
  @MaxLength(20_000)
  asked?: string | null;
}

/** Every field optional; the required ones may be left out but not set to null. */
export class UpdateInteractionDto {
  @ApiPropertyOptional({ enum: INTERACTION_TYPES, enumName: 'InteractionType' })
  @ValidateIf(notUndefined)
  @IsIn(INTERACTION_TYPES)
  type?: InteractionType;

  @ApiPropertyOptional({ format: 'date-time', example: '2025-12-10T15:00:00Z' })
  @ValidateIf(notUndefined)
  @IsZonedDateTime()
  occurredAt?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf(notNullish)
  @IsString()
  @MaxLength(200)
  channel?: string | null;

  @ApiPropertyOptional()
  @ValidateIf(notUndefined)
  @IsString()
  @Length(1, 20_000)
  summary?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf(notNullish)
  @IsString()
  @MaxLength(20_000)
  offered?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'What you asked of them; null clears it' })
  @ValidateIf(notNullish)
  @IsString()
  @MaxLength(20_000)
  asked?: string | null;
}

export class ListInteractionsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INTERACTION_TYPES, enumName: 'InteractionType', description: 'Only this type' })
  @IsOptional()
  @IsIn(INTERACTION_TYPES)
  type?: InteractionType;
}

export class InteractionResponse {
  @ApiProperty() id: string;
  @ApiProperty() personId: string;
  @ApiProperty({ enum: INTERACTION_TYPES, enumName: 'InteractionType' }) type: InteractionType;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ nullable: true, type: String }) channel: string | null;
  @ApiProperty() summary: string;
  @ApiProperty({ nullable: true, type: String, description: 'What the user offered or gave' }) offered: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'What the user asked of them' }) asked: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(i: Interaction): InteractionResponse {
    return {
      id: i.id,
      personId: i.personId,
      type: i.type,
      occurredAt: i.occurredAt.toISOString(),
      channel: i.channel,
      summary: i.summary,
      offered: i.offered,
      asked: i.asked,
      createdAt: i.createdAt.toISOString(),
      updatedAt: i.updatedAt.toISOString(),
    };
  }
}

export class InteractionsPage {
  @ApiProperty({ type: [InteractionResponse], description: 'Newest first' }) items: InteractionResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
