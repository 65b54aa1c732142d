import { profileLinkInput } from '../../profile-link-input';
import type { ScholarlySourceDescriptor } from '../../source-descriptor';
import { S2_AUTHOR_BATCH, SemanticScholarClient } from './semantic-scholar.client';

export const semanticScholarSource = {
  name: 'semanticscholar',
  displayName: 'Semantic Scholar',
  createClient: (http, config) => new SemanticScholarClient(http, config),
  limit: (sync) => sync.limits.semanticscholar,
  identity: {
    caseInsensitiveIds: false,
    candidateSearch: true,
    authorUrl: (id) => `https://www.semanticscholar.org/author/${id}`,
    parseInput: (text) => profileLinkInput('semanticScholar', text),
    ownsHost: (host) => host === 'semanticscholar.org' || host === 'api.semanticscholar.org',
  },
  priority: { metadata: 30, abstract: 20 },
  authorBatch: { size: S2_AUTHOR_BATCH, read: (client, ids) => (client as SemanticScholarClient).getAuthors(ids) },
} as const satisfies ScholarlySourceDescriptor<'semanticscholar'>;
