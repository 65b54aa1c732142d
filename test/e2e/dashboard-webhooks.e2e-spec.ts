import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { Dashboard, startDashboard } from '../support/dashboard-browser';
import { TestApp } from '../support/test-app';

/**
 * Settings → Webhooks in Debian's Chromium: an endpoint refused with the API's field error, then
 * added with its events, its secret shown once; a test sent and verified by a local receiver with
 * the Standard Webhooks library, and seen in the delivery log; the secret rolled; the endpoint
 * turned off. axe-core and screenshots at desktop and phone widths in test/output/screenshots/.
 */
const PASSWORD = 'a long enough password';

describe('the Webhooks settings in a browser', () => {
  let t: TestApp;
  let dashboard: Dashboard;
  let page: Page;
  let baseUrl: string;
  let problems: string[];
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  let receiver: Server;
  let port = 0;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    port = (receiver.address() as AddressInfo).port;
    dashboard = await startDashboard({ spec: 'webhooks', permissions: ['clipboard-read', 'clipboard-write'], app: { worker: true, env: { WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32', WEBHOOK_BACKOFF_MS: '50' } } });
    ({ t, page, baseUrl, problems } = dashboard);
  }, 300_000);
  afterAll(async () => {
    await dashboard?.close();
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('adds an endpoint, shows its secret once, sends a signed test, logs it, rolls the secret and turns it off', async () => {
    await page.goto(`${baseUrl}/app/sign-up`);
    await page.getByLabel('Email').fill('webhooks.user@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await page.goto(`${baseUrl}/app/settings`);
    const section = page.getByRole('region', { name: 'Webhooks', exact: true });
    await section.getByText('No endpoint yet.').waitFor();

    // A metadata address is refused, under the field.
    const form = section.getByRole('form', { name: 'New webhook endpoint' });
    await form.getByLabel('Endpoint URL').fill('http://169.254.169.254/latest/meta-data/');
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await form.locator('.field-error').filter({ hasText: 'link-local' }).waitFor();
    expect(await form.getByLabel('Endpoint URL').getAttribute('aria-invalid')).toBe('true');
    await dashboard.checkAccessibility('webhooks-refused');

    // The receiver, with the events chosen: the secret once.
    await form.getByLabel('Endpoint URL').fill(`http://127.0.0.1:${port}/dossier`);
    await form.getByLabel('Description').fill('Home server');
    await form.getByLabel(/A task is due/).check();
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    const shown = section.getByRole('region', { name: /^The signing secret of/ });
    const secret = (await shown.getByTestId('secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    const row = section.getByRole('listitem', { name: 'Webhook Home server' });
    await row.getByText('application.moved, interview.created, task.due').waitFor();
    await dashboard.checkAccessibility('webhooks-secret');
    await dashboard.shoot('webhooks-secret');
    await shown.getByRole('button', { name: 'Done, hide it' }).click();
    await shown.waitFor({ state: 'detached' });

    // A test: signed so that the reference library verifies it, and in the log.
    await row.getByRole('button', { name: 'Send test to Home server' }).click();
    const log = row.getByRole('region', { name: 'Delivery log of Home server' });
    await log.locator('tr[data-status="succeeded"]').filter({ hasText: 'webhook.ping' }).waitFor();
    await log.getByRole('cell', { name: '204' }).waitFor();
    expect(received).toHaveLength(1);
    expect((new Webhook(secret).verify(received[0].body, received[0].headers as Record<string, string>) as { type: string }).type).toBe('webhook.ping');
    await dashboard.checkAccessibility('webhooks-log');
    await dashboard.shoot('webhooks-log', { readme: 'webhooks' });

    // Roll: a new secret once, the old one still signing for a day.
    await row.getByRole('button', { name: 'Roll secret of Home server' }).click();
    const rolled = section.getByRole('region', { name: /^The new signing secret of/ });
    const next = (await rolled.getByTestId('secret').textContent())!.trim();
    expect(next).not.toBe(secret);
    await row.getByText(/The previous secret still signs until/).waitFor();
    await rolled.getByRole('button', { name: 'Done, hide it' }).click();

    // Off, and the API agrees.
    await row.getByRole('button', { name: 'Turn off Home server' }).click();
    await row.getByText('Off: turned off by you.').waitFor();
    const me = await t.http().post('/auth/login').send({ email: 'webhooks.user@example.org', password: PASSWORD }).expect(200);
    const [endpoint] = (await t.http().get('/webhooks').set({ authorization: `Bearer ${me.body.token}` }).expect(200)).body.items;
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: 'user', events: ['application.moved', 'interview.created', 'task.due'] });
    expect(problems).toEqual([]);
  }, 120_000);
});
