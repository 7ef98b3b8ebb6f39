# syntax=docker/dockerfile:1.7
# Huntkit API image. Build from the repository root: docker build -f docker/api.Dockerfile .
# The same image runs the one-shot `migrate` service (node dist/apps/api/cli.js migrate).

FROM node:24-bookworm-slim AS build
WORKDIR /app
# No Nx daemon or cloud inside a throw-away build container; Scarf analytics must not phone home from CI.
ENV NX_DAEMON=false NX_NO_CLOUD=true CI=true SCARF_ANALYTICS=false
# The lockfile alone decides this layer, so source edits do not reinstall dependencies.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN npx nx run api:build

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
# Webpack leaves node_modules external, so the runtime needs the production dependencies. The only
# production packages with install scripts (@scarf/scarf, msgpackr-extract) are denied in allowScripts,
# so --ignore-scripts gives the same result whichever npm version the base image ships.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund
# Files stay owned by root: the process can read its code but not rewrite it.
COPY --from=build /app/dist/apps/api ./dist/apps/api
# The run-output volume mounts here; made by the image so it belongs to node.
RUN mkdir -p /var/lib/huntkit/runs && chown node:node /var/lib/huntkit/runs
USER node
EXPOSE 3000
# Liveness only: readiness (/api/health/ready) fails while Postgres or Redis blip, and an orchestrator
# restarting the API for that would turn a dependency outage into an API outage.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The API drains in-flight requests on SIGTERM (SHUTDOWN_TIMEOUT_MS).
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/api/main.js"]
