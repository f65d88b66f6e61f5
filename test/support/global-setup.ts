import { randomBytes } from 'node:crypto';

// One id per `npm test` run: each Jest worker derives its own database name and Redis key
// prefix from it, so runs never see each other's data and teardown drops exactly this run's.
export default async function globalSetup(): Promise<void> {
  process.env.DUBAN_TEST_RUN ??= randomBytes(3).toString('hex');
}
