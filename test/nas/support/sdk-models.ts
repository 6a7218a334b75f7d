import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as $Nas from '@alicloud/nas20170626';
import { XMLParser } from 'fast-xml-parser';

/**
 * The official SDK's response models, read at run time: each model class's `names()` (wire
 * names) and `types()` (`'string'`, `'number'`, `'boolean'`, a nested model class, or
 * `{type: 'array', itemType}`), plus what only the doc comments of its `.d.ts` say: which
 * fields are returned for one `Type` (File or Directory) only. Nothing here is a copy of
 * the SDK's field lists; a new SDK version changes what is checked.
 */
export interface ModelClass {
  name: string;
  names(): Record<string, string>;
  types(): Record<string, unknown>;
}

interface ArrayType {
  type: 'array';
  itemType: unknown;
}

const isModel = (t: unknown): t is ModelClass =>
  typeof t === 'function' && typeof (t as Partial<ModelClass>).names === 'function' && typeof (t as Partial<ModelClass>).types === 'function';
const isArrayType = (t: unknown): t is ArrayType => typeof t === 'object' && t !== null && (t as ArrayType).type === 'array';

const exports = $Nas as unknown as Record<string, unknown>;

/** `{Action}ResponseBody`, the model of an action's answer. */
export function responseModel(action: string): ModelClass {
  const model = exports[`${action}ResponseBody`];
  if (!isModel(model)) throw new Error(`the SDK has no model ${action}ResponseBody`);
  return model;
}

const require = createRequire(import.meta.url);
const modelsDir = join(dirname(require.resolve('@alicloud/nas20170626')), 'models');

/**
 * For each model class of an action's answer: the fields (by property name) that its
 * `.d.ts` says are "returned and valid only if the value of the Type parameter is X".
 */
function typeOnlyFields(action: string): Map<string, Map<string, string>> {
  const text = readFileSync(join(modelsDir, `${action}ResponseBody.d.ts`), 'utf8');
  const byClass = new Map<string, Map<string, string>>();
  for (const block of text.split(/export declare class /).slice(1)) {
    const className = /^(\w+)/.exec(block)![1]!;
    const fields = new Map<string, string>();
    // A doc comment, then the property it documents.
    for (const m of block.matchAll(/\/\*\*([\s\S]*?)\*\/\s*(\w+)\??:/g)) {
      const only = /only if the value of the Type parameter is (\w+)/.exec(m[1]!.replace(/\s*\*\s*/g, ' '));
      if (only) fields.set(m[2]!, only[1]!);
    }
    byClass.set(className, fields);
  }
  return byClass;
}

/**
 * A walker of one action's answers against the SDK's model. Each check returns the
 * problems found ("path: what is wrong"); an empty list means the answer conforms.
 *
 * - Every declared field is present, except a field documented for one Type only, which
 *   is required when the entry's Type is that one (and type-checked whenever present).
 * - JSON: strings are strings, numbers numbers, booleans booleans; a nested model is an
 *   object, an array an array (so `FileSystems` must be `{FileSystem: [...]}`).
 * - XML: a nested model is one element, an array repeated elements (none for an empty
 *   one), a number's text is a number, a boolean's `true` or `false`.
 */
export class ModelWalker {
  private readonly onlyFor: Map<string, Map<string, string>>;
  readonly model: ModelClass;

  constructor(readonly action: string) {
    this.model = responseModel(action);
    this.onlyFor = typeOnlyFields(action);
  }

  /** Fields of `model` that apply to one Type only, for the tests' own checks. */
  typeOnly(model: ModelClass): Map<string, string> {
    return this.onlyFor.get(model.name) ?? new Map();
  }

  checkJson(body: unknown): string[] {
    const problems: string[] = [];
    this.jsonModel(this.model, body, this.action, problems);
    return problems;
  }

  /** `root` is the parsed document (see `parseXml`): `{ {Action}Response: [element] }`. */
  checkXml(root: XmlElement): string[] {
    const problems: string[] = [];
    const rootName = `${this.action}Response`;
    const elements = root[rootName];
    if (!Array.isArray(elements) || elements.length !== 1) return [`${rootName}: expected one root element`];
    this.xmlModel(this.model, elements[0]!, rootName, problems);
    return problems;
  }

