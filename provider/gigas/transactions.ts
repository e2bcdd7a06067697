import { waitFor } from "../poll";
import type { GigasClient, WaitContext } from "./client";
import { TransactionStatusWire } from "./wire";

/**
 * A queued transaction ended in a status other than Completed. The
 * quickstart's answer has only `status` (+ `updated_at`), so the status and
 * the token are what is said; words the vendor adds are shown too.
 */
export class TransactionFailedError extends Error {
  constructor(
    readonly description: string,
    readonly vendorStatus: string,
    readonly vendorMessage: string | undefined,
    readonly token: string,
  ) {
    super(`Gigas ${description} ended with status "${vendorStatus}"${vendorMessage ? `: ${vendorMessage}` : ""} (transaction ${token})`);
    this.name = "TransactionFailedError";
  }
}

/** Statuses of a transaction still queued or running (quickstart: "pending"). */
const PENDING_STATUSES = new Set(["pending", "queued", "running", "processing", "in progress"]);

/**
 * Follows a queued transaction from "pending" to "Completed". Any other
 * status is terminal and fails with the vendor's words (the quickstart
 * names only these two; statuses are compared case-insensitively).
 */
export async function waitForTransaction(client: GigasClient, token: string, description: string, context: WaitContext): Promise<TransactionStatusWire> {
  return waitFor(
    () => client.transactionStatus(token),
    (answer) => {
      const status = answer.status.trim().toLowerCase();
      if (status === "completed") return true;
      if (PENDING_STATUSES.has(status)) return false;
      const words = answer.message ?? (typeof answer.error === "string" ? answer.error : undefined);
      throw new TransactionFailedError(description, answer.status, words ?? undefined, token);
    },
    {
      description: `${description} (transaction ${token})`,
      deadline: context,
      describe: (answer) => answer.status,
      initialDelayMs: 2000,
      maxDelayMs: 15_000,
      clock: context.clock,
      logger: context.logger,
    },
  );
}
