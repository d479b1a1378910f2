/** The only place test helpers read the environment, like each process's env.ts in production code. */
export const testEnv = Object.freeze({
  databaseUrl: process.env.TEST_DATABASE_URL || undefined,
  redisUrl: process.env.TEST_REDIS_URL || undefined,
});
