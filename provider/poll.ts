import { Clock, realClock } from "./clock";
import { formatDuration } from "./duration";
import { WaitTimeoutError } from "./errors";
import { Logger, stderrLogger } from "./log";

export interface WaitOptions<T> {
  /** What is awaited, for log lines and the timeout error: "snapshot 'nightly' to complete". */
  description: string;
  timeoutMs: number;
  /** Summarises the current state; a log line is written whenever it changes. */
  describe?: (value: T) => string;
  initialDelayMs?: number;
  maxDelayMs?: number;
  factor?: number;
  clock?: Clock;
  logger?: Logger;
}

/**
 * The one poll loop. Calls `fetch` until `isDone` accepts its value, waiting
 * with capped exponential backoff in between, and gives up at the deadline
 * with an error that says what was still pending. `isDone` may throw to stop
 * early on a terminal failure state.
 */
export async function waitFor<T>(
  fetch: () => Promise<T>,
  isDone: (value: T) => boolean,
  options: WaitOptions<T>,
): Promise<T> {
  const clock = options.clock ?? realClock;
  const logger = options.logger ?? stderrLogger;
  const factor = options.factor ?? 1.5;
  const maxDelay = options.maxDelayMs ?? 15_000;
  const started = clock.now();
  const deadline = started + options.timeoutMs;
  let delay = options.initialDelayMs ?? 1000;
  let lastState: string | undefined;

  for (;;) {
    const value = await fetch();
    if (isDone(value)) {
      if (lastState !== undefined) {
        logger.info(`${options.description}: done after ${formatDuration(clock.now() - started)}`);
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
      throw new WaitTimeoutError(
        `Timed out after ${formatDuration(options.timeoutMs)} waiting for ${options.description}; ` +
          `last state: ${state}. Raise the resource's \`timeouts\` input if the vendor is just slow.`,
      );
    }
    await clock.sleep(Math.min(delay, remaining));
    delay = Math.min(maxDelay, delay * factor);
  }
}
