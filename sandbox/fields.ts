import { badRequest } from './errors';

/**
 * Typed readers for request fields. Form encodings carry only strings, so each reader also
 * accepts the string spelling of its type; anything else is a 400 naming the field.
 */
type Fields = Record<string, unknown>;

export function optionalString(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`field "${name}" must be a string`);
  return value;
}

export function requiredString(fields: Fields, name: string): string {
  const value = optionalString(fields, name);
  if (value === undefined || value.trim() === '') throw badRequest(`field "${name}" is required`);
  return value;
}

export function optionalBoolean(fields: Fields, name: string): boolean | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (value === true || value === 'true' || value === 1 || value === '1') return true;
  if (value === false || value === 'false' || value === 0 || value === '0') return false;
  throw badRequest(`field "${name}" must be a boolean`);
}

export function optionalInteger(fields: Fields, name: string): number | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
    throw badRequest(`field "${name}" must be an integer`);
  }
  return number;
}

/** A list of addresses or tokens: a JSON array of strings or one comma-separated string. */
export function optionalList(fields: Fields, name: string): string[] | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  const items = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(items) || !items.every((item) => typeof item === 'string')) {
    throw badRequest(`field "${name}" must be an array of strings or a comma-separated string`);
  }
  return items.map((item: string) => item.trim()).filter((item) => item !== '');
}

export function requiredList(fields: Fields, name: string): string[] {
  const list = optionalList(fields, name);
  if (list === undefined || list.length === 0) throw badRequest(`field "${name}" is required`);
  return list;
}

/** A JSON value that form encodings carry as a JSON string. */
export function optionalJson(fields: Fields, name: string): unknown {
  const value = fields[name];
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw badRequest(`field "${name}" is not valid JSON`);
  }
}
