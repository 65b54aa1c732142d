import { DataSource } from 'typeorm';
import { RecordedSecurityEvent, SecurityEventsService } from '#domain/security-events/index';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

/**
 * An event recorded inside the transaction of the change it describes reaches its listeners (the
 * account mails: "your password was changed") only once that change has committed: never for one
 * that rolled back, and once however often it is announced.
 */
describe('security events told to their listeners', () => {
  let t: TestApp;
  let user: TestUser;
  let events: SecurityEventsService;
  const told: RecordedSecurityEvent[] = [];
  const kinds = async () => ((await t.http().get('/me/security-events').set(user.auth).expect(200)).body.items as { kind: string }[]).map((e) => e.kind);

  beforeAll(async () => {
    t = await createTestApp();
    user = await registerUser(t);
    events = t.app.get(SecurityEventsService, { strict: false });
    events.subscribe(async (event) => {
      if (event.userId === user.id) told.push(event);
    });
  });
  afterAll(() => t.close());
  beforeEach(() => told.splice(0));

  it('tells the listeners at once of an event recorded on its own', async () => {
    await events.record(user.id, 'two-factor-enabled', { ip: '203.0.113.7' });
    expect(told.map((e) => [e.kind, e.client.ip])).toEqual([['two-factor-enabled', '203.0.113.7']]);
  });

  it('tells nobody of an event whose transaction rolled back, and keeps no trace of it', async () => {
    const db = t.app.get(DataSource);
    await expect(
      db.transaction(async (em) => {
        await events.record(user.id, 'password-changed', { details: { sessionsEnded: 1 } }, em);
        throw new Error('the change failed after the event was written');
      }),
    ).rejects.toThrow('the change failed');
    expect(told).toEqual([]);
    expect(await kinds()).not.toContain('password-changed');
  });

  it('tells the listeners of a committed event when it is announced, once', async () => {
    const db = t.app.get(DataSource);
    const recorded = await db.transaction((em) => events.record(user.id, 'password-changed', { details: { sessionsEnded: 2 } }, em));
    expect(told).toEqual([]);
    expect(await kinds()).toContain('password-changed');
    await recorded.announce();
    await recorded.announce();
    expect(told.map((e) => [e.kind, e.details])).toEqual([['password-changed', { sessionsEnded: 2 }]]);
  });
});
