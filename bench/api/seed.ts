// Seeds the benchmark database: one account with a large network, written the way the app writes it.
//
// Rows are built with the app's own code (AccountsService, OrganizationsService, the private
// PeopleService.apply that create() runs, interactionColumns) and inserted in multi-row INSERTs
// through the entities' repositories, so every column (name_folded, split names, normalized emails
// and links, defaults) is what POST /people and POST /people/:id/interactions would have stored.
// Only the per-request round trips are skipped; the one set-based UPDATE at the end is
// PeopleService.touch run for every person at once. A few applications and about 200 referrals are
// then made through ApplicationsService and ReferralsService, so the person page has referrals,
// asks and suggested follow-ups to show (and the bench's sample bodies compare them).
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, loadConfig, SecretKeyring, systemClock } from '#platform';
import { ENTITIES } from '#domain/entities';
import { ApplicationsService } from '#domain/applications/index';
import { ApplicationsRepository } from '#domain/applications/applications.repository';
import { Interaction, INTERACTION_TYPES, interactionColumns, InteractionType } from '#domain/interactions/index';
import { Organization, OrganizationsService, Team } from '#domain/organizations/index';
import { PeopleService, Person, PersonInput, RelationshipStage } from '#domain/people/index';
import { ReferralStatus } from '#domain/referrals/index';
import { accountsServices, organizationsService as wireOrganizations, peopleService as wirePeople, referralsService as wireReferrals, stageTemplatesService } from '../domain-wiring';
import { MIGRATIONS } from '../../migrations/index';
import { mulberry32 } from '../random';
import { unheardEvents } from '#domain/jobs/index';

export interface SeedOptions {
  people: number;
  organizations: number;
}

export interface SeedResult {
  userId: string;
  /** The account's sign-in, for benchmarks that sign in as a person does. */
  email: string;
  password: string;
  token: string;
  personIds: string[];
  /** Tags by how many people carry them, most common first. */
  tagCounts: { tag: string; people: number }[];
  interactions: number;
  organizations: number;
  teams: number;
  referrals: number;
  seconds: number;
}

