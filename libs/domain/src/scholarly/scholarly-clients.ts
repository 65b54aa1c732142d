import type { ScholarlyConfig } from '#platform';
import { ScholarlyHttp } from './scholarly-http';
import type { ScholarlyClient, ScholarlySource } from './scholarly.types';
import { scholarlySources } from './source-registry';

/**
 * Every registered source's client, built once from configuration (a Nest provider in the apps,
 * see ScholarlyModule); the sync picks one by source name.
 */
export class ScholarlyClients {
  private readonly clients = new Map<ScholarlySource, ScholarlyClient>();

  constructor(config: ScholarlyConfig, http = new ScholarlyHttp(config)) {
    for (const source of scholarlySources()) this.clients.set(source.name, source.createClient(http, config));
  }

  get(source: ScholarlySource): ScholarlyClient {
    const client = this.clients.get(source);
    if (!client) throw new Error(`no client for the scholarly source ${source} (not registered when the clients were built)`);
    return client;
  }
}
