import type { ScholarlyConfig } from '#platform';
import { ScholarlyHttp } from './scholarly-http';
import type { ScholarlyClient, ScholarlySource } from './scholarly.types';
import { ArxivClient } from './sources/arxiv/arxiv.client';
import { CrossrefClient } from './sources/crossref/crossref.client';
import { DblpClient } from './sources/dblp/dblp.client';
import { OpenAlexClient } from './sources/openalex/openalex.client';
import { OrcidClient } from './sources/orcid/orcid.client';
import { SemanticScholarClient } from './sources/semantic-scholar/semantic-scholar.client';

/** Every source's client, built once from configuration; the sync picks one by source name. */
export class ScholarlyClients {
  readonly openalex: OpenAlexClient;
  readonly semanticscholar: SemanticScholarClient;
  readonly arxiv: ArxivClient;
  readonly dblp: DblpClient;
  readonly crossref: CrossrefClient;
  readonly orcid: OrcidClient;

  constructor(config: ScholarlyConfig, http = new ScholarlyHttp(config)) {
    this.openalex = new OpenAlexClient(http, config);
    this.semanticscholar = new SemanticScholarClient(http, config);
    this.arxiv = new ArxivClient(http, config.arxiv);
    this.dblp = new DblpClient(http, config.dblp);
    this.crossref = new CrossrefClient(http, config);
    this.orcid = new OrcidClient(http, config, { withContributors: true });
  }

  get(source: ScholarlySource): ScholarlyClient {
    return this[source];
  }
}
