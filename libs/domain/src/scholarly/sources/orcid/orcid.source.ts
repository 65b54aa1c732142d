import { profileLinkInput } from '../../profile-link-input';
import type { ScholarlySourceDescriptor } from '../../source-descriptor';
import { OrcidClient } from './orcid.client';

export const orcidSource = {
  name: 'orcid',
  displayName: 'ORCID',
  createClient: (http, config) => new OrcidClient(http, config, { withContributors: true }),
  limit: (sync) => sync.limits.orcid,
  identity: {
    caseInsensitiveIds: true,
    candidateSearch: true,
    authorUrl: (id) => `https://orcid.org/${id}`,
    parseInput: (text) => profileLinkInput('orcid', text),
    ownsHost: (host) => host === 'orcid.org' || host === 'pub.orcid.org',
  },
  priority: { metadata: 50, abstract: 60 },
  authorWithWorks: 'always',
} as const satisfies ScholarlySourceDescriptor<'orcid'>;
