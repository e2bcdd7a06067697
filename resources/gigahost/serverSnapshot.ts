import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { OperationContext, ResourceDefinition, timeoutsInput } from "../../provider/dynamic";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { ResourceInitializationError, WaitTimeoutError, unlessGone } from "../../provider/errors";
import { BRAND_LABELS, GigahostClient, gigahostClient } from "../../provider/gigahost/client";
import { SnapshotWire } from "../../provider/gigahost/wire";
import { waitFor } from "../../provider/poll";
import { CREATION_TAG_PATTERN, claimObject } from "../../provider/identity";
import { createOnce, onlyCandidate } from "../../provider/reconcile";
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { Brand } from "./brand";
import { vendorId } from "../vendorId";
import { snapshotImportId } from "./importIds";

export const serverSnapshotArgs = z
  .object({
    serverId: vendorId("the server id", "3523"),
    name: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(64, "must be at most 64 characters")
      .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, "may hold letters, digits, spaces, '.', '_' and '-', starting with a letter or digit"),
    adopt: z.boolean().default(false),
    timeouts: timeoutsInput,
  })
  .strict();

/**
 * The arguments of a `ServerSnapshot`, at Gigahost and at Terrahost; see
 * docs/gigahost.md, "ServerSnapshot (Gigahost and Terrahost)".
 */
