// `npm start`: build the web app, migrate the local D1, start the platform, seed demo data.
import { buildWeb, migrate, root, startPlatform } from "./platform.mjs";
import { demoUsers, seed } from "./seed.mjs";

const port = Number(process.env.PORT ?? 8787);
const persistTo = `${root}.wrangler/state`;
console.log("Building the web app ...");
buildWeb();
console.log("Migrating the local D1 database ...");
migrate(persistTo);
console.log("Starting the platform (wrangler dev) ...");
const platform = await startPlatform({ port, persistTo, log: true });
try {
  await seed(`http://127.0.0.1:${port}`);
} catch (err) {
  await platform.stop(); // never leave wrangler serving without us
  throw err;
}
console.log(`\nSwitchboard is running at http://localhost:${port}\n\nDemo accounts (on a fresh state, friends with each other, all in the group "Tea Party"):`);
for (const u of demoUsers) console.log(`  ${u.handle.padEnd(6)} password: ${u.password}`);
console.log("\nPress Ctrl+C to stop.");
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    await platform.stop();
    process.exit(0);
  });
}
