import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { AccountExportPart, ExportContext, ExportPart, NullableText, recordOf, RestoreContext, sectionOf } from '../account-export/index';
import { Interaction, INTERACTION_TYPES } from './interaction.entity';

export class ExportedInteractionDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsUUID() personId: string;
  @ApiProperty({ enum: INTERACTION_TYPES, enumName: 'InteractionType' }) @IsIn(INTERACTION_TYPES) type: (typeof INTERACTION_TYPES)[number];
  @ApiProperty({ format: 'date-time' }) @IsDateString() occurredAt: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() channel: string | null;
  @ApiProperty() @IsString() @MaxLength(100_000) summary: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() offered: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Since version 2' }) @IsOptional() @NullableText() asked?: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

type InteractionsSection = { interactions: ExportedInteractionDto[] };

@Injectable()
@ExportPart({ name: 'interactions', after: ['people'], schema: { interactions: sectionOf(ExportedInteractionDto) } })
export class InteractionsExport implements AccountExportPart<InteractionsSection> {
  async exportPart(userId: string, { em }: ExportContext): Promise<InteractionsSection> {
    const interactions = await em.find(Interaction, { where: { userId }, order: { occurredAt: 'ASC', id: 'ASC' } });
    return {
      interactions: interactions.map((i) => recordOf(ExportedInteractionDto, i)),
    };
  }

  async restorePart(userId: string, doc: InteractionsSection, ctx: RestoreContext): Promise<void> {
    const ids = ctx.ids('interactions');
    const interactions = ids.allocate(doc.interactions.filter((i) => ctx.required('people', i.personId, `interactions[${i.id}]`, 'person')));
    await ctx.write(
      Interaction,
      interactions.map((i) => ({
        id: ids.get(i.id)!,
        userId,
        personId: ctx.ids('people').get(i.personId)!,
        type: i.type,
        occurredAt: new Date(i.occurredAt),
        channel: i.channel,
        summary: i.summary,
        offered: i.offered,
        asked: i.asked ?? null,
        createdAt: new Date(i.createdAt),
        updatedAt: new Date(i.updatedAt),
      })),
    );
  }
}
