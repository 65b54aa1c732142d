import type { ReadinessProgress } from '../readiness/index';
import type { ScholarlySource } from '../scholarly/index';

/**
 * Everything a briefing says, as data. It is assembled once per generation and stored with the
 * version, so every format renders the same facts and the next version can say what changed.
 * Dates are ISO strings (the content is JSON in the database).
 */
export interface BriefingContent {
  /** The content model's version, for readers of stored briefings. */
  schema: 1;
  generatedAt: string;
  /** The user's time zone: every time in the briefing is shown in it. */
  timeZone: string;
  interview: BriefingInterview;
  application: BriefingApplication;
  organization: BriefingOrganization | null;
  interviewers: BriefingInterviewer[];
  /** The reading checklist of the interview: the union over its interviewers. */
  reading: BriefingReading | null;
  prep: BriefingPrep;
  /** The user's retrospectives on earlier stages of the same kind, in any application, most recent first. */
  retrospectives: BriefingRetrospective[];
  resumeProjects: BriefingResumeProject[];
  /**
   * How ready the user was for the interview when this version was made, with their totals then, so
   * the next version says what progress they made. Absent in versions made before readiness was in briefings.
   */
  readiness?: BriefingReadiness;
}

export interface BriefingReadiness {
  /** 0–100; null when no part applied. */
  figure: number | null;
  parts: { key: string; label: string; value: number; weight: number; share: number; counts: string; nextStep: string | null }[];
  leftOut: { key: string; label: string; reason: string }[];
  explanation: string;
  /** Totals as of this version: what "what changed" compares. */
  progress: ReadinessProgress;
}

export interface BriefingRetrospective {
  id: string;
  application: { id: string; role: string; organization: string; team: string | null };
  stage: { name: string; type: string; status: string; at: string | null };
  wentWell: string | null;
  wentBadly: string | null;
  doDifferently: string | null;
}

export interface BriefingInterview {
  id: string;
  startsAt: string;
  /** The interview's own time zone (where it is held), besides the user's. */
  timeZone: string;
  durationMinutes: number;
  format: string;
  location: string | null;
  meetingUrl: string | null;
  prepNotes: string | null;
  stage: { id: string; name: string; type: string; position: number; of: number };
}

export interface BriefingApplication {
  id: string;
  role: string;
  status: string;
  appliedOn: string | null;
  team: string | null;
  notes: string | null;
  recruiter: { id: string; fullName: string } | null;
  /** Every move, oldest first, across applications linked by reroutes. */
  history: { at: string; move: string; fromStage: string | null; toStage: string | null; toStatus: string; note: string | null }[];
  referral: { referrer: { id: string; fullName: string }; status: string; notes: string | null } | null;
}

export interface BriefingOrganization {
  id: string;
  name: string;
  website: string | null;
  researchNotes: string | null;
  team: { name: string; researchNotes: string | null } | null;
}

/** A link to the record a scholarly fact came from. */
export interface SourceLink {
  source: ScholarlySource;
  url: string;
}

export interface BriefingWork {
  id: string;
  title: string;
  year: number | null;
  publicationDate: string | null;
  venue: string | null;
  citationCount: number | null;
  /** The interviewer's author position, e.g. "1st of 4". */
  position: string;
  sources: SourceLink[];
}

export interface BriefingInterviewer {
  id: string;
  fullName: string;
  headline: string | null;
  role: string | null;
  organization: string | null;
  team: string | null;
  /** The person's own links (homepage, Scholar, ORCID, …). */
  links: { kind: string; url: string }[];
  /** Linked scholarly identities, each with its profile link and last sync. */
  identities: { source: ScholarlySource; name: string | null; url: string; lastSyncedAt: string | null }[];
  /** Affiliations as the sources record them, current first. */
  affiliations: { name: string; current: boolean; sources: SourceLink[] }[];
  /** Main research topics, as the sources classify the author, with the sources that say so. */
  topics: { name: string; sources: SourceLink[] }[];
  /** The venues they publish in most, with their number of works there. */
  venues: { name: string; works: number }[];
  totals: { works: number; citations: number; firstAuthor: number; lastAuthor: number };
  /** When the user last spoke with them (their latest interaction), if ever. */
  lastSpokeAt: string | null;
  /** Earlier interviews they were on, in any application (reroutes included), most recent first. */
  earlierMeetings: BriefingMeeting[];
  /** Their referrals of the user, in any application. */
  referredYou: BriefingReferralBy[];
  /** What the user asked of them (an intro, a referral, advice), most recent first. */
  asks: { at: string; asked: string }[];
  /** Works published since then (or in the last year when they never spoke), newest first. */
  publishedSince: BriefingWork[];
  /** Most cited works, for the profile. */
  topWorks: BriefingWork[];
  warmPaths: BriefingWarmPaths;
}

/** An earlier interview with an interviewer, with the user's notes on them there. */
export interface BriefingMeeting {
  interviewId: string;
  startsAt: string;
  application: { id: string; role: string; organization: string; team: string | null; status: string };
  stage: { name: string; type: string; status: string };
  outcome: string;
  notes: { asked: string | null; howItWent: string | null; followUp: string | null } | null;
}

export interface BriefingReferralBy {
  applicationId: string;
  role: string;
  organization: string;
  team: string | null;
  status: string;
  /** The date of its latest status, when known. */
  on: string | null;
  notes: string | null;
}

export interface BriefingWarmPaths {
  /** Contacts who wrote with the interviewer. */
  direct: { personId: string; fullName: string; sharedWorks: { id: string; title: string; year: number | null }[] }[];
  /** Contacts one co-author away. */
  viaCoauthor: { personId: string; fullName: string; through: { name: string; personId: string | null } }[];
}

export interface BriefingReadingItem {
  work: BriefingWork;
  /** The interviewers the item is on the checklist for. */
  interviewers: { id: string; fullName: string }[];
  score: number | null;
  reasons: string[];
  status: string;
  notes: string | null;
  summary: string | null;
  questions: string[];
}

export interface BriefingReading {
  items: BriefingReadingItem[];
  coverage: { read: number; total: number };
  perInterviewer: { id: string; fullName: string; read: number; total: number }[];
}

export interface BriefingPrep {
  /** The stage's prep checklist (the stage's own, from its template). */
  checklist: string[];
  /** Topics to revise for this kind of stage. */
  topics: string[];
  tasks: { id: string; title: string; dueOn: string | null; done: boolean }[];
}

export interface BriefingResumeProject {
  id: string;
  title: string;
  summary: string | null;
  role: string | null;
  technologies: string[];
  talkingPoints: string[];
  links: string[];
}
