import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { type ValueError, ValueErrorType as E } from '@sinclair/typebox/errors';

/**
 * Why a value does not match a published schema, in words each dialect can put in its own
 * error: the field as a client writes it (`requests[0].id`; `body` for the whole value),
 * the kind of fault (which picks the dialect's code), and `why`, which reads after the
 * field's name ("is required", "must be a string").
 */
export interface SchemaRefusal {
  field: string;
  kind: 'missing' | 'type' | 'range' | 'format';
  why: string;
}

/** A schema compiled once; `refusal` is undefined for a value it accepts. */
export interface SchemaCheck {
  /** The very schema object the document publishes (test/ops/openapi-contract checks it is). */
  readonly schema: TSchema;
  refusal(value: unknown): SchemaRefusal | undefined;
}

/**
 * TypeBox's compiler rather than ajv: the schemas are TypeBox already and TypeBox is a
 * direct dependency (ajv is only Fastify's, and a dev dependency here); it compiles the
 * ~50 request schemas into plain functions at start-up in a few milliseconds, and its
 * errors carry the JSON pointer of the faulty field.
 */
export function compileCheck(schema: TSchema): SchemaCheck {
  const compiled = TypeCompiler.Compile(schema);
  return {
    schema,
    refusal: (value) => (compiled.Check(value) ? undefined : describe(deepest(compiled.Errors(value).First()))),
  };
}

/** `/requests/0/id` -> `requests[0].id`. */
function fieldOf(path: string): string {
  if (path === '') return 'body';
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, p) => (/^[0-9]+$/.test(p) ? `${out}[${p}]` : out ? `${out}.${p}` : p), '');
}

const literals = (schema: unknown): unknown[] | undefined => {
  const members = (schema as { anyOf?: { const?: unknown }[] }).anyOf;
  return members?.every((m) => m.const !== undefined) ? members.map((m) => m.const) : undefined;
};

/**
 * A union's own error says only "none matched". A union of literals is described whole
 * ("one of"); any other (a nullable field, the token's two grants) by its first member's
 * first error, which names the field and the type expected.
 */
function deepest(error: ValueError | undefined): ValueError | undefined {
  if (error?.type !== E.Union || literals(error.schema)) return error;
  return deepest(error.errors[0]?.First()) ?? error;
}

const TYPES: Partial<Record<E, string>> = {
  [E.String]: 'a string',
  [E.Integer]: 'an integer',
  [E.Number]: 'a number',
  [E.Boolean]: 'true or false',
  [E.Array]: 'an array',
  [E.Object]: 'an object',
  [E.Null]: 'null',
};

const between = (min: unknown, max: unknown, unit: string): string =>
  min !== undefined && max !== undefined ? `between ${min} and ${max}${unit}` : max !== undefined ? `at most ${max}${unit}` : `at least ${min}${unit}`;

function describe(error: ValueError | undefined): SchemaRefusal {
  if (!error) return { field: 'body', kind: 'type', why: 'is not valid' };
  const field = fieldOf(error.path);
  const s = error.schema as Record<string, unknown>;
  switch (error.type) {
    case E.ObjectRequiredProperty:
      return { field, kind: 'missing', why: 'is required' };
    case E.StringMinLength:
    case E.StringMaxLength:
      return { field, kind: 'range', why: `must be ${between(s.minLength, s.maxLength, ' characters')}` };
    case E.IntegerMinimum:
    case E.IntegerMaximum:
    case E.NumberMinimum:
    case E.NumberMaximum:
      return { field, kind: 'range', why: `must be ${between(s.minimum, s.maximum, '')}` };
    case E.ArrayMinItems:
    case E.ArrayMaxItems:
      return { field, kind: 'range', why: `must hold ${between(s.minItems, s.maxItems, ' items')}` };
    case E.StringPattern:
    case E.StringFormat:
      return { field, kind: 'format', why: `must match ${String(s.pattern ?? s.format)}` };
    case E.Literal:
      return { field, kind: 'type', why: `must be ${String(s.const)}` };
    case E.Union:
      return { field, kind: 'type', why: literals(s) ? `must be one of ${literals(s)!.join(', ')}` : 'is not valid' };
    default: {
      const type = TYPES[error.type];
      return { field, kind: 'type', why: type ? `must be ${type}` : 'is not valid' };
    }
  }
}
