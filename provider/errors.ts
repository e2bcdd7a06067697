/**
 * Every failure the package raises is one of these classes. Messages are
 * built from already-redacted parts: none of them carries a credential.
 */

export interface RequestDescription {
  vendor: string;
  method: string;
  path: string;
}

/**
 * A request field the vendor names in a refusal, e.g. ZoneID's 422
 * `{"destination": ["Invalid IPv4 address"]}` or Gandi's `errors[].name`.
 */
export interface FieldError {
  /** As the vendor spells it: a wire field or path (`type.language.version`). */
  field: string;
  message: string;
}

/** The vendor answered with an error status, or did not answer at all. */
export class ApiError extends Error {
  readonly vendor: string;
  readonly method: string;
  readonly path: string;
  /** HTTP status; undefined when no answer arrived (network error, timeout). */
  readonly status: number | undefined;
  /** The vendor's own words, e.g. Gigahost's `meta.message`. */
  readonly vendorMessage: string | undefined;
  /** From a Retry-After header, when the vendor sent one. */
  readonly retryAfterMs: number | undefined;
  /** The fields the vendor names as wrong; see `namingInputs`. */
  readonly fieldErrors: readonly FieldError[];
  /** The vendor's text as the message shows it: left out where it only repeats a field error. */
  private readonly shownMessage: string | undefined;
  /** The fields as the message says them now: the vendor's, or the input properties `namingInputs` gave. */
  private namedFields: readonly FieldError[];

  constructor(
    request: RequestDescription,
    status: number | undefined,
    vendorMessage: string | undefined,
    retryAfterMs?: number,
    fieldErrors: readonly FieldError[] = [],
  ) {
    const outcome = status === undefined ? "got no answer" : `answered ${status}`;
    const shownMessage = repeatsAFieldError(vendorMessage, fieldErrors) ? undefined : vendorMessage;
    super(`${request.vendor} API ${request.method} ${request.path} ${outcome}` + describeProblems(shownMessage, fieldErrors));
    this.shownMessage = shownMessage;
    this.name = new.target.name;
    this.vendor = request.vendor;
    this.method = request.method;
    this.path = request.path;
    this.status = status;
    this.vendorMessage = vendorMessage;
    this.retryAfterMs = retryAfterMs;
    this.fieldErrors = fieldErrors;
    this.namedFields = fieldErrors;
  }

  /**
   * Says the fields the vendor named by the input properties a user writes
   * (`languageVersion: …` rather than `type.language.version: …`). A second
   * call maps the names the first gave, so resource code that knows more
   * (which request a field belongs to) can name first and the bridge's
   * default (camelCase, unchanged on camelCase names) after.
   */
  namingInputs(inputFor: (field: string) => string): void {
    if (this.namedFields.length === 0) return;
    const renamed = this.namedFields.map((error) => ({ ...error, field: inputFor(error.field) }));
    this.rewrite(this.message.replace(describeProblems(this.shownMessage, this.namedFields), describeProblems(this.shownMessage, renamed)));
    this.namedFields = renamed;
  }

  /** Adds what the user can check, e.g. the setting a credential came from. */
  withHint(hint: string): this {
    this.rewrite(`${this.message}. ${hint}`);
    return this;
  }

  private rewrite(message: string): void {
    if (this.stack) this.stack = this.stack.replace(this.message, message);
    this.message = message;
  }
}

/** "cpu_type must be intel" beside the field error `cpu_type`: "must be intel" says nothing more. */
function repeatsAFieldError(vendorMessage: string | undefined, fieldErrors: readonly FieldError[]): boolean {
  const text = vendorMessage?.trim();
  return text !== undefined && fieldErrors.some((error) => text === `${error.field} ${error.message}` || text === `${error.field}: ${error.message}`);
}

function describeProblems(vendorMessage: string | undefined, fieldErrors: readonly FieldError[]): string {
  const fields = fieldErrors.map((error) => `${error.field}: ${error.message}`).join("; ");
  return (vendorMessage ? `: ${vendorMessage}` : "") + (fields ? ` — ${fields}` : "");
}

/** A wire field (`linked_dns_zone.allow_alteration`, `keys[0]`) as camelCase input path (`linkedDnsZone.allowAlteration`). */
export function camelCaseField(field: string): string {
  const segments = field.split(/[./[\]]+/).filter(Boolean);
  return segments.length ? segments.map((segment) => segment.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())).join(".") : field;
}

export class NotFoundError extends ApiError {}
/** 401 or 403: bad, expired or insufficiently scoped credentials. */
export class UnauthorizedError extends ApiError {}
export class RateLimitedError extends ApiError {}
export class ConflictError extends ApiError {}
/** No HTTP answer: connection reset, refused, or the client-side timeout. */
export class NetworkError extends ApiError {}

export function apiErrorFor(
  request: RequestDescription,
  status: number,
  vendorMessage: string | undefined,
  retryAfterMs?: number,
  fieldErrors: readonly FieldError[] = [],
): ApiError {
  const ErrorClass =
    status === 404
      ? NotFoundError
      : status === 401 || status === 403
        ? UnauthorizedError
        : status === 429
          ? RateLimitedError
          : status === 409
            ? ConflictError
            : ApiError;
  return new ErrorClass(request, status, vendorMessage, retryAfterMs, fieldErrors);
}

/** The vendor answered 2xx but the payload did not have the documented shape. */
export class ResponseParseError extends Error {
  constructor(request: RequestDescription, field: string, problem: string) {
    super(
      `${request.vendor} API ${request.method} ${request.path} returned an unexpected payload: ` +
        `field "${field}": ${problem}`,
    );
    this.name = "ResponseParseError";
  }
}

/** Credentials or endpoint settings are missing or malformed. */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigurationError";
  }
}

/** A wait for an asynchronous vendor job ran past its deadline. */
export class WaitTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WaitTimeoutError";
  }
}

/**
 * The object was created at the vendor but is not fully initialised. Pulumi's
 * provider host turns an error carrying `id` and `properties` into an
 * "initialization failed" result: the id and partial state are kept, and the
 * next `pulumi up` continues from them instead of creating a duplicate.
 */
export class ResourceInitializationError extends Error {
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];

  constructor(id: string, properties: Record<string, unknown>, reasons: string[]) {
    super(reasons.join("; "));
    this.name = "ResourceInitializationError";
    this.id = id;
    this.properties = properties;
    this.reasons = reasons;
  }
}

/**
 * "404 means gone", said once: the request's result, or undefined when the
 * vendor answered 404. Every client's optional GET and already-gone DELETE
 * goes through here (HttpCore.getOptional / deleteOptional use it).
 */
export async function unlessGone<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/**
 * Runs `operation`, saying the fields a vendor refusal names by `inputFor`:
 * for resource code that knows what the bridge's per-resource mapping cannot
 * (which request a field belongs to, e.g. a `value` that is a key or a password).
 */
export async function namingFieldsAs<T>(inputFor: (field: string) => string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof ApiError) error.namingInputs(inputFor);
    throw error;
  }
}
