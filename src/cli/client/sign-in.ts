import { CliError } from './cli-error.js';
import { passwordOf, type ConnectionOptions } from './connection-options.js';
import { requestJson, SalvageClient, ServerError } from './http-client.js';

/** Signs in with the password grant; one token per command run (they last two hours). */
export async function connect(opts: ConnectionOptions): Promise<SalvageClient> {
  const password = await passwordOf(opts);
  const baseUrl = opts.url.replace(/\/+$/, '');
  try {
    const grant = await requestJson<{ access_token: string }>(baseUrl, '/v2/account/token', {
      method: 'POST',
      body: { grant_type: 'password', username: opts.user, password },
    });
    return new SalvageClient(baseUrl, grant.access_token);
  } catch (err) {
    // A wrong password is PDS's 400 InvalidParameter; say plainly that signing in failed.
    if (err instanceof ServerError) throw new CliError(`cannot sign in to ${baseUrl} as '${opts.user}': ${err.serverMessage}`);
    throw err;
  }
}
