#!/usr/bin/env node
/**
 * The `chat-service` command: a ready server from flags, environment and an
 * optional config module. See `chat-service --help`.
 *
 * @module
 */
import { parseSettings, USAGE } from './cli/args.js';

async function main(): Promise<void> {
  let settings;
  try {
    settings = parseSettings(process.argv.slice(2), process.env);
    // A bad --jwt-public-key file is a usage error, reported before anything starts.
    if (settings.jwt) (await import('./cli/auth.js')).loadJwtKey(settings.jwt);
  } catch (error) {
    process.stderr.write(`chat-service: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (settings.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  // Loaded only now, so that --help and usage errors answer without loading the server.
  const [{ createServerLogger }, { runServer }] = await Promise.all([import('./cli/logger.js'), import('./cli/run.js')]);
  const logger = createServerLogger(settings.logLevel);
  let server;
  try {
    server = await runServer(settings, logger);
  } catch (error) {
    // An operator mistake (port in use, Redis unreachable, bad config): one line, no stack.
    const { explainStartFailure } = await import('./cli/start-errors.js');
    process.stderr.write(`chat-service: ${explainStartFailure(error, settings)}\n`);
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      logger.warn('second signal: exiting now', { signal });
      process.exit(1);
    }
    stopping = true;
    logger.info('shutting down', { signal });
    server.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`chat-service: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
