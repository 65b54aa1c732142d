import { AccessToken } from './accounts/access-token.entity';
import { User } from './accounts/user.entity';
import { ImportRun } from './imports/import-run.entity';
import { Interaction } from './interactions/interaction.entity';
import { Organization } from './organizations/organization.entity';
import { Team } from './organizations/team.entity';
import { Person } from './people/person.entity';

/** Every entity, listed once for the app, the migration CLI and the tests. */
export const ENTITIES = [User, AccessToken, Organization, Team, Person, Interaction, ImportRun];
