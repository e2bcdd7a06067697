import { retryWhileBusy } from "../busy";
import { ApiError } from "../errors";
import { waitFor } from "../poll";
import type { GigasClient, VirtualMachineWire, WaitContext } from "./client";

/*
 * A VM runs one operation at a time (the VM page's `locked`): operations
 * start only on a free VM, and a refusal because it is locked is waited out
 * through the one busy-retry helper (provider/busy.ts).
 */

/**
 * An operation on a VM that another operation holds (the VM page's `locked`) is refused.
 * How is not documented (docs/gigas.md): the emulator answers 409 with "locked" in the
 * text; 423 Locked, the other plausible answer, is read the same way.
 */
export function isLockedRefusal(error: ApiError): boolean {
  return error.status === 423 || (error.status === 409 && /locked/i.test(error.vendorMessage ?? ""));
}

/**
 * Waits until no queued operation holds a Gigas object (its page's `locked`:
 * a VM, a disk, a backup). Resolves undefined when the object is gone.
 * `what` names it in the wait's log lines ("disk 12", "backup 7").
 */
export async function waitUntilFree<T extends { locked?: boolean | null; status?: string | null }>(
  what: string,
  read: () => Promise<T | undefined>,
  context: WaitContext,
  before?: string,
): Promise<T | undefined> {
  return waitFor(read, (object) => object === undefined || !object.locked, {
    description: `${what} to be free of other operations${before ? ` before ${before}` : ""}`,
    deadline: context,
    describe: (object) => (object ? `${object.status ?? "unknown"}, locked` : "gone"),
    initialDelayMs: 2000,
    maxDelayMs: 15_000,
    clock: context.clock,
    logger: context.logger,
  });
}

/**
 * Waits until no operation holds the VM (`locked` false, the VM page). Resolves
 * undefined when the VM is gone. Operations must never start on a locked VM.
 */
export async function waitForVirtualMachineUnlocked(client: GigasClient, vmId: string, description: string, context: WaitContext): Promise<VirtualMachineWire | undefined> {
  return waitUntilFree(`virtual machine ${vmId}`, () => client.getVirtualMachine(vmId), context, description);
}

/**
 * Runs an operation on a VM the way Gigas requires: only while no other
 * operation holds it. A refusal because the VM is locked applied nothing
 * (for a POST too): it is answered by waiting until the VM is free and
 * trying again, within the operation's deadline (provider/busy.ts), not by
 * retrying into the lock. Resolves undefined when the VM is gone (a lost
 * delete that went through ends this way). Transport failures are the HTTP
 * core's: a PUT or DELETE whose answer was lost is repeated there, and finds
 * the VM locked by its own first copy, which brings it back here.
 */
export async function whenUnlocked<T>(client: GigasClient, vmId: string, description: string, context: WaitContext, operation: () => Promise<T>): Promise<T | undefined> {
  return retryWhileBusy(operation, {
    description: `Gigas: ${description} (virtual machine ${vmId})`,
    isBusy: isLockedRefusal,
    // A VM is locked as long as another operation's job runs.
    untilDeadline: true,
    untilFree: async () => (await waitForVirtualMachineUnlocked(client, vmId, description, context)) !== undefined,
    deadline: context,
    clock: context.clock,
    logger: context.logger,
    random: client.random,
  });
}
