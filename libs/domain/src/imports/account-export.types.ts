import type { ApplicationMoveKind, ApplicationSource, ApplicationStatus, StageStatus } from '../applications/index';
import type { BriefingContent, BriefingStatus, BriefingTrigger } from '../briefings/index';
import type { InteractionType } from '../interactions/index';
import type { InterviewFormat, InterviewOutcome } from '../interviews/index';
import type { RelationshipStage } from '../people/index';
import type { PersonLinks } from '../shared/text/index';
import type { RankingWeights, ReadingStatus } from '../reading/index';
import type { ReferralStatus } from '../referrals/index';
import type { ScholarlySource } from '../scholarly/index';
import type { IdentityStatus } from '../scholarly-identities/index';
import type { StageType, TemplateStage } from '../stage-templates/index';
import type { TaskCloseReason, TaskOrigin } from '../tasks/index';

export const EXPORT_FORMAT = 'dossier-export';
/**
 * 2 added the pipeline: stage templates, applications, interviews, tasks, referrals, asks, follow-up reasons.
 * 3 added the research: scholarly identities, people's own sync schedules and briefings.
 */
export const EXPORT_VERSION = 3;
/** The versions an import reads; an older document simply lacks what came later. */
export const READABLE_EXPORT_VERSIONS = [1, 2, 3] as const;

/**
 * All of one user's data as one JSON document. Versioned: an importer reads any version it knows.
 * Ids are kept so that references inside the document hold; an import gives the rows new ids.
 */
export interface AccountExport {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  /** readingCoverageTarget: added with reading goals (percent; null while the default applies); absent in older documents. */
  account: { displayName: string; timeZone: string; readingCoverageTarget?: number | null };
  organizations: ExportedOrganization[];
  people: ExportedPerson[];
  interactions: ExportedInteraction[];
  /** Since version 2. */
  stageTemplates?: ExportedStageTemplate[];
  /** Since version 2: each with its stages and its moves. */
  applications?: ExportedApplication[];
  /** Since version 2. */
  interviews?: ExportedInterview[];
  /** Added with per-interviewer notes; absent in older documents. */
  interviewerNotes?: ExportedInterviewerNote[];
  /** Added with stage retrospectives; absent in older documents. */
  stageRetrospectives?: ExportedStageRetrospective[];
  /** Since version 2. */
  tasks?: ExportedTask[];
  /** Since version 2. */
  referrals?: ExportedReferral[];
  /** Added with reading checklists; absent in older documents. Each names its work by id and by DOI/arXiv id, as works are shared. */
  readingEntries?: ExportedReadingEntry[];
  /** Added with reading checklists; absent in older documents. */
  readingChecklistSettings?: ExportedChecklistSettings[];
  /** Added with résumé projects; absent in older documents. */
  resumeProjects?: ExportedResumeProject[];
  /** Since version 3: who each person is at the scholarly sources, rejected candidates included. */
  scholarlyIdentities?: ExportedScholarlyIdentity[];
  /** Since version 3: people synced at their own cadence. */
  syncSchedules?: ExportedSyncSchedule[];
  /** Since version 3: every version of every interview's briefing. */
  briefings?: ExportedBriefing[];
}

export interface ExportedOrganization {
  id: string;
  name: string;
  /** Added with organization aliases; absent in older documents. */
  aliases?: string[];
  website: string | null;
  description: string | null;
  researchNotes: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  teams: { id: string; name: string; description: string | null; researchNotes: string | null; createdAt: string; updatedAt: string }[];
}

