import type { components } from '@/lib/api/schema';

type Schemas = components['schemas'];

/** Where to read a work: the published version, else the preprint, else an open copy, else a source's record of it. */
export function readingUrl(links: Schemas['WorkLinksDto'], openAccessUrl: string | null, records: Pick<Schemas['WorkRecordDto'], 'sourceUrl'>[]): string | undefined {
  return links.doi ?? links.arxiv ?? openAccessUrl ?? records[0]?.sourceUrl;
}

/** A work's title, opening where it can be read (in a new tab: it is another site). */
export function WorkTitle({ title, url }: { title: string; url: string | undefined }) {
  return (
    <p className="work-title">
      {url ? (
        <a href={url} target="_blank" rel="noopener noreferrer">
          {title}
        </a>
      ) : (
        title
      )}
    </p>
  );
}
