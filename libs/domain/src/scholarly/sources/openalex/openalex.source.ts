import { profileLinkInput } from '../../profile-link-input';
import type { ScholarlySourceDescriptor } from '../../source-descriptor';
import { OpenAlexClient } from './openalex.client';

export const openalexSource = {
  name: 'openalex',
  displayName: 'OpenAlex',
  createClient: (http, config) => new OpenAlexClient(http, config),
  limit: (sync) => sync.limits.openalex,
  identity: {
    caseInsensitiveIds: true,
    candidateSearch: true,
    authorUrl: (id) => `https://openalex.org/${id}`,
    parseInput: (text) => profileLinkInput('openalex', text),
    ownsHost: (host) => host === 'openalex.org' || host === 'api.openalex.org',
    // A merged author answers under the surviving id: that one is linked.
    checkLinked: (snapshot, id) =>
      snapshot.sourceAuthorId && snapshot.sourceAuthorId !== id ? { sourceAuthorId: snapshot.sourceAuthorId, warning: `OpenAlex merged ${id} into ${snapshot.sourceAuthorId}; the surviving id was linked` } : {},
  },
  priority: { metadata: 20, abstract: 10 },
  // A merged author answers under the surviving id: its works are listed under that one.
  listId: (id, snapshot) => snapshot?.sourceAuthorId || id,
} as const satisfies ScholarlySourceDescriptor<'openalex'>;
