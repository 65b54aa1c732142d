import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { APPLICATION_STATUSES, ApplicationStatus, Board, BoardCard, BoardColumn, STAGE_STATUSES, StageStatus, USER_MOVES, UserMove } from '#domain/applications/index';
import { STAGE_TYPES, StageType } from '#domain/stage-templates/index';
import { RefDto } from '../../people/dto/person.dto';

/** "true" and "false" from a query string; anything else is left for the validator to refuse. */
const queryBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class BoardQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() organizationId?: string;

  @ApiPropertyOptional({ default: false, description: 'Add the columns of ended loops: accepted, declined, rejected, withdrawn' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  closed?: boolean;
}

export class BoardStageDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType' }) type: StageType;
  @ApiProperty({ enum: STAGE_STATUSES, enumName: 'StageStatus' }) status: StageStatus;
  @ApiProperty({ description: '0-based place in its own loop' }) position: number;
}

export class BoardCardDto {
  @ApiProperty({ description: 'The application' }) id: string;
  @ApiProperty({ type: RefDto }) organization: RefDto;
  @ApiProperty({ nullable: true, type: RefDto }) team: RefDto | null;
  @ApiProperty() role: string;
  @ApiProperty({ enum: APPLICATION_STATUSES, enumName: 'ApplicationStatus' }) status: ApplicationStatus;
  @ApiProperty({ nullable: true, type: BoardStageDto, description: 'The stage the candidate is in (or ended in)' }) currentStage: BoardStageDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the current stage was entered' }) enteredAt: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Whole days from enteredAt to now' }) daysInStage: number | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Start of the next pending interview to come, of any stage' }) nextInterviewAt: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ enum: USER_MOVES, enumName: 'UserMove', isArray: true, description: "The moves the server accepts now, as on the application's page: send one with fromStageId = currentStage.id" })
  allowedMoves: UserMove[];

  static from(c: BoardCard): BoardCardDto {
    const s = c.currentStage;
    return {
      id: c.id,
      organization: c.organization,
      team: c.team,
      role: c.role,
      status: c.status,
      currentStage: s ? { id: s.id, name: s.name, type: s.type, status: s.status, position: s.position } : null,
      enteredAt: c.enteredAt?.toISOString() ?? null,
      daysInStage: c.daysInStage,
      nextInterviewAt: c.nextInterviewAt?.toISOString() ?? null,
      updatedAt: c.updatedAt.toISOString(),
      allowedMoves: c.allowedMoves,
    };
  }
}

export class BoardColumnDto {
  @ApiProperty({ description: 'The stage name for a stage column, the status for a status column', example: 'Coding interview' }) key: string;
  @ApiProperty({ enum: ['stage', 'status'] }) kind: 'stage' | 'status';
  @ApiProperty({ nullable: true, enum: STAGE_TYPES, enumName: 'StageType', description: "A stage column's type; null for status columns" }) stageType: StageType | null;
  @ApiProperty({ enum: APPLICATION_STATUSES, enumName: 'ApplicationStatus', description: 'active for stage columns' }) status: ApplicationStatus;
  @ApiProperty({ type: [BoardCardDto], description: 'Longest in their current stage first' }) cards: BoardCardDto[];

  static from(c: BoardColumn): BoardColumnDto {
    return { key: c.key, kind: c.kind, stageType: c.stageType, status: c.status, cards: c.cards.map(BoardCardDto.from) };
  }
}

export class BoardResponse {
  @ApiProperty({
    type: [BoardColumnDto],
    description:
      'Stage columns of active applications (stages of different loops with the same name share a column), ordered by the smallest position of the stage, then name; then offer, and with ?closed=true accepted, declined, rejected, withdrawn (status columns are always present, even empty)',
  })
  columns: BoardColumnDto[];

  static from(b: Board): BoardResponse {
    return { columns: b.columns.map(BoardColumnDto.from) };
  }
}
