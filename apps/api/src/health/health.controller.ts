import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DatabaseHealth, JobQueueService, within } from '#platform';
import { Public } from '../auth/auth.guard';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseHealth,
    private readonly jobs: JobQueueService,
  ) {}

  /** Alive: the process answers. */
  @Get()
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  alive(): { status: string } {
    return { status: 'ok' };
  }

  /** Ready: the database and the queue backend answer. */
  @Get('ready')
  @ApiOkResponse({ schema: { example: { status: 'ok', checks: { database: 'ok', queue: 'ok' } } } })
  async ready(): Promise<{ status: string; checks: Record<string, string> }> {
    const checks = {
      database: await probe(() => this.database.ping()),
      queue: await probe(() => this.jobs.ping()),
    };
    const status = Object.values(checks).every((c) => c === 'ok') ? 'ok' : 'unavailable';
    if (status !== 'ok') throw new ServiceUnavailableException(`Not ready: ${JSON.stringify(checks)}`);
    return { status, checks };
  }
}

async function probe(check: () => Promise<unknown>): Promise<string> {
  try {
    await within(check(), 2000);
    return 'ok';
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}
