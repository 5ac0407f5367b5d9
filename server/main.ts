// Entry point of `npm run relay`: parse flags and environment, start the relay, and shut it down
// cleanly on SIGTERM/SIGINT (stop accepting, flush, close sockets with a reason, exit 0).
import { ConfigError, HELP, parseConfig, wantsHelp } from './config.ts';
import { createLogger } from './log.ts';
import { startRelay } from './relay.ts';

const argv = process.argv.slice(2);
if (wantsHelp(argv)) {
  process.stdout.write(HELP);
  process.exit(0);
}

let config;
try {
  config = parseConfig(argv, process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`relay: ${error.message}\n`);
  process.exit(2);
}

const log = createLogger(config.logLevel);
const relay = await startRelay(config, { logger: log }).catch((error: unknown) => {
  log.fatal({ err: String(error) }, 'relay failed to start');
  process.exit(1);
});

// The process must survive any single bad connection; log what escaped and keep serving.
process.on('uncaughtException', (error) => log.error({ err: String(error), stack: error.stack }, 'uncaught exception'));
process.on('unhandledRejection', (error) => log.error({ err: String(error) }, 'unhandled rejection'));

const stop = (signal: string): void => {
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    log.error('shutdown took longer than 20 s; exiting');
    process.exit(1);
  }, 20_000);
  relay.shutdown().then(
    () => {
      clearTimeout(force);
      process.exit(0);
    },
    (error: unknown) => {
      log.error({ err: String(error) }, 'shutdown failed');
      process.exit(1);
    },
  );
};
process.once('SIGTERM', () => stop('SIGTERM'));
process.once('SIGINT', () => stop('SIGINT'));
