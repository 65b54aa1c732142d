// A strict API in a process of its own: it answers 429 to any request that arrives closer than
// `spacingMs` after the last one it admitted, and records when each arrived. Its own event loop does
// nothing else, so the arrival times are the server's, not those of a test process busy with the apps.
// Usage: node strict-server.cjs <routes.json> <spacingMs>; prints "listening <port>"; GET /__stats
// answers { admitted, refused, arrivals: [ms since the epoch] }. Routes: [{ path, query?, file }].
const { readFileSync } = require('node:fs');
const { createServer } = require('node:http');

const routes = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const spacingMs = Number(process.argv[3]);
let last = null;
let admitted = 0;
let refused = 0;
const arrivals = [];

const server = createServer((req, res) => {
  const at = Date.now();
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/__stats') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ admitted, refused, arrivals }));
    return;
  }
  arrivals.push(at);
  if (last !== null && at - last < spacingMs) {
    refused += 1;
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' }).end('{"error":"Too Many Requests"}');
    return;
  }
  last = at;
  admitted += 1;
  const route = routes.find((r) => r.path === url.pathname && Object.entries(r.query || {}).every(([k, v]) => url.searchParams.get(k) === v));
  if (!route) {
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `no recording for ${url.pathname}${url.search}` }));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(readFileSync(route.file, 'utf8'));
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
