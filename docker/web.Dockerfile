# syntax=docker/dockerfile:1.7
# Huntkit web image: the built Angular SPA behind nginx, which also proxies /api/ to the api service.
# Build from the repository root: docker build -f docker/web.Dockerfile .

FROM node:24-bookworm-slim AS build
WORKDIR /app
# No Nx daemon or cloud inside a throw-away build container; Scarf analytics must not phone home from CI.
ENV NX_DAEMON=false NX_NO_CLOUD=true CI=true SCARF_ANALYTICS=false
# The lockfile alone decides this layer, so source edits do not reinstall dependencies.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN npx nx run web:build

FROM nginx:1.27-alpine AS runtime
# Replaces the stock default server; the image's nginx.conf (workers, mime types, logs) stays.
COPY docker/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/dist/apps/web/browser /usr/share/nginx/html
EXPOSE 80
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1/nginx-health"]
# nginx finishes open requests on SIGQUIT; SIGTERM would drop them.
STOPSIGNAL SIGQUIT
