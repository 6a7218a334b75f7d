import { userOperation } from '../../operation.js';
import { queryInt } from '../../params.js';
import { renderAuditRecord } from '../../render/audit-record.js';
import { parseAuditFilter } from './audit-filter.js';

/**
 * GET /v1/audit?drive=&actor=&action=&from=&to=&page=&pageSize=: audit records, newest
 * first. Admins see all; anyone else the records of the drives they own (an empty page
 * otherwise, never a 403: a drive id leaks nothing). `page` counts from 1; `pageSize` is
 * 1-100, default 50. Read only: no route changes or deletes a record.
 */
export const listAudit = userOperation(
  { method: 'GET', path: '/v1/audit' },
  {
    parse: (req) => ({
      filter: parseAuditFilter(req.query),
      page: queryInt(req.query, 'page', 1, 1_000_000) ?? 1,
      pageSize: queryInt(req.query, 'pageSize', 1, 100) ?? 50,
    }),
    async run({ salvage, actor }, input) {
      const { items, total } = await salvage.audit.list(actor, {
        ...input.filter,
        offset: (input.page - 1) * input.pageSize,
        limit: input.pageSize,
      });
      return { items, total, input };
    },
    render: ({ items, total, input }) => ({
      status: 200,
      body: { records: items.map(renderAuditRecord), page: input.page, pageSize: input.pageSize, totalCount: total },
    }),
  },
);
