import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SCHOLARLY_SOURCES } from '#domain/scholarly/index';
import type { BriefingApplication, BriefingContent, BriefingInterview, BriefingInterviewer, BriefingMeeting, BriefingReadiness, BriefingReadingItem, BriefingResumeProject, BriefingRetrospective, BriefingWork } from '#domain/briefings/index';

// The facts a briefing is rendered from (libs/domain/src/briefings/briefing-content.ts), as the API
// answers them: documented field by field so that a client reads them typed.

class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
}

export class BriefingStageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() type: string;
  @ApiProperty({ description: '1-based' }) position: number;
  @ApiProperty({ description: 'Stages in the loop' }) of: number;
}

export class BriefingInterviewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ description: "The interview's own time zone (IANA)" }) timeZone: string;
  @ApiProperty() durationMinutes: number;
  @ApiProperty() format: string;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
  @ApiProperty({ type: String, nullable: true }) meetingUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) prepNotes: string | null;
  @ApiProperty({ type: BriefingStageDto }) stage: BriefingStageDto;
}

export class BriefingMoveDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() move: string;
  @ApiProperty({ type: String, nullable: true }) fromStage: string | null;
  @ApiProperty({ type: String, nullable: true }) toStage: string | null;
  @ApiProperty() toStatus: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class BriefingReferralDto {
  @ApiProperty({ type: PersonRefDto }) referrer: PersonRefDto;
  @ApiProperty() status: string;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
}

export class BriefingApplicationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() role: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) appliedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) team: string | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ type: PersonRefDto, nullable: true }) recruiter: PersonRefDto | null;
  @ApiProperty({ type: [BriefingMoveDto], description: 'Every move, oldest first, across applications linked by reroutes' }) history: BriefingMoveDto[];
  @ApiProperty({ type: BriefingReferralDto, nullable: true }) referral: BriefingReferralDto | null;
}

export class BriefingTeamDto {
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) researchNotes: string | null;
}

export class BriefingOrganizationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) website: string | null;
  @ApiProperty({ type: String, nullable: true }) researchNotes: string | null;
  @ApiProperty({ type: BriefingTeamDto, nullable: true }) team: BriefingTeamDto | null;
}

export class SourceLinkDto {
  @ApiProperty({ enum: SCHOLARLY_SOURCES, enumName: 'ScholarlySource' }) source: string;
  @ApiProperty() url: string;
}

export class BriefingWorkDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: Number, nullable: true }) year: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) publicationDate: string | null;
  @ApiProperty({ type: String, nullable: true }) venue: string | null;
  @ApiProperty({ type: Number, nullable: true }) citationCount: number | null;
  @ApiProperty({ example: '1st of 4', description: "The interviewer's author position" }) position: string;
  @ApiProperty({ type: [SourceLinkDto] }) sources: SourceLinkDto[];
}

export class BriefingLinkDto {
  @ApiProperty() kind: string;
  @ApiProperty() url: string;
}

export class BriefingIdentityDto {
  @ApiProperty({ enum: SCHOLARLY_SOURCES, enumName: 'ScholarlySource' }) source: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty() url: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSyncedAt: string | null;
}

export class BriefingAffiliationDto {
  @ApiProperty() name: string;
  @ApiProperty() current: boolean;
  @ApiProperty({ type: [SourceLinkDto] }) sources: SourceLinkDto[];
}

export class BriefingTopicDto {
  @ApiProperty() name: string;
  @ApiProperty({ type: [SourceLinkDto] }) sources: SourceLinkDto[];
}

export class BriefingVenueDto {
  @ApiProperty() name: string;
  @ApiProperty() works: number;
}

export class BriefingTotalsDto {
  @ApiProperty() works: number;
  @ApiProperty() citations: number;
  @ApiProperty() firstAuthor: number;
  @ApiProperty() lastAuthor: number;
}

export class BriefingSharedWorkDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: Number, nullable: true }) year: number | null;
}

export class BriefingDirectPathDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: [BriefingSharedWorkDto] }) sharedWorks: BriefingSharedWorkDto[];
}

export class BriefingThroughDto {
  @ApiProperty() name: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) personId: string | null;
}

export class BriefingCoauthorPathDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: BriefingThroughDto }) through: BriefingThroughDto;
}

export class BriefingWarmPathsDto {
  @ApiProperty({ type: [BriefingDirectPathDto], description: 'Contacts who wrote with the interviewer' }) direct: BriefingDirectPathDto[];
  @ApiProperty({ type: [BriefingCoauthorPathDto], description: 'Contacts one co-author away' }) viaCoauthor: BriefingCoauthorPathDto[];
}

export class BriefingMeetingApplicationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() role: string;
  @ApiProperty() organization: string;
  @ApiProperty({ type: String, nullable: true }) team: string | null;
  @ApiProperty() status: string;
}

export class BriefingMeetingStageDto {
  @ApiProperty() name: string;
  @ApiProperty() type: string;
  @ApiProperty() status: string;
}