export interface ServerSnapshotArgs {
  /**
   * The virtual server to snapshot, by its id (a `Server`'s `serverId`, or
   * `getServers()`'s), digits, e.g. `"4100"`. Dedicated servers are refused by
   * the vendor. Changing it replaces the snapshot.
   */
  serverId: pulumi.Input<string | number>;
  /**
   * The snapshot's display name, 1 to 64 characters (letters, digits, spaces,
   * `.`, `_`, `-`, starting with a letter or digit), e.g. `"before-upgrade"`.
   * The snapshot is found by it, so it must be unique on the server. Changing
   * it replaces the snapshot (the old one is deleted first).
   */
  name: pulumi.Input<string>;
  /**
   * Take over a snapshot of this name that exists already instead of failing;
   * default false. Never causes a diff.
   */
  adopt?: pulumi.Input<boolean>;
  /** Deadlines for create (default 1h: the snapshot is waited for) and delete (default 5m), e.g. `{ create: "2h" }`. Never causes a diff. */
  timeouts?: pulumi.Input<Timeouts>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<ServerSnapshotArgs, typeof serverSnapshotArgs>>;
type SnapshotInputs = z.output<typeof serverSnapshotArgs>;

export const snapshotState = stateSchema({
  /** The snapshot's Gigahost id. */
  snapshotId: z.string(),
  /** The server the snapshot is of. */
  serverId: z.string(),
  /** The snapshot's display name. */
  name: z.string(),
  /** The vendor's internal snapshot name; null until Gigahost reports one. */
  snapName: z.string().nullable(),
  /** When the snapshot was taken (ISO 8601); null until Gigahost reports it. */
  createdAt: z.string().nullable(),
  /** `"pending"` or `"completed"`. */
  state: z.string(),
});
export type SnapshotState = z.infer<typeof snapshotState>;

/**
 * The display name is the only field of a snapshot the API keeps for us: it
 * carries the creation tag after the user's name ("nightly peh-0123…"), so
 * that a create interrupted after the POST finds its snapshot. Reads strip it.
 */
const TAGGED_NAME = new RegExp(` (${CREATION_TAG_PATTERN.source})$`);

export function displayNameWithTag(name: string, tag: string | undefined): string {
  return tag ? `${name} ${tag}` : name;
}

/** The user's name and the creation tag of a display name. */
export function splitDisplayName(displayName: string): { name: string; tag?: string } {
  const match = TAGGED_NAME.exec(displayName);
  return match ? { name: displayName.slice(0, match.index), tag: match[1] } : { name: displayName };
}

export function snapshotFromWire(serverId: string, wire: SnapshotWire): SnapshotState {
  return {
    snapshotId: wire.snap_id,
    serverId,
    name: splitDisplayName(wire.snap_display_name).name,
    snapName: wire.snap_name,
    createdAt: wire.snap_time === null ? null : new Date(wire.snap_time * 1000).toISOString(),
    state: wire.snap_state,
  };
}

export function serverSnapshotDefinition(brand: Brand): ResourceDefinition<SnapshotInputs, typeof snapshotState> {
  const kind = `${brand}:ServerSnapshot`;
  const clientFor = (context: OperationContext) => gigahostClient(brand, context.settings, context);

  /** The server's snapshots; undefined once the server itself is confirmed gone. */
  async function listSnapshots(client: GigahostClient, serverId: string): Promise<SnapshotWire[] | undefined> {
    const snapshots = await unlessGone(client.servers.snapshots(serverId));
    if (snapshots) return snapshots;
    // A 404 may be the transient absence of the server (docs/gigahost.md, "Vendor quirks handled").
    if (await client.servers.find(serverId)) return client.servers.snapshots(serverId);
    return undefined;
  }

  /** Waits until the snapshot is completed; a timeout keeps the id and partial state for the next `pulumi up`. */
  async function waitUntilCompleted(client: GigahostClient, inputs: SnapshotInputs, snapshotId: string, context: OperationContext): Promise<SnapshotState> {
    let last: SnapshotWire | undefined;
    try {
      last = await waitFor(
        async () => (await client.servers.snapshots(inputs.serverId)).find((snapshot) => snapshot.snap_id === snapshotId),
        (snapshot) => {
          if (!snapshot) throw new Error(`${kind} "${inputs.name}" (snapshot ${snapshotId}) vanished from server ${inputs.serverId} before it completed`);
          last = snapshot;
          return snapshot.snap_state === "completed";
        },
        {
          description: `snapshot "${inputs.name}" of ${BRAND_LABELS[brand]} server ${inputs.serverId} to complete`,
          deadline: context,
          describe: (snapshot) => snapshot?.snap_state ?? "absent",
          initialDelayMs: 5_000,
          maxDelayMs: 30_000,
          clock: context.clock,
          logger: context.logger,
        },
      );
    } catch (error) {
      if (error instanceof WaitTimeoutError && last) {
        throw new ResourceInitializationError(snapshotId, { ...inputs, ...snapshotFromWire(inputs.serverId, last) }, [error.message]);
      }
      throw error;
    }
    return snapshotFromWire(inputs.serverId, last!);
  }

  return {
    kind,
    inputs: serverSnapshotArgs,
    state: snapshotState,
    replaceOnChanges: ["serverId", "name"],
    ignoreChanges: ["adopt", "timeouts"],
    // The display name identifies the snapshot (the API returns no id), and a replacement carries the
    // same creation tag: the old snapshot must be gone before the new one is looked for.
    deleteBeforeReplace: true,
    defaultTimeouts: { create: 60 * 60_000, update: 60 * 60_000, delete: 5 * 60_000 },
    /**
     * `serverId/snapshotId`, e.g. `3523/4711` (GET /servers/{id}/snapshots' `snap_id`): read gives
     * back `serverId` and `name` (the display name without a creation tag).
     */
    importId: snapshotImportId,

    async create(inputs, context) {
      const client = clientFor(context);
      const tag = context.creationTag;
      claimObject(`${brand}:snapshot:${inputs.serverId}:${inputs.name}`, tag ?? inputs.name, `${kind} "${inputs.name}" of server ${inputs.serverId}`);
      const description = `${kind} "${inputs.name}" of server ${inputs.serverId}`;
      const named = async () => {
        const snapshots = await listSnapshots(client, inputs.serverId);
        if (!snapshots) throw new Error(`${kind}: the ${BRAND_LABELS[brand]} account has no server ${inputs.serverId}`);
        return snapshots.filter((snapshot) => splitDisplayName(snapshot.snap_display_name).name === inputs.name);
      };
      // This resource's snapshot: the one carrying its creation tag; without a tag (older programs), one of its name still being taken.
      const isOurs = (snapshot: SnapshotWire) =>
        tag ? splitDisplayName(snapshot.snap_display_name).tag === tag : snapshot.snap_display_name === inputs.name && snapshot.snap_state === "pending";
      const existing = await named();
      const others = existing.filter((snapshot) => !isOurs(snapshot));
      if (others.length > 0 && !existing.some(isOurs)) {
        if (!inputs.adopt) {
          throw new Error(
            `${kind}: server ${inputs.serverId} already has a snapshot named "${inputs.name}" (snapshot ${others.map((snapshot) => snapshot.snap_id).join(", ")}). ` +
              "Set `adopt: true` to manage it, or choose another name (snapshots are found by name: the API returns no id).",
          );
        }
        const adopted = onlyCandidate(others, (snapshot) => snapshot.snap_id, description)!;
        return { id: adopted.snap_id, state: await waitUntilCompleted(client, inputs, adopted.snap_id, context) };
      }
      // The answer carries no id: the snapshot is found by its (tagged) display name.
      const { object: created } = await createOnce<SnapshotWire>({
        attempt: () => client.servers.createSnapshot(inputs.serverId, displayNameWithTag(inputs.name, tag)),
        find: async () => onlyCandidate((await named()).filter(isOurs), (snapshot) => snapshot.snap_id, description),
        description: `creating snapshot "${inputs.name}" of server ${inputs.serverId}`,
        clock: context.clock,
        logger: context.logger,
      });
      const state = await waitUntilCompleted(client, inputs, created.snap_id, context);
      return { id: created.snap_id, state };
    },

    async read(id, state, context) {
      const client = clientFor(context);
      const snapshots = await listSnapshots(client, state.serverId);
      const snapshot = snapshots?.find((candidate) => candidate.snap_id === id);
      return snapshot && snapshotFromWire(state.serverId, snapshot);
    },

    async update(id, _olds, news, context) {
      // Every input replaces; an update only finishes a create that timed out.
      return waitUntilCompleted(clientFor(context), news, id, context);
    },

    async delete(id, state, context) {
      const client = clientFor(context);
      // False when the snapshot (or the server, and its snapshots with it) is gone.
      await client.servers.deleteSnapshot(state.serverId, id);
    },
  };
}

/**
 * A snapshot of a Gigahost virtual server. Create waits until it is
 * completed; any input change replaces it; delete deletes it.
 */
export class ServerSnapshot extends resourceClass<ServerSnapshotArgs>()(serverSnapshotDefinition("gigahost")) {}
