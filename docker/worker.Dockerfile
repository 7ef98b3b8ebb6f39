# syntax=docker/dockerfile:1.7
# Huntkit BullMQ worker image. Build from the repository root: docker build -f docker/worker.Dockerfile .

FROM node:24-bookworm-slim AS build
WORKDIR /app
# No Nx daemon or cloud inside a throw-away build container; Scarf analytics must not phone home from CI.
ENV NX_DAEMON=false NX_NO_CLOUD=true CI=true SCARF_ANALYTICS=false
# The lockfile alone decides this layer, so source edits do not reinstall dependencies.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN npx nx run worker:build

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# The programs the nmap and ffuf tools wrap; workers report them, so the catalog shows those tools.
RUN apt-get update && apt-get install -y --no-install-recommends nmap ffuf && rm -rf /var/lib/apt/lists/*
# Run logs and artifacts live outside the application, on a volume shared with the API.
RUN mkdir -p /var/lib/huntkit/runs && chown node:node /var/lib/huntkit/runs
# Webpack leaves node_modules external, so the runtime needs the production dependencies. The only
# production packages with install scripts (@scarf/scarf, msgpackr-extract) are denied in allowScripts,
# so --ignore-scripts gives the same result whichever npm version the base image ships.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund
# Files stay owned by root: the process can read its code but not rewrite it.
COPY --from=build /app/dist/apps/worker ./dist/apps/worker
USER node
# No HEALTHCHECK: the worker serves no HTTP, and a stalled worker shows up as jobs waiting in Redis,
# which POST /api/health/probes measures end to end.
# On SIGTERM the worker ends its tool runs as failed (credits back) and lets other jobs finish
# (SHUTDOWN_TIMEOUT_MS) before it exits.
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/worker/main.js"]
