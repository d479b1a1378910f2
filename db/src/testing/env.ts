/** The only place test helpers read the environment (see STYLE.md, env.ts convention). */
export const testEnv = Object.freeze({
  databaseUrl: process.env.TEST_DATABASE_URL || undefined,
  redisUrl: process.env.TEST_REDIS_URL || undefined,
});
