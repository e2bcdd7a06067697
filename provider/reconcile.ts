import { Clock, realClock } from "./clock";
import { OperationDeadline, currentDeadline, sleepBeforeRetry } from "./deadline";
import { formatDuration, parseDuration } from "./duration";
import { ApiError, NetworkError } from "./errors";
import { isObjectInState } from "./identity";
import { Logger, stderrLogger } from "./log";
import { waitFor } from "./poll";
import { DEFAULT_RETRY_POLICY, RetryPolicy, isRetryableStatus, nextDelay } from "./retry";

export interface ReconcileOptions<T> {
  /**
   * Performs the non-idempotent write (a POST). Returns the object when the
   * answer identifies it; undefined makes `find` look it up (and wait for it
   * to show, within the operation's deadline).
   */
  attempt: () => Promise<T | undefined | void>;
  /**
   * Looks for the object the write should have produced; undefined when
   * absent. It must recognise only this resource's object (by its creation
   * tag, or by the fields the user made unique) and fail, through
   * `onlyCandidate`, when two objects match.
   */
  find: () => Promise<T | undefined>;
  description: string;
  /**
   * How long after a write that got no answer the vendor may still apply it
   * and show it (see `settleTimeMs`). Answered failures are looked at once.
   */
  settleMs?: number;
  /** Whose deadline bounds every look and retry: default the operation this runs in. */
  deadline?: OperationDeadline;
  policy?: Partial<RetryPolicy>;
  clock?: Clock;
  random?: () => number;
  logger?: Logger;
}

/**
 * How long a write that got no answer may still be applied by the vendor:
 * EURO_HOSTING_SETTLE_TIME (a duration) or 30 s. No vendor documents it: this
 * is a guess, listed in each vendor's docs. A write is re-sent only after
 * this long without the object showing up.
 */
export function settleTimeMs(): number {
  const configured = process.env.EURO_HOSTING_SETTLE_TIME;
  return (configured && parseDuration(configured)) || 30_000;
}

/**
 * Runs a non-idempotent write safely and returns the object it made. When the
 * write fails in a way that leaves its outcome unknown (no answer, 5xx), the
 * vendor may have applied it or may still apply it, so it is never blindly
 * repeated: first look for the object, for the whole settle time when the
 * request got no answer, and only write again when it is still absent. A 429
 * is a refusal: nothing was applied, the write is repeated after the
 * vendor's wait. An accepted write whose answer does not carry the object is
 * followed by looking for it until it shows (within the operation's
 * deadline; outside an operation, the settle time). Every wait draws from
 * the operation's deadline.
 */
export async function writeReconciled<T>(options: ReconcileOptions<T>): Promise<T> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const clock = options.clock ?? realClock;
  const logger = options.logger ?? stderrLogger;
  const deadline = options.deadline ?? currentDeadline();
  for (let attempt = 1; ; attempt++) {
    let made: T | undefined | void;
    try {
      made = await options.attempt();
    } catch (error) {
      if (!(error instanceof ApiError) || !isRetryableStatus(error.status)) throw error;
      if (error.status !== 429) {
        const settleMs = error instanceof NetworkError ? options.settleMs ?? settleTimeMs() : 0;
        const existing = await findWithin(options, settleMs, clock, deadline);
        if (existing !== undefined) {
          logger.info(`${options.description}: the vendor applied the write although the answer was an error; continuing`);
          return existing;
        }
      }
      if (attempt >= policy.maxAttempts) throw error;
      const delay = nextDelay(attempt, error.retryAfterMs, policy, options.random ?? Math.random);
      logger.info(`${options.description}: ${error.message}; not applied, trying again in ${delay}ms`);
      await sleepBeforeRetry(clock, delay, `${options.description} (last: ${error.message})`, deadline);
      continue;
    }
    if (made !== undefined && made !== null) return made as T;
    return findAfterAcceptedWrite(options, clock, logger, deadline);
  }
}

/** The vendor accepted the write but its answer does not name the object: look until it shows. */
async function findAfterAcceptedWrite<T>(options: ReconcileOptions<T>, clock: Clock, logger: Logger, deadline: OperationDeadline | undefined): Promise<T> {
  const found = await waitFor(options.find, (object) => object !== undefined, {
    description: `the object of ${options.description} to show (the vendor accepted the write, but it cannot be found yet)`,
    deadline,
    timeoutMs: deadline ? undefined : options.settleMs ?? settleTimeMs(),
    initialDelayMs: 500,
    maxDelayMs: 15_000,
    clock,
    logger,
  });
  return found as T;
}

/**
 * Creates exactly once, even across a crash: looks for the object first (a
 * create interrupted by a killed provider process left it, half-made or
 * whole, and the engine has no id for it), and writes only when there is
 * none, reconciling ambiguous failures as `writeReconciled` does.
 * `resumed` says the object was found before writing: the caller continues
 * from the object's own state, since the write's answer is lost.
 */
export async function createOnce<T>(options: ReconcileOptions<T>): Promise<{ object: T; resumed: boolean }> {
  const logger = options.logger ?? stderrLogger;
  const found = await options.find();
  if (found !== undefined) {
    logger.info(`${options.description}: found the object an earlier, interrupted create made; continuing with it`);
    return { object: found, resumed: true };
  }
  return { object: await writeReconciled(options), resumed: false };
}

/** Two objects carry one resource's identity: nothing is ordered until a person decides which is the resource. */
export class AmbiguousObjectError extends Error {
  constructor(description: string, ids: string[]) {
    super(
      `${description}: ${ids.length} objects match this resource (${ids.join(", ")}); ` +
        "nothing was created. Delete the one that should not exist at the vendor, then run `pulumi up` again.",
    );
    this.name = "AmbiguousObjectError";
  }
}

/**
 * The single candidate, undefined for none; two or more fail naming their
 * ids. Objects that resources in the stack's state hold (the one a
 * replacement replaces, above all) are never candidates.
 */
export function onlyCandidate<T>(candidates: T[], idOf: (candidate: T) => string, description: string): T | undefined {
  const free = candidates.filter((candidate) => !isObjectInState(idOf(candidate)));
  if (free.length > 1) throw new AmbiguousObjectError(description, free.map(idOf));
  return free[0];
}

/**
 * Looks now, then keeps looking until `windowMs` has passed (looks 1/4 of the
 * window apart), within the operation's deadline: a window cut short by the
 * deadline ends with the deadline's error, since the write's fate is unknown.
 */
async function findWithin<T>(options: ReconcileOptions<T>, windowMs: number, clock: Clock, deadline: OperationDeadline | undefined): Promise<T | undefined> {
  const until = clock.now() + windowMs;
  for (;;) {
    const found = await options.find();
    const remaining = until - clock.now();
    if (found !== undefined || remaining <= 0) return found;
    const pause = Math.min(remaining, Math.max(1, windowMs / 4));
    await sleepBeforeRetry(clock, pause, `the object of ${options.description} to show after a write whose answer was lost (${formatDuration(windowMs)} settle time)`, deadline);
  }
}
