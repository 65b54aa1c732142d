import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { APPLICATION_STATUSES, ApplicationStatus, RetrospectiveView, STAGE_STATUSES, StageStatus } from '#domain/applications/index';
import { STAGE_TYPES, StageType } from '#domain/stage-templates/index';
import { RefDto } from '../../people/dto/person.dto';

const notNull = (_: object, v: unknown): boolean => v !== null;

export class RetrospectiveDto {
  @ApiPropertyOptional({ nullable: true, type: String, example: 'The system-design part: clear trade-offs' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(100_000)
  wentWell?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'Behavioural stories ran long and had no numbers' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(100_000)
  wentBadly?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'Rehearse three STAR stories, two minutes each, with the impact in numbers' })
  @IsOptional()
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(100_000)
  doDifferently?: string | null;
}

export class RetrospectivesQuery {
  @ApiPropertyOptional({ enum: STAGE_TYPES, description: 'Only stages of this kind' })
  @IsOptional()
  @IsIn(STAGE_TYPES)
  stageType?: StageType;
}

class RetrospectiveApplicationDto {
  @ApiProperty() id: string;
  @ApiProperty() role: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiProperty({ type: RefDto }) organization: RefDto;
  @ApiProperty({ type: RefDto, nullable: true }) team: RefDto | null;
}

class RetrospectiveStageDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: STAGE_TYPES }) type: StageType;
  @ApiProperty({ enum: STAGE_STATUSES }) status: StageStatus;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) enteredAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) leftAt: string | null;
}

export class RetrospectiveResponse {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String, description: 'What went well' }) wentWell: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'What did not' }) wentBadly: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'What to do differently next time' }) doDifferently: string | null;
  @ApiProperty({ type: RetrospectiveApplicationDto }) application: RetrospectiveApplicationDto;
  @ApiProperty({ type: RetrospectiveStageDto }) stage: RetrospectiveStageDto;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;

  static from(r: RetrospectiveView): RetrospectiveResponse {
    return {
      id: r.id,
      wentWell: r.wentWell,
      wentBadly: r.wentBadly,
      doDifferently: r.doDifferently,
      application: { ...r.application, status: r.application.status as ApplicationStatus },
      stage: { ...r.stage, type: r.stage.type as StageType, status: r.stage.status as StageStatus, enteredAt: r.stage.enteredAt?.toISOString() ?? null, leftAt: r.stage.leftAt?.toISOString() ?? null },
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }
}
