import type { TSchema } from '@sinclair/typebox';

/**
 * What the OpenAPI document (GET /openapi.json) says of one operation. Each dialect keeps
 * a table of these keyed by its operation table's keys, so the type checker refuses an
 * operation without its entry, and test/ops/openapi.test.ts checks the schemas against
 * real answers and the examples against the schemas.
 */
export interface OperationDoc {
  summary: string;
  /**
   * The JSON body; absent: the operation takes none. Every request is checked against it
   * (pds/request-schemas.ts, jobs/request-schemas.ts), so it must describe what clients
   * really send: null for "not set", fields it does not list.
   */
  body?: TSchema;
  /** Query parameters, as one object schema of string-valued properties; checked as the body is. */
  query?: TSchema;
  /** The success status (default 200) and its body (none for 204). */
  status?: number;
  response?: TSchema;
  /** A request and its answer, checked against the schemas by the tests. */
  example?: { request?: unknown; response?: unknown };
}
