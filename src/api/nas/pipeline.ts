import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Salvage } from '../../core/salvage.js';
import { authenticate } from './auth/authenticate.js';
import { dispatch } from './dispatch.js';
import { type NasError, toNasError } from './errors.js';
import { perform } from './operations.js';
import { chooseFormat, type NasBody, serialize } from './render.js';
import { firstParam, paramsOf, readNasRequest } from './request.js';
import { retryAfter } from '../retry-after.js';

export interface PipelineDeps {
  salvage: Salvage;
  /** The region file systems are reported in. */
  regionId: string;
  /** Called after each authenticated request (purges old nonces now and then). */
  afterAuth: () => void;
}

/** Actions that change nothing (they still record their signature's nonce). */
const READ_ONLY = /^(Describe|List|Get)/;

/**
 * One NAS request, start to end. Every step can fail; the error step turns the failure
 * into a NAS error answer, and a refused request has changed nothing.
 */
export async function handleNasRequest(deps: PipelineDeps, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const requestId = randomUUID().toUpperCase(); // 1. request id: in every answer, body and header
  const request = readNasRequest(req);
  const format = chooseFormat(firstParam(request, 'Format'), req.headers.accept);
  let root = 'Error';
  let status = 200;
  let retryAfterSec: number | undefined;
  let body: NasBody;
  try {
    const params = paramsOf(request);
    const action = dispatch(request, params); // 2. dispatch: Action and Version to a table entry
    root = `${action}Response`;
    const actor = await authenticate(deps.salvage, request, params, { sentHeaders: Object.keys(req.headers), address: req.ip, readOnly: READ_ONLY.test(action) }); // 3. auth
    deps.afterAuth();
    body = await perform(action, params, { salvage: deps.salvage, actor, regionId: deps.regionId }); // 4-6. validate, handler, render
  } catch (err) {
    const { error, unexpected } = toNasError(err); // 7. error: one NAS error shape
    if (unexpected) req.log.error({ err, requestId }, 'NAS request failed');
    root = 'Error';
    status = error.status;
    retryAfterSec = error.details.retryAfterSec;
    body = errorBody(error, req.headers.host);
  }
  const { contentType, payload } = serialize(format, root, { RequestId: requestId, ...body });
  await retryAfter(reply, status, retryAfterSec).code(status).header('x-acs-request-id', requestId).header('content-type', contentType).send(payload);
}

/** The fields of an error answer; Recommend points at the page that lists every code. */
export const errorBody = (error: NasError, host: string | undefined): NasBody => ({
  HostId: host ?? 'salvage',
  Code: error.code,
  Message: error.message,
  Recommend: `See docs/nas.md#errors for ${error.code}.`,
});
