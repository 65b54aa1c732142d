import { profileLinkInput } from '../../profile-link-input';
import type { ScholarlySourceDescriptor } from '../../source-descriptor';
import { DblpClient } from './dblp.client';

export const dblpSource = {
  name: 'dblp',
  displayName: 'DBLP',
  createClient: (http, config) => new DblpClient(http, config.dblp),
  limit: (sync) => sync.limits.dblp,
  identity: {
    caseInsensitiveIds: false,
    candidateSearch: true,
    authorUrl: (id) => `https://dblp.org/pid/${id}`,
    parseInput: (text) => profileLinkInput('dblp', text),
    ownsHost: (host) => host === 'dblp.org' || host.startsWith('dblp.'),
  },
  priority: { metadata: 40, abstract: 50 },
  authorWithWorks: 'always',
} as const satisfies ScholarlySourceDescriptor<'dblp'>;
