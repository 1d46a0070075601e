/**
 * The `env-probe` task (see turbo.json): prints the named environment variables as one JSON line,
 * so a test can see what a task started by Turborepo actually receives.
 */
const names = process.argv.slice(2);
console.log(`ENV_PROBE ${JSON.stringify(Object.fromEntries(names.map((n) => [n, process.env[n] ?? null])))}`);
