import { NasError } from './errors.js';
import { type ActionName, isActionName } from './operations.js';
import type { NasParams } from './params.js';
import type { NasRequest } from './request.js';

export const NAS_API_VERSION = '2017-06-26';

/** The action asked for, from `Action=` or the `x-acs-action` header, and a valid Version. */
export function dispatch(request: NasRequest, params: NasParams): ActionName {
  const action = params.raw('Action') ?? request.header('x-acs-action');
  if (!action) throw new NasError('MissingParameter.Action');
  if (!isActionName(action)) throw new NasError('InvalidAction.NotFound', { id: action });
  const version = params.raw('Version') ?? request.header('x-acs-version');
  if (!version) throw new NasError('MissingParameter.Version');
  if (version !== NAS_API_VERSION) throw new NasError('InvalidVersion', { id: version });
  return action;
}
