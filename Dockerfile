# syntax=docker/dockerfile:1

# Duban: one image for every role (APP_ROLE=api|worker|all). Stages:
#   build    all dependencies, compiles TypeScript to dist/
#   test     the build plus the tests; `npm test` against MySQL and Redis (compose profile "test")
#   runtime  production dependencies and dist/ only, run as the unprivileged `node` user (default)
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY migrations ./migrations
COPY src ./src
COPY bench ./bench
RUN npm run build

FROM build AS test
ENV NODE_ENV=test
COPY jest.config.js tsconfig.jest.json ./
COPY test ./test
COPY data ./data
COPY templates ./templates
COPY views ./views
COPY public ./public
CMD ["npm", "test"]

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    UPLOAD_DIR=/app/uploads
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The demo (node dist/src/demo/start-demo.js) reads data/demo/*.csv next to dist/.
COPY data ./data
COPY templates ./templates
COPY views ./views
COPY public ./public
RUN mkdir -p /app/uploads && chown node:node /app/uploads
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
