// `npm start`: build the web app, migrate the local D1, start the platform, seed demo data.
import { buildWeb, migrate, root, startPlatform } from "./platform.mjs";
import { demoCustomer, demoUsers, demoWorkspace, seed, seedWorkspace } from "./seed.mjs";

const port = Number(process.env.PORT ?? 8787);
const persistTo = `${root}.wrangler/state`;
console.log("Building the web app ...");
buildWeb();
console.log("Migrating the local D1 database ...");
migrate(persistTo);
console.log("Starting the platform (wrangler dev) ...");
const platform = await startPlatform({ port, persistTo, log: true });
try {
  const sessions = await seed(`http://127.0.0.1:${port}`);
  await seedWorkspace(`http://127.0.0.1:${port}`, sessions);
} catch (err) {
  await platform.stop(); // never leave wrangler serving without us
  throw err;
}
console.log(`\nSwitchboard is running at http://localhost:${port}\n\nDemo accounts (on a fresh state, friends with each other, all in the group "Tea Party"):`);
for (const u of demoUsers) console.log(`  ${u.handle.padEnd(6)} password: ${u.password}`);
console.log(`\nCustomer profiles: the workspace "${demoWorkspace}" has alice (owner) and carol (staff);`);
console.log(`  ${demoCustomer.handle.padEnd(6)} password: ${demoCustomer.password}  is its customer, friends with alice and carol.`);
console.log(`  Log in as alice, open the chat with ${demoCustomer.displayName} and press "Profile": his messages filled it.`);
console.log("\nPress Ctrl+C to stop.");
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    await platform.stop();
    process.exit(0);
  });
}