export class BriefingMeetingNotesDto {
  @ApiProperty({ type: String, nullable: true }) asked: string | null;
  @ApiProperty({ type: String, nullable: true }) howItWent: string | null;
  @ApiProperty({ type: String, nullable: true }) followUp: string | null;
}

/** An earlier interview with an interviewer, with the user's notes on them there. */
export class BriefingMeetingDto {
  @ApiProperty({ format: 'uuid' }) interviewId: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ type: BriefingMeetingApplicationDto }) application: BriefingMeetingApplicationDto;
  @ApiProperty({ type: BriefingMeetingStageDto }) stage: BriefingMeetingStageDto;
  @ApiProperty() outcome: string;
  @ApiProperty({ type: BriefingMeetingNotesDto, nullable: true }) notes: BriefingMeetingNotesDto | null;
}

export class BriefingReferralByDto {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() role: string;
  @ApiProperty() organization: string;
  @ApiProperty({ type: String, nullable: true }) team: string | null;
  @ApiProperty() status: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The date of its latest status, when known' }) on: string | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
}

export class BriefingAskDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() asked: string;
}

export class BriefingInterviewerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: String, nullable: true }) headline: string | null;
  @ApiProperty({ type: String, nullable: true }) role: string | null;
  @ApiProperty({ type: String, nullable: true }) organization: string | null;
  @ApiProperty({ type: String, nullable: true }) team: string | null;
  @ApiProperty({ type: [BriefingLinkDto] }) links: BriefingLinkDto[];
  @ApiProperty({ type: [BriefingIdentityDto] }) identities: BriefingIdentityDto[];
  @ApiProperty({ type: [BriefingAffiliationDto], description: 'Current first' }) affiliations: BriefingAffiliationDto[];
  @ApiProperty({ type: [BriefingTopicDto] }) topics: BriefingTopicDto[];
  @ApiProperty({ type: [BriefingVenueDto] }) venues: BriefingVenueDto[];
  @ApiProperty({ type: BriefingTotalsDto }) totals: BriefingTotalsDto;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Their latest interaction with the user' }) lastSpokeAt: string | null;
  @ApiProperty({ type: [BriefingMeetingDto], description: 'Earlier interviews they were on, in any application, most recent first' }) earlierMeetings: BriefingMeetingDto[];
  @ApiProperty({ type: [BriefingReferralByDto], description: 'Their referrals of the user, in any application' }) referredYou: BriefingReferralByDto[];
  @ApiProperty({ type: [BriefingAskDto], description: 'What the user asked of them, most recent first' }) asks: BriefingAskDto[];
  @ApiProperty({ type: [BriefingWorkDto], description: 'Works since lastSpokeAt (or the last year), newest first' }) publishedSince: BriefingWorkDto[];
  @ApiProperty({ type: [BriefingWorkDto], description: 'Most cited works' }) topWorks: BriefingWorkDto[];
  @ApiProperty({ type: BriefingWarmPathsDto }) warmPaths: BriefingWarmPathsDto;
}

export class BriefingReadingItemDto {
  @ApiProperty({ type: BriefingWorkDto }) work: BriefingWorkDto;
  @ApiProperty({ type: [PersonRefDto] }) interviewers: PersonRefDto[];
  @ApiProperty({ type: Number, nullable: true }) score: number | null;
  @ApiProperty({ type: [String] }) reasons: string[];
  @ApiProperty() status: string;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ type: String, nullable: true }) summary: string | null;
  @ApiProperty({ type: [String] }) questions: string[];
}

export class BriefingCoverageDto {
  @ApiProperty() read: number;
  @ApiProperty() total: number;
}

export class BriefingInterviewerCoverageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty() read: number;
  @ApiProperty() total: number;
}

export class BriefingReadingDto {
  @ApiProperty({ type: [BriefingReadingItemDto] }) items: BriefingReadingItemDto[];
  @ApiProperty({ type: BriefingCoverageDto }) coverage: BriefingCoverageDto;
  @ApiProperty({ type: [BriefingInterviewerCoverageDto] }) perInterviewer: BriefingInterviewerCoverageDto[];
}

export class BriefingPrepTaskDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueOn: string | null;
  @ApiProperty() done: boolean;
}

export class BriefingPrepDto {
  @ApiProperty({ type: [String], description: "The stage's prep checklist" }) checklist: string[];
  @ApiProperty({ type: [String], description: 'Topics to revise for this kind of stage' }) topics: string[];
  @ApiProperty({ type: [BriefingPrepTaskDto] }) tasks: BriefingPrepTaskDto[];
}

export class BriefingResumeProjectDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) summary: string | null;
  @ApiProperty({ type: String, nullable: true }) role: string | null;
  @ApiProperty({ type: [String] }) technologies: string[];
  @ApiProperty({ type: [String] }) talkingPoints: string[];
  @ApiProperty({ type: [String] }) links: string[];
}

export class BriefingRetrospectiveApplicationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() role: string;
  @ApiProperty() organization: string;
  @ApiProperty({ type: String, nullable: true }) team: string | null;
}

