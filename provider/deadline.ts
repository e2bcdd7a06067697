import { AsyncLocalStorage } from "node:async_hooks";
import { Clock } from "./clock";
import { formatDuration } from "./duration";
import { WaitTimeoutError } from "./errors";

/** The lifecycle operations a `timeouts` input sets a deadline for. */
export type Operation = "create" | "update" | "delete";

/**
 * One operation's deadline: the `timeouts` input (or the resource's default),
 * counted from the operation's start. Every wait and every retry sleep of the
 * operation draws from it, so three waits of one create share one budget
 * instead of getting a full one each. (The per-request timeout is a separate
 * setting: EURO_HOSTING_REQUEST_TIMEOUT.)
 */
export interface OperationDeadline {
  /** Which `timeouts` entry this deadline comes from. */
  readonly operation: Operation;
  /** The whole budget, in ms. */
  readonly budgetMs: number;
  /** Whether the budget was configured: the `timeouts` input or the engine's timeout (else the resource's default). */
  readonly configured: boolean;
  /** Whether the engine's request set the budget (the resource option `customTimeouts`, through the provider plugin). */
  readonly fromEngine: boolean;
  /** The deadline on `clock`. */
  readonly deadline: number;
  readonly clock: Clock;
  /** What is left, in ms; at least 1 (a wait given it still looks once more). */
  remaining(): number;
  /** The error for a wait or retry the deadline cut short; `waitingFor` says what was awaited. */
  exceeded(waitingFor: string, detail?: string, waitedMs?: number): DeadlineExceededError;
}

/** A wait or retry ran into its operation's deadline. A WaitTimeoutError, as every wait's timeout is. */
export class DeadlineExceededError extends WaitTimeoutError {
  constructor(message: string) {
    super(message);
    this.name = "DeadlineExceededError";
  }
}

export function operationDeadline(operation: Operation, budgetMs: number, clock: Clock, configured: boolean, fromEngine = false): OperationDeadline {
  const deadline = clock.now() + budgetMs;
  return {
    operation,
    budgetMs,
    configured: configured || fromEngine,
    fromEngine,
    deadline,
    clock,
    remaining: () => Math.max(1, deadline - clock.now()),
    exceeded(waitingFor, detail, waitedMs) {
      const waited = waitedMs ?? budgetMs - Math.max(0, deadline - clock.now());
      const source = fromEngine ? `customTimeouts.${operation}` : configured ? `timeouts.${operation}` : "the default";
      const suggestion = formatDuration(Math.max(budgetMs * 2, 60_000));
      const raise = fromEngine
        ? `the resource option \`customTimeouts: { ${operation}: "${suggestion}" }\``
        : `the resource's \`timeouts: { ${operation}: "${suggestion}" }\` input`;
      return new DeadlineExceededError(
        `Timed out after ${formatDuration(waited)} waiting for ${waitingFor}` +
          (detail ? `; ${detail}` : "") +
          `. The ${operation} deadline (${formatDuration(budgetMs)}, ${source}) ran out; ` +
          `raise it with ${raise} if the vendor is just slow.`,
      );
    },
  };
}

/** One operation's slot: the bridge fills it as it builds the operation's context. */
interface DeadlineSlot {
  deadline?: OperationDeadline;
}

const current = new AsyncLocalStorage<DeadlineSlot>();

/**
 * Runs one lifecycle operation in its own async context, so that code deep
 * inside it (the HTTP core's transport retries, the busy-retry helper) finds
 * the operation's deadline with `currentDeadline()` instead of every client
 * method taking it as an argument; resource code passes its
 * OperationContext explicitly. `deadline` may be given later, with
 * `enterDeadline`, from inside (the bridge builds the context there).
 */
export function runWithDeadline<T>(deadline: OperationDeadline | undefined, operation: () => Promise<T>): Promise<T> {
  return current.run({ deadline }, operation);
}

/** Sets the deadline of the operation `runWithDeadline` runs; outside one it does nothing. */
export function enterDeadline(deadline: OperationDeadline): void {
  const slot = current.getStore();
  if (slot) slot.deadline = deadline;
}

/** The deadline of the operation this code runs in; undefined outside one (unit tests, lookups). */
export function currentDeadline(): OperationDeadline | undefined {
  return current.getStore()?.deadline;
}

/**
 * Sleeps `ms` before a retry, or throws the deadline's error at once when the
 * retry would start after the deadline: waiting only to fail helps nobody.
 * `retrying` says what is retried and why, for the error.
 */
export async function sleepBeforeRetry(
  clock: Clock,
  ms: number,
  retrying: string,
  deadline: OperationDeadline | undefined = currentDeadline(),
): Promise<void> {
  if (deadline && deadline.clock.now() + ms >= deadline.deadline) {
    throw deadline.exceeded(retrying);
  }
  await clock.sleep(ms);
}
