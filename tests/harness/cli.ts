import { startHarness } from './start';

// `npm run harness`: builds the renderer and bridge, then runs this.
const harness = await startHarness(process.env).catch((error: unknown) => {
  console.error(`Harness failed to start: ${(error as Error).message}`);
  process.exit(1);
});
console.log(`Data directory: ${harness.dataDir}`);
console.log(`Harness ready at ${harness.server.url}`);

const stop = () => {
  void harness.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
