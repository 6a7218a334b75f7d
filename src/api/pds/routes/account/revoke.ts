import { fields } from '../../fields.js';
import { publicOperation } from '../../operation.js';

/**
 * POST /v2/account/revoke {refresh_token, app_id}: signs out the sign-in the refresh token
 * came from: its access and refresh tokens stop working at once (204). The SDK's
 * RevokeRequest also carries `app_id`; Salvage has one app, so it is read and ignored.
 * Holding the refresh token is the proof, as in OAuth token revocation (RFC 7009); an
 * unknown token is answered 204 too, since there is nothing left for it to do.
 */
export const revoke = publicOperation({
  parse(body) {
    fields.string(body, 'app_id', { maxLength: 256 });
    return { refreshToken: fields.requiredString(body, 'refresh_token', { maxLength: 512 }) };
  },
  async run({ salvage }, input) {
    await salvage.auth.revokeRefreshToken(input.refreshToken);
  },
  render: () => ({ status: 204, headers: { 'cache-control': 'no-store' } }),
});