export class BriefingRetrospectiveStageDto {
  @ApiProperty() name: string;
  @ApiProperty() type: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) at: string | null;
}

export class BriefingRetrospectiveDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: BriefingRetrospectiveApplicationDto }) application: BriefingRetrospectiveApplicationDto;
  @ApiProperty({ type: BriefingRetrospectiveStageDto }) stage: BriefingRetrospectiveStageDto;
  @ApiProperty({ type: String, nullable: true }) wentWell: string | null;
  @ApiProperty({ type: String, nullable: true }) wentBadly: string | null;
  @ApiProperty({ type: String, nullable: true }) doDifferently: string | null;
}

export class BriefingReadinessPartDto {
  @ApiProperty({ description: 'reading, prep, plan, practice, mocks or stories' }) key: string;
  @ApiProperty() label: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) value: number;
  @ApiProperty() weight: number;
  @ApiProperty({ description: 'Its share of the figure, in percent' }) share: number;
  @ApiProperty({ example: '3 of 4 papers read (goal 80%: 4)' }) counts: string;
  @ApiProperty({ type: String, nullable: true }) nextStep: string | null;
}

export class BriefingReadinessLeftOutDto {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty() reason: string;
}

export class BriefingProgressDto {
  @ApiProperty({ description: "Papers of the interview's checklist read" }) papersRead: number;
  @ApiProperty() studyMinutes: number;
  @ApiProperty() studySessions: number;
  @ApiProperty() questionsDrilled: number;
  @ApiProperty() mocks: number;
  @ApiProperty() stories: number;
}

export class BriefingReadinessDto {
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 100 }) figure: number | null;
  @ApiProperty({ type: [BriefingReadinessPartDto] }) parts: BriefingReadinessPartDto[];
  @ApiProperty({ type: [BriefingReadinessLeftOutDto] }) leftOut: BriefingReadinessLeftOutDto[];
  @ApiProperty() explanation: string;
  @ApiProperty({ type: BriefingProgressDto, description: "The user's totals when the version was made: what the next version's changes compare" }) progress: BriefingProgressDto;
}

export class BriefingContentDto {
  @ApiProperty({ enum: [1], description: "The content model's version" }) schema: 1;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ description: "The user's time zone: every time in the briefing is shown in it" }) timeZone: string;
  @ApiProperty({ type: BriefingInterviewDto }) interview: BriefingInterviewDto;
  @ApiProperty({ type: BriefingApplicationDto }) application: BriefingApplicationDto;
  @ApiProperty({ type: BriefingOrganizationDto, nullable: true }) organization: BriefingOrganizationDto | null;
  @ApiProperty({ type: [BriefingInterviewerDto] }) interviewers: BriefingInterviewerDto[];
  @ApiProperty({ type: BriefingReadingDto, nullable: true, description: 'The union checklist over the interviewers' }) reading: BriefingReadingDto | null;
  @ApiProperty({ type: BriefingPrepDto }) prep: BriefingPrepDto;
  @ApiProperty({ type: [BriefingRetrospectiveDto], description: "The user's retrospectives on earlier stages of the same kind, most recent first" }) retrospectives: BriefingRetrospectiveDto[];
  @ApiProperty({ type: [BriefingResumeProjectDto] }) resumeProjects: BriefingResumeProjectDto[];
  @ApiPropertyOptional({ type: BriefingReadinessDto, description: 'How ready you were when this version was made; absent in versions made before readiness was in briefings' }) readiness?: BriefingReadinessDto;
}

export class BriefingLinksDto {
  @ApiProperty({ example: '/briefings/…/markdown' }) markdown: string;
  @ApiProperty({ example: '/briefings/…/html' }) html: string;
  @ApiProperty({ example: '/briefings/…/pdf' }) pdf: string;
}

// The documented content follows the domain's: a field added there and not here (or dropped there)
// fails the type check, so the document cannot fall behind what GET /briefings/:id answers.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
const sameKeys = {
  content: true satisfies SameKeys<BriefingContent, BriefingContentDto>,
  interview: true satisfies SameKeys<BriefingInterview, BriefingInterviewDto>,
  application: true satisfies SameKeys<BriefingApplication, BriefingApplicationDto>,
  interviewer: true satisfies SameKeys<BriefingInterviewer, BriefingInterviewerDto>,
  work: true satisfies SameKeys<BriefingWork, BriefingWorkDto>,
  readingItem: true satisfies SameKeys<BriefingReadingItem, BriefingReadingItemDto>,
  retrospective: true satisfies SameKeys<BriefingRetrospective, BriefingRetrospectiveDto>,
  meeting: true satisfies SameKeys<BriefingMeeting, BriefingMeetingDto>,
  resumeProject: true satisfies SameKeys<BriefingResumeProject, BriefingResumeProjectDto>,
  readiness: true satisfies SameKeys<BriefingReadiness, BriefingReadinessDto>,
};
void sameKeys;
