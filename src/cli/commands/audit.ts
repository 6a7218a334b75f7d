import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { InvalidArgumentError, type Command } from 'commander';
import { type AuditFilter, auditQuery, listAudit } from '../client/audit.js';
import { escapeJsonText } from '../client/escape.js';
import { CliError, usageError } from '../client/cli-error.js';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { resolveDrive } from '../client/drives.js';
import { formatBytes, formatTime, printList } from '../client/format.js';
import type { SalvageClient } from '../client/http-client.js';
import { connect } from '../client/sign-in.js';
import { resolveUser } from '../client/users.js';

interface AuditOptions extends ConnectionOptions {
  drive?: string;
  actor?: string;
  action?: string;
  since?: string;
  until?: string;
  limit: number;
  json?: boolean;
  csv?: boolean;
}

const ACTIONS = ['trash', 'restore', 'delete', 'clear', 'expire', 'cancel', 'settings', 'user', 'access_key'];
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `2026-12-03`, `2026-12-03T08:00:00Z`, or an age: `30m`, `12h`, `7d` ago. */
export function timeArgument(text: string): string {
  const age = /^([0-9]{1,6})([mhd])$/.exec(text);
  if (age) return new Date(Date.now() - Number(age[1]) * UNIT_MS[age[2]!]!).toISOString();
  if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}/.test(text) && Number.isFinite(Date.parse(text))) return new Date(Date.parse(text)).toISOString();
  throw new InvalidArgumentError('expected an ISO 8601 time (2026-12-03T08:00:00Z) or an age such as 30m, 12h, 7d');
}

const positive = (text: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
};

const action = (text: string): string => {
  if (!ACTIONS.includes(text)) throw new InvalidArgumentError(`expected one of ${ACTIONS.join(', ')}`);
  return text;
};

/** A user named by name or id; one the caller cannot list (not admin) is passed on as an id. */
async function actorId(client: SalvageClient, text: string): Promise<string> {
  try {
    return (await resolveUser(client, text)).user_id;
  } catch (err) {
    if (err instanceof CliError) return text;
    throw err;
  }
}

/** `salvage audit`: who did what, newest first, from the audit trail (admins: all; others: their drives). */
export function auditCommand(): Command {
  return clientCommand('audit', 'show the audit trail, newest first (admins see all, others their drives)')
    .option('--drive <drive>', 'only this drive (name or id)')
    .option('--actor <user>', 'only what this user did (name or id)')
    .option('--action <action>', `only this action: ${ACTIONS.join(', ')}`, action)
    .option('--since <time>', 'from this time on (ISO 8601, or an age such as 7d, 12h, 30m)', timeArgument)
    .option('--until <time>', 'up to this time (same forms)', timeArgument)
    .option('--limit <n>', 'at most this many records in the table', positive, 50)
    .option('--json', 'print every matching record as JSON Lines (the server streams them; --limit does not apply)')
    .option('--csv', 'print every matching record as CSV (as --json)')
    .action(async (opts: AuditOptions) => {
      if (opts.json && opts.csv) throw usageError('choose one of --json and --csv');
      const client = await connect(opts);
      const filter: AuditFilter = {
        driveId: opts.drive === undefined ? undefined : (await resolveDrive(client, opts.drive)).drive_id,
        actorId: opts.actor === undefined ? undefined : await actorId(client, opts.actor),
        action: opts.action,
        from: opts.since,
        to: opts.until,
      };
      if (opts.json || opts.csv) {
        const query = auditQuery(filter);
        query.set('format', opts.csv ? 'csv' : 'jsonl');
        const res = await client.jobsStream(`audit/export?${query}`);
        if (!res.body) return;
        // JSON Lines keep their values with controls as \uNNNN; CSV is passed on as the
        // server wrote it (a file for a spreadsheet: escaping would change the names in it).
        const escape = opts.json ? escapeJsonText : (s: string) => s;
        const decoder = new TextDecoder();
        await pipeline(
          Readable.fromWeb(res.body as ReadableStream),
          async function* (chunks: AsyncIterable<Uint8Array>) {
            // stream: true keeps a character split between chunks whole.
            for await (const chunk of chunks) yield escape(decoder.decode(chunk, { stream: true }));
            yield escape(decoder.decode());
          },
          process.stdout,
          { end: false },
        );
        return;
      }
      const records = await listAudit(client, filter, opts.limit);
      printList(
        records,
        false,
        ['TIME', 'ACTOR', 'VIA', 'ACTION', 'OUTCOME', 'DRIVE', 'JOB', 'SIZE', 'WHAT'],
        (r) => [
          formatTime(r.time),
          r.actorName ?? '(salvage)',
          r.dialect,
          r.action,
          r.outcome,
          r.driveId ?? '-',
          r.jobId === null ? '-' : String(r.jobId),
          r.bytes === null ? '-' : formatBytes(r.bytes),
          [r.path ?? r.name ?? r.itemId ?? '', r.detail].filter(Boolean).join('  ') || '-',
        ],
        'no audit records',
      );
    });
}
