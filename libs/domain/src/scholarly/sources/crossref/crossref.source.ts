import { profileLinkInput } from '../../profile-link-input';
import type { ScholarlySourceDescriptor } from '../../source-descriptor';
import { CrossrefClient } from './crossref.client';

export const crossrefSource = {
  name: 'crossref',
  displayName: 'Crossref',
  createClient: (http, config) => new CrossrefClient(http, config),
  limit: (sync) => sync.limits.crossref,
  // A Crossref identity is an ORCID iD (Crossref has no author records): no name search.
  // An orcid.org URL is an ORCID identity (ownsHost is ORCID's): say source=crossref for a Crossref one.
  identity: {
    caseInsensitiveIds: true,
    candidateSearch: false,
    authorUrl: (id) => `https://orcid.org/${id}`,
    parseInput: (text) => profileLinkInput('orcid', text),
    checkLinked: (snapshot) => (snapshot.worksCount ? {} : { warning: 'Crossref has no works naming this ORCID iD yet' }),
    noSearchHint: 'Crossref identities are ORCID iDs; add one with POST /people/{id}/identities',
  },
  priority: { metadata: 10, abstract: 30 },
  authorWithWorks: 'unscheduled',
} as const satisfies ScholarlySourceDescriptor<'crossref'>;
