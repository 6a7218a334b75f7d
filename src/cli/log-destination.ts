import { type Logger, pino } from 'pino';

/** Log bytes waiting to be written, past which new lines are dropped rather than queued. */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

/**
 * The node's logger: JSON lines to stdout, written asynchronously. A log that cannot be
 * written (stdout redirected to a file on a full disk, a pipe nobody reads) must never
 * block or stop the server (issue 13 item 4): writes never wait on this thread, a write
 * error is ignored (those lines are lost), and while the output is stuck at most 4 MiB
 * wait, later lines being dropped.
 */
export function nodeLogger(level: string): Logger {
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
  return pino({ level }, destination);
}

/** Writes out what the logger holds, waiting at most `ms` (the output may be stuck). */
export function flushLogger(logger: Logger, ms = 1_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    try {
      logger.flush(() => {
        clearTimeout(timer);
        resolve();
      });
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}
