import { redactDeep, redactSecrets } from './redact-secrets';

describe('redactSecrets', () => {
  it('hides the calendar feed secret and a ?token= but keeps the rest of the URL', () => {
    expect(redactSecrets('/calendar/AbC-123_xyz.ics')).toBe('/calendar/[secret].ics');
    expect(redactSecrets('/queues/api?token=dsr_abc&x=1')).toBe('/queues/api?token=[secret]&x=1');
    expect(redactSecrets('/people/5d1c?limit=2')).toBe('/people/5d1c?limit=2');
    expect(redactSecrets('/works?mailto=%5Bsecret%5D&api_key=[secret]')).toBe('/works?mailto=%5Bsecret%5D&api_key=[secret]');
  });

  it('takes keys and contact addresses out of an echoed request URL, keeping what says what went wrong', () => {
    const echoed = 'Invalid query parameters: GET https://api.openalex.org/authors?search=Ada%20Lovelace&api_key=k-1234567890&mailto=me%40example.org&per-page=25 (filter unknown)';
    expect(redactSecrets(echoed)).toBe('Invalid query parameters: GET https://api.openalex.org/authors?search=Ada%20Lovelace&api_key=[secret]&mailto=[contact]&per-page=25 (filter unknown)');
    expect(redactSecrets('/works?query.author=x&email=someone@lab.example&rows=2')).toBe('/works?query.author=x&email=[contact]&rows=2');
    // An address in a query is personal whatever its parameter is called.
    expect(redactSecrets('/search?q=a&who=someone%40lab.example')).toBe('/search?q=a&who=[contact]');
  });

  it('takes credentials out of header dumps and JSON echoes', () => {
    expect(redactSecrets('headers: {"x-api-key":"s2-secret-value","user-agent":"Dossier/0.1 (self-hosted research CRM; mailto:me@example.org)","accept":"application/json"}')).toBe(
      'headers: {"x-api-key":"[secret]","user-agent":"Dossier/0.1 (self-hosted research CRM; mailto:[contact])","accept":"application/json"}',
    );
    expect(redactSecrets('Authorization: Bearer abcdefghijklmnop\r\nAccept: */*')).toBe('Authorization: [secret]\r\nAccept: */*');
    expect(redactSecrets('sent with authorization=Basic dXNlcjpwYXNzd29yZA==')).not.toContain('dXNlcjpwYXNzd29yZA');
    expect(redactSecrets('{"token":"dsr_AbCdEf123","name":"ci"}')).toBe('{"token":"[secret]","name":"ci"}');
    expect(redactSecrets('{"mailto":"me@example.org","n":1}')).toBe('{"mailto":"[contact]","n":1}');
  });

  it('removes values it is told are secret in any form they appear: plain, percent-encoded, form-encoded', () => {
    const known = ['my secret key', 'me+dossier@example.org'];
    expect(redactSecrets('got my secret key, my%20secret%20key and my+secret+key; from me%2Bdossier%40example.org or me+dossier@example.org', known)).toBe(
      'got [secret], [secret] and [secret]; from [contact] or [contact]',
    );
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['openalex: HTTP 404: author not found (GET /authors/A123)', 'duplicate key value violates unique constraint', 'Key (email)=(x) already exists', 'crossref: /works?filter=from-index-date:2024-01-01&rows=20', 'dblp: /search?q=x&from=2020&h=5']) {
      expect(redactSecrets(text)).toBe(text);
    }
  });

  it('redacts every string of a job value, leaving its shape', () => {
    expect(redactDeep({ ok: false, error: { kind: 'rejected', status: 400, body: '?api_key=abc123456', n: [1, 'mailto:me@example.org'] } })).toEqual({
      ok: false,
      error: { kind: 'rejected', status: 400, body: '?api_key=[secret]', n: [1, 'mailto:[contact]'] },
    });
  });
});
