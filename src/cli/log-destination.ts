import { createRequire } from 'node:module';
import { type Logger, pino } from 'pino';
import type PinoPretty from 'pino-pretty';

/** Log bytes waiting to be written, past which new lines are dropped rather than queued. */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

/** `json`: one JSON object a line; `pretty`: coloured readable lines; `auto`: pretty at a terminal. */
export type LogFormat = 'auto' | 'json' | 'pretty';

/**
 * The format a node logs in: readable lines for a person at a terminal, JSON for
 * whatever reads a pipe or a file (a log shipper, `jq`, the tests).
 */
export function chooseLogFormat(format: LogFormat, stdoutIsTty: boolean): 'json' | 'pretty' {
  if (format !== 'auto') return format;
  return stdoutIsTty ? 'pretty' : 'json';
}

/**
 * The node's logger: JSON lines to stdout (readable lines at a terminal, see chooseLogFormat), written asynchronously. A log that cannot be
 * written (stdout redirected to a file on a full disk, a pipe nobody reads) must never
 * block or stop the server (issue 13 item 4): writes never wait on this thread, a write
 * error is ignored (those lines are lost), and while the output is stuck at most 4 MiB
 * wait, later lines being dropped.
 */
export function nodeLogger(level: string, format: LogFormat = 'json'): Logger {
  const destination = pino.destination({ dest: 1, sync: false, maxLength: MAX_PENDING_BYTES });
  // At exit pino writes what is left synchronously, and sonic-boom's flushSync retries any
  // error but EAGAIN for ever (ENOSPC included): the process would never exit. While the
  // last write failed, there is nothing it could write anyway.
  let failing = false;
  destination.on('error', () => (failing = true));
  destination.on('write', () => (failing = false));
  const flushSync = destination.flushSync.bind(destination);
  destination.flushSync = () => {
    if (!failing) flushSync();
  };
  if (chooseLogFormat(format, process.stdout.isTTY === true) === 'json') return pino({ level }, destination);
  // In this thread, not a transport worker: a worker would add start-up time, and the
  // lines still go through the same non-blocking destination.
  // Loaded only for readable lines (a CommonJS package, so it can be loaded here, in order).
  const pinoPretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
  const pretty = pinoPretty({ destination, colorize: process.stdout.isTTY === true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  const logger = pino({ level }, pretty);
  // The pretty stream has no flush of its own: flushLogger writes out the destination behind it.
  behind.set(logger, destination);
  return logger;
}

const behind = new WeakMap<Logger, { flush(cb?: (err?: Error) => void): void }>();

/** Writes out what the logger holds, waiting at most `ms` (the output may be stuck). */
export function flushLogger(logger: Logger, ms = 1_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    try {
      logger.flush(() => {
        const destination = behind.get(logger);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        // The pretty stream hands its lines on a tick later.
        if (destination) setImmediate(() => destination.flush(() => done()));
        else done();
      });
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}
