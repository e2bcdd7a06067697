import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ResourceDefinition, timeoutsInput } from "../../provider/dynamic";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { ApiError, ResourceInitializationError, camelCaseField } from "../../provider/errors";
import { BackupWire, GigasClient, WaitContext, gigasClient } from "../../provider/gigas/client";
import { waitForTransaction } from "../../provider/gigas/transactions";
import { waitUntilFree, whenUnlocked } from "../../provider/gigas/locks";
import { isRetryableStatus } from "../../provider/retry";
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { reasonOf } from "./operation";
import { vendorId } from "../vendorId";

export const backupRestoreArgs = z
  .object({
    backupId: vendorId("a Gigas backup id, e.g. one from getBackups"),
    trigger: z
      .string({ error: "must be a string, e.g. a date or a ticket number" })
      .trim()
      .min(1, "must not be empty (omit it for none)")
      .max(255, "must be at most 255 characters")
      .optional(),
    timeouts: timeoutsInput,
  })
  .strict();

/** The arguments of a `BackupRestore`; see docs/gigas.md. */
export interface BackupRestoreArgs {
  /**
   * The backup to restore, e.g. an id from `getBackups`. Gigas writes it back
   * to the disk it came from, overwriting everything on that disk. Changing it
   * replaces the resource: the new backup is restored.
   */
  backupId: pulumi.Input<string | number>;
  /**
   * Any text; changing it restores the backup again, in place (e.g. a date or a
   * ticket number). Omitted: the backup is restored once, at create.
   */
  trigger?: pulumi.Input<string>;
  /** Deadlines for create and update, which wait for the restore (default 60m each). Never causes a diff. */
  timeouts?: pulumi.Input<Timeouts>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<BackupRestoreArgs, typeof backupRestoreArgs>>;
type BackupRestoreInputs = z.output<typeof backupRestoreArgs>;

export const backupRestoreState = stateSchema({
  /** The disk the backup was restored to (the backup's `disk_id`); null if Gigas names none. */
  diskId: z.string().nullable(),
  /**
   * `"completed"`: the restore ran to its end. `"unknown"`: the restore request
   * got no answer, so whether Gigas applied it is not known; it is not sent
   * again until `trigger` changes.
   */
  restoreStatus: z.enum(["completed", "unknown"]),
  /** When the last restore ended, as Gigas's transaction says; null when not known. */
  restoredAt: z.string().nullable(),
  /** The backup's status as Gigas reports it now; null once the backup is deleted. */
  backupStatus: z.string().nullable(),
  /** The backup's date, as Gigas writes it. */
  backupDateCreated: z.string().nullable(),
});
export type BackupRestoreState = z.infer<typeof backupRestoreState>;

const KIND = "gigas:BackupRestore";

/** The backup page does not say what a backup shows while restored: the emulator's (and our) guess is `locked` with status "restoring" (docs/gigas.md). */
function restoring(backup: BackupWire): boolean {
  return backup.locked === true && backup.status?.trim().toLowerCase() === "restoring";
}

async function waitForBackupFree(client: GigasClient, backupId: string, context: WaitContext): Promise<BackupWire | undefined> {
  return waitUntilFree(`backup ${backupId}`, () => client.getBackup(backupId), context);
}

function stateOf(backup: BackupWire | undefined, restore: Pick<BackupRestoreState, "restoreStatus" | "restoredAt" | "diskId">): BackupRestoreState {
  return {
    ...restore,
    backupStatus: backup?.status ?? null,
    backupDateCreated: backup?.date_created ?? null,
  };
}

/** The request got no answer, or a 5xx: Gigas may have queued the restore. */
function outcomeUnknown(error: unknown): boolean {
  return error instanceof ApiError && error.status !== 429 && isRetryableStatus(error.status);
}

/**
 * Restores the backup once. A restore of this backup already running (an
 * interrupted create or update started it) is waited for, not started again.
 * A request whose outcome is unknown is never repeated: the resource is kept
 * with `restoreStatus` "unknown" and the next `up` does not restore again.
 */
async function restoreOnce(client: GigasClient, backupId: string, context: WaitContext, inputs: BackupRestoreInputs): Promise<BackupRestoreState> {
  const description = `${KIND}: restoring backup ${backupId}`;
  let backup = await client.getBackup(backupId);
  if (!backup) throw new Error(`${KIND}: backupId: there is no backup ${backupId} in this account`);
  if (restoring(backup)) {
    context.logger.info(`${description}: a restore of this backup is already running (an interrupted run started it); waiting for it instead of restoring again`);
    const after = await waitForBackupFree(client, backupId, context);
    return stateOf(after, { diskId: backup.disk_id ?? null, restoreStatus: "completed", restoredAt: null });
  }
  if (backup.locked) backup = await waitForBackupFree(client, backupId, context);
  if (!backup) throw new Error(`${KIND}: backupId: backup ${backupId} was deleted while waiting to restore it`);
  const diskId = backup.disk_id ?? null;
  const disk = diskId ? await client.getDisk(diskId) : undefined;
  const vmId = disk?.virtual_machine_id;
  let restored: BackupWire;
  try {
    const send = () => client.restoreBackup(backupId);
    const answer = vmId ? await whenUnlocked(client, vmId, `restoring backup ${backupId} to disk ${diskId}`, context, send) : await send();
    if (!answer) throw new Error(`${KIND}: virtual machine ${vmId} of disk ${diskId} does not exist`);
    restored = answer;
  } catch (error) {
    if (!outcomeUnknown(error)) throw error;
    const now = await client.getBackup(backupId).catch(() => undefined);
    if (now && restoring(now)) {
      const after = await waitForBackupFree(client, backupId, context);
      return stateOf(after, { diskId, restoreStatus: "completed", restoredAt: null });
    }
    throw new ResourceInitializationError(backupId, { ...inputs, ...stateOf(now ?? backup, { diskId, restoreStatus: "unknown", restoredAt: null }) }, [
      `${reasonOf(error)}. Gigas may or may not have restored backup ${backupId}; it is not sent again: change \`trigger\` to restore it`,
    ]);
  }
  const ended = restored.queue_token ? await waitForTransaction(client, restored.queue_token, `restore of backup ${backupId}`, context) : undefined;
  const after = await waitForBackupFree(client, backupId, context);
  return stateOf(after, { diskId: restored.disk_id ?? diskId, restoreStatus: "completed", restoredAt: ended?.updated_at ?? null });
}

export const backupRestoreDefinition: ResourceDefinition<BackupRestoreInputs, typeof backupRestoreState> = {
  kind: KIND,
  inputs: backupRestoreArgs,
  state: backupRestoreState,
  // A restore makes nothing at Gigas: there is no object for a creation tag to mark.
  createsObjects: false,
  replaceOnChanges: ["backupId"],
  ignoreChanges: ["timeouts"],
  // A refusal of the backup's disk (gone, say) is for the user to answer with another backup.
  inputForField: (field) => (field === "disk_id" ? "backupId" : camelCaseField(field)),
  defaultTimeouts: { create: 60 * 60_000, update: 60 * 60_000, delete: 60_000 },

  async create(inputs, context) {
    const client = gigasClient(context.settings, context);
    return { id: inputs.backupId, state: await restoreOnce(client, inputs.backupId, context, inputs) };
  },

  /** The restore stays done: a backup deleted since only shows as a null `backupStatus` (reporting it gone would restore again). */
  async read(id, state, context) {
    const client = gigasClient(context.settings, context);
    const backup = await client.getBackup(id);
    return stateOf(backup, { diskId: state.diskId, restoreStatus: state.restoreStatus, restoredAt: state.restoredAt });
  },

  async update(id, olds, news, context) {
    const client = gigasClient(context.settings, context);
    if (news.trigger !== olds.trigger) return restoreOnce(client, news.backupId, context, news);
    // Nothing asked for a restore (e.g. the run after one whose outcome was unknown): only read.
    return stateOf(await client.getBackup(id), { diskId: olds.diskId, restoreStatus: olds.restoreStatus, restoredAt: olds.restoredAt });
  },

  /** A restore cannot be undone: delete only forgets it; the disk and the backup stay as they are. */
  async delete() {},
};

/**
 * Restores a Gigas backup to the disk it came from (the backup page's
 * Restore): once when created, and again each time `trigger` changes.
 * Everything on that disk is overwritten with the backup's content. Deleting
 * the resource changes nothing at Gigas.
 */
export class BackupRestore extends resourceClass<BackupRestoreArgs>()(backupRestoreDefinition) {}