  private jsonModel(model: ModelClass, value: unknown, path: string, problems: string[]): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`${path}: expected an object (${model.name}), got ${describe(value)}`);
      return;
    }
    const object = value as Record<string, unknown>;
    const only = this.typeOnly(model);
    const types = model.types();
    for (const [prop, wire] of Object.entries(model.names())) {
      const field = `${path}.${wire}`;
      const v = object[wire];
      if (v === undefined) {
        const forType = only.get(prop);
        if (forType === undefined || object.Type === forType) problems.push(`${field}: missing`);
        continue;
      }
      this.jsonValue(types[prop], v, field, problems);
    }
  }

  private jsonValue(type: unknown, v: unknown, field: string, problems: string[]): void {
    if (isModel(type)) return this.jsonModel(type, v, field, problems);
    if (isArrayType(type)) {
      if (!Array.isArray(v)) {
        problems.push(`${field}: expected an array, got ${describe(v)}`);
        return;
      }
      v.forEach((item, i) => this.jsonValue(type.itemType, item, `${field}[${i}]`, problems));
      return;
    }
    if (type === 'string' || type === 'number' || type === 'boolean') {
      if (typeof v !== type || (type === 'number' && !Number.isFinite(v))) {
        problems.push(`${field}: expected a ${type}, got ${describe(v)}`);
      }
      return;
    }
    problems.push(`${field}: the walker does not know the SDK type ${JSON.stringify(type)}`);
  }

  private xmlModel(model: ModelClass, element: XmlNode, path: string, problems: string[]): void {
    // An element with no children parses as its (empty) text.
    if (typeof element === 'string' && element !== '') {
      problems.push(`${path}: expected child elements (${model.name}), got text ${JSON.stringify(element)}`);
      return;
    }
    const children: XmlElement = typeof element === 'string' ? {} : element;
    const only = this.typeOnly(model);
    const types = model.types();
    const typeText = children.Type?.[0];
    for (const [prop, wire] of Object.entries(model.names())) {
      const field = `${path}.${wire}`;
      const occurrences = children[wire] ?? [];
      const type = types[prop];
      if (isArrayType(type)) {
        occurrences.forEach((o, i) => this.xmlValue(type.itemType, o, `${field}[${i}]`, problems));
        continue;
      }
      if (occurrences.length === 0) {
        const forType = only.get(prop);
        if (forType === undefined || typeText === forType) problems.push(`${field}: missing`);
        continue;
      }
      if (occurrences.length > 1) problems.push(`${field}: expected one element, got ${occurrences.length}`);
      this.xmlValue(type, occurrences[0]!, field, problems);
    }
  }

  private xmlValue(type: unknown, node: XmlNode, field: string, problems: string[]): void {
    if (isModel(type)) return this.xmlModel(type, node, field, problems);
    if (typeof node !== 'string') {
      problems.push(`${field}: expected text (${String(type)}), got child elements`);
      return;
    }
    if (type === 'number' && !/^-?\d+(\.\d+)?$/.test(node)) problems.push(`${field}: expected a number, got ${JSON.stringify(node)}`);
    else if (type === 'boolean' && node !== 'true' && node !== 'false') {
      problems.push(`${field}: expected true or false, got ${JSON.stringify(node)}`);
    } else if (type !== 'string' && type !== 'number' && type !== 'boolean') {
      problems.push(`${field}: the walker does not know the SDK type ${JSON.stringify(type)}`);
    }
  }
}

/** An XML element: its children by name, each name with every occurrence in order; or its text. */
export type XmlNode = XmlElement | string;
export interface XmlElement {
  [name: string]: XmlNode[];
}

// Every element a list of occurrences, every text kept as written (no number guessing).
const xmlParser = new XMLParser({ isArray: () => true, parseTagValue: false, ignoreDeclaration: true, ignoreAttributes: true });

export const parseXml = (text: string): XmlElement => xmlParser.parse(text) as XmlElement;

const describe = (v: unknown): string => (Array.isArray(v) ? 'an array' : v === null ? 'null' : `${typeof v} ${JSON.stringify(v)}`);

/** What the SDK's doc comments say about one request parameter. */
export interface ParameterRule {
  /** The wire name (`names()` of the request model). */
  name: string;
  /** The SDK's `types()` entry: 'string', 'number', 'boolean', or an array. */
  type: unknown;
  /** "This parameter is required." (not "required only if ..."). */
  required: boolean;
  /** "Valid values: 1 to 180." */
  range?: { min: number; max: number };
  /** The values of a bullet list `*   Value: ...` / `*   Value (default)`. */
  values?: string[];
}

/**
 * The parameters of `{Action}Request` as its `.d.ts` documents them, read at run time:
 * required or not, the range of a number, the listed values of an enumeration.
 */
export function requestRules(action: string): ParameterRule[] {
  const model = exports[`${action}Request`];
  if (!isModel(model)) throw new Error(`the SDK has no model ${action}Request`);
  const text = readFileSync(join(modelsDir, `${action}Request.d.ts`), 'utf8');
  const block = text.split(/export declare class /).find((b) => b.startsWith(`${action}Request `))!;
  const docs = new Map<string, string>();
  for (const m of block.matchAll(/\/\*\*([\s\S]*?)\*\/\s*(\w+)\??:/g)) {
    docs.set(m[2]!, m[1]!.split('\n').map((line) => line.replace(/^\s*\*\s?/, '')).join('\n'));
  }
  const types = model.types();
  return Object.entries(model.names()).map(([prop, name]) => {
    const doc = (docs.get(prop) ?? '').split('@example')[0]!;
    const rule: ParameterRule = { name, type: types[prop], required: /This parameter is required\./.test(doc) };
    const range = /Valid values: (-?\d+) to (-?\d+)/.exec(doc);
    if (range) rule.range = { min: Number(range[1]), max: Number(range[2]) };
    const values = [...doc.matchAll(/^\*\s+([^\s:]+)(?: \(default\))?(?::.*)?$/gm)].map((m) => m[1]!);
    if (values.length > 0) rule.values = values;
    return rule;
  });
}
