import { z } from "zod";
import { OperationContext } from "../../provider/dynamic";
import { WaitContext } from "../../provider/gigas/client";

/**
 * One deadline for a whole operation: every wait inside it (a VM busy with
 * another operation, then the queued transaction) gets what is left of the
 * resource's `timeouts` budget, not a fresh one each.
 */
export function operationDeadline(context: OperationContext): () => WaitContext {
  const deadline = context.clock.now() + context.timeoutMs;
  return () => ({ timeoutMs: Math.max(0, deadline - context.clock.now()), clock: context.clock, logger: context.logger });
}

/** A Gigas id as users pass it: digits, as a string or a number. */
export function gigasId(what: string) {
  return z
    .union([z.string(), z.number()], { error: `must be ${what}` })
    .transform((value) => String(value).trim())
    .pipe(z.string().regex(/^\d+$/, `must be ${what} (digits)`));
}

/** Text of any error, for init-failure reasons. */
export function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.+$/, "");
}
