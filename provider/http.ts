import axios, { AxiosInstance, AxiosResponse } from "axios";
import { z } from "zod";
import { Clock, realClock } from "./clock";
import { ApiError, FieldError, NetworkError, RequestDescription, ResponseParseError, UnauthorizedError, apiErrorFor, unlessGone } from "./errors";
import { sleepBeforeRetry } from "./deadline";
import { VendorSettings } from "./settings";
import { Logger, stderrLogger } from "./log";
import { redact } from "./redact";
import { DEFAULT_RETRY_POLICY, RetryPolicy, isIdempotentMethod, isRetryableStatus, nextDelay, parseRetryAfter } from "./retry";
import { Semaphore } from "./limit";
import { parseDuration } from "./duration";
import { dotSegmentProblem } from "./urlPath";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

/**
 * Supplies the Authorization (or other) headers for a request. `renew` is
 * true after the vendor answered 401 once: drop any cached session and log in
 * again.
 */
export type AuthHook = (renew: boolean) => Promise<Record<string, string>>;

/**
 * Paces requests to a vendor's rate limit (ZoneID: 60 per minute). Called
 * before every attempt and with every answer's headers.
 */
export interface RequestPacer {
  beforeRequest(): Promise<void>;
  afterResponse(status: number, headers: Record<string, string>): void;
  /** The request got no answer (connection lost, timed out). */
  afterNoAnswer?(): void;
}

export interface HttpCoreOptions {
  vendor: string;
  baseUrl: string;
  auth: AuthHook;
  /**
   * Pulls the vendor's own error text out of an error answer: usually the
   * body, for ZoneID the `X-Status-Message` header (lower-cased names).
   */
  vendorMessage: (body: unknown, headers: Record<string, string>, status: number) => string | undefined;
  /** The request fields an error answer names as wrong, where the vendor names them. */
  fieldErrors?: (body: unknown, status: number) => FieldError[];
  /**
   * Where the endpoint and credentials came from, so that a refused
   * credential or an unreachable endpoint names the setting to check.
   */
  settings?: VendorSettings;
  /** The settings keys that hold credentials, e.g. ["username", "apiKey"]. */
  credentialKeys?: readonly string[];
  /** Requests in flight at once against this vendor account. */
  concurrency?: number;
  pacer?: RequestPacer;
  retry?: Partial<RetryPolicy>;
  /** Per-attempt client timeout. */
  timeoutMs?: number;
  clock?: Clock;
  random?: () => number;
  logger?: Logger;
}

export interface RequestOptions<T> {
  method: HttpMethod;
  path: string;
  query?: Record<string, string | number | undefined>;
  /** JSON-serialisable value, or a FormData for multipart uploads. */
  body?: unknown;
  /** Extra headers, e.g. Gandi's `Dry-Run: 1`. */
  headers?: Record<string, string>;
  /** Validates and shapes the response body. */
  schema: z.ZodType<T>;
  /**
   * Whether a failed attempt may be repeated. Default: only idempotent
   * methods. A non-idempotent POST is never repeated here: callers reconcile
   * first (see `writeReconciled` and `createOnce` in provider/reconcile.ts).
   */
  retry?: boolean;
  /** Send credentials (default true); false for the login call itself. */
  authenticated?: boolean;
}

export interface HttpResponse<T> {
  status: number;
  body: T;
  headers: Record<string, string>;
}

/**
 * The one HTTP core every vendor client is built on: auth hook with one
 * re-authentication on 401, typed errors carrying the vendor's message,
 * retries with backoff for idempotent requests, a concurrency limit, response
 * validation, and redaction of everything it logs or throws.
 *
 * It retries transport failures only (429, 5xx, no answer), and only where
 * repeating the request is safe, within the deadline of the operation it
 * runs in. Refusals because the object is busy (locked, process locked,
 * concurrent write) are the vendor's word about the object, not the
 * transport's: provider/busy.ts retries those, in one layer.
 */
