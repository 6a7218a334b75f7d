import { createReadStream, createWriteStream } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline } from 'node:stream/promises';
import { errorFrom, unreachable } from './http-client.js';

type OnBytes = (bytes: number) => void;

const requestFor = (url: string) => (url.startsWith('https:') ? httpsRequest : httpRequest);

/** A socket error (refused, reset, unknown host) names the server and exits 3, as for API calls. */
const lostServer = (url: string) => (err: unknown): never => {
  throw unreachable(new URL(url).origin, err);
};

const readAll = async (res: IncomingMessage): Promise<string> => {
  let text = '';
  for await (const chunk of res) text += String(chunk);
  return text;
};

/**
 * PUTs a local file to an upload URL as a stream (never read whole), with its exact
 * Content-Length so the server can refuse a size mismatch or quota before reading it all.
 * An early answer (413, 400) wins over the broken pipe it causes.
 */
export async function uploadFile(url: string, file: string, size: number, onBytes: OnBytes): Promise<void> {
  const options: RequestOptions = { method: 'PUT', headers: { 'content-length': String(size) } };
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    let answered = false;
    const req = requestFor(url)(url, options, (r) => {
      answered = true;
      resolve(r);
    });
    const source = createReadStream(file);
    source.on('data', (chunk) => onBytes(chunk.length));
    pipeline(source, req).catch((err: unknown) => {
      if (!answered) reject(err);
    });
  }).catch(lostServer(url));
  if (res.statusCode !== 200) throw errorFrom(res.statusCode ?? 0, await readAll(res));
  res.resume();
}

/** GETs a download URL into `target` as a stream, reporting bytes as they arrive. */
export async function downloadFile(url: string, target: string, onBytes: OnBytes): Promise<void> {
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    requestFor(url)(url, { method: 'GET' }, resolve).on('error', reject).end();
  }).catch(lostServer(url));
  if (res.statusCode !== 200) throw errorFrom(res.statusCode ?? 0, await readAll(res));
  res.on('data', (chunk: Buffer) => onBytes(chunk.length));
  await pipeline(res, createWriteStream(target));
}
