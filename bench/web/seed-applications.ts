// Applications for `npm run bench:web`: enough of them, spread over every stage of two loops, for the
// Pipeline board to have something to lay out.
//
// Written through the app's own ApplicationsService (create, then the user's moves with backdated
// times), one service call per step, four applications at a time: every stage row, move, prep task
// and timestamp is what POST /applications and POST /applications/:id/<move> would have stored.
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#platform';
import { ENTITIES } from '#domain/entities';
import { Application, ApplicationsService, UserMove } from '#domain/applications/index';
import { ApplicationsRepository } from '#domain/applications/applications.repository';
import { Organization, Team } from '#domain/organizations/index';
import { organizationsService as wireOrganizations, stageTemplatesService } from '../domain-wiring';
import { MIGRATIONS } from '../../migrations/index';
import { mulberry32 } from '../random';
import { unheardEvents } from '#domain/jobs/index';

const ROLES = ['Research Engineer', 'Research Scientist', 'Member of Technical Staff', 'Software Engineer, ML infrastructure', 'Applied Scientist', 'Research Engineer, Evals'];
const DAY = 86_400_000;
const CONCURRENCY = 4;

export interface ApplicationsSeed {
  /** Applications of the account in all, those made before included. */
  total: number;
  created: number;
  /** Applications by status after the seed. */
  byStatus: Record<string, number>;
  seconds: number;
}

/** Adds applications to `userId`'s account until it has `total`, on its organizations and teams. */
export async function seedApplications(url: string, userId: string, total: number): Promise<ApplicationsSeed> {
  const started = Date.now();
  const dataSource = new DataSource(dataSourceOptions(url, ENTITIES, MIGRATIONS));
  await dataSource.initialize();
  try {
    const organizationsService = wireOrganizations(dataSource);
    const applications = new ApplicationsService(new ApplicationsRepository(dataSource), organizationsService, stageTemplatesService(dataSource, organizationsService), unheardEvents());
    const organizations = await dataSource.getRepository(Organization).find({ where: { userId }, order: { name: 'ASC' } });
    if (organizations.length === 0) throw new Error('seedApplications: the account has no organization to apply to');
    const teams = await dataSource.getRepository(Team).find({ where: { userId } });
    const existing = await dataSource.getRepository(Application).countBy({ userId });
    const random = mulberry32(20_261_207);
    const plans = Array.from({ length: Math.max(0, total - existing) }, (_, i) => plan(random, i, organizations, teams));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < plans.length) {
        const p = plans[next++];
        const created = await applications.create(userId, { organizationId: p.organizationId, teamId: p.teamId, role: p.role, builtInTemplate: p.template, appliedOn: p.appliedOn, source: p.source });
        const moves = p.moves(created.stages.length);
        // Backdated, evenly between the day of applying and today, so days in stage vary on the board.
        const step = p.daysAgo / (moves.length + 1);
        for (let k = 0; k < moves.length; k++) {
          const at = new Date(Date.parse(`${p.appliedOn}T12:00:00Z`) + Math.floor((k + 1) * step * DAY)).toISOString();
          await applications.move(userId, created.application.id, moves[k], { at });
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const rows = (await dataSource.query('SELECT status, count(*)::int AS n FROM applications WHERE user_id = $1 GROUP BY status ORDER BY status', [userId])) as { status: string; n: number }[];
    await dataSource.query('VACUUM ANALYZE applications, application_stages, application_moves, tasks');
    return { total: existing + plans.length, created: plans.length, byStatus: Object.fromEntries(rows.map((r) => [r.status, r.n])), seconds: (Date.now() - started) / 1000 };
  } finally {
    await dataSource.destroy();
  }
}

interface Plan {
  organizationId: string;
  teamId: string | null;
  role: string;
  template: string;
  source: 'referral' | 'direct' | 'recruiter_outreach';
  appliedOn: string;
  daysAgo: number;
  /** The user's moves after applying, given how many stages the loop has. */
  moves: (stages: number) => UserMove[];
}

/** Most applications active somewhere in their loop; some at an offer; some ended (off the board by default). */
function plan(random: () => number, i: number, organizations: Organization[], teams: Team[]): Plan {
  const organization = organizations[Math.floor(random() * organizations.length)];
  const own = teams.filter((t) => t.organizationId === organization.id);
  const daysAgo = 7 + Math.floor(random() * 150);
  const outcome = random();
  const reach = random();
  return {
    organizationId: organization.id,
    teamId: own.length > 0 && random() < 0.7 ? own[Math.floor(random() * own.length)].id : null,
    role: ROLES[i % ROLES.length],
    template: random() < 0.65 ? 'research-engineer' : 'default',
    source: (['referral', 'direct', 'recruiter_outreach'] as const)[Math.floor(random() * 3)],
    appliedOn: new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10),
    daysAgo,
    moves: (stages) => {
      // How far into the loop (a stage index), the early stages more crowded than the late ones.
      const stage = Math.min(stages - 1, Math.floor(reach * reach * stages));
      const advances = Array.from({ length: stage }, (): UserMove => 'advance');
      if (outcome < 0.06) return [...Array.from({ length: stages - 1 }, (): UserMove => 'advance'), 'offer'];
      if (outcome < 0.14) return [...advances, 'fail'];
      if (outcome < 0.18) return [...advances, 'withdraw'];
      // Some have just passed their stage and wait for the next one to be scheduled.
      return outcome < 0.3 && stage < stages - 1 ? [...advances, 'pass'] : advances;
    },
  };
}
