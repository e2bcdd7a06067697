// The one error type of every vendor fake. A route handler, a middleware
// layer or a state method throws an EmulatorError; the core catches it and
// renders it through the vendor's `errorAnswer` (vendor.ts), the same hook
// that renders injected faults, unknown routes and handler crashes. Vendors
// write no try/catch of their own.

export interface EmulatorErrorOptions {
  /** The request fields at fault, with what is wrong with each (ZoneID's 422 body, Gigas' `errors`). */
  fields?: Record<string, string[]>;
  /** Headers the answer carries whatever the vendor renders (e.g. `retry-after` on a 429). */
  headers?: Record<string, string>;
  /** Answer with the status alone, no body (Gandi documents some errors that way). */
  bodyless?: boolean;
  /**
   * Vendor-specific details only that vendor's `errorAnswer` reads, e.g.
   * Gandi's `cause` and `object`, or the Gigahost envelope key of the text.
   */
  extra?: Readonly<Record<string, unknown>>;
}

export class EmulatorError extends Error {
  readonly fields?: Record<string, string[]>;
  readonly headers?: Record<string, string>;
  readonly bodyless: boolean;
  readonly extra: Readonly<Record<string, unknown>>;

  constructor(
    readonly status: number,
    message: string,
    options: EmulatorErrorOptions = {},
  ) {
    super(message);
    this.name = "EmulatorError";
    this.fields = options.fields;
    this.headers = options.headers;
    this.bodyless = options.bodyless ?? false;
    this.extra = options.extra ?? {};
  }
}

/** 404 "<what> not found". */
export function notFound(what: string): EmulatorError {
  return new EmulatorError(404, `${what} not found`);
}

/** 400 naming one request field: "<field> <message>", with the field in `fields`. */
export function invalidField(field: string, message: string): EmulatorError {
  return new EmulatorError(400, `${field} ${message}`, { fields: { [field]: [message] } });
}

/** 400 with a message of the vendor's wording. */
export function badRequest(message: string, fields?: Record<string, string[]>): EmulatorError {
  return new EmulatorError(400, message, { fields });
}

/** The error a crashed handler or a broken invariant of the emulator answers with. */
export function internalError(message = "Internal server error"): EmulatorError {
  return new EmulatorError(500, message);
}

/** A JSON object request body, or a 400 with `message` (admin and vendor routes alike). */
export function objectBody<T = Record<string, unknown>>(body: unknown, message = "expected a JSON object body"): T {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw badRequest(message);
  return body as T;
}
