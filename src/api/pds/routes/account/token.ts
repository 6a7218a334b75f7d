import { fields } from '../../fields.js';
import { publicOperation } from '../../operation.js';
import { DOMAIN_ID, iso } from '../../render/time.js';

/** POST /v2/account/token: the password grant and the refresh grant. */
export const token = publicOperation({
  parse(body) {
    const grantType = fields.requiredOneOf(body, 'grant_type', ['password', 'refresh_token'] as const);
    if (grantType === 'password') {
      return {
        grantType,
        username: fields.requiredString(body, 'username', { maxLength: 64 }),
        password: fields.requiredString(body, 'password', { maxLength: 1024 }),
      };
    }
    return { grantType, refreshToken: fields.requiredString(body, 'refresh_token', { maxLength: 512 }) };
  },
  async run({ salvage, address }, input) {
    const grant =
      input.grantType === 'password'
        ? await salvage.auth.passwordGrant({ username: input.username, password: input.password, address })
        : await salvage.auth.refreshGrant(input.refreshToken);
    return { grant, defaultDriveId: await salvage.drives.defaultOf(grant.user), now: salvage.ctx.clock.now() };
  },
  render({ grant, defaultDriveId, now }) {
    return {
      status: 200,
      // Tokens must not be kept by any cache on the way (OAuth 2.0, RFC 6749 section 5.1).
      headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
      body: {
        access_token: grant.accessToken,
        refresh_token: grant.refreshToken,
        expires_in: grant.expiresIn,
        expire_time: iso(now + grant.expiresIn * 1000),
        token_type: 'Bearer',
        user_id: grant.user.id,
        user_name: grant.user.name,
        role: grant.user.isAdmin ? 'admin' : 'user',
        default_drive_id: defaultDriveId,
        // AccountAccessTokenResponse (pds/main.tea): need_link is required; Salvage has no
        // account linking, so a signed-in user never needs one.
        need_link: false,
        domain_id: DOMAIN_ID,
      },
    };
  },
});
