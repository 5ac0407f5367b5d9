# The Vetrellis relay and web app in one image. Not built on the development machine (no Docker
# there): kept minimal so it can be checked by reading. See docs/self-hosting.md.

FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The web app into dist/, and the relay as one ES module (dependencies stay external).
RUN npm run build \
    && npx esbuild server/main.ts --bundle --platform=node --format=esm --target=node20 \
       --packages=external --outfile=build/relay.mjs \
    && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=8080 HOST=0.0.0.0 RELAY_DATA=/data RELAY_STATIC=/app/dist
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/build/relay.mjs ./build/relay.mjs
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./package.json
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:8080/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node as PID 1 receives SIGTERM from `docker stop` directly.
CMD ["node", "build/relay.mjs"]
