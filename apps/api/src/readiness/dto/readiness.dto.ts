import { ApiProperty, PickType } from '@nestjs/swagger';
import { InterviewReadiness, READINESS_PARTS, ReadinessPartKey } from '#domain/readiness/index';
import { STAGE_TYPES, StageType } from '#domain/stage-templates/index';
import { ListInterviewsQuery } from '../../interviews/dto/interview.dto';
import { RefDto } from '../../people/dto/person.dto';

export class ReadinessPartResponse {
  @ApiProperty({ enum: READINESS_PARTS, enumName: 'ReadinessPartKey' }) key: ReadinessPartKey;
  @ApiProperty({ example: "Interviewers' papers read" }) label: string;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'How far this part is, 0–100' }) value: number;
  @ApiProperty({ description: 'Its weight as configured (the six weights sum to 100)' }) weight: number;
  @ApiProperty({ description: 'Its share of the figure in percent once the parts left out are taken away (the shares sum to 100)' }) share: number;
  @ApiProperty({ description: 'What is done, in the unit of `counts`' }) done: number;
  @ApiProperty({ description: 'Out of how many' }) total: number;
  @ApiProperty({ example: '12 of 30 papers read (goal 60%: 18)' }) counts: string;
  @ApiProperty({ type: String, nullable: true, description: 'What to do next for this part; null when nothing is left' }) nextStep: string | null;
}

export class ReadinessLeftOutResponse {
  @ApiProperty({ enum: READINESS_PARTS, enumName: 'ReadinessPartKey' }) key: ReadinessPartKey;
  @ApiProperty() label: string;
  @ApiProperty() weight: number;
  @ApiProperty({ example: 'no study plan for this stage' }) reason: string;
}

export class ReadinessStageResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: STAGE_TYPES, enumName: 'StageType' }) type: StageType;
}

export class ReadinessApplicationResponse {
  @ApiProperty() id: string;
  @ApiProperty() role: string;
  @ApiProperty({ type: RefDto }) organization: RefDto;
}

export class ReadinessResponse {
  @ApiProperty() interviewId: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ type: ReadinessStageResponse }) stage: ReadinessStageResponse;
  @ApiProperty({ type: ReadinessApplicationResponse }) application: ReadinessApplicationResponse;
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 100, description: "0–100: the parts' values weighted by their shares; null when no part applies" }) figure: number | null;
  @ApiProperty({ type: [ReadinessPartResponse], description: 'The parts that apply, in a fixed order' }) parts: ReadinessPartResponse[];
  @ApiProperty({ type: [ReadinessLeftOutResponse], description: 'Parts that do not apply to this interview, and why' }) leftOut: ReadinessLeftOutResponse[];
  @ApiProperty({ description: 'Whether parts were left out and the weights of the others scaled up to make 100' }) renormalised: boolean;
  @ApiProperty({ description: 'How the figure is made, in one sentence' }) explanation: string;

  static from(r: InterviewReadiness): ReadinessResponse {
    return {
      interviewId: r.interviewId,
      startsAt: r.startsAt.toISOString(),
      stage: r.stage,
      application: r.application,
      figure: r.figure,
      parts: r.parts,
      leftOut: r.leftOut,
      renormalised: r.renormalised,
      explanation: r.explanation,
    };
  }
}

export class UpcomingReadinessResponse {
  @ApiProperty({ type: [ReadinessResponse], description: 'Soonest first' }) items: ReadinessResponse[];
  @ApiProperty() days: number;
}

/** How many days ahead, as for the upcoming interviews (GET /interviews?when=upcoming). */
export class UpcomingReadinessQuery extends PickType(ListInterviewsQuery, ['days'] as const) {}
