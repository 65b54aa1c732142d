import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import type { Funnel, FunnelSection } from '#domain/applications/index';
import { STAGE_TYPES, StageType } from '#domain/stage-templates/index';
import { IsCalendarDate } from '../../common/date-validators';
import { RefDto } from '../../people/dto/person.dto';

export class FunnelQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() organizationId?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Applications applied on or after this day' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Applications applied on or before this day' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class FunnelCountsDto {
  @ApiProperty({ description: 'Stages entered' }) reached: number;
  @ApiProperty() passed: number;
  @ApiProperty() failed: number;
  @ApiProperty({ description: 'Entered and not left yet' }) current: number;
  @ApiProperty({ nullable: true, type: Number, description: 'passed / (passed + failed), 4 decimals; null when none was decided' }) conversion: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Median days from entering to leaving, over the stages that were left (2 decimals); null when none' })
  medianDays: number | null;
}

export class FunnelStageDto extends FunnelCountsDto {
  @ApiProperty({ example: 'Coding interview' }) name: string;
  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType', description: 'Of the earliest stage with this name, when loops disagree' }) type: StageType;
}

export class FunnelTypeDto extends FunnelCountsDto {
  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType' }) type: StageType;
}

export class FunnelSectionDto {
  @ApiProperty({ type: [FunnelStageDto], description: 'By stage name, in loop order (smallest position, then name)' }) stages: FunnelStageDto[];
  @ApiProperty({ type: [FunnelTypeDto], description: 'By stage type, in the order of the list of types' }) types: FunnelTypeDto[];

  static from(s: FunnelSection): FunnelSectionDto {
    return { stages: s.stages.map((x) => ({ ...x })), types: s.types.map((x) => ({ ...x })) };
  }
}

export class FunnelOrganizationDto extends FunnelSectionDto {
  @ApiProperty({ type: RefDto }) organization: RefDto;
}

export class FunnelResponse {
  @ApiProperty({ type: FunnelSectionDto }) overall: FunnelSectionDto;
  @ApiProperty({ type: [FunnelOrganizationDto], description: 'Per organization, by name' }) organizations: FunnelOrganizationDto[];

  static from(f: Funnel): FunnelResponse {
    return { overall: FunnelSectionDto.from(f.overall), organizations: f.organizations.map((o) => ({ organization: o.organization, ...FunnelSectionDto.from(o) })) };
  }
}
