// Gandi Simple Hosting data: instances and vhosts, asynchronous
// provisioning on the emulator clock (gandi-simplehosting-v5.txt). States are
// derived from timestamps when read, so a test that advances (or scales) the
// clock sees waiting_bill → being_created → active without any timer running.
// The operations live by area: instances.ts and vhosts.ts.
import type { EmulatorClock } from "../core";
import { notFound } from "./errors";
import { GandiInstances } from "./instances";
import type { GandiSnapshot, GandiTimings, StoredInstance, StoredVhost } from "./records";
import { GandiVhosts } from "./vhosts";

export class GandiState {
  instancesById = new Map<string, StoredInstance>();
  vhostsByKey = new Map<string, StoredVhost>();
  /** Fqdns whose ownership Gandi cannot verify: their vhosts stay in waiting_ownership. */
  ownershipRequired = new Set<string>();
  readonly instances = new GandiInstances(this);
  readonly vhosts = new GandiVhosts(this);

  constructor(
    readonly clock: EmulatorClock,
    readonly timings: GandiTimings,
  ) {}

  // ---- time ------------------------------------------------------------

  /** Applies due changes and forgets what finished deleting. Called before every read and write. */
  settle(): void {
    const now = this.clock.now();
    for (const instance of [...this.instancesById.values()]) {
      if (instance.deletedAt !== null && now >= instance.deletedAt + this.timings.deleteMs) {
        this.instancesById.delete(instance.id);
        for (const [key, vhost] of this.vhostsByKey) if (vhost.instanceId === instance.id) this.vhostsByKey.delete(key);
        continue;
      }
      const due = instance.pending.filter((change) => now >= change.applyAt);
      for (const change of due) {
        if (change.size !== undefined) instance.size = change.size;
        if (change.storageAdditional !== undefined) instance.storageAdditional = change.storageAdditional;
        if (change.language !== undefined) instance.language = change.language;
      }
      instance.pending = instance.pending.filter((change) => now < change.applyAt);
      if (instance.boosterUntil !== null && now >= instance.boosterUntil) instance.boosterUntil = null;
    }
    for (const [key, vhost] of this.vhostsByKey) {
      if (vhost.deletedAt !== null && now >= vhost.deletedAt + this.timings.vhostDeleteMs) this.vhostsByKey.delete(key);
    }
  }

  instanceStatus(instance: StoredInstance): string {
    const now = this.clock.now();
    if (instance.deletedAt !== null) return "being_deleted";
    if (instance.hold) return instance.hold;
    if (now < instance.billedAt) return "waiting_bill";
    if (now < instance.activeAt) return "being_created";
    return "active";
  }

  vhostStatus(vhost: StoredVhost): string {
    if (vhost.deletedAt !== null) return "being_deleted";
    if (this.clock.now() < vhost.readyAt) return "being_created";
    if (vhost.ownership === "required") return "waiting_ownership";
    if (vhost.ownership === "failed") return "validation_failed";
    return "running";
  }

  // ---- lookups -----------------------------------------------------------

  instance(id: string): StoredInstance {
    const instance = this.instancesById.get(id);
    if (!instance) throw notFound("instance");
    return instance;
  }

  vhostKey(instanceId: string, fqdn: string): string {
    return `${instanceId}|${fqdn}`;
  }

  snapshot(): GandiSnapshot {
    return {
      instances: structuredClone([...this.instancesById.values()]),
      vhosts: structuredClone([...this.vhostsByKey.values()]),
      ownershipRequired: [...this.ownershipRequired],
    };
  }

  restore(snapshot: GandiSnapshot): void {
    this.instancesById = new Map(snapshot.instances.map((instance) => [instance.id, structuredClone(instance)]));
    this.vhostsByKey = new Map(snapshot.vhosts.map((vhost) => [this.vhostKey(vhost.instanceId, vhost.fqdn), structuredClone(vhost)]));
    this.ownershipRequired = new Set(snapshot.ownershipRequired ?? []);
  }
}