/** Drops and recreates `name` on the server of `serverUrl`; returns the new database's URL. */
export async function recreateDatabase(serverUrl: string, name: string): Promise<string> {
  await withServer(adminUrl(serverUrl, name), async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  return databaseUrl(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withServer(adminUrl(serverUrl, name), (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** A database cannot be dropped from a session connected to it: use the server's `postgres` database then. */
function adminUrl(serverUrl: string, name: string): string {
  return new URL(serverUrl).pathname.replace(/^\//, '') === name ? databaseUrl(serverUrl, 'postgres') : serverUrl;
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withServer<T>(serverUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Runs the project's migrations (as the API does at boot), then seeds one user's network. */
export async function migrateAndSeed(url: string, options: SeedOptions): Promise<SeedResult> {
  const started = Date.now();
  const dataSource = new DataSource(dataSourceOptions(url, ENTITIES, MIGRATIONS));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    return { ...(await seed(dataSource, options)), seconds: (Date.now() - started) / 1000 };
  } finally {
    await dataSource.destroy();
  }
}

async function seed(dataSource: DataSource, options: SeedOptions): Promise<Omit<SeedResult, 'seconds'>> {
  const random = mulberry32(20_251_101);
  // Benchmarks register their own accounts, as tests do: registration is open.
  const config = loadConfig({ DATABASE_URL: dataSource.options.type === 'postgres' ? String(dataSource.options.url) : '', REGISTRATION: 'open' });
  // Only registration is used here; two-factor is wired as the app wires it, with a throwaway key.
  const keyring = new SecretKeyring('bench seed key, not used for anything kept');
  const accountServices = accountsServices(dataSource, config, keyring, systemClock);
  const { accounts } = accountServices;
  const organizationsService = wireOrganizations(dataSource);
  // The seed creates people and never erases one: erasing is the only use of the queue.
  const peopleService: PeopleService = wirePeople(dataSource, organizationsService, accountServices, undefined as never);

  // A real account, as POST /auth/register creates it, and a personal access token, as
  // POST /auth/tokens issues it (only its SHA-256 is stored): the bench sends it as a bearer token.
  const email = 'bench@example.org';
  const password = 'benchmark-password';
  const { user, session } = await accounts.register({ email, password, displayName: 'Bench' });
  const userId = user.id;
  const personalToken = await accounts.createPersonalToken(await accounts.authenticate(session.token), { name: 'bench' });

  // Organizations and teams through the service: a few hundred round trips at most.
  const organizations: { org: Organization; teams: Team[] }[] = [];
  for (let i = 0; i < options.organizations; i++) {
    const org = await organizationsService.create(userId, {
      name: organizationName(i),
      website: `https://${slug(organizationName(i))}.example.org`,
      description: pick(random, ORG_DESCRIPTIONS),
      researchNotes: random() < 0.5 ? researchNotes(random) : null,
      tags: sample(random, ORG_TAGS, 1 + Math.floor(random() * 3)),
    });
    const teams: Team[] = [];
    const teamCount = Math.floor(random() * 4);
    for (let t = 0; t < teamCount; t++) {
      teams.push(await organizationsService.addTeam(userId, org.id, { name: TEAM_NAMES[(i + t) % TEAM_NAMES.length], description: random() < 0.5 ? 'Works on the lab’s core research agenda.' : null }));
    }
    organizations.push({ org, teams });
  }

  // People: normalized by the same code as PeopleService.create, inserted 1,000 at a time.
  const apply = (peopleService as unknown as { apply(userId: string, person: Person, input: PersonInput): Promise<void> }).apply.bind(peopleService);
  const people = dataSource.getRepository(Person);
  const personIds: string[] = [];
  const tagTally = new Map<string, number>();
  let batch: Person[] = [];
  const flushPeople = async (): Promise<void> => {
    if (batch.length === 0) return;
    await people.insert(batch);
    personIds.push(...batch.map((p) => p.id));
    batch = [];
  };
  for (let i = 0; i < options.people; i++) {
    const input = personInput(random, i);
    const person = people.create({ userId, emails: [], links: {}, tags: [], relationshipStage: 'stranger' });
    // Organization and team are set below instead of through apply(), which would spend two
    // ownership queries per person checking ids this seed has just created itself.
    await apply(userId, person, input);
    if (organizations.length > 0 && random() < 0.8) {
      const { org, teams } = pick(random, organizations);
      person.organizationId = org.id;
      person.teamId = teams.length > 0 && random() < 0.5 ? pick(random, teams).id : null;
    } else {
      person.organizationId = null;
      person.teamId = null;
    }
    for (const tag of person.tags) tagTally.set(tag, (tagTally.get(tag) ?? 0) + 1);
    batch.push(person);
    if (batch.length === 1000) await flushPeople();
  }
  await flushPeople();

  // Interactions: 3 to 5 per person, as InteractionsService.create builds them.
  const interactionRepo = dataSource.getRepository(Interaction);
  let interactionBatch: Interaction[] = [];
  let interactions = 0;
  for (const personId of personIds) {
    const count = 3 + Math.floor(random() * 3);
    for (let k = 0; k < count; k++) {
      const type = pickWeighted(random, INTERACTION_WEIGHTS);
      const columns = interactionColumns({
        type,
        occurredAt: new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 700 * 86_400_000)).toISOString(),
        channel: random() < 0.7 ? pick(random, CHANNELS) : null,
        summary: pick(random, SUMMARIES),
        offered: random() < 0.3 ? pick(random, OFFERS) : null,
        // Some touch-points asked something of them: the person page counts these as asks.
        asked: random() < 0.1 ? pick(random, ASKS) : null,
      });
      interactionBatch.push(interactionRepo.create({ channel: null, offered: null, ...columns, userId, personId }));
    }
    if (interactionBatch.length >= 2000) {
      interactions += interactionBatch.length;
      await interactionRepo.insert(interactionBatch);
      interactionBatch = [];
    }
  }
  interactions += interactionBatch.length;
  if (interactionBatch.length > 0) await interactionRepo.insert(interactionBatch);

  // PeopleService.touch, for every person at once: last interaction and cadence-driven follow-up.
  await dataSource.query(
    `UPDATE people p SET
       last_interaction_at = latest.at,
       next_follow_up_at = CASE WHEN p.follow_up_cadence_days IS NULL OR latest.at IS NULL THEN p.next_follow_up_at
                                ELSE (latest.at AT TIME ZONE 'UTC')::date + p.follow_up_cadence_days END
     FROM (SELECT person_id, max(occurred_at) AS at FROM interactions WHERE user_id = $1 GROUP BY person_id) latest
     WHERE p.id = latest.person_id AND p.user_id = $1`,
    [userId],
  );
  // Applications and referrals, through the services (a few hundred round trips): the person page
  // shows the referrals a person made, and a submitted one sets their thank-you follow-up. The
  // first and the middle person (two of the bench's sample requests) are among the referrers.
  const referrals = await seedReferrals(dataSource, organizationsService, wireReferrals(dataSource, peopleService, accountServices.timeZones), userId, personIds, organizations, random);

  // Fresh statistics, as autovacuum would have gathered on a database that grew over months.
  await dataSource.query('VACUUM ANALYZE');

  const tagCounts = [...tagTally].map(([tag, n]) => ({ tag, people: n })).sort((a, b) => b.people - a.people || a.tag.localeCompare(b.tag));
  return {
    userId,
    email,
    password,
    token: personalToken.token,
    personIds,
    tagCounts,
    interactions,
    organizations: organizations.length,
    teams: organizations.reduce((n, o) => n + o.teams.length, 0),
    referrals,
  };
}

/** One application per tenth organization (at most 30), and a referral on one of them from every 50th person. */
async function seedReferrals(
  dataSource: DataSource,
  organizationsService: OrganizationsService,
  referralsService: ReturnType<typeof wireReferrals>,
  userId: string,
  personIds: string[],
  organizations: { org: Organization; teams: Team[] }[],
  random: () => number,
): Promise<number> {
  const applications = new ApplicationsService(new ApplicationsRepository(dataSource), organizationsService, stageTemplatesService(dataSource, organizationsService), unheardEvents());
  const applicationIds: string[] = [];
  for (let i = 0; i < organizations.length && applicationIds.length < 30; i += 10) {
    const { org, teams } = organizations[i];
    const created = await applications.create(userId, { organizationId: org.id, teamId: teams.length > 0 ? teams[0].id : null, role: pick(random, ROLES), source: 'referral' });
    applicationIds.push(created.application.id);
  }
  if (applicationIds.length === 0) return 0;
  const referrers = new Set([0, Math.floor(personIds.length / 2)].concat(personIds.map((_, i) => i).filter((i) => i % 50 === 25)));
  let count = 0;
  for (const i of referrers) {
    // The first person vouched on two applications, one with a recruiter; the others on one.
    for (let k = 0; k < (i === 0 ? 2 : 1) && k < applicationIds.length; k++) {
      await referralsService.create(userId, {
        applicationId: applicationIds[(i + k) % applicationIds.length],
        referrerId: personIds[i],
        recruiterId: k === 1 ? personIds[personIds.length - 1] : null,
        // A submitted one suggests thanking the referrer: nextFollowUpReason shows on the first sample.
        status: i === 0 && k === 0 ? 'submitted' : pick(random, REFERRAL_STATUSES_SEEDED),
        notes: random() < 0.5 ? 'Offered over coffee after the workshop.' : null,
      });
      count++;
    }
  }
  return count;
}

// ---------------------------------------------------------------- synthetic but plausible data

const GIVEN = ['Ada', 'Zoë', 'José', 'Søren', 'Łukasz', 'Ingrid', 'Mei', 'Hiroshi', 'Aarav', 'Fatima', 'Chloé', 'Björn', 'Noah', 'Amara', 'Dmitri', 'Élodie', 'Kwame', 'Priya', 'Mateo', 'Anaïs', 'Yusuf', 'Olga', 'Tomás', 'Leïla', 'Sven', 'Grace', 'Ravi', 'Ines', 'Jonas', 'Akosua', 'Wei', 'Nadia', 'Felix', 'Marta', 'Omar', 'Sofía', 'Kenji', 'Hana', 'Lars', 'Beatriz'];
const FAMILY = ['Lovelace', 'Ünal', 'García', 'Kierkegaard', 'Wałęsa', 'Bergström', 'Chen', 'Tanaka', 'Sharma', 'Haddad', 'Dubois', 'Andersson', 'Okafor', 'van der Berg', 'Ivanova', 'Lefèvre', 'Mensah', 'Iyer', 'Fernández', 'de la Cruz', 'Yılmaz', 'Petrova', 'Müller', 'Benali', 'Nakamura', 'Hopper', 'Krishnan', 'Costa', 'Schäfer', 'Boateng', 'Zhang', 'Kowalska', 'O’Brien', 'Novák', 'Rahman', 'Álvarez', 'Sato', 'Park', 'Nilsson', 'Gonçalves'];
const HEADLINES = ['Research Scientist, reinforcement learning', 'Member of Technical Staff', 'PhD student in NLP', 'Research Engineer, pretraining', 'Staff Engineer, inference', 'Professor of Computer Science', 'Postdoc, interpretability', 'Recruiter, research hiring', 'Team lead, alignment', 'Applied scientist, vision'];
const ROLES = ['Research Scientist', 'Research Engineer', 'Recruiter', 'Hiring Manager', 'PhD student', 'Professor', 'Postdoc', 'Engineering Manager'];
const HOW_WE_MET = ['Poster session at NeurIPS 2025', 'Intro from a former colleague', 'Cold email about their paper', 'Reading group', 'Workshop panel at ICML', 'Twitter thread on evals'];
const NOTES = ['Interested in scaling laws; ask about their team’s hiring plans in Q3.', 'Prefers email over LinkedIn. Has two open reqs.', 'Shared a draft of their survey; send comments by Friday.', 'Met twice; very generous with time. Follow up after the deadline.'];
// Tags with rough frequencies: a few broad ones, a long tail.
const TAG_WEIGHTS: [string, number][] = [
  ['rl', 14], ['nlp', 12], ['neurips-2025', 10], ['interpretability', 8], ['vision', 8], ['icml-2025', 7], ['recruiter', 6], ['safety', 6], ['alumni', 5], ['mentor', 4],
  ['hiring-manager', 4], ['robotics', 3], ['iclr-2026', 3], ['theory', 2], ['systems', 2], ['evals', 2], ['reading-group', 1], ['referral', 1], ['warm-intro', 1], ['speaker', 1],
];
const STAGE_WEIGHTS: [RelationshipStage, number][] = [['stranger', 40], ['acquainted', 35], ['engaged', 18], ['advocate', 7]];
const INTERACTION_WEIGHTS: [InteractionType, number][] = INTERACTION_TYPES.map((t, i) => [t, [30, 10, 15, 10, 25, 10][i] ?? 10]);
const CHANNELS = ['LinkedIn', 'X', 'email', 'NeurIPS poster session', 'Zoom', 'coffee', 'Slack'];
const SUMMARIES = ['Talked about their recent paper and open roles on the team.', 'Asked for feedback on my research statement.', 'Quick catch-up; they suggested two people to talk to.', 'Discussed the interview loop and what the take-home looks like.', 'Congratulated them on the launch.', 'They shared slides from the workshop talk.'];
const ASKS = ['An intro to their team lead', 'Feedback on my research statement', 'A referral', 'Advice on the interview loop'];
const REFERRAL_STATUSES_SEEDED: ReferralStatus[] = ['discussed', 'offered', 'submitted', 'declined'];
const OFFERS = ['Reviewed their workshop paper', 'Intro to a friend at another lab', 'Sent a PR to their library', 'Shared my notes from the reading group'];
const ORG_PREFIXES = ['Aurora', 'Helix', 'Northstar', 'Quanta', 'Lumen', 'Cobalt', 'Meridian', 'Vector', 'Tessera', 'Halcyon', 'Orbit', 'Sable', 'Juniper', 'Kestrel', 'Polaris'];
const ORG_SUFFIXES = ['Labs', 'AI', 'Research', 'Institute', 'Systems', 'Foundation', 'Intelligence', 'Collective', 'Works', 'Group'];
const ORG_DESCRIPTIONS = ['Frontier model lab.', 'Academic group working on learning theory.', 'Applied ML for science.', 'Robotics and embodied AI.', 'Non-profit focused on AI safety research.'];
const ORG_TAGS = ['frontier', 'academic', 'startup', 'non-profit', 'big-tech', 'remote-friendly'];
const TEAM_NAMES = ['Pretraining', 'Alignment', 'Interpretability', 'Inference', 'Evals', 'Post-training', 'Multimodal', 'Infrastructure'];

function personInput(random: () => number, i: number): PersonInput & { fullName: string } {
  const given = pick(random, GIVEN);
  const family = pick(random, FAMILY);
  const handle = `${slug(given)}-${slug(family)}-${i}`;
  const input: PersonInput & { fullName: string } = {
    fullName: ` ${given}  ${family} `,
    headline: random() < 0.8 ? pick(random, HEADLINES) : null,
    role: random() < 0.7 ? pick(random, ROLES) : null,
    emails: random() < 0.85 ? [`${given}.${slug(family)}${i}@Example.org`.normalize('NFKD').replace(/[^\x20-\x7e]/g, '')] : [],
    links: {},
    tags: sampleWeighted(random, TAG_WEIGHTS, Math.floor(random() * 5)),
    howWeMet: random() < 0.5 ? pick(random, HOW_WE_MET) : null,
    relationshipStage: pickWeighted(random, STAGE_WEIGHTS),
    notes: random() < 0.4 ? pick(random, NOTES) : null,
    followUpCadenceDays: random() < 0.3 ? pick(random, [30, 60, 90]) : null,
  };
  if (random() < 0.6) input.links!.linkedin = `https://www.linkedin.com/in/${handle}/`;
  if (random() < 0.3) input.links!.github = `github.com/${handle}`;
  if (random() < 0.2) input.links!.homepage = `https://${handle}.example.org/`;
  return input;
}

function organizationName(i: number): string {
  const base = `${ORG_PREFIXES[i % ORG_PREFIXES.length]} ${ORG_SUFFIXES[Math.floor(i / ORG_PREFIXES.length) % ORG_SUFFIXES.length]}`;
  const round = Math.floor(i / (ORG_PREFIXES.length * ORG_SUFFIXES.length));
  return round === 0 ? base : `${base} ${round + 1}`;
}

function researchNotes(random: () => number): string {
  const parts = ['Publishes mostly on scaling and evaluation.', 'Interview loop: recruiter screen, coding, research talk, team match.', 'Strong open-source presence; several repos with active maintainers.', 'Hiring for research engineers more than scientists this year.', 'Known for careful ablations and long-horizon projects.'];
  return Array.from({ length: 3 + Math.floor(random() * 6) }, () => pick(random, parts)).join(' ');
}

function slug(text: string): string {
  return text.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}


function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function sample<T>(random: () => number, items: readonly T[], n: number): T[] {
  const out = new Set<T>();
  while (out.size < Math.min(n, items.length)) out.add(pick(random, items));
  return [...out];
}

function pickWeighted<T>(random: () => number, weights: readonly [T, number][]): T {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [value, w] of weights) {
    r -= w;
    if (r < 0) return value;
  }
  return weights[weights.length - 1][0];
}

function sampleWeighted<T>(random: () => number, weights: readonly [T, number][], n: number): T[] {
  const out = new Set<T>();
  while (out.size < Math.min(n, weights.length)) out.add(pickWeighted(random, weights));
  return [...out];
}
