import { arxivSource } from './arxiv/arxiv.source';
import { crossrefSource } from './crossref/crossref.source';
import { dblpSource } from './dblp/dblp.source';
import { openalexSource } from './openalex/openalex.source';
import { orcidSource } from './orcid/orcid.source';
import { semanticScholarSource } from './semantic-scholar/semantic-scholar.source';

/** The sources Dossier ships with, in the order they are listed (queues, searches, the API's enum). The one list. */
export const BUILT_IN_SOURCES = [openalexSource, semanticScholarSource, arxivSource, dblpSource, crossrefSource, orcidSource] as const;
