import { redactSecrets } from './global-exception.filter';

describe('redactSecrets', () => {
  it('hides the calendar feed secret and a ?token= but keeps the rest of the URL', () => {
    expect(redactSecrets('/calendar/AbC-123_xyz.ics')).toBe('/calendar/[secret].ics');
    expect(redactSecrets('/queues/api?token=dsr_abc&x=1')).toBe('/queues/api?token=[secret]&x=1');
    expect(redactSecrets('/people/5d1c?limit=2')).toBe('/people/5d1c?limit=2');
  });
});
