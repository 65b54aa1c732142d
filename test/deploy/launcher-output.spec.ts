import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RotatingLogFile, terminalLine } from '../../scripts/launcher-output';

describe("what npm start shows of the apps' lines in a terminal", () => {
  const entry = (fields: Record<string, unknown>): string => JSON.stringify({ pid: 7, timestamp: 1, ...fields });

  it('shows warnings and errors, one readable line each, with the stack under an error', () => {
    expect(terminalLine('api', entry({ level: 'warn', context: 'api', message: 'CHROMIUM_PATH not found: PDFs answer 503' }), false)).toBe('api warn: CHROMIUM_PATH not found: PDFs answer 503');
    expect(terminalLine('worker', entry({ level: 'error', context: 'BriefingsProcessor', message: 'job failed', stack: 'Error: boom\n    at x (y.js:1:1)' }), true)).toBe(
      'worker error [BriefingsProcessor]: job failed\n    Error: boom\n        at x (y.js:1:1)',
    );
  });

  it('keeps the rest for the log file: start-up lines, the access log, debug', () => {
    for (const level of ['log', 'debug', 'verbose']) expect(terminalLine('api', entry({ level, message: 'GET /people 200' }), false)).toBeUndefined();
    expect(terminalLine('api', entry({ level: 'log', message: { method: 'GET', route: '/people', status: 200 } }), false)).toBeUndefined();
  });

  it('shows what is not JSON when it came on stderr: a crash before the logger, a configuration error', () => {
    expect(terminalLine('api', 'Invalid configuration:', true)).toBe('api: Invalid configuration:');
    expect(terminalLine('api', 'some library chatter', false)).toBeUndefined();
  });
});

describe('the log files of npm start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-logs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are readable by their owner only, and keep two files of at most the cap', () => {
    const file = new RotatingLogFile(join(dir, 'logs'), 'api.log', 100);
    for (let i = 0; i < 12; i++) file.write(`line ${String(i).padStart(2, '0')} ${'x'.repeat(20)}`);
    file.close();
    expect(statSync(join(dir, 'logs')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'logs', 'api.log')).mode & 0o777).toBe(0o600);
    const current = readFileSync(join(dir, 'logs', 'api.log'), 'utf8');
    const previous = readFileSync(join(dir, 'logs', 'api.log.1'), 'utf8');
    expect(current.length).toBeLessThanOrEqual(100);
    expect(previous.length).toBeLessThanOrEqual(100);
    // The newest lines, in order, across the two files.
    expect(`${previous}${current}`.trim().split('\n').at(-1)).toMatch(/^line 11 /);
    expect(`${previous}${current}`.trim().split('\n')).toEqual([...`${previous}${current}`.trim().split('\n')].sort());
  });

  it('go on where the last start left them', () => {
    const first = new RotatingLogFile(join(dir, 'again'), 'worker.log');
    first.write('first start');
    first.close();
    const second = new RotatingLogFile(join(dir, 'again'), 'worker.log');
    second.write('second start');
    second.close();
    expect(readFileSync(join(dir, 'again', 'worker.log'), 'utf8')).toBe('first start\nsecond start\n');
  });
});
