import type { ScholarlySourceDescriptor } from '../../source-descriptor';
import { ArxivClient, queriedPositions } from './arxiv.client';
import { parseArxivIdentity } from './arxiv.identity';

export const arxivSource = {
  name: 'arxiv',
  displayName: 'arXiv',
  createClient: (http, config) => new ArxivClient(http, config.arxiv),
  limit: (sync) => sync.limits.arxiv,
  identity: {
    caseInsensitiveIds: false,
    candidateSearch: true,
    authorUrl: (id) => {
      const match = /au:\s*(?:"([^"]+)"|(\S+))/.exec(id);
      const name = match ? (match[1] ?? match[2].replace(/_/g, ' ')) : id;
      return `https://arxiv.org/search/?searchtype=author&query=${encodeURIComponent(name)}`;
    },
    parseInput: parseArxivIdentity,
    ownsHost: (host) => host === 'arxiv.org' || host === 'export.arxiv.org',
    // An author query is all an arXiv identity is: one that matches no preprint names no one.
    checkLinked: (snapshot) => (snapshot.worksCount === 0 ? { problem: 'no preprint matches this author query' } : {}),
  },
  priority: { metadata: 60, abstract: 40 },
  authorWithWorks: 'unscheduled',
  // arXiv has no author ids: an identity is a query, and its works name the authors it matches.
  attributedByName: { queriedPositions },
} as const satisfies ScholarlySourceDescriptor<'arxiv'>;
