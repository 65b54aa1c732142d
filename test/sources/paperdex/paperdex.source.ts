import { parseRate } from '#platform';
import type { ScholarlySourceDescriptor } from '#domain/scholarly/index';
import { PaperdexClient } from './paperdex.client';
import { PAPERDEX, PAPERDEX_SITE } from './paperdex.normalize';

/** Its settings come from SCHOLARLY_SOURCE_PAPERDEX_* variables (a plug-in's own; see ScholarlyConfig.plugins). */
const setting = (plugins: Record<string, string> | undefined, name: string, fallback: string): string => plugins?.[`SCHOLARLY_SOURCE_PAPERDEX_${name}`] ?? fallback;

export const paperdexSource: ScholarlySourceDescriptor = {
  name: PAPERDEX,
  displayName: 'Paperdex',
  createClient: (http, config) => new PaperdexClient(http, setting(config.plugins, 'BASE_URL', 'https://api.paperdex.example.org').replace(/\/+$/, '')),
  limit: (_sync, config) => ({ ...parseRate(setting(config.plugins, 'RATE_LIMIT', '1/1s')), concurrency: Number(setting(config.plugins, 'CONCURRENCY', '1')) }),
  identity: {
    caseInsensitiveIds: false,
    candidateSearch: true,
    authorUrl: (key) => `${PAPERDEX_SITE}/scholars/${key}`,
    // A scholar key (ada-lovelace), or the scholar's page.
    parseInput: (text) => {
      const key = /^(?:https?:\/\/(?:www\.)?paperdex\.example\.org\/scholars\/)?([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/.exec(text)?.[1];
      return key ? { ok: true, sourceAuthorId: key } : { ok: false, problem: 'is not a Paperdex scholar key (ada-lovelace) or page (https://paperdex.example.org/scholars/ada-lovelace)' };
    },
    ownsHost: (host) => host === 'paperdex.example.org',
  },
  // Between Semantic Scholar and DBLP for metadata; last for abstracts.
  priority: { metadata: 35, abstract: 70 },
};