export class HttpCore {
  readonly vendor: string;
  readonly baseUrl: string;
  private readonly axios: AxiosInstance;
  private readonly policy: RetryPolicy;
  private readonly semaphore: Semaphore;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly logger: Logger;
  /** Requests sent (including retries); read by tests and benchmarks. */
  requestCount = 0;

  constructor(private readonly options: HttpCoreOptions) {
    this.vendor = options.vendor;
    this.baseUrl = options.baseUrl;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.semaphore = new Semaphore(options.concurrency ?? 8);
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
    this.logger = options.logger ?? stderrLogger;
    this.axios = axios.create({
      baseURL: options.baseUrl,
      timeout: options.timeoutMs ?? defaultRequestTimeoutMs(),
      // Statuses are interpreted below; axios must not throw its own errors,
      // whose `config` would carry the Authorization header.
      validateStatus: () => true,
      headers: { "User-Agent": "pulumi-euro-hosting", Accept: "application/json" },
    });
  }

  async request<T>(options: RequestOptions<T>): Promise<HttpResponse<T>> {
    const description: RequestDescription = {
      vendor: this.vendor,
      method: options.method,
      path: redact(options.path),
    };
    // Paths come from `urlPath`; this is the backstop for one built by hand.
    const pathProblem = dotSegmentProblem(options.path);
    if (pathProblem) throw new Error(`${this.vendor}: refusing to send ${options.method} ${description.path}: ${pathProblem}`);
    const mayRetry = options.retry ?? isIdempotentMethod(options.method);
    let renewedAuth = false;
    for (let attempt = 1; ; attempt++) {
      let failure: ApiError;
      try {
        const response = await this.send(options, false);
        if (response.status === 401 && options.authenticated !== false && !renewedAuth) {
          // Session tokens expire mid-deploy: log in again once, then retry.
          renewedAuth = true;
          this.logger.debug(`${this.vendor}: 401 on ${options.method} ${description.path}, renewing credentials`);
          const retried = await this.send(options, true);
          if (retried.status < 400) return this.parse(description, retried, options.schema);
          failure = this.errorFrom(description, retried);
        } else if (response.status < 400) {
          return this.parse(description, response, options.schema);
        } else {
          failure = this.errorFrom(description, response);
        }
      } catch (error) {
        // An ApiError here is the auth hook's own login refused (already retried as that request allows):
        // repeating this request would only send the refused session again.
        if (error instanceof ResponseParseError || error instanceof ApiError) throw error;
        failure = new NetworkError(description, undefined, networkReason(error));
      }
      if (!mayRetry || !isRetryableStatus(failure.status) || attempt >= this.policy.maxAttempts) {
        throw this.withSettingsHint(failure);
      }
      const delay = nextDelay(attempt, failure.retryAfterMs, this.policy, this.random);
      // The first retry of a request that got no answer says where it was sent, so a wrong
      // endpoint shows at once rather than after the last retry.
      const hint = attempt === 1 && failure instanceof NetworkError ? this.settingsHint(failure) : undefined;
      this.logger.info(
        `${this.vendor}: ${options.method} ${description.path} failed (${failure.status ?? failure.vendorMessage}), ` +
          `retry ${attempt}/${this.policy.maxAttempts - 1} in ${Math.round(delay)}ms` +
          (hint ? `. ${hint}` : ""),
      );
      await sleepBeforeRetry(this.clock, delay, `${this.vendor} to answer ${options.method} ${description.path} (last: ${failure.message})`);
    }
  }

  /** GET of one object; undefined when the vendor answers 404: the object is gone. */
  async getOptional<T>(path: string, schema: z.ZodType<T>, extra: Omit<RequestOptions<T>, "method" | "path" | "schema"> = {}): Promise<T | undefined> {
    return (await unlessGone(this.request({ ...extra, method: "GET", path, schema })))?.body;
  }

  /**
   * DELETE; undefined when the vendor answers 404: an object already gone
   * counts as deleted (the caller decides whether to say so).
   */
  async deleteOptional<T>(path: string, schema: z.ZodType<T>, extra: Omit<RequestOptions<T>, "method" | "path" | "schema"> = {}): Promise<HttpResponse<T> | undefined> {
    return unlessGone(this.request({ ...extra, method: "DELETE", path, schema }));
  }

