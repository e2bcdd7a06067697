import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ResourceDefinition, timeoutsInput } from "../../provider/dynamic";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { ApiError, ResourceInitializationError, ResponseParseError, camelCaseField } from "../../provider/errors";
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
   * got no answer, or Gigas took it but its end was not seen (it failed, or
   * the deadline ran out), so what it did to the disk is not known; it is not
   * sent again until `trigger` changes.
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

/**
 * The request got no answer, a 5xx, or a 2xx whose body could not be read:
 * Gigas may have queued the restore (the last, surely).
 */
function outcomeUnknown(error: unknown): boolean {
  return error instanceof ResponseParseError || (error instanceof ApiError && error.status !== 429 && isRetryableStatus(error.status));
}

/** The resource kept with `restoreStatus` "unknown": the restore is never sent again until `trigger` changes. */
function keptUnknown(backupId: string, inputs: BackupRestoreInputs, backup: BackupWire | undefined, diskId: string | null, reason: string): ResourceInitializationError {
  return new ResourceInitializationError(backupId, { ...inputs, ...stateOf(backup, { diskId, restoreStatus: "unknown", restoredAt: null }) }, [
    `${reason}; it is not sent again: change \`trigger\` to restore it`,
  ]);
}

/**
 * Waits for a restore Gigas has taken (or may have). Whatever fails here (the
 * transaction, a poll, the deadline) keeps the resource with `restoreStatus`
 * "unknown", as a lost answer does: a plain error would record nothing, and
 * the next `up` would restore again, overwriting the disk a second time.
 */
async function afterRestoreTaken(
  backupId: string,
  inputs: BackupRestoreInputs,
  lastSeen: BackupWire | undefined,
  diskId: string | null,
  wait: () => Promise<BackupRestoreState>,
): Promise<BackupRestoreState> {
  try {
    return await wait();
  } catch (error) {
    throw keptUnknown(backupId, inputs, lastSeen, diskId, `${reasonOf(error)}. Gigas had taken the restore of backup ${backupId}, so the disk may be overwritten`);
  }
}

/**
 * Restores the backup once. A restore of this backup already running (an
 * interrupted create or update started it) is waited for, not started again.
 * A request whose outcome is unknown, or a restore taken whose end is not
 * seen, is never repeated: the resource is kept with `restoreStatus`
 * "unknown" and the next `up` does not restore again.
 */
async function restoreOnce(client: GigasClient, backupId: string, context: WaitContext, inputs: BackupRestoreInputs): Promise<BackupRestoreState> {
  const description = `${KIND}: restoring backup ${backupId}`;
  let backup = await client.getBackup(backupId);
  if (!backup) throw new Error(`${KIND}: backupId: there is no backup ${backupId} in this account`);
  if (restoring(backup)) {
    context.logger.info(`${description}: a restore of this backup is already running (an interrupted run started it); waiting for it instead of restoring again`);
    const running = backup;
    const runningDisk = running.disk_id ?? null;
    return afterRestoreTaken(backupId, inputs, running, runningDisk, async () =>
      stateOf(await waitForBackupFree(client, backupId, context), { diskId: runningDisk, restoreStatus: "completed", restoredAt: null }),
    );
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
      return afterRestoreTaken(backupId, inputs, now, diskId, async () =>
        stateOf(await waitForBackupFree(client, backupId, context), { diskId, restoreStatus: "completed", restoredAt: null }),
      );
    }
    throw keptUnknown(backupId, inputs, now ?? backup, diskId, `${reasonOf(error)}. Gigas may or may not have restored backup ${backupId}`);
  }
  const restoredDisk = restored.disk_id ?? diskId;
  return afterRestoreTaken(backupId, inputs, restored, restoredDisk, async () => {
    const ended = restored.queue_token ? await waitForTransaction(client, restored.queue_token, `restore of backup ${backupId}`, context) : undefined;
    const after = await waitForBackupFree(client, backupId, context);
    return stateOf(after, { diskId: restoredDisk, restoreStatus: "completed", restoredAt: ended?.updated_at ?? null });
  });
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
  notImportable:
    "a BackupRestore is a one-off action (Gigas writes a backup back to its disk), not an object Gigas keeps: there is nothing to import. " +
    "Declare one only to restore a backup (a new resource restores it once when created)",

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
