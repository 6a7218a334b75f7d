/**
 * A walker that checks one JSON answer against the SDK's declared model, field by field:
 * a required field absent, a value of the wrong JSON type, an array where an object was
 * declared (or the reverse), an item of an array that is wrong, a value outside a declared
 * string enum. Fields the model does not declare are Salvage's own and are not judged.
 */

export type SdkType = 'string' | 'int64' | 'int32' | 'boolean' | 'object' | 'any' | { array: SdkType } | { model: string };

export interface SdkField {
  type: SdkType;
  required: boolean;
  /** The line of pds/main.tea that declares it. */
  line: number;
  enum?: string[];
  format?: 'date-time';
}

export interface SdkModel {
  /** The line of pds/main.tea where `model X {` is. */
  line: number;
  fields: Record<string, SdkField>;
}

/** Where Salvage deliberately answers outside a declared type or enum, and why (docs/pds.md). */
export interface Allowances {
  /** `Model.field` -> why JSON null is sent for this optional field. */
  nullable: Record<string, string>;
  /** `Model.field` -> extra enum values and why. */
  enumExtras: Record<string, { values: string[]; why: string }>;
}

const NO_ALLOWANCES: Allowances = { nullable: {}, enumExtras: {} };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'number' && !Number.isInteger(v) ? 'a fraction' : `a ${typeof v}`;
}

/**
 * The problems of `value` as an instance of `modelName`, each naming the path and the
 * main.tea line of the field it breaks; empty when the answer conforms.
 */
export function walk(
  models: Record<string, SdkModel>,
  modelName: string,
  value: unknown,
  options: { path?: string; allow?: Allowances } = {},
): string[] {
  const path = options.path ?? '$';
  const allow = options.allow ?? NO_ALLOWANCES;
  const model = models[modelName];
  if (!model) return [`${path}: the table has no model ${modelName}`];
  if (!isPlainObject(value)) return [`${path}: expected an object (${modelName}, main.tea:${model.line}), got ${describe(value)}`];
  const problems: string[] = [];
  for (const [wire, field] of Object.entries(model.fields)) {
    const at = `${path}.${wire}`;
    const cite = `${modelName}.${wire}, main.tea:${field.line}`;
    const v = value[wire];
    if (v === undefined) {
      if (field.required) problems.push(`${at}: missing (required by ${cite})`);
      continue;
    }
    if (v === null) {
      if (field.required || allow.nullable[`${modelName}.${wire}`] === undefined) problems.push(`${at}: null (${cite} declares ${show(field.type)})`);
      continue;
    }
    problems.push(...checkType(models, field.type, v, { at, cite, allow }));
    if (typeof v === 'string' && field.enum && field.type === 'string') {
      const extra = allow.enumExtras[`${modelName}.${wire}`]?.values ?? [];
      if (!field.enum.includes(v) && !extra.includes(v)) problems.push(`${at}: "${v}" is not one of ${field.enum.join(', ')} (${cite})`);
    }
    if (typeof v === 'string' && field.format === 'date-time' && !ISO.test(v)) problems.push(`${at}: "${v}" is not an ISO 8601 date-time (${cite})`);
  }
  return problems;
}

const show = (t: SdkType): string => (typeof t === 'string' ? t : 'array' in t ? `[ ${show(t.array)} ]` : t.model);

function checkType(models: Record<string, SdkModel>, type: SdkType, v: unknown, ctx: { at: string; cite: string; allow: Allowances }): string[] {
  const wrong = () => [`${ctx.at}: expected ${show(type)}, got ${describe(v)} (${ctx.cite})`];
  if (type === 'any') return [];
  if (type === 'string') return typeof v === 'string' ? [] : wrong();
  if (type === 'boolean') return typeof v === 'boolean' ? [] : wrong();
  if (type === 'int64' || type === 'int32') return typeof v === 'number' && Number.isSafeInteger(v) ? [] : wrong();
  if (type === 'object') return isPlainObject(v) ? [] : wrong();
  if ('array' in type) {
    if (!Array.isArray(v)) return wrong();
    return v.flatMap((item, i) => checkType(models, type.array, item, { ...ctx, at: `${ctx.at}[${i}]` }));
  }
  // A model the table does not hold (never sent by Salvage) is checked as an object.
  if (!models[type.model]) return isPlainObject(v) ? [] : wrong();
  return walk(models, type.model, v, { path: ctx.at, allow: ctx.allow });
}
