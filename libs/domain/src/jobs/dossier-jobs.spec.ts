import { JobName, QUEUE_NAMES, queueOf, SYNC_SOURCE_JOBS } from './index';

// Queue and job names live on in the backend (queued jobs, schedulers): deriving them from the
// source list must give exactly the names they have always had.
describe('the job catalogue', () => {
  it('names every queue as before, the sources last', () => {
    expect(QUEUE_NAMES).toEqual(['imports', 'briefings', 'sync-people', 'webhooks', 'digests', 'mail', 'sync-openalex', 'sync-semanticscholar', 'sync-arxiv', 'sync-dblp', 'sync-crossref', 'sync-orcid']);
  });

  it("names each source's identity sync, lookup and author batch jobs as before, in the source's queue", () => {
    expect(SYNC_SOURCE_JOBS.semanticscholar).toEqual({ queue: 'sync-semanticscholar', job: 'sync.sync-semanticscholar-identity', lookup: 'scholarly.lookup-semanticscholar', checkAuthors: 'sync.check-semanticscholar-authors' });
    for (const { queue, job, lookup } of Object.values(SYNC_SOURCE_JOBS)) {
      expect(queueOf(job)).toBe(queue);
      expect(queueOf(lookup)).toBe(queue);
    }
  });

  it('puts the other jobs in their queues', () => {
    expect(queueOf(JobName.RunImport)).toBe('imports');
    expect(queueOf(JobName.GenerateDueBriefings)).toBe('briefings');
    expect(queueOf(JobName.FinishPersonSync)).toBe('sync-people');
    expect(queueOf(SYNC_SOURCE_JOBS.semanticscholar.checkAuthors)).toBe('sync-semanticscholar');
    expect(queueOf(JobName.PublishEvent)).toBe('webhooks');
    expect(queueOf(JobName.DeliverWebhook)).toBe('webhooks');
    expect(queueOf(JobName.AnnounceDue)).toBe('webhooks');
    expect(queueOf(JobName.SendDueDigests)).toBe('digests');
  });
});
