/** A message whose data has the wrong shape; the sender gets this as an error, nothing else happens. */
export class BadRequestError extends Error {
  constructor(message: string) {
    super(`bad request: ${message}`);
    this.name = 'BadRequestError';
  }
}

/** Limits that keep one message from costing the background more than a page's worth of work. */
export const LIMITS = { titles: 5000, text: 20_000, query: 500, k: 100 } as const;

/** Checks that a value is a string of at most `max` characters. */
export function checkString(value: unknown, name: string, max: number): string {
  if (typeof value !== 'string') throw new BadRequestError(`${name} must be a string`);
  if (value.length > max) throw new BadRequestError(`${name} is longer than ${max} characters`);
  return value;
}

/** Checks that a value is a whole number from 1 to LIMITS.k. */
export function checkK(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > LIMITS.k) {
    throw new BadRequestError(`k must be a whole number from 1 to ${LIMITS.k}`);
  }
  return value;
}

/** Checks that a value is a plain object and returns it for field checks. */
export function checkObject(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadRequestError(`${name} must be an object`);
  }
  return value as Record<string, unknown>;
}

/** Checks that a value is an array of at most `max` strings of at most `maxLength` characters each. */
export function checkStrings(value: unknown, name: string, max: number, maxLength: number): string[] {
  if (!Array.isArray(value)) throw new BadRequestError(`${name} must be an array`);
  if (value.length > max) throw new BadRequestError(`${name} has more than ${max} entries`);
  return value.map((item, i) => checkString(item, `${name}[${i}]`, maxLength));
}
