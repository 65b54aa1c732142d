import { CreateNetworkSchema1795889026096 } from './1795889026096-create-network-schema';
import { CreatePipelineSchema1795916944601 } from './1795916944601-create-pipeline-schema';
import { IndexPeopleTags1795918918096 } from './1795918918096-index-people-tags';
import { CreateWorksSchema1795921460018 } from './1795921460018-create-works-schema';
import { CreatePersonSyncSettings1795922564720 } from './1795922564720-create-person-sync-settings';
import { CreateBriefings1795930400191 } from './1795930400191-create-briefings';
import { CreateResumeProjects1795930919996 } from './1795930919996-create-resume-projects';
import { CreateReadingChecklists1795931034417 } from './1795931034417-create-reading-checklists';
import { CreateWorkAuthorQueries1795933316823 } from './1795933316823-create-work-author-queries';
import { CreateIdempotencyKeys1795945406319 } from './1795945406319-create-idempotency-keys';
import { AddRolesSessionsSecurityEvents1796623437835 } from './1796623437835-add-roles-sessions-security-events';
import { PromoteFirstUserToAdmin1796623437849 } from './1796623437849-promote-first-user-to-admin';
import { CreateTwoFactor1796623633455 } from './1796623633455-create-two-factor';
import { CreateSignInThrottles1796623633478 } from './1796623633478-create-sign-in-throttles';
import { AddTaskClosing1796624902921 } from './1796624902921-add-task-closing';
import { CreateInterviewerNotes1796625036913 } from './1796625036913-create-interviewer-notes';
import { AddRerouteCarryOver1796625341797 } from './1796625341797-add-reroute-carry-over';
import { CreateStageRetrospectives1796625657646 } from './1796625657646-create-stage-retrospectives';
import { AddOrganizationAliases1796625835013 } from './1796625835013-add-organization-aliases';
import { CreateReadingGoals1796626019407 } from './1796626019407-create-reading-goals';
import { RefoldNamesWithoutApostrophes1796626310745 } from './1796626310745-refold-names-without-apostrophes';
import { AddPeoplePhones1796626677364 } from './1796626677364-add-people-phones';
import { AddUsersWorksSeenAt1796700000000 } from './1796700000000-add-users-works-seen-at';
import { AddUsersSyncSchedule1796710000000 } from './1796710000000-add-users-sync-schedule';
import { CreateWorkAliasesAndTitles1796731500000 } from './1796731500000-create-work-aliases-and-titles';
import { CreateRequestPacing1796745300000 } from './1796745300000-create-request-pacing';

/** Every migration, in order. A new migration is generated into this folder and added here. */
export const MIGRATIONS: Function[] = [CreateNetworkSchema1795889026096, CreatePipelineSchema1795916944601, IndexPeopleTags1795918918096, CreateWorksSchema1795921460018, CreatePersonSyncSettings1795922564720, CreateBriefings1795930400191, CreateResumeProjects1795930919996, CreateReadingChecklists1795931034417, CreateWorkAuthorQueries1795933316823, CreateIdempotencyKeys1795945406319, AddRolesSessionsSecurityEvents1796623437835, PromoteFirstUserToAdmin1796623437849, CreateTwoFactor1796623633455, CreateSignInThrottles1796623633478, AddTaskClosing1796624902921, CreateInterviewerNotes1796625036913, AddRerouteCarryOver1796625341797, CreateStageRetrospectives1796625657646, AddOrganizationAliases1796625835013, CreateReadingGoals1796626019407, RefoldNamesWithoutApostrophes1796626310745, AddPeoplePhones1796626677364, AddUsersWorksSeenAt1796700000000, AddUsersSyncSchedule1796710000000, CreateWorkAliasesAndTitles1796731500000, CreateRequestPacing1796745300000];
