/** A refusal from the server, with the dialect's code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Called when any request answers 401: the session ended, so the app shows the sign-in page. */
let onSignedOut: () => void = () => {};
export const setSignedOutHandler = (f: () => void): void => {
  onSignedOut = f;
};

/**
 * The CSRF token the server set; every non-GET call echoes it in X-XSRF-TOKEN. Under
 * https the server names it `__Host-XSRF-TOKEN` (see its cookieName); whether a proxy in
 * front says https is the server's setting, so either name is taken here.
 */
export function xsrfToken(): string {
  const m = /(?:^|;\s*)(?:__Host-)?XSRF-TOKEN=([^;]*)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1] ?? '') : '';
}

async function errorOf(res: Response): Promise<ApiError> {
  let code = `HTTP${res.status}`;
  let message = res.statusText || 'The request failed.';
  try {
    const body = (await res.json()) as { code?: string; message?: string; Code?: string; Message?: string };
    code = body.code ?? body.Code ?? code;
    message = body.message ?? body.Message ?? message;
  } catch {
    // Not JSON: keep the status line.
  }
  return new ApiError(res.status, code, message);
}

/** One call to this server with the session cookie; JSON in, JSON out. */
export async function request<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<T> {
  // Tells the audit trail this came from the web UI (see api/client-dialect.ts).
  const headers: Record<string, string> = { accept: 'application/json', 'x-salvage-client': 'ui' };
  if (method !== 'GET') headers['x-xsrf-token'] = xsrfToken();
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NetworkError', 'The server cannot be reached. Check your connection and try again.');
  }
  if (!res.ok) {
    const err = await errorOf(res);
    if (res.status === 401 && !opts.quiet401) onSignedOut();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}
