/**
 * A tiny cookie-jar client for the Jobs dialect, as a browser or `curl -c/-b` would hold
 * it: the cookies the server set, sent back; the X-XSRF-TOKEN header copied from the
 * XSRF-TOKEN cookie unless a test says otherwise.
 */
export interface Answer {
  status: number;
  body: any;
  setCookies: string[];
  headers: Headers;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is (not JSON-encoded). */
  rawBody?: string;
  /** Override the X-XSRF-TOKEN header; null sends none. */
  xsrfHeader?: string | null;
  headers?: Record<string, string>;
}

export class JobsClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async call(method: string, path: string, opts: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader();
    const xsrf = opts.xsrfHeader === undefined ? this.cookies.get('XSRF-TOKEN') : opts.xsrfHeader;
    if (xsrf !== null && xsrf !== undefined) headers['x-xsrf-token'] = xsrf;
    const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
    const setCookies = res.headers.getSetCookie();
    for (const c of setCookies) {
      const [pair = '', ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const cleared = attrs.some((a) => /^\s*max-age=0$/i.test(a)) || pair.slice(eq + 1) === '';
      if (cleared) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1));
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: keep the text.
    }
    return { status: res.status, body: parsed, setCookies, headers: res.headers };
  }

  /** GET /csrf then POST /v1/auth/login, as the web UI does. */
  async signIn(username: string, password: string): Promise<Answer> {
    await this.call('GET', '/csrf');
    return this.call('POST', '/v1/auth/login', { body: { username, password } });
  }
}

/** A signed-in client. */
export async function signedIn(baseUrl: string, username = 'admin', password = 'admin-password'): Promise<JobsClient> {
  const client = new JobsClient(baseUrl);
  const answer = await client.signIn(username, password);
  if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return client;
}
