import { ConfigError, loadConfig } from './app-config';

const DB = 'postgres://dossier@127.0.0.1:5432/dossier';

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('fills defaults: PostgreSQL queue backend on the same database, API on 127.0.0.1:3000', () => {
    const config = loadConfig({ DATABASE_URL: DB });
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000, bodyLimitBytes: 10 * 1024 * 1024, corsOrigins: [], publicUrl: 'http://127.0.0.1:3000', trustProxy: false });
    expect(config.queue).toEqual({ backend: 'postgres', url: DB, prefix: 'dossier' });
    expect(config.database.runMigrations).toBe(true);
    expect(config.log).toEqual({ level: 'log', format: 'json' });
  });

  it('asks for an invitation to register by default, and takes open or closed', () => {
    expect(loadConfig({ DATABASE_URL: DB }).auth.registration).toBe('invite');
    expect(loadConfig({ DATABASE_URL: DB, REGISTRATION: 'open' }).auth.registration).toBe('open');
    expect(configError({ DATABASE_URL: DB, REGISTRATION: 'anyone' })).toContain('REGISTRATION="anyone"');
    expect(loadConfig({ DATABASE_URL: DB, PUBLIC_URL: 'https://dossier.example.org/' }).http.publicUrl).toBe('https://dossier.example.org');
  });

  it('uses Redis for queues when REDIS_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: DB, REDIS_URL: 'redis://cache:6379' }).queue).toEqual({ backend: 'redis', url: 'redis://cache:6379', prefix: 'dossier' });
  });

  it('reads numbers and switches from their text forms', () => {
    const config = loadConfig({ DATABASE_URL: DB, PORT: '8080', RUN_MIGRATIONS: 'false', BULL_BOARD_ENABLED: 'off', IMPORT_INLINE_MAX_ROWS: '0' });
    expect(config.http.port).toBe(8080);
    expect(config.database.runMigrations).toBe(false);
    expect(config.bullBoard.enabled).toBe(false);
    expect(config.imports.inlineMaxRows).toBe(0);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: DB, REDIS_URL: '', PORT: '' }).queue.backend).toBe('postgres');
  });

  it('names each wrong variable with its value and the rule it breaks', () => {
    const message = configError({ DATABASE_URL: DB, PORT: 'eighty', LOG_LEVEL: 'verbose', REDIS_URL: 'http://cache:6379' });
    expect(message).toContain('PORT="eighty"');
    expect(message).toContain('LOG_LEVEL="verbose"');
    expect(message).toContain('REDIS_URL="http://cache:6379"');
    expect(message).not.toContain('DATABASE_URL');
  });

  it('rejects a database URL of another kind and a switch it cannot read', () => {
    expect(configError({ DATABASE_URL: 'mysql://root@db/dossier' })).toContain('DATABASE_URL="mysql://root@db/dossier"');
    expect(configError({ DATABASE_URL: DB, RUN_MIGRATIONS: 'sometimes' })).toContain('RUN_MIGRATIONS="sometimes"');
  });

  it('reads the origins a browser dashboard may call from, and refuses one with a path', () => {
    expect(loadConfig({ DATABASE_URL: DB, CORS_ORIGINS: ' https://dash.example.org, http://localhost:5173 ' }).http.corsOrigins).toEqual(['https://dash.example.org', 'http://localhost:5173']);
    expect(configError({ DATABASE_URL: DB, CORS_ORIGINS: 'https://dash.example.org/app' })).toContain('CORS_ORIGINS="https://dash.example.org/app": must be origins');
  });

  it('needs SECRET_KEY in production; elsewhere it keeps a generated key in DATA_DIR', () => {
    expect(configError({ DATABASE_URL: DB, NODE_ENV: 'production' })).toMatch(/SECRET_KEY is not set: production needs a server key/);
    expect(loadConfig({ DATABASE_URL: DB, NODE_ENV: 'production', SECRET_KEY: 'k'.repeat(48) }).secrets.secretKey).toBe('k'.repeat(48));
    expect(loadConfig({ DATABASE_URL: DB, DATA_DIR: '/srv/dossier' }).secrets).toEqual({ secretKey: null, keyFile: '/srv/dossier/secret.key' });
    expect(configError({ DATABASE_URL: DB, SECRET_KEY: 'too short' })).toContain('SECRET_KEY="too short": must be at least 32 characters');
  });

  it('reads the API-wide rate limit, or none when it is 0 or off', () => {
    expect(loadConfig({ DATABASE_URL: DB }).rateLimit).toEqual({ max: 600, windowMs: 60_000 });
    expect(loadConfig({ DATABASE_URL: DB, RATE_LIMIT: '20/10s' }).rateLimit).toEqual({ max: 20, windowMs: 10_000 });
    expect(loadConfig({ DATABASE_URL: DB, RATE_LIMIT: '0' }).rateLimit).toBeNull();
    expect(loadConfig({ DATABASE_URL: DB, RATE_LIMIT: 'off' }).rateLimit).toBeNull();
    expect(configError({ DATABASE_URL: DB, RATE_LIMIT: 'lots' })).toContain('RATE_LIMIT="lots": must be <requests>/<window>, e.g. 600/1m, or 0 or off');
  });

  it('says how to run without DATABASE_URL', () => {
    expect(configError({})).toMatch(/DATABASE_URL is not set.*npm start/);
  });

  it('takes PUBLIC_URL as the base of links (trailing slash dropped), and names this machine when HOST is a wildcard', () => {
    expect(loadConfig({ DATABASE_URL: DB, PUBLIC_URL: 'https://dossier.example.org/' }).http.publicUrl).toBe('https://dossier.example.org');
    expect(loadConfig({ DATABASE_URL: DB, PUBLIC_URL: 'https://example.org/dossier' }).http.publicUrl).toBe('https://example.org/dossier');
    expect(loadConfig({ DATABASE_URL: DB, HOST: '0.0.0.0', PORT: '8080' }).http.publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ DATABASE_URL: DB, HOST: '::1' }).http.publicUrl).toBe('http://[::1]:3000');
    for (const wrong of ['ftp://example.org', 'https://example.org/?a=1', 'https://user:pw@example.org', 'example.org']) {
      expect(configError({ DATABASE_URL: DB, PUBLIC_URL: wrong })).toContain(`PUBLIC_URL=${JSON.stringify(wrong)}: must be an http(s) origin`);
    }
  });

  it('reads TRUST_PROXY as off, on, a hop count or proxy addresses, and refuses anything else', () => {
    expect(loadConfig({ DATABASE_URL: DB }).http.trustProxy).toBe(false);
    expect(loadConfig({ DATABASE_URL: DB, TRUST_PROXY: 'true' }).http.trustProxy).toBe(true);
    expect(loadConfig({ DATABASE_URL: DB, TRUST_PROXY: '2' }).http.trustProxy).toBe(2);
    expect(loadConfig({ DATABASE_URL: DB, TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).http.trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(configError({ DATABASE_URL: DB, TRUST_PROXY: 'yes please' })).toContain('TRUST_PROXY="yes please": must be false, true');
    expect(configError({ DATABASE_URL: DB, TRUST_PROXY: '10.0.0/8,1.2.3.4/40' })).toContain('not an address or CIDR: 10.0.0/8, 1.2.3.4/40');
  });

  it('reads SMTP_URL and MAIL_FROM, defaults the sender to the public host, and never shows an SMTP password', () => {
    expect(loadConfig({ DATABASE_URL: DB }).mail).toEqual({ smtpUrl: null, from: 'Dossier <dossier@localhost>', retryDelayMs: 60_000 });
    const config = loadConfig({ DATABASE_URL: DB, SMTP_URL: 'smtps://me:p%40ss@smtp.example.org:465', PUBLIC_URL: 'https://dossier.example.org', MAIL_RETRY_DELAY_MS: '500' });
    expect(config.mail).toEqual({ smtpUrl: 'smtps://me:p%40ss@smtp.example.org:465', from: 'Dossier <dossier@dossier.example.org>', retryDelayMs: 500 });
    expect(loadConfig({ DATABASE_URL: DB, MAIL_FROM: 'Lab prep <prep@example.org>' }).mail.from).toBe('Lab prep <prep@example.org>');
    const wrong = configError({ DATABASE_URL: DB, SMTP_URL: 'http://me:secret@smtp.example.org' });
    expect(wrong).toContain('SMTP_URL="http://me:***@smtp.example.org": must be smtp://');
    expect(wrong).not.toContain('secret');
    expect(configError({ DATABASE_URL: DB, MAIL_FROM: 'not an address' })).toContain('MAIL_FROM="not an address": must be an address');
  });
});
