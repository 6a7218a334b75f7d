import { isId } from '../../core/ids.js';
import { missingParameter, NasError } from './errors.js';
/** ClientToken: printable ASCII, at most 64 characters. */
const CLIENT_TOKEN = /^[\x20-\x7e]{1,64}$/;

const invalid = (param: string, reason: string) => new NasError('InvalidParameter', { param, reason });

/**
 * The parameters of one request (query string and form body together), read with the
 * checks and error codes NAS documents. An empty value counts as absent, as on NAS.
 */
export class NasParams {
  constructor(private readonly values: ReadonlyMap<string, string>) {}

  raw(name: string): string | undefined {
    const value = this.values.get(name);
    return value === undefined || value === '' ? undefined : value;
  }

  /** A required id: Missing{Name} when absent, IllegalCharacters when malformed. */
  id(name: string): string {
    const value = this.optionalId(name);
    if (value === undefined) throw missingParameter(name);
    return value;
  }

  optionalId(name: string): string | undefined {
    const value = this.raw(name);
    if (value !== undefined && !isId(value)) throw new NasError('IllegalCharacters', { param: name });
    return value;
  }

  /** An integer in [min, max]; `fallback` when absent, or Missing{Name} if there is none. */
  int(name: string, range: { min: number; max: number; fallback?: number }): number {
    const value = this.raw(name);
    if (value === undefined) {
      if (range.fallback === undefined) throw missingParameter(name);
      return range.fallback;
    }
    const n = /^-?\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < range.min || n > range.max) {
      throw invalid(name, `The parameter ${name} must be an integer from ${range.min} to ${range.max}.`);
    }
    return n;
  }

  /** An integer in [min, max], or undefined when absent. */
  optionalInt(name: string, range: { min: number; max: number }): number | undefined {
    return this.raw(name) === undefined ? undefined : this.int(name, range);
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const lower = value.toLowerCase();
    if (lower !== 'true' && lower !== 'false') throw invalid(name, `The parameter ${name} must be true or false.`);
    return lower === 'true';
  }

  /** One of `allowed` (exact case, as NAS compares); `fallback` when absent, else Missing{Name}. */
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T {
    const value = this.raw(name);
    if (value === undefined) {
      if (fallback === undefined) throw missingParameter(name);
      return fallback;
    }
    const found = allowed.find((a) => a === value);
    if (found === undefined) throw invalid(name, `The parameter ${name} must be one of ${allowed.join(', ')}.`);
    return found;
  }

  /** One of `allowed`, or undefined when absent. */
  optionalOneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    return this.raw(name) === undefined ? undefined : this.oneOf(name, allowed);
  }

  /** Free text of at most `max` characters, without control characters. */
  text(name: string, max: number): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if ([...value].length > max) throw invalid(name, `The parameter ${name} must be at most ${max} characters.`);
    if (/[\x00-\x1f\x7f]/.test(value)) throw invalid(name, `The parameter ${name} must not contain control characters.`);
    return value;
  }

  /** An opaque page token; the core checks that it issued it. */
  token(name: string): string | undefined {
    const value = this.raw(name);
    if (value !== undefined && value.length > 2048) throw new NasError('InvalidParameter.InvalidNextToken', { param: name });
    return value;
  }

  /**
   * `Tag.N.Key` / `Tag.N.Value` (N 1-20), as the SDKs flatten a tag list. Keys are 1-128
   * characters, not starting with `aliyun` or `acs:`; neither may contain `http://` or
   * `https://`; values are at most 128 characters.
   */
  tags(): { key: string; value: string }[] {
    const byIndex = new Map<number, { key?: string; value?: string }>();
    for (const [name, value] of this.values) {
      const m = /^Tag\.(\d+)\.(Key|Value)$/.exec(name);
      if (!m) continue;
      const n = Number(m[1]);
      if (!Number.isSafeInteger(n) || n < 1 || n > 20) throw invalid(name, `The parameter ${name} is invalid: N must be from 1 to 20.`);
      const tag = byIndex.get(n) ?? {};
      if (m[2] === 'Key') tag.key = value;
      else tag.value = value;
      byIndex.set(n, tag);
    }
    return [...byIndex.entries()]
      .sort(([a], [b]) => a - b)
      .map(([n, { key, value = '' }]) => {
        const name = `Tag.${n}.Key`;
        if (key === undefined || key === '') throw invalid(name, `The parameter ${name} is required when Tag.${n}.Value is given.`);
        if ([...key].length > 128) throw invalid(name, `The parameter ${name} must be at most 128 characters.`);
        if (/^(aliyun|acs:)/.test(key)) throw invalid(name, `The parameter ${name} must not start with aliyun or acs:.`);
        if ([...value].length > 128) throw invalid(`Tag.${n}.Value`, `The parameter Tag.${n}.Value must be at most 128 characters.`);
        for (const [param, text] of [[name, key], [`Tag.${n}.Value`, value]] as const) {
          if (/https?:\/\//.test(text)) throw invalid(param, `The parameter ${param} must not contain http:// or https://.`);
        }
        return { key, value };
      });
  }

  clientToken(): string | undefined {
    const value = this.raw('ClientToken');
    if (value !== undefined && !CLIENT_TOKEN.test(value)) {
      throw invalid('ClientToken', 'The parameter ClientToken must be at most 64 ASCII characters.');
    }
    return value;
  }
}
