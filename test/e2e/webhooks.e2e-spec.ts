import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { ResolvedAddress, WEBHOOK_RESOLVER, WebhookResolver, WebhooksService } from '#domain/webhooks/index';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * Signed webhooks against a receiver this test runs on 127.0.0.1. Signatures are checked with
 * `standardwebhooks` (the scheme's reference library), not with Dossier's own signing code.
 * Host names end in `.test` and are answered by a resolver the test controls, so a name can be
 * made to point anywhere between registration and delivery (as a changing DNS answer would).
 */

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Delivery {
  id: string;
  eventType: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  durationMs: number | null;
  error: string | null;
}

/** A receiver: /ok answers 204, /flaky 500 twice then 204, /slow waits past the timeout once, /down always 500, /moved redirects. */
class Receiver {
  readonly received: Received[] = [];
  connections = 0;
  private readonly seen = new Map<string, number>();
  private server!: Server;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const n = (this.seen.get(path) ?? 0) + 1;
        this.seen.set(path, n);
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (path.startsWith('/flaky')) return void res.writeHead(n <= 2 ? 500 : 204).end();
        if (path.startsWith('/slow') && n === 1) return void setTimeout(() => res.writeHead(204).end(), 1500);
        if (path.startsWith('/down')) return void res.writeHead(500).end('down');
        if (path.startsWith('/moved')) return void res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
        res.writeHead(204).end();
      });
    });
    this.server.on('connection', () => (this.connections += 1));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Test names: each answers what the test last set it to, after any answers scripted for its next lookups. */
const answers = new Map<string, ResolvedAddress[]>();
const scripted = new Map<string, (() => Promise<ResolvedAddress[]>)[]>();
const resolver: WebhookResolver = async (hostname) => {
  const next = scripted.get(hostname)?.shift();
  if (next) return next();
  const answer = answers.get(hostname);
  if (!answer) throw Object.assign(new Error(`${hostname} is not a test name`), { code: 'ENOTFOUND' });
  return answer;
};
const v4 = (address: string): ResolvedAddress[] => [{ address, family: 4 }];
const v6 = (address: string): ResolvedAddress[] => [{ address, family: 6 }];

const verify = (secret: string, r: Received) => new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as { type: string; timestamp: string; data: Record<string, unknown> };