  private async send<T>(options: RequestOptions<T>, renewAuth: boolean): Promise<AxiosResponse> {
    const headers =
      options.authenticated === false ? {} : await this.options.auth(renewAuth);
    return this.semaphore.run(async () => {
      await this.options.pacer?.beforeRequest();
      this.requestCount++;
      const started = this.clock.now();
      let response: AxiosResponse;
      try {
        response = await this.axios.request({
          method: options.method,
          url: options.path,
          params: options.query,
          data: options.body,
          headers: { ...options.headers, ...headers },
        });
      } catch (error) {
        this.options.pacer?.afterNoAnswer?.();
        throw error;
      }
      this.options.pacer?.afterResponse(response.status, lowerCaseHeaders(response));
      this.logger.debug(
        `${this.vendor}: ${options.method} ${redact(options.path)} → ${response.status} (${this.clock.now() - started}ms)`,
      );
      return response;
    });
  }

  /** Names the setting behind a refused credential or an endpoint that did not answer. */
  private withSettingsHint(failure: ApiError): ApiError {
    const hint = this.settingsHint(failure);
    return hint ? failure.withHint(hint) : failure;
  }

  private settingsHint(failure: ApiError): string | undefined {
    const settings = this.options.settings;
    if (!settings) return undefined;
    if (failure instanceof UnauthorizedError) {
      const used = (this.options.credentialKeys ?? []).map((key) => settings.origin(key)).filter((origin) => origin !== undefined);
      return used.length ? `Check the credentials read from ${used.join(" and ")}` : undefined;
    }
    if (failure instanceof NetworkError) {
      const origin = settings.origin("apiUrl");
      return origin ? `Check the endpoint ${this.baseUrl}, read from ${origin}` : `The endpoint ${this.baseUrl} is the default; ${settings.describe("apiUrl")} sets another`;
    }
    return undefined;
  }

  private errorFrom(description: RequestDescription, response: AxiosResponse): ApiError {
    const message = this.options.vendorMessage(response.data, lowerCaseHeaders(response), response.status);
    const retryAfter = parseRetryAfter(headerValue(response, "retry-after"), this.clock.now());
    const fields = (this.options.fieldErrors?.(response.data, response.status) ?? []).map((error) => ({
      field: redact(error.field),
      message: redact(error.message),
    }));
    return apiErrorFor(description, response.status, message && redact(message), retryAfter, fields);
  }

  private parse<T>(description: RequestDescription, response: AxiosResponse, schema: z.ZodType<T>): HttpResponse<T> {
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.length ? issue.path.map(String).join(".") : "(body)";
      throw new ResponseParseError(description, field, issue.message);
    }
    return { status: response.status, body: parsed.data, headers: lowerCaseHeaders(response) };
  }
}

function lowerCaseHeaders(response: AxiosResponse): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (typeof value === "string") headers[name.toLowerCase()] = value;
    else if (typeof value === "number") headers[name.toLowerCase()] = String(value);
  }
  return headers;
}

/**
 * How long one attempt may wait for an answer: EURO_HOSTING_REQUEST_TIMEOUT
 * (a duration such as "30s") or 60 s. A request that times out counts as
 * "no answer": retried when safe, reconciled when not.
 */
export function defaultRequestTimeoutMs(): number {
  const configured = process.env.EURO_HOSTING_REQUEST_TIMEOUT;
  return (configured && parseDuration(configured)) || 60_000;
}

function headerValue(response: AxiosResponse, name: string): string | undefined {
  const value = response.headers?.[name];
  return typeof value === "string" ? value : undefined;
}

/** A short, credential-free reason for a request that got no answer. */
function networkReason(error: unknown): string {
  const code = (error as { code?: string })?.code;
  if (code === "ECONNABORTED" || code === "ETIMEDOUT") return "timed out waiting for the answer";
  const message = error instanceof Error ? error.message : String(error);
  return redact(code ? `${code}: ${message}` : message);
}
