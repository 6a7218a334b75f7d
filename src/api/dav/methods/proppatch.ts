import type { Element } from '@xmldom/xmldom';
import type { PropertyChange } from '../../../core/entries/dead-properties.js';
import { bodyOf, type DavCall, ownResource } from '../call.js';
import { DavError } from '../errors.js';
import { guardWrite } from '../if-header.js';
import { isLiveProperty } from '../props.js';
import { hrefOf } from '../target.js';
import { children, emptyProp, escapeXml, isDav, MULTISTATUS_CLOSE, MULTISTATUS_OPEN, parseXml, readBody, serializeElement } from '../xml.js';

/**
 * PROPPATCH (RFC 4918 9.2): sets and removes dead properties, in document order, all or
 * none. A live property cannot be changed (403, DAV:cannot-modify-protected-property), and
 * then nothing is (424 for the others).
 */
export async function proppatch(call: DavCall): Promise<unknown> {
  const { reply, salvage, actor } = call;
  const r = await ownResource(call);
  if (!r.entry) throw new DavError(404, 'nothing is at this URL');
  const root = parseXml(await readBody(bodyOf(call.req)));
  if (!root || !isDav(root, 'propertyupdate')) throw new DavError(400, 'the body must be a DAV:propertyupdate element');
  await guardWrite(call, r, [{ path: r.path, below: false }]);
  const changes: (PropertyChange & { el: Element })[] = [];
  for (const op of children(root)) {
    const set = isDav(op, 'set');
    if (!set && !isDav(op, 'remove')) continue;
    for (const prop of children(op, 'DAV:', 'prop')) {
      for (const el of children(prop)) {
        const name = { ns: el.namespaceURI ?? '', name: el.localName ?? '' };
        changes.push(set ? { el, set: { ...name, xml: serializeElement(el) } } : { el, remove: name });
      }
    }
  }
  const refused = changes.filter((c) => {
    const n = c.set ?? c.remove!;
    return isLiveProperty(n.ns, n.name);
  });
  const nameXml = (c: PropertyChange) => {
    const n = c.set ?? c.remove!;
    return emptyProp(n.ns, n.name);
  };
  let status = '';
  if (refused.length > 0) {
    const ok = changes.filter((c) => !refused.includes(c));
    status =
      `<D:propstat><D:prop>${refused.map(nameXml).join('')}</D:prop><D:status>HTTP/1.1 403 Forbidden</D:status>` +
      `<D:error><D:cannot-modify-protected-property/></D:error></D:propstat>` +
      (ok.length ? `<D:propstat><D:prop>${ok.map(nameXml).join('')}</D:prop><D:status>HTTP/1.1 424 Failed Dependency</D:status></D:propstat>` : '');
  } else {
    await salvage.dav.changeProperties(actor, { driveId: r.drive.id, fileId: r.entry.id, changes: changes.map(({ set, remove }) => (set ? { set } : { remove })) });
    status = `<D:propstat><D:prop>${changes.map(nameXml).join('')}</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>`;
  }
  const href = hrefOf('files', r.driveRef, r.segments, r.entry.type === 'folder');
  return reply
    .code(207)
    .type('application/xml; charset=utf-8')
    .send(`${MULTISTATUS_OPEN}<D:response><D:href>${escapeXml(href)}</D:href>${status}</D:response>\n${MULTISTATUS_CLOSE}`);
}