describe('webhooks', () => {
  const receiver = new Receiver();
  let t: TestApp;
  let user: TestUser;
  let stranger: TestUser;
  const post = (u: TestUser, path: string, body: object = {}) => t.http().post(path).set(u.auth).send(body);
  const get = (u: TestUser, path: string) => t.http().get(path).set(u.auth);
  const url = (path: string, host = '127.0.0.1') => `http://${host}:${receiver.port}${path}`;
  const create = async (path: string, events: string[] = ['application.moved'], host?: string) => (await post(user, '/webhooks', { url: url(path, host), description: path, events }).expect(201)).body as { endpoint: { id: string }; secret: string };
  const settled = (endpointId: string, deliveryId: string) =>
    waitFor(async () => {
      const log = (await get(user, `/webhooks/${endpointId}/deliveries`).expect(200)).body.items as Delivery[];
      const d = log.find((x) => x.id === deliveryId);
      return d && d.status !== 'pending' ? d : undefined;
    });
  const ping = async (endpointId: string) => settled(endpointId, (await post(user, `/webhooks/${endpointId}/ping`).expect(202)).body.id);

  beforeAll(async () => {
    await receiver.start();
    t = await createTestApp({
      worker: true,
      env: { WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32', WEBHOOK_TIMEOUT_MS: '500', WEBHOOK_BACKOFF_MS: '50', WEBHOOK_ATTEMPTS: '4' },
      overrides: [{ token: WEBHOOK_RESOLVER, value: resolver }],
    });
    user = await registerUser(t);
    stranger = await registerUser(t);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('shows the secret once, and signs a ping so that the reference library verifies it', async () => {
    const { endpoint, secret } = await create('/ok/ping', ['interview.created']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const shown = (await get(user, `/webhooks/${endpoint.id}`).expect(200)).body;
    expect(shown).toMatchObject({ url: url('/ok/ping'), events: ['interview.created'], enabled: true, disabledReason: null });
    expect(JSON.stringify(shown)).not.toContain(secret.slice(6));
    expect(JSON.stringify((await get(user, '/webhooks').expect(200)).body)).not.toContain(secret.slice(6));

    const delivery = await ping(endpoint.id);
    expect(delivery).toMatchObject({ eventType: 'webhook.ping', status: 'succeeded', attempts: 1, responseStatus: 204, error: null });
    expect(delivery.durationMs).toEqual(expect.any(Number));
    const [message] = receiver.at('/ok/ping');
    expect(message.headers['webhook-id']).toBe(delivery.id);
    expect(Number(message.headers['webhook-timestamp'])).toBeCloseTo(Date.now() / 1000, -2);
    expect(message.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(verify(secret, message)).toEqual({ type: 'webhook.ping', timestamp: expect.any(String), data: { endpointId: endpoint.id } });
    // Another secret does not verify it.
    expect(() => verify(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, message)).toThrow(/signature/);
  });

  it("delivers a moved application's events in the order they happened, only to endpoints that chose them", async () => {
    const { secret } = await create('/ok/moves', ['application.moved', 'application.rerouted']);
    await create('/ok/interviews-only', ['interview.created']);
    const org = (await post(user, '/organizations', { name: 'Frontier Lab' }).expect(201)).body;
    const teamId = (await post(user, `/organizations/${org.id}/teams`, { name: 'Core' }).expect(201)).body.id;
    const { id } = (await post(user, '/applications', { organizationId: org.id, teamId, role: 'Research Engineer', builtInTemplate: 'research-engineer' }).expect(201)).body;
    for (const move of ['advance', 'advance', 'advance', 'fail']) await post(user, `/applications/${id}/moves`, { move }).expect(200);

    const messages = await waitFor(async () => (receiver.at('/ok/moves').length >= 4 ? receiver.at('/ok/moves') : undefined));
    const events = messages.map((m) => verify(secret, m));
    expect(events.map((e) => [e.type, e.data.move, (e.data.fromStage as { name: string }).name, (e.data.toStage as { name: string }).name, e.data.toStatus])).toEqual([
      ['application.moved', 'advance', 'Recruiter chat', 'Quiz: maths, statistics, CS and ML', 'active'],
      ['application.moved', 'advance', 'Quiz: maths, statistics, CS and ML', expect.any(String), 'active'],
      ['application.moved', 'advance', expect.any(String), expect.any(String), 'active'],
      ['application.moved', 'fail', expect.any(String), expect.any(String), 'rejected'],
    ]);
    expect(events.every((e) => e.data.applicationId === id)).toBe(true);
    // Each message is its own: distinct ids, timestamps never going back.
    expect(new Set(messages.map((m) => m.headers['webhook-id'])).size).toBe(4);
    expect(receiver.at('/ok/interviews-only')).toEqual([]);
  });

  it('retries after 500s with backoff, under the same webhook-id, and logs the attempts', async () => {
    const { endpoint, secret } = await create('/flaky/a');
    const delivery = await ping(endpoint.id);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3, responseStatus: 204, error: null });
    const tries = receiver.at('/flaky/a');
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((r) => r.headers['webhook-id']))).toEqual(new Set([delivery.id]));
    for (const r of tries) expect(verify(secret, r).type).toBe('webhook.ping');
    // The streak ended with the success.
    expect((await get(user, `/webhooks/${endpoint.id}`).expect(200)).body).toMatchObject({ consecutiveFailures: 0, failingSince: null, lastSuccessAt: expect.any(String) });
  });

  it('retries a delivery that timed out', async () => {
    const { endpoint } = await create('/slow/a');
    const delivery = await ping(endpoint.id);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 2, responseStatus: 204 });
    expect(receiver.at('/slow/a')).toHaveLength(2);
  });

  it('fails for good after its attempts, saying why, and does not follow redirects', async () => {
    const { endpoint } = await create('/down/a');
    expect(await ping(endpoint.id)).toMatchObject({ status: 'failed', attempts: 4, responseStatus: 500, error: 'answered 500' });
    const moved = await create('/moved/a');
    const redirected = await ping(moved.endpoint.id);
    expect(redirected).toMatchObject({ status: 'failed', responseStatus: 302 });
    expect(redirected.error).toContain('redirects are not followed');
    expect(receiver.at('/elsewhere')).toEqual([]);
  });

  it('signs with both secrets during a roll’s grace period, and with the new one only after it', async () => {
    const { endpoint, secret: old } = await create('/ok/roll');
    const rolled = (await post(user, `/webhooks/${endpoint.id}/roll-secret`, { graceHours: 24 }).expect(200)).body;
    expect(rolled.secret).not.toBe(old);
    expect(rolled.endpoint.previousSecretExpiresAt).toEqual(expect.any(String));
    await ping(endpoint.id);
    const during = receiver.at('/ok/roll')[0];
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verify(old, during).type).toBe('webhook.ping');
    expect(verify(rolled.secret, during).type).toBe('webhook.ping');

    const again = (await post(user, `/webhooks/${endpoint.id}/roll-secret`, { graceHours: 0 }).expect(200)).body;
    expect(again.endpoint.previousSecretExpiresAt).toBeNull();
    await ping(endpoint.id);
    const after = receiver.at('/ok/roll')[1];
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verify(again.secret, after).type).toBe('webhook.ping');
    expect(() => verify(rolled.secret, after)).toThrow(/signature/);
  });

  it('refuses literal loopback, private, link-local and metadata addresses at registration, naming the field', async () => {
    for (const target of ['http://[::1]:8080/', 'http://169.254.169.254/latest/meta-data/', 'https://[fd00:ec2::254]/', 'http://10.1.2.3/', 'https://192.168.1.10/', 'https://100.64.0.1/', 'https://[::ffff:169.254.169.254]/', 'https://[fe80::1]/', 'https://0.0.0.0/', 'https://224.0.0.1/']) {
      const res = await post(user, '/webhooks', { url: target, events: ['task.due'] }).expect(400);
      expect(res.body.details).toEqual([{ field: 'url', problem: expect.stringContaining('refused') }]);
    }
    // Plain http only into the allowed network; https to a public address is fine.
    expect((await post(user, '/webhooks', { url: 'http://93.184.215.14/', events: ['task.due'] }).expect(400)).body.details[0].problem).toContain('use https');
    // (Off: this test's receiver is not there, and nothing should try to reach it.)
    await post(user, '/webhooks', { url: 'https://93.184.215.14/hook', events: ['task.due'], enabled: false }).expect(201);
    expect((await post(user, '/webhooks', { url: 'https://user:pw@hooks.example.org/', events: ['task.due'] }).expect(400)).body.details[0].field).toBe('url');
    expect((await post(user, '/webhooks', { url: 'ftp://hooks.example.org/', events: ['task.due'] }).expect(400)).body.details[0].field).toBe('url');
    expect((await post(user, '/webhooks', { url: 'https://hooks.example.org/', events: ['nope'] }).expect(400)).body.details[0].field).toBe('events');
    expect((await post(user, '/webhooks', { url: 'https://hooks.example.org/', events: [] }).expect(400)).body.details[0].field).toBe('events');
  });

  it('checks the address a name resolves to at delivery time: a name turned to a refused address is never contacted', async () => {
    answers.set('rebind.test', v4('127.0.0.1'));
    const { endpoint } = await create('/ok/rebind', ['application.moved'], 'rebind.test');
    expect((await ping(endpoint.id)).status).toBe('succeeded');
    const before = receiver.connections;
    for (const [answer, words] of [
      [v6('::1'), 'loopback'],
      [v4('169.254.169.254'), 'link-local'],
      [v6('fd00:ec2::254'), 'unique local'],
      [v4('10.0.0.7'), 'private'],
      [v6('::ffff:192.168.0.1'), 'private'],
      [[...v4('127.0.0.1'), ...v4('172.16.0.1')], 'private'],
    ] as const) {
      answers.set('rebind.test', [...answer]);
      const delivery = await ping(endpoint.id);
      expect(delivery).toMatchObject({ status: 'refused', attempts: 1, responseStatus: null });
      expect(delivery.error).toContain('rebind.test resolves to');
      expect(delivery.error).toContain(words);
    }
    expect(receiver.connections).toBe(before);
    expect(receiver.at('/ok/rebind')).toHaveLength(1);
  });

  it('tries again a name that did not resolve, or whose resolver never answered, instead of refusing it for good', async () => {
    answers.set('outage.test', v4('127.0.0.1'));
    scripted.set('outage.test', [
      () => Promise.reject(Object.assign(new Error('temporary failure in name resolution'), { code: 'EAI_AGAIN' })),
      () => new Promise<never>(() => undefined),
    ]);
    const { endpoint } = await create('/ok/outage', ['application.moved'], 'outage.test');
    const delivery = await ping(endpoint.id);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3, responseStatus: 204, error: null });
    expect(receiver.at('/ok/outage')).toHaveLength(1);
  });

  it('turns off an endpoint that has failed for days, tells its owner, and can be turned on again', async () => {
    const { endpoint } = await create('/down/days');
    // Four failures over four days already (the clock does not move in this test; the streak's start does).
    await t.db.query(`UPDATE webhook_endpoints SET failing_since = now() - interval '4 days', consecutive_failures = 4 WHERE id = $1`, [endpoint.id]);
    const delivery = await ping(endpoint.id);
    expect(delivery.status).toBe('failed');
    const off = (await get(user, `/webhooks/${endpoint.id}`).expect(200)).body;
    expect(off).toMatchObject({ enabled: false, disabledReason: 'failing', disabledAt: expect.any(String), consecutiveFailures: expect.any(Number) });
    const events = (await get(user, '/me/security-events').expect(200)).body.items as { kind: string; details: Record<string, unknown> }[];
    expect(events.find((e) => e.kind === 'webhook-disabled')).toMatchObject({ details: { endpointId: endpoint.id, host: `127.0.0.1:${receiver.port}` } });

    const on = (await t.http().patch(`/webhooks/${endpoint.id}`).set(user.auth).send({ enabled: true }).expect(200)).body;
    expect(on).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0, failingSince: null });
  });

  it('announces tasks and follow-ups that fell due, once per due date, to the endpoints that chose them', async () => {
    const { secret } = await create('/ok/due', ['task.due', 'follow-up.due']);
    const task = (await post(user, '/tasks', { title: 'Send the take-home', dueOn: '2026-01-05' }).expect(201)).body;
    await post(user, '/tasks', { title: 'Not due yet', dueOn: '2099-01-01' }).expect(201);
    const grace = (await post(user, '/people', { fullName: 'Grace Hopper' }).expect(201)).body;
    await t.http().put(`/people/${grace.id}/follow-up`).set(user.auth).send({ nextFollowUpAt: '2026-01-06' }).expect(200);
    const tick = () => t.worker!.get(WebhooksService).announceDue();

    expect(await tick()).toEqual({ tasks: 1, followUps: 1 });
    const messages = await waitFor(async () => (receiver.at('/ok/due').length >= 2 ? receiver.at('/ok/due') : undefined));
    const events = messages.map((m) => verify(secret, m)).sort((a, b) => a.type.localeCompare(b.type));
    expect(events).toEqual([
      { type: 'follow-up.due', timestamp: expect.any(String), data: { personId: grace.id, dueOn: '2026-01-06', daysOverdue: expect.any(Number) } },
      { type: 'task.due', timestamp: expect.any(String), data: expect.objectContaining({ taskId: task.id, title: 'Send the take-home', dueOn: '2026-01-05' }) },
    ]);
    // Once per due date: the next tick has nothing new; a task moved to another (past) day is due again.
    expect(await tick()).toEqual({ tasks: 0, followUps: 0 });
    await t.http().patch(`/tasks/${task.id}`).set(user.auth).send({ dueOn: '2026-01-07' }).expect(200);
    expect(await tick()).toEqual({ tasks: 1, followUps: 0 });
    await waitFor(async () => (receiver.at('/ok/due').length >= 3 ? true : undefined));
    expect(verify(secret, receiver.at('/ok/due')[2]).data).toMatchObject({ taskId: task.id, dueOn: '2026-01-07' });
  });

  it('keeps finished deliveries in the log for the retention days, then lets them go; one still being tried stays', async () => {
    const { endpoint } = await create('/ok/retention');
    const old = await ping(endpoint.id);
    const recent = await ping(endpoint.id);
    const waiting = await ping(endpoint.id);
    // Aged past the default 30 days: one finished, one made to look still in flight.
    await t.db.query(`UPDATE webhook_deliveries SET created_at = now() - interval '31 days' WHERE id = ANY($1::uuid[])`, [[old.id, waiting.id]]);
    await t.db.query(`UPDATE webhook_deliveries SET status = 'pending' WHERE id = $1`, [waiting.id]);
    expect(await t.worker!.get(WebhooksService).pruneDeliveryLog()).toBe(1);
    const log = (await get(user, `/webhooks/${endpoint.id}/deliveries`).expect(200)).body.items as Delivery[];
    expect(log.map((d) => d.id).sort()).toEqual([recent.id, waiting.id].sort());
  });

  it("erases from the delivery log the messages that name an erased person or hold their id", async () => {
    const { endpoint } = await create('/ok/erase', ['sync.failed']);
    const person = (await post(user, '/people', { fullName: 'Zed Erasable' }).expect(201)).body;
    const body = (data: object) => JSON.stringify({ type: 'sync.failed', timestamp: new Date().toISOString(), data });
    await t.db.query(
      `INSERT INTO webhook_deliveries (user_id, endpoint_id, event_type, body, status) VALUES ($1, $2, 'sync.failed', $3, 'succeeded'), ($1, $2, 'sync.failed', $4, 'succeeded'), ($1, $2, 'sync.failed', $5, 'succeeded')`,
      [user.id, endpoint.id, body({ personId: person.id }), body({ error: 'no author named zed erasable' }), body({ personId: '00000000-0000-4000-8000-000000000000' })],
    );
    const res = await post(user, `/people/${person.id}/erase`).expect(200);
    expect(res.body.erased.webhookDeliveries).toBe(2);
    const left = (await get(user, `/webhooks/${endpoint.id}/deliveries`).expect(200)).body.items as Delivery[];
    expect(left).toHaveLength(1);
  });

  it("keeps each account's endpoints its own", async () => {
    const { endpoint } = await create('/ok/mine');
    await get(stranger, `/webhooks/${endpoint.id}`).expect(404);
    await get(stranger, `/webhooks/${endpoint.id}/deliveries`).expect(404);
    await post(stranger, `/webhooks/${endpoint.id}/ping`).expect(404);
    await post(stranger, `/webhooks/${endpoint.id}/roll-secret`).expect(404);
    await t.http().patch(`/webhooks/${endpoint.id}`).set(stranger.auth).send({ enabled: false }).expect(404);
    await t.http().delete(`/webhooks/${endpoint.id}`).set(stranger.auth).expect(404);
    expect((await get(stranger, '/webhooks').expect(200)).body.items).toEqual([]);
    await t.http().delete(`/webhooks/${endpoint.id}`).set(user.auth).expect(204);
  });
});

