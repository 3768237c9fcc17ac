// `vanthu serve`: one process runs everything; SIGINT/SIGTERM finish the message in hand and exit 0.
import type { Config } from '../config/load.js';
import { describeError } from '../errors.js';
import { createLogger } from '../log.js';
import { Service } from '../service.js';

export async function runServe(config: Config): Promise<void> {
  const log = createLogger(config.log.level);
  if (config.source === null) {
    log.info(
      { dataDir: config.dataDir },
      'no vanthu.yaml found: running on the embedded default (SQLite in ./data, HTTP 127.0.0.1:8080, SMTP ingress 127.0.0.1:2525, no IMAP mailboxes)',
    );
  } else {
    log.info({ config: config.source, mailboxes: config.mailboxes.map((m) => m.id) }, 'configuration loaded');
    if (!config.classification.securityOfficer) {
      log.warn('classification.securityOfficer is not set: alerts for documents marked Mật wait in the outbox without a recipient');
    }
  }
  process.on('unhandledRejection', (reason) => {
    // A rejection nobody handled leaves the worker half-alive: stop instead, so the supervisor restarts it.
    log.fatal({ err: describeError(reason) }, 'unhandled rejection; exiting');
    process.exit(1);
  });

  const service = new Service(config, log);
  const starting = service.start();
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'stopping: finishing messages in hand');
    // A signal during start-up waits for the start to finish, so nothing is left half-open.
    starting.catch(() => undefined).then(() => service.stop()).then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err: describeError(err) }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  let started: Awaited<typeof starting>;
  try {
    started = await starting;
  } catch (err) {
    // A port in use, a data folder that cannot be written: say so and stop everything already started.
    log.fatal({ err: describeError(err) }, 'vanthu could not start');
    await service.stop().catch(() => undefined);
    throw err;
  }
  log.info({ http: started.http, smtp: started.smtp }, 'vanthu is running');
  log.info({ tokenFile: started.tokenFile, created: started.tokenCreated }, `admin token is in ${started.tokenFile}`);
  process.stderr.write(
    `vanthu: web ${started.http} · SMTP ${started.smtp ?? 'off'} · admin token: ${started.tokenFile}\n`,
  );
}
