import type { TSchema } from '@sinclair/typebox';
import { compileCheck, type SchemaRefusal } from '../openapi/schema-check.js';
import { invalid, missing, outOfRange, type PdsError, wrongFormat } from './errors.js';
import type { JsonObject } from './fields.js';
import { PDS_DOCS } from './openapi-docs.js';
import type { PdsOperation } from './operation.js';
import type { PdsPath } from './operations.js';

/** Checks one request body; throws the PDS error of the first fault. */
export type BodyCheck = (body: JsonObject) => void;

/** The schema each check was compiled from: PDS_DOCS' own object, which /openapi.json publishes. */
export interface CompiledBodyChecks {
  checks: Record<PdsPath, BodyCheck>;
  schemas: Record<PdsPath, TSchema>;
}

/** A schema's refusal in PDS's codes and message templates (errors.ts), naming the field. */
function pdsError({ field, kind, why }: SchemaRefusal): PdsError {
  if (kind === 'missing') return missing(field);
  if (kind === 'range') return outOfRange(field, why);
  if (kind === 'format') return wrongFormat(field, why);
  return invalid(field, why);
}

/**
 * Every operation's published body schema (PDS_DOCS), compiled once. A body the schema
 * accepts goes on to the operation. One it refuses is first handed to the operation's own
 * parser, whose errors are more precise ("text must have no control characters", a
 * contradiction between two fields); only when the parser accepts what the schema refused
 * is the schema's refusal answered, as InvalidParameter* naming the field. So the
 * document is what the server checks, and the messages clients know stay the same.
 */
export function compileBodyChecks(operations: Record<PdsPath, PdsOperation>): CompiledBodyChecks {
  const checks = {} as Record<PdsPath, BodyCheck>;
  const schemas = {} as Record<PdsPath, TSchema>;
  for (const path of Object.keys(operations) as PdsPath[]) {
    const op = operations[path];
    const { schema, refusal } = compileCheck(PDS_DOCS[path].body);
    schemas[path] = schema;
    checks[path] = (body) => {
      const refused = refusal(body);
      if (refused === undefined) return;
      op.parse(body);
      throw pdsError(refused);
    };
  }
  return { checks, schemas };
}