describe('webhooks without allowed networks', () => {
  const receiver = new Receiver();
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    await receiver.start();
    t = await createTestApp({ worker: true, env: { WEBHOOK_TIMEOUT_MS: '500', WEBHOOK_BACKOFF_MS: '50', WEBHOOK_ATTEMPTS: '2' }, overrides: [{ token: WEBHOOK_RESOLVER, value: resolver }] });
    user = await registerUser(t);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('refuses loopback and local names at registration, and a public-looking name that resolves to 127.0.0.1 is never contacted', async () => {
    for (const target of [`https://127.0.0.1:${receiver.port}/`, `https://localhost:${receiver.port}/`, `http://127.0.0.1:${receiver.port}/`, 'https://[::1]/']) {
      const res = await t.http().post('/webhooks').set(user.auth).send({ url: target, events: ['sync.failed'] }).expect(400);
      expect(res.body.details[0].field).toBe('url');
    }
    answers.set('sneaky.test', v4('127.0.0.1'));
    const { endpoint } = (await t.http().post('/webhooks').set(user.auth).send({ url: `https://sneaky.test:${receiver.port}/ok`, events: ['sync.failed'] }).expect(201)).body;
    const { id } = (await t.http().post(`/webhooks/${endpoint.id}/ping`).set(user.auth).expect(202)).body;
    const delivery = await waitFor(async () => {
      const d = ((await t.http().get(`/webhooks/${endpoint.id}/deliveries`).set(user.auth).expect(200)).body.items as Delivery[]).find((x) => x.id === id);
      return d && d.status !== 'pending' ? d : undefined;
    });
    expect(delivery).toMatchObject({ status: 'refused', attempts: 1 });
    expect(delivery.error).toBe('sneaky.test resolves to 127.0.0.1, a loopback address, which webhooks may not reach');
    expect(receiver.connections).toBe(0);
  });
});
