import type { ScholarlySourceDescriptor } from '../../source-descriptor';
import { OrcidClient } from './orcid.client';

export const orcidSource = {
  name: 'orcid',
  displayName: 'ORCID',
  createClient: (http, config) => new OrcidClient(http, config, { withContributors: true }),
  limit: (sync) => sync.limits.orcid,
  identity: { caseInsensitiveIds: true, candidateSearch: true, authorUrl: (id) => `https://orcid.org/${id}` },
  priority: { metadata: 50, abstract: 60 },
} as const satisfies ScholarlySourceDescriptor<'orcid'>;
