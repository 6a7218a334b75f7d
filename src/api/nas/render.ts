import { XMLBuilder } from 'fast-xml-parser';

/** A response body: what the client reads, before JSON or XML. */
export type NasValue = string | number | boolean | NasBody | NasValue[];
export interface NasBody {
  [key: string]: NasValue;
}

export type NasFormat = 'json' | 'xml';

/**
 * JSON unless the caller asks for XML: `Format=XML` wins (any case, as the SDKs send
 * `JSON` or `json`); without Format, an Accept header that names XML and not JSON.
 */
export function chooseFormat(format: string | undefined, accept: string | undefined): NasFormat {
  if (format !== undefined && format !== '') return format.toLowerCase() === 'xml' ? 'xml' : 'json';
  const a = (accept ?? '').toLowerCase();
  return /\b(application|text)\/xml\b/.test(a) && !a.includes('json') ? 'xml' : 'json';
}

// Arrays become repeated elements under their key, as NAS's XML answers have them.
const xml = new XMLBuilder({ format: false, suppressEmptyNode: false, processEntities: true });

/**
 * What XML 1.0 cannot carry (its `Char` production, section 2.2): the C0 controls but TAB,
 * LF and CR, lone surrogates, U+FFFE and U+FFFF. Not even as character references (`&#1;`
 * is not well-formed either), so they cannot be escaped, only replaced.
 */
const NOT_XML_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Every string of an XML answer with each character XML cannot carry replaced by U+FFFD
 * (docs/nas.md, "XML answers"). Names may hold C0 controls, and an unknown Action is
 * echoed in the error; JSON answers keep them exactly.
 */
function xmlSafe(value: NasValue): NasValue {
  if (typeof value === 'string') return value.replace(NOT_XML_CHAR, '\uFFFD');
  if (Array.isArray(value)) return value.map(xmlSafe);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlSafe(v)]));
  return value;
}

/**
 * The bytes of an answer. XML uses `text/xml;charset=utf-8`, the type Alibaba's gateway
 * sends and the official SDKs test for when they read an XML error.
 */
export function serialize(format: NasFormat, root: string, body: NasBody): { contentType: string; payload: string } {
  if (format === 'json') return { contentType: 'application/json;charset=utf-8', payload: JSON.stringify(body) };
  const payload = `<?xml version="1.0" encoding="UTF-8"?>${xml.build({ [root]: xmlSafe(body) }) as string}`;
  return { contentType: 'text/xml;charset=utf-8', payload };
}
