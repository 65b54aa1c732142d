import { Injectable } from '@nestjs/common';
import { eraseFromBriefings } from '../briefings/index';
import { eraseFromImportRuns } from '../imports/index';
import { PeopleService } from '../people/index';
import { syncRunIdsOfPerson } from '../sync/index';
import { eraseFromWebhookDeliveries } from '../webhooks/index';

/**
 * Erasing a person, for good: PeopleService erases the person, the rows that point at them and the
 * stored answers that name them, and runs in the same transaction the steps of the modules above
 * people that also keep traces of them (import reports, briefing versions, webhook deliveries, the
 * ids of sync runs that their jobs name). It sits here, above all
 * of them, so that people need not know those modules (they depend on people, not the other way).
 */
@Injectable()
export class PersonErasureService {
  constructor(private readonly people: PeopleService) {}

  erase(userId: string, personId: string): Promise<{ erased: Record<string, number> }> {
    return this.people.erase(userId, personId, [
      async (em, needles) => ({ erased: { importReports: await eraseFromImportRuns(em, userId, personId, needles) } }),
      async (em, needles) => {
        const versions = await eraseFromBriefings(em, userId, personId, needles);
        // Version ids belong to this person alone: the jobs that name them go too.
        return { erased: { briefingVersions: versions.length }, jobNeedles: versions };
      },
      async (em, needles) => ({ erased: { webhookDeliveries: await eraseFromWebhookDeliveries(em, userId, personId, needles) } }),
      // Sync jobs carry only their run's id: the runs are read before their rows go with the person.
      async (em) => ({ erased: {}, jobNeedles: await syncRunIdsOfPerson(em, personId) }),
    ]);
  }
}
