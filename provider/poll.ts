import { Clock, describeElapsed, realClock } from "./clock";
import { OperationDeadline, currentDeadline } from "./deadline";
import { formatDuration } from "./duration";
import { WaitTimeoutError } from "./errors";
import { Logger, stderrLogger } from "./log";

export interface WaitOptions<T> {
  /** What is awaited, for log lines and the timeout error: "snapshot 'nightly' to complete". */
  description: string;
  /**
   * The operation whose deadline bounds the wait: resource code passes its
   * OperationContext. Default: the operation this code runs in, if any.
   */
  deadline?: OperationDeadline;
  /** A bound of this wait's own, within the operation's deadline (e.g. a confirmation window). */
  timeoutMs?: number;
  /** Summarises the current state; a log line is written whenever it changes. */
  describe?: (value: T) => string;
  /** Shortest wait between two looks (default 1 s). */
  initialDelayMs?: number;
  /** Longest wait between two looks (default 60 s). */
  maxDelayMs?: number;
  clock?: Clock;
  logger?: Logger;
}

/** Each wait is this share of the time waited so far. */
const POLL_PROPORTION = 0.1;

/**
 * The one poll loop. Calls `fetch` until `isDone` accepts its value and gives
 * up at the deadline with an error that says what was still pending. `isDone`
 * may throw to stop early on a terminal failure state. The deadline is the
 * operation's (so the waits of one create share one budget), or the wait's own
 * `timeoutMs` when that comes first; when the operation's runs out, the error
 * names it and the `timeouts` entry that raises it.
 *
 * Waits grow with the time already waited: each is 10% of it, within
 * [initialDelayMs, maxDelayMs]. So whatever the job's length, its end is
 * noticed within about 10% of it (or the initial delay), while a long job
 * costs only a logarithmic number of looks (about 25 for three minutes from
 * 1 s) — unlike exponential backoff, whose late waits can overshoot the job
 * by half its length.
 */
export async function waitFor<T>(
  fetch: () => Promise<T>,
  isDone: (value: T) => boolean,
  options: WaitOptions<T>,
): Promise<T> {
  const operation = options.deadline ?? currentDeadline();
  const clock = options.clock ?? operation?.clock ?? realClock;
  const logger = options.logger ?? stderrLogger;
  const minDelay = options.initialDelayMs ?? 1000;
  const maxDelay = Math.max(minDelay, options.maxDelayMs ?? 60_000);
  const started = clock.now();
  if (operation === undefined && options.timeoutMs === undefined) {
    throw new Error(`waiting for ${options.description}: no deadline (pass the operation's context or timeoutMs)`);
  }
  const ownDeadline = options.timeoutMs === undefined ? Infinity : started + options.timeoutMs;
  const operationEnds = operation ? started + (operation.deadline - operation.clock.now()) : Infinity;
  const deadline = Math.min(ownDeadline, operationEnds);
  let lastState: string | undefined;

  for (;;) {
    const value = await fetch();
    if (isDone(value)) {
      if (lastState !== undefined) {
        logger.info(`${options.description}: done after ${describeElapsed(clock, clock.now() - started)}`);
      }
      return value;
    }
    const state = options.describe ? options.describe(value) : "pending";
    if (state !== lastState) {
      logger.info(`waiting for ${options.description}: ${state}`);
      lastState = state;
    }
    const remaining = deadline - clock.now();
    if (remaining <= 0) {
      if (operation && operationEnds <= ownDeadline) {
        throw operation.exceeded(options.description, `last state: ${state}`, clock.now() - started);
      }
      throw new WaitTimeoutError(
        `Timed out after ${formatDuration(options.timeoutMs!)} waiting for ${options.description}; ` +
          `last state: ${state}. Raise the resource's \`timeouts\` input if the vendor is just slow.`,
      );
    }
    const delay = Math.min(maxDelay, Math.max(minDelay, POLL_PROPORTION * (clock.now() - started)));
    await clock.sleep(Math.min(delay, remaining));
  }
}
