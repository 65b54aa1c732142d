// The domain services the bench seeds call, wired by hand from one DataSource as Nest would wire
// them (services over their modules' repositories), without booting an app. Repositories are not
// part of a module's index, so they are imported from their files here.
import type { DataSource } from 'typeorm';
import type { AppConfig, Clock, JobQueue, SecretKeyring } from '#platform';
import { AccessTokensRepository } from '../libs/domain/src/accounts/access-tokens.repository';
import { AccountsService } from '../libs/domain/src/accounts/accounts.service';
import { IdempotencyKeysRepository } from '../libs/domain/src/accounts/idempotency-keys.repository';
import { IdempotencyKeysService } from '../libs/domain/src/accounts/idempotency-keys.service';
import { InvitationsRepository } from '../libs/domain/src/accounts/invitations.repository';
import { SignInThrottleService } from '../libs/domain/src/accounts/sign-in-throttle.service';
import { SignInThrottlesRepository } from '../libs/domain/src/accounts/sign-in-throttles.repository';
import { TimeZonesService } from '../libs/domain/src/accounts/time-zones.service';
import { TwoFactorRepository } from '../libs/domain/src/accounts/two-factor.repository';
import { TwoFactorService } from '../libs/domain/src/accounts/two-factor.service';
import { UsersRepository } from '../libs/domain/src/accounts/users.repository';
import { Organization } from '../libs/domain/src/organizations/organization.entity';
import { OrganizationReferences } from '../libs/domain/src/organizations/organization-references';
import { OrganizationsRepository } from '../libs/domain/src/organizations/organizations.repository';
import { OrganizationsService } from '../libs/domain/src/organizations/organizations.service';
import { Team } from '../libs/domain/src/organizations/team.entity';
import { PeopleRepository } from '../libs/domain/src/people/people.repository';
import { PeopleService } from '../libs/domain/src/people/people.service';
import { Person } from '../libs/domain/src/people/person.entity';
import { PersonReferences } from '../libs/domain/src/people/person-references';
import { ReferralsRepository } from '../libs/domain/src/referrals/referrals.repository';
import { ReferralsService } from '../libs/domain/src/referrals/referrals.service';
import { SecurityEventsRepository } from '../libs/domain/src/security-events/security-events.repository';
import { SecurityEventsService } from '../libs/domain/src/security-events/security-events.service';
import { StageTemplate } from '../libs/domain/src/stage-templates/stage-template.entity';
import { StageTemplatesRepository } from '../libs/domain/src/stage-templates/stage-templates.repository';
import { StageTemplatesService } from '../libs/domain/src/stage-templates/stage-templates.service';

export function accountsServices(dataSource: DataSource, config: AppConfig, keyring: SecretKeyring, clock: Clock) {
  const users = new UsersRepository(dataSource);
  const twoFactor = new TwoFactorService(new TwoFactorRepository(dataSource), users, new SignInThrottleService(new SignInThrottlesRepository(dataSource), keyring, clock), keyring, clock);
  const events = new SecurityEventsService(new SecurityEventsRepository(dataSource));
  const accounts = new AccountsService(users, new AccessTokensRepository(dataSource), new InvitationsRepository(dataSource), config, events, twoFactor);
  return { accounts, timeZones: new TimeZonesService(users), idempotencyKeys: new IdempotencyKeysService(new IdempotencyKeysRepository(dataSource)) };
}

// No reference registered: the seeds never merge organizations.
export function organizationsService(dataSource: DataSource): OrganizationsService {
  return new OrganizationsService(new OrganizationsRepository(dataSource.getRepository(Organization), dataSource.getRepository(Team), dataSource), new OrganizationReferences());
}

// No reference registered: the seeds create people, they never merge or erase them.
export function peopleService(dataSource: DataSource, organizations: OrganizationsService, accounts: ReturnType<typeof accountsServices>, jobs: JobQueue<any>): PeopleService {
  return new PeopleService(new PeopleRepository(dataSource.getRepository(Person), dataSource), organizations, accounts.timeZones, accounts.idempotencyKeys, jobs, new PersonReferences());
}

export function stageTemplatesService(dataSource: DataSource, organizations: OrganizationsService): StageTemplatesService {
  return new StageTemplatesService(new StageTemplatesRepository(dataSource.getRepository(StageTemplate)), organizations);
}

export function referralsService(dataSource: DataSource, people: PeopleService, timeZones: TimeZonesService): ReferralsService {
  return new ReferralsService(new ReferralsRepository(dataSource), people, timeZones);
}
