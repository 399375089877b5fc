# Production image: Next.js standalone server behind the front server (page cache), plus a
# bundled migration runner.
# Build: docker compose build   (see docker-compose.yml)
#
# Node.js 24, the Active LTS (Node 20 reached its end of life in April 2026). The code still runs
# on Node 20.19+, which `npm install && npm run dev` needs (package.json engines); the bundles
# below target node20 for that reason.

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/prisma-generate.mjs scripts/prisma-generate.mjs
COPY prisma prisma
COPY prisma.config.ts ./
RUN npm ci

FROM node:24-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 NEXT_OUTPUT=standalone
COPY --from=deps /app/node_modules node_modules
COPY . .
RUN node scripts/prisma-generate.mjs \
 && npx next build \
 && npx tsx scripts/bundle-image.ts dist

FROM node:24-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
# LibreOffice Writer without its GUI converts .doc and .wps uploads for import. It keeps a
# profile in $HOME, so the app user gets a home of its own.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libreoffice-writer-nogui \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system app && useradd --system --gid app --create-home --home-dir /home/app app
ENV HOME=/home/app
COPY --from=build --chown=app:app /app/.next/standalone ./
COPY --from=build --chown=app:app /app/.next/static ./.next/static
COPY --from=build --chown=app:app /app/public ./public
COPY --from=build --chown=app:app /app/prisma/migrations ./prisma/migrations
COPY --from=build --chown=app:app /app/dist/migrate.mjs ./migrate.mjs
COPY --from=build --chown=app:app /app/dist/front.mjs ./front.mjs
# The first site admin of a new site: docker compose exec app1 node create-admin.mjs <username>
COPY --from=build --chown=app:app /app/dist/create-admin.mjs ./create-admin.mjs
USER app
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# Migrations take an advisory lock, so several replicas may start at once. front.mjs serves
# readers and runs Next's server.js behind it (see lib/front/start-site.ts).
CMD ["sh", "-c", "node migrate.mjs && node front.mjs"]
