import { clientInfo } from './client-info';

describe('clientInfo', () => {
  it('keeps the address and User-Agent as sent, shortened to what is worth keeping', () => {
    expect(clientInfo('203.0.113.7', 'Mozilla/5.0 (X11; Linux x86_64)')).toEqual({ ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' });
    const long = clientInfo('x'.repeat(500), `  ${'A'.repeat(5000)}  `);
    expect(long.ip).toHaveLength(64);
    expect(long.userAgent).toHaveLength(256);
  });

  it('records nothing rather than an empty string, and the first of repeated headers', () => {
    expect(clientInfo(undefined, '   ')).toEqual({ ip: null, userAgent: null });
    expect(clientInfo('::1', ['first/1.0', 'second/2.0']).userAgent).toBe('first/1.0');
  });
});
