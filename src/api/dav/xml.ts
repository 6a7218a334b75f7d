import type { Readable } from 'node:stream';
import { DOMParser, type Element, XMLSerializer } from '@xmldom/xmldom';

export const DAV_NS = 'DAV:';
/** Nextcloud's namespace for the bin's properties (its clients know these names). */
export const NC_NS = 'http://nextcloud.org/ns';
/** Salvage's own, for the text of an error. */
export const SALVAGE_NS = 'urn:salvage:webdav';

/** The largest XML body a request may carry (PROPFIND, PROPPATCH, LOCK). */
export const XML_BODY_LIMIT = 1024 * 1024;

export class XmlBodyError extends Error {}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => escapes[c]!);

/** A request body as text, refused past XML_BODY_LIMIT; '' when there is none. */
export async function readBody(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > XML_BODY_LIMIT) throw new XmlBodyError(`the XML body is larger than ${XML_BODY_LIMIT} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A request body as a namespace-aware DOM (RFC 4918 bodies are compared by namespace and
 * local name, never by prefix); undefined for an empty body. Not well-formed: XmlBodyError.
 * xmldom resolves no external entity, so a body cannot make the server read anything.
 */
export function parseXml(text: string): Element | undefined {
  if (text.trim() === '') return undefined;
  // A prefix bound to no namespace (`xmlns:x=""`) is not allowed by Namespaces in XML.
  if (/\sxmlns:[^\s=]+\s*=\s*(""|'')/.test(text)) throw new XmlBodyError('a namespace prefix is declared empty');
  try {
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new XmlBodyError(message);
      },
    }).parseFromString(text, 'application/xml');
    const root = doc.documentElement;
    if (!root) throw new XmlBodyError('the body has no root element');
    return root;
  } catch (err) {
    throw err instanceof XmlBodyError ? err : new XmlBodyError((err as Error).message);
  }
}

/** The element children of `el`, optionally only those of one namespace and name. */
export function children(el: Element, ns?: string, name?: string): Element[] {
  const out: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== 1) continue;
    const e = c as Element;
    if (ns !== undefined && (e.namespaceURI ?? '') !== ns) continue;
    if (name !== undefined && e.localName !== name) continue;
    out.push(e);
  }
  return out;
}

export const isDav = (el: Element, name: string): boolean => el.namespaceURI === DAV_NS && el.localName === name;

export const serializeElement = (el: Element): string => new XMLSerializer().serializeToString(el);

/** The XML of an element's children, as sent (the DAV:owner of a lock). */
export const innerXml = (el: Element): string => {
  let out = '';
  for (let c = el.firstChild; c; c = c.nextSibling) out += new XMLSerializer().serializeToString(c);
  return out;
};

/** An empty element for a property name, declaring its namespace (in a 404 propstat, a propname answer). */
export function emptyProp(ns: string, name: string): string {
  if (ns === DAV_NS) return `<D:${name}/>`;
  if (ns === '') return `<${name} xmlns=""/>`;
  return `<x:${name} xmlns:x="${escapeXml(ns)}"/>`;
}

export const XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n';
export const MULTISTATUS_OPEN = `${XML_HEAD}<D:multistatus xmlns:D="DAV:" xmlns:nc="${NC_NS}">\n`;
export const MULTISTATUS_CLOSE = '</D:multistatus>\n';
