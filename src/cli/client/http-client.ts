import { CliError, EXIT } from './cli-error.js';

/** Tells the audit trail a request came from the CLI (see api/client-dialect.ts). */
const CLIENT_HEADERS = { 'x-salvage-client': 'cli' } as const;

/** The body of an error answer: PDS sends `{code, message}`, the Jobs API adds `details`. */
interface ErrorBody {
  code?: unknown;
  message?: unknown;
}

/**
 * A signed-in connection to one server. Every call carries the bearer token; the Jobs API
 * takes it too (without CSRF, since no cookie is involved).
 */
export class SalvageClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** `POST /v2/<path>` with a JSON body. */
  pds<T>(path: string, body: object, signal?: AbortSignal): Promise<T> {
    return requestJson<T>(this.baseUrl, `/v2/${path}`, { method: 'POST', body, token: this.token, signal });
  }

  /** `GET /v1/<path>` whose body is streamed, not parsed (an export): the answer, its status checked. */
  async jobsStream(path: string): Promise<Response> {
    const url = new URL(`/v1/${path}`, this.baseUrl);
    let res: Response;
    try {
      res = await fetch(url, { headers: { ...CLIENT_HEADERS, authorization: `Bearer ${this.token}` } });
    } catch (err) {
      throw unreachable(this.baseUrl, err);
    }
    if (!res.ok) throw errorFrom(res.status, await res.text());
    return res;
  }

  /** A Jobs API call (`/v1/...`). */
  jobs<T>(method: 'GET' | 'POST', path: string, body?: object, signal?: AbortSignal): Promise<T> {
    return requestJson<T>(this.baseUrl, `/v1/${path}`, { method, body, token: this.token, signal });
  }
}

interface RequestOptions {
  method: 'GET' | 'POST';
  body?: object;
  token?: string;
  signal?: AbortSignal;
}

/** One JSON request; a refused one becomes a CliError carrying the server's code and message. */
export async function requestJson<T>(baseUrl: string, path: string, opts: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { ...CLIENT_HEADERS };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let res: Response;
  try {
    res = await fetch(new URL(path, baseUrl), {
      method: opts.method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    throw unreachable(baseUrl, err);
  }
  const text = await res.text();
  if (!res.ok) throw errorFrom(res.status, text);
  // 204 (drive/delete) has no body.
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    // Something else answers at that address (a proxy's page, another service).
    throw new CliError(`${baseUrl} answered ${path} with something that is not JSON: is it a Salvage server?`);
  }
}

/** `fetch failed` says nothing; its cause (ECONNREFUSED, ENOTFOUND, ...) does. */
export function unreachable(baseUrl: string, err: unknown): CliError {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const detail = cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : String(cause);
  return new CliError(`cannot reach Salvage at ${baseUrl} (${detail})`, EXIT.unreachable);
}

/** The server's `{code, message}` as one line; a body that is not one still names the status. */
export function errorFrom(status: number, text: string): CliError {
  let body: ErrorBody = {};
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    // Not JSON (a proxy's page, say): fall back to the status below.
  }
  const code = typeof body.code === 'string' ? body.code : `HTTP ${status}`;
  const message = typeof body.message === 'string' ? body.message : text.trim().split('\n')[0] || 'no details';
  return new ServerError(status, code, message);
}

/** A refusal from the server, kept apart so commands can turn known codes into advice. */
export class ServerError extends CliError {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly serverMessage: string,
  ) {
    super(`${code}: ${serverMessage}`);
  }
}
