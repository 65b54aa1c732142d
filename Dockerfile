# syntax=docker/dockerfile:1
# One image for both processes: the API by default; the worker with
#   command: node dist/apps/worker/src/main.js
# Needs DATABASE_URL (the embedded PostgreSQL of `npm start` is not used in containers).

# --- build: compile with the dev dependencies, then drop them ----------------------------------
FROM node:26-bookworm-slim AS build
WORKDIR /app
# Dependencies first, so a source change does not reinstall them.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# --- runtime ------------------------------------------------------------------------------------
FROM node:26-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# Debian's Chromium prints briefings as PDF (CHROMIUM_PATH); playwright-core drives it and downloads nothing.
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
# package.json is needed at run time: it maps the #platform / #domain imports into dist/.
# Owned by root and only readable by `node`: the app never writes to its own files.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# No HEALTHCHECK here: the worker runs this image too and serves no HTTP. docker-compose.yml
# checks the API's /health/ready instead.
# The apps handle SIGTERM themselves (graceful close, exit 0), so node can run as PID 1.
CMD ["node", "dist/apps/api/src/main.js"]
