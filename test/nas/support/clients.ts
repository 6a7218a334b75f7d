import * as $OpenApi from '@alicloud/openapi-client';
import NasModule from '@alicloud/nas20170626';
import * as $Util from '@alicloud/tea-util';
import RPCClient from '@alicloud/pop-core';
import type { TestNode } from '../../support/node.js';

export const ADMIN_KEY_ID = 'LTAItestadminkey';
export const ADMIN_KEY_SECRET = 'test-admin-secret';

// The package is CommonJS with `exports.default`: Node's ESM loader puts the class on
// `.default`, vitest's interop hands over the class itself.
type NasClientClass = typeof NasModule.default;
const NasClient: NasClientClass =
  (NasModule as { default?: NasClientClass }).default ?? (NasModule as unknown as NasClientClass);
export type NasClient = InstanceType<NasClientClass>;

/** The official NAS SDK pointed at a test node: plain http, no retries. */
export function nasClient(node: TestNode, keyId = ADMIN_KEY_ID, secret = ADMIN_KEY_SECRET): NasClient {
  const config = new $OpenApi.Config({
    accessKeyId: keyId,
    accessKeySecret: secret,
    endpoint: `127.0.0.1:${node.port}`,
    protocol: 'http',
    regionId: 'cn-hangzhou',
  });
  return new NasClient(config);
}

/**
 * Runtime options for `*WithOptions` calls: no retries, so a refused request is seen as is.
 * The client's own connect and read timeouts are raised: 200 signed requests at once on a
 * loaded 2-core machine can queue longer than they allow (seen: ConnectTimeout), and a
 * timeout is not what the tests test.
 */
export const noRetries = () => new $Util.RuntimeOptions({ autoretry: false, maxAttempts: 0, readTimeout: 60_000, connectTimeout: 60_000 });

/** The official RPC client (V2 HMAC-SHA1 signatures). */
export function popClient(node: TestNode, keyId = ADMIN_KEY_ID, secret = ADMIN_KEY_SECRET): RPCClient {
  return new RPCClient({
    accessKeyId: keyId,
    accessKeySecret: secret,
    endpoint: `http://127.0.0.1:${node.port}`,
    apiVersion: '2017-06-26',
  });
}
