import { Clock, realClock } from "./clock";
import { OperationDeadline, currentDeadline, sleepBeforeRetry } from "./deadline";
import { formatDuration } from "./duration";
import { ApiError } from "./errors";
import { Logger, stderrLogger } from "./log";
import { DEFAULT_RETRY_POLICY, RetryPolicy, backoffDelay } from "./retry";

/**
 * The one way to retry an operation the vendor refused because the object
 * is busy: Gigas's "locked" (409/423) while another operation holds a VM,
 * ZoneID's 409 concurrent request and "process locked", and the like. Such a
 * refusal applied nothing, so trying again is safe for any method, POST
 * included. The HTTP core does not retry them (it retries transport failures
 * only): this is the one layer that does.
 */
export interface BusyRetryOptions {
  /** What is tried, for log lines and errors: "deleting virtual machine 12". */
  description: string;
  /** Whether a failure is the vendor's "busy, try later". */
  isBusy: (error: ApiError) => boolean;
  /**
   * "Wait until free, then retry": waits until the object is free before
   * every try (Gigas: until the VM is no longer `locked`) and resolves false
   * when the object is gone, which ends the retry with undefined.
   */
  untilFree?: () => Promise<boolean>;
  /** Whose deadline bounds the retries: default the operation this runs in. */
  deadline?: OperationDeadline;
  /**
   * Keep trying until the operation's deadline, however many tries that
   * takes: for objects busy as long as a vendor job runs (a VM's lock).
   * Otherwise `policy.maxAttempts` tries, within the deadline, for refusals
   * that clear in moments (a concurrent write).
   */
  untilDeadline?: boolean;
  /** Backoff between tries (base and cap) and the number of tries. */
  policy?: Partial<RetryPolicy>;
  clock?: Clock;
  logger?: Logger;
  random?: () => number;
}

/** Busy objects free up in seconds to minutes: start at 1 s, wait at most 30 s between tries. */
export const BUSY_RETRY_POLICY: RetryPolicy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1000, maxDelayMs: 30_000 };

/**
 * Runs `operation`, trying again while the vendor says the object is busy,
 * with growing waits, `policy.maxAttempts` tries or (`untilDeadline`) until
 * the operation's deadline; never past the deadline. With `untilFree`, each
 * try waits for the object to be free first, and undefined means the object
 * is gone.
 */
export async function retryWhileBusy<T>(operation: () => Promise<T>, options: BusyRetryOptions & { untilFree: () => Promise<boolean> }): Promise<T | undefined>;
export async function retryWhileBusy<T>(operation: () => Promise<T>, options: BusyRetryOptions): Promise<T>;
export async function retryWhileBusy<T>(operation: () => Promise<T>, options: BusyRetryOptions): Promise<T | undefined> {
  const policy = { ...BUSY_RETRY_POLICY, ...options.policy };
  const clock = options.clock ?? options.deadline?.clock ?? realClock;
  const logger = options.logger ?? stderrLogger;
  const deadline = options.deadline ?? currentDeadline();
  for (let attempt = 1; ; attempt++) {
    if (options.untilFree && !(await options.untilFree())) return undefined;
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof ApiError) || !options.isBusy(error)) throw error;
      if ((!options.untilDeadline || !deadline) && attempt >= policy.maxAttempts) throw error;
      const delay = backoffDelay(attempt, policy, options.random ?? Math.random);
      logger.info(
        `${options.description}: ${error.vendor} says the object is busy (${error.status}: ${error.vendorMessage ?? "no reason given"}); ` +
          `trying again in ${formatDuration(delay)}` + (options.untilFree ? " once it is free" : ""),
      );
      await sleepBeforeRetry(clock, delay, `${options.description} (the object stayed busy: ${error.message})`, deadline);
    }
  }
}