export interface ExportedPerson {
  id: string;
  fullName: string;
  givenName: string | null;
  familyName: string | null;
  headline: string | null;
  role: string | null;
  organizationId: string | null;
  teamId: string | null;
  emails: string[];
  /** Added with phone numbers; absent in older documents. */
  phones?: string[];
  links: PersonLinks;
  tags: string[];
  howWeMet: string | null;
  relationshipStage: RelationshipStage;
  notes: string | null;
  nextFollowUpAt: string | null;
  /** Since version 2. */
  nextFollowUpReason?: string | null;
  followUpCadenceDays: number | null;
  lastInteractionAt: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface ExportedInteraction {
  id: string;
  personId: string;
  type: InteractionType;
  occurredAt: string;
  channel: string | null;
  summary: string;
  offered: string | null;
  /** Since version 2. */
  asked?: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ExportedStageTemplate {
  id: string;
  organizationId: string | null;
  name: string;
  role: string | null;
  stages: TemplateStage[];
  createdAt: string;
  updatedAt: string;
}

export interface ExportedStage {
  id: string;
  position: number;
  name: string;
  type: StageType;
  checklist: string[];
  status: StageStatus;
  enteredAt: string | null;
  leftAt: string | null;
}

export interface ExportedMove {
  id: string;
  move: ApplicationMoveKind;
  at: string;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus;
  fromStage: string | null;
  toStage: string | null;
  fromStageId: string | null;
  toStageId: string | null;
  relatedApplicationId: string | null;
  /** Added with reroutes carrying referrals and the recruiter over; absent in older documents. */
  carriedReferralIds?: string[];
  carriedRecruiter?: boolean;
  note: string | null;
  recordedAt: string;
}

export interface ExportedApplication {
  id: string;
  organizationId: string;
  teamId: string | null;
  role: string;
  source: ApplicationSource;
  status: ApplicationStatus;
  appliedOn: string;
  closedOn: string | null;
  notes: string | null;
  /** Added with reading checklists; absent in older documents. */
  keywords?: string[];
  recruiterId: string | null;
  templateId: string | null;
  templateName: string;
  currentStageId: string | null;
  reroutedFromId: string | null;
  createdAt: string;
  updatedAt: string;
  stages: ExportedStage[];
  /** Oldest first. */
  moves: ExportedMove[];
}

export interface ExportedInterview {
  id: string;
  applicationId: string;
  stageId: string;
  startsAt: string;
  timeZone: string;
  durationMinutes: number;
  format: InterviewFormat;
  location: string | null;
  meetingUrl: string | null;
  prepNotes: string | null;
  outcome: InterviewOutcome;
  feedback: string | null;
  sequence: number;
  interviewerIds: string[];
  createdAt: string;
  updatedAt: string;
}

/** The user's notes on one interviewer at one interview. */
export interface ExportedInterviewerNote {
  id: string;
  interviewId: string;
  personId: string;
  asked: string | null;
  howItWent: string | null;
  followUp: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The user's retrospective on one stage of an application. */
export interface ExportedStageRetrospective {
  id: string;
  applicationId: string;
  stageId: string;
  wentWell: string | null;
  wentBadly: string | null;
  doDifferently: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ExportedTask {
  id: string;
  title: string;
  dueOn: string | null;
  doneAt: string | null;
  /** Added with settling prep tasks when an application closes; absent in older documents. */
  closedAt?: string | null;
  closedReason?: TaskCloseReason | null;
  notes: string | null;
  origin: TaskOrigin;
  personId: string | null;
  applicationId: string | null;
  stageId: string | null;
  interviewId: string | null;
  sequence: number;
  createdAt: string;
  updatedAt: string;
}

export interface ExportedReferral {
  id: string;
  applicationId: string;
  referrerId: string;
  recruiterId: string | null;
  status: ReferralStatus;
  statusDates: Partial<Record<ReferralStatus, string>>;
  notes: string | null;
  /** The referral a reroute carried this one over from; absent in older documents. */
  carriedFromId?: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ExportedResumeProject {
  id: string;
  title: string;
  summary: string | null;
  role: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  tags: string[];
  links: { url: string; label: string | null }[];
  talkingPoints: string[];
  stageTypes: StageType[];
  position: number;
  createdAt: string;
  updatedAt: string;
}

export interface ExportedReadingEntry {
  id: string;
  workId: string;
  /** How the work is found again where its id is unknown (another Dossier). */
  doi: string | null;
  arxivId: string | null;
  title: string;
  status: ReadingStatus;
  notes: string | null;
  summary: string | null;
  questions: string[];
  createdAt: string;
  updatedAt: string;
}

export interface ExportedChecklistSettings {
  id: string;
  /** Exactly one of personId and interviewId. */
  personId: string | null;
  interviewId: string | null;
  size: number;
  weights: RankingWeights;
  updatedAt: string;
}

/**
 * A person's id at a source. What the last sync found is not exported (nor when the row last
 * changed, which every sync does): the works are the source's, and an import syncs the linked
 * identities again.
 */
export interface ExportedScholarlyIdentity {
  id: string;
  personId: string;
  source: ScholarlySource;
  sourceAuthorId: string;
  name: string | null;
  status: IdentityStatus;
  linkedBy: 'user' | 'auto';
  createdAt: string;
}

export interface ExportedSyncSchedule {
  personId: string;
  everyHours: number;
  updatedAt: string;
}

/** One version of a briefing, with the facts it was rendered from and what it said. */
export interface ExportedBriefing {
  id: string;
  interviewId: string;
  version: number;
  trigger: BriefingTrigger;
  status: BriefingStatus;
  forStartsAt: string | null;
  content: BriefingContent | null;
  markdown: string | null;
  html: string | null;
  changes: string[];
  error: string | null;
  createdAt: string;
  generatedAt: string | null;
}
