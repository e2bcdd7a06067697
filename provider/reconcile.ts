import { Clock, realClock } from "./clock";
import { ApiError } from "./errors";
import { Logger, stderrLogger } from "./log";
import { DEFAULT_RETRY_POLICY, RetryPolicy, isRetryableStatus, nextDelay } from "./retry";

export interface ReconcileOptions<T> {
  /** Performs the non-idempotent write (a POST). */
  attempt: () => Promise<unknown>;
  /** Looks for the object the write should have produced; undefined when absent. */
  find: () => Promise<T | undefined>;
  description: string;
  policy?: Partial<RetryPolicy>;
  clock?: Clock;
  random?: () => number;
  logger?: Logger;
}

/**
 * Runs a non-idempotent write safely. When the write fails in a way that
 * leaves its outcome unknown (no answer, 429, 5xx), the vendor may still have
 * applied it, so it is never blindly repeated: first look for the object, and
 * only write again when it is truly absent. Returns the object found after
 * the write.
 */
export async function writeReconciled<T>(options: ReconcileOptions<T>): Promise<T | undefined> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const clock = options.clock ?? realClock;
  const logger = options.logger ?? stderrLogger;
  for (let attempt = 1; ; attempt++) {
    try {
      await options.attempt();
      return await options.find();
    } catch (error) {
      const ambiguous = error instanceof ApiError && isRetryableStatus(error.status);
      if (!ambiguous || attempt >= policy.maxAttempts) throw error;
      const existing = await options.find();
      if (existing !== undefined) {
        logger.info(`${options.description}: the vendor applied the write although the answer was an error; continuing`);
        return existing;
      }
      const delay = nextDelay(attempt, error.retryAfterMs, policy, options.random ?? Math.random);
      logger.info(`${options.description}: ${error.message}; not applied, trying again in ${delay}ms`);
      await clock.sleep(delay);
    }
  }
}
