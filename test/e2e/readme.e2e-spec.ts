import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce, freePort, ROOT, runNode, Running } from '../support/compiled-processes';
import { waitFor } from '../support/wait-for';

// The README's shell blocks, run as a person would paste them: in order, in one bash session (so a
// variable set in one block is there in the next), against a server started the way `npm start`
// starts it (the compiled launcher, a fresh embedded PostgreSQL, the default configuration). Blocks
// marked ```sh skip-test install or start things (npm ci, npm start, npm test) and are left out.
// The only change made to a block is the port: localhost:3000 becomes this test's.
const LAUNCHER = join(ROOT, 'dist/scripts/start.js');
const SKIP = 'skip-test';

interface Block {
  line: number;
  info: string;
  code: string;
}

/** Every fenced block of the Markdown, with its info string and the line it starts on. */
function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(.*)$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith(open[1]) && l.trim() === open[1]);
    if (end === -1) throw new Error(`README.md:${i + 1}: a code block that never closes`);
    blocks.push({ line: i + 1, info: open[2].trim(), code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}

/** The shell blocks the test runs: language sh, not marked skip-test. */
function runnableBlocks(markdown: string): Block[] {
  return fencedBlocks(markdown).filter((b) => b.info.split(/\s+/)[0] === 'sh' && !b.info.split(/\s+/).includes(SKIP));
}

/** Each curl command of a block (continuation lines joined), from `curl` to the end of its pipeline stage. */
function curlCommands(code: string): string[] {
  return [...code.replace(/\\\n/g, ' ').matchAll(/\bcurl\b[^|;&)\n]*/g)].map((m) => m[0]);
}

/** Variables a block assigns at the start of a line (`TOKEN=$(…)`, `export X=…`). */
function assignedVariables(code: string): string[] {
  return [...new Set([...code.matchAll(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1]))];
}

/** The session's input: each block, then a check of what it assigned, then a marker that it ran. */
function session(blocks: Block[], port: number): string {
  return blocks
    .map((block, index) => {
      const code = block.code.replaceAll('localhost:3000', `localhost:${port}`);
      const checks = assignedVariables(block.code).map(
        (name) => `if [ -z "\${${name}:-}" ] || [ "\${${name}}" = undefined ] || [ "\${${name}}" = null ]; then echo "README.md:${block.line}: \\$${name} is '\${${name}:-}'" >&2; exit 90; fi`,
      );
      return [`echo "::block ${index} README.md:${block.line}" >&2`, code, ...checks, `echo "::ran ${index}" >&2`].join('\n');
    })
    .join('\n');
}

describe("README.md's shell blocks", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = runnableBlocks(readme);

  it('are found, and the ones that install or start are marked', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    const skipped = fencedBlocks(readme).filter((b) => b.info.split(/\s+/).includes(SKIP));
    expect(skipped.map((b) => b.code)).toEqual(expect.arrayContaining(['npm ci\nnpm start', 'npm test']));
    for (const block of blocks) expect({ line: block.line, code: block.code }).not.toEqual({ line: block.line, code: expect.stringMatching(/\bnpm (ci|start|test|install)\b/) });
  });

  it('call curl with --fail (-f) every time, so a 4xx or 5xx answer stops the session', () => {
    const curls = blocks.flatMap((b) => curlCommands(b.code).map((command) => ({ line: b.line, command })));
    expect(curls.length).toBeGreaterThan(5);
    for (const curl of curls) expect(curl).toEqual({ line: curl.line, command: expect.stringMatching(/\s(-[a-zA-Z]*f[a-zA-Z]*|--fail)(\s|$)/) });
  });

  describe('pasted in order into one bash session, against a fresh `npm start`', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dossier-readme-'));
    const cwd = mkdtempSync(join(tmpdir(), 'dossier-readme-shell-'));
    let server: Running;
    let port: number;

    beforeAll(async () => {
      await buildOnce();
      port = await freePort();
      server = runNode(LAUNCHER, { PORT: String(port), EMBEDDED_PG_PORT: String(await freePort()), DATA_DIR: dataDir });
      await waitFor(async () => {
        if (server.child.exitCode !== null) throw new Error(`npm start exited ${server.child.exitCode}:\n${server.stderr.join('\n')}`);
        return server.stdout.some((l) => l.startsWith(`dossier: ready at http://127.0.0.1:${port}`)) ? true : undefined;
      }, 90_000);
    }, 150_000);

    afterAll(async () => {
      if (server && server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await Promise.race([server.exited, new Promise((r) => setTimeout(r, 30_000).unref())]);
        if (server.child.exitCode === null) server.child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(cwd, { recursive: true, force: true });
    }, 60_000);

    it('run to the end: no failed command, no empty or undefined variable, no 4xx or 5xx', async () => {
      const bash = spawn('bash', ['-euo', 'pipefail'], { cwd, env: { PATH: process.env.PATH, HOME: cwd, LANG: 'C.UTF-8' }, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      bash.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      bash.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      const exited = once(bash, 'exit');
      // Fed on stdin, as pasted lines are: a command that read stdin by mistake would swallow the rest.
      bash.stdin.end(`${session(blocks, port)}\n`);
      const timer = setTimeout(() => bash.kill('SIGKILL'), 150_000);
      const [code] = (await exited) as [number | null];
      clearTimeout(timer);

      const ran = [...stderr.matchAll(/^::ran (\d+)$/gm)].length;
      const failedAt = ran < blocks.length ? `README.md:${blocks[ran].line}` : 'after the last block';
      expect({ code, ran, failedAt, stderr: code === 0 ? '' : stderr.slice(-3000) }).toEqual({ code: 0, ran: blocks.length, failedAt: 'after the last block', stderr: '' });

      // What the blocks said they would do, they did: a Markdown briefing printed, an export written.
      expect(stdout).toContain('Example Frontier Lab');
      expect(existsSync(join(cwd, 'dossier.json'))).toBe(true);
      expect(JSON.parse(readFileSync(join(cwd, 'dossier.json'), 'utf8'))).toMatchObject({ version: expect.any(Number) });
    }, 180_000);
  });
});
