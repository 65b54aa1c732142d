import { MalformedResponseError, SourceRateLimitedError, SourceRejectedError, SourceUnavailableError, UnsupportedBySourceError } from './scholarly-http';
import { describeLookupFailure, rebuildLookupFailure } from './source-lookup';
import { OpenAlexAuthorDeletedError } from './sources/openalex/openalex.client';
import { InvalidIdentifierError } from './sources/orcid/orcid.normalize';

/** What the API gets back from the worker: the error as written into the job's return value (JSON), rebuilt. */
const roundTrip = (e: unknown) => rebuildLookupFailure('openalex', JSON.parse(JSON.stringify(describeLookupFailure(e))));

describe('a lookup failure, across the queue', () => {
  it('comes back as the same kind of error, with the same message and what the callers read', () => {
    const rejected = roundTrip(Object.assign(new SourceRejectedError('openalex', '/authors/A1', 404, 'Not found'), { body: '{"error":"Not found"}' }));
    expect(rejected).toBeInstanceOf(SourceRejectedError);
    expect(rejected).toMatchObject({ status: 404, detail: 'Not found', request: '/authors/A1', body: '{"error":"Not found"}', message: 'openalex: HTTP 404: Not found (GET /authors/A1)' });

    const limited = roundTrip(new SourceRateLimitedError('openalex', '/authors?filter=x', 3000));
    expect(limited).toBeInstanceOf(SourceRateLimitedError);
    expect(limited).toMatchObject({ retryAfterMs: 3000, message: 'openalex: rate limited, retry after 3 s (GET /authors?filter=x)' });

    const down = roundTrip(new SourceUnavailableError('openalex', '/authors', 'HTTP 502', 502));
    expect(down).toBeInstanceOf(SourceUnavailableError);
    expect(down).toMatchObject({ status: 502, reason: 'HTTP 502', message: 'openalex: HTTP 502 (GET /authors)' });

    const malformed = roundTrip(new MalformedResponseError('openalex', '/authors', 'not JSON'));
    expect(malformed).toBeInstanceOf(MalformedResponseError);
    expect(malformed.message).toBe('openalex: malformed response: not JSON (GET /authors)');

    const unsupported = roundTrip(new UnsupportedBySourceError('openalex', 'searchAuthors'));
    expect(unsupported).toBeInstanceOf(UnsupportedBySourceError);
    expect(unsupported.message).toBe('openalex does not support searchAuthors');
  });

  it('keeps the words of a subclass, and reads as a plain error when it was not a source error', () => {
    const deleted = roundTrip(new OpenAlexAuthorDeletedError('/authors/A9', 'A9'));
    expect(deleted).toBeInstanceOf(SourceRejectedError);
    expect(deleted).toMatchObject({ status: 410, detail: expect.stringContaining('deleted or merged') });

    const invalid = new InvalidIdentifierError('orcid', '/v3.0/x/record', 'not a valid ORCID iD');
    expect(roundTrip(invalid).message).toBe(invalid.message);

    const bug = roundTrip(new TypeError("Cannot read properties of undefined (reading 'id')"));
    expect(bug.constructor).toBe(Error);
    expect(bug.message).toBe("Cannot read properties of undefined (reading 'id')");
  });
});
