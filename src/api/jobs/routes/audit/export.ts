import { Readable } from 'node:stream';
import { malformed } from '../../errors.js';
import { userOperation } from '../../operation.js';
import { csvHeader, csvLine, jsonLine, renderAuditRecord } from '../../render/audit-record.js';
import { parseAuditFilter } from './audit-filter.js';

const FORMATS = {
  csv: { type: 'text/csv; charset=utf-8', header: csvHeader, line: csvLine },
  jsonl: { type: 'application/x-ndjson; charset=utf-8', header: () => '', line: jsonLine },
} as const;

type Format = keyof typeof FORMATS;

/**
 * GET /v1/audit/export?format=csv|jsonl&drive=&actor=&action=&from=&to=: every record the
 * caller may see (as in /v1/audit), newest first, streamed: read from the database a batch
 * at a time as the client takes them, so an export of any size holds one batch in memory.
 */
export const exportAudit = userOperation(
  { method: 'GET', path: '/v1/audit/export' },
  {
    parse: (req) => {
      const format = (req.query.format || 'jsonl') as Format;
      if (!Object.hasOwn(FORMATS, format)) throw malformed('format', 'must be csv or jsonl');
      return { format, filter: parseAuditFilter(req.query) };
    },
    async run({ salvage, actor }, input) {
      const { header, line } = FORMATS[input.format];
      const batches = salvage.audit.export(actor, input.filter);
      async function* lines() {
        yield header();
        for await (const batch of batches) yield batch.map((r) => line(renderAuditRecord(r))).join('');
      }
      return { format: input.format, stream: Readable.from(lines()) };
    },
    render: ({ format, stream }) => ({
      status: 200,
      body: stream,
      headers: {
        'content-type': FORMATS[format].type,
        'content-disposition': `attachment; filename="salvage-audit.${format}"`,
        'cache-control': 'no-store',
      },
    }),
  },
);
