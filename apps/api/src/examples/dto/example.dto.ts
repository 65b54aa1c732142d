import { ApiProperty } from '@nestjs/swagger';

export class ExampleTeamIdsDto {
  @ApiProperty() core: string;
  @ApiProperty() applied: string;
}

export class ExampleApplicationIdsDto {
  @ApiProperty({ description: 'Core, in the quiz stage, with an interview in three days' }) inQuiz: string;
  @ApiProperty({ description: 'Core, failed at the coding interview, rerouted' }) failedAtCoding: string;
  @ApiProperty({ description: 'Applied, rerouted from the failed one, with an offer' }) reroutedWithOffer: string;
}

export class ExampleSummaryResponse {
  @ApiProperty({ description: 'Example Frontier Lab' }) organizationId: string;
  @ApiProperty({ type: ExampleTeamIdsDto }) teamIds: ExampleTeamIdsDto;
  @ApiProperty({ description: "The lab's Research Engineer loop" }) templateId: string;
  @ApiProperty({ example: 3 }) applications: number;
  @ApiProperty({ example: 8 }) people: number;
  @ApiProperty({ example: 8 }) interactions: number;
  @ApiProperty({ example: 8 }) interviews: number;
  @ApiProperty({ example: 1 }) upcomingInterviews: number;
  @ApiProperty({ description: 'Prep tasks from the stage checklists, plus a few of your own' }) tasks: number;
  @ApiProperty({ example: 1 }) referrals: number;
  @ApiProperty({ type: ExampleApplicationIdsDto }) applicationIds: ExampleApplicationIdsDto;
  @ApiProperty({ description: 'The submitted referral' }) referralId: string;
}
