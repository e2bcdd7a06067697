/**
 * When and how long to wait before trying a failed request again. Pure
 * functions: the HTTP core applies them, tests table-drive them.
 */

export interface RetryPolicy {
  /** Total tries including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Upper bound on a vendor-requested Retry-After wait. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 400,
  maxDelayMs: 15_000,
  maxRetryAfterMs: 120_000,
};

/** 429, 5xx and "no answer" (status undefined) are worth another try. */
export function isRetryableStatus(status: number | undefined): boolean {
  return status === undefined || status === 429 || (status >= 500 && status <= 599);
}

/** GET, HEAD, PUT, DELETE and OPTIONS may be repeated without changing the outcome. */
export function isIdempotentMethod(method: string): boolean {
  return ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].includes(method.toUpperCase());
}

/**
 * Exponential backoff with "equal jitter": half the window is fixed, half is
 * random, so retries spread out without ever collapsing to zero.
 * `attempt` is 1 for the wait after the first failure.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(window / 2 + random() * (window / 2));
}

/** Parses a Retry-After header: delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** The wait before the next try: the vendor's Retry-After when given (capped), else backoff. */
export function nextDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
  random: () => number,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  return backoffDelay(attempt, policy, random);
}
