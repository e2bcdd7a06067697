// Gandi Simple Hosting data: instances and vhosts, asynchronous provisioning on
// the emulator clock (docs/vendor-documents.md, "Gandi: instances",
// "Gandi: vhosts"). Gandi's asynchronous work (billing, provisioning, PATCH
// changes, a booster's end, deletions, a vhost going live) is jobs on the
// shared job clock (../jobs.ts), which the core runs before every request; no
// timer runs. Each job's due time is stored with its record, so restore()
// schedules the jobs again. The operations live by area: instances.ts and
// vhosts.ts.
import type { EmulatorClock, JobClock } from "../core";
import { notFound } from "./errors";
import { GandiInstances } from "./instances";
import type { GandiSnapshot, GandiTimings, PendingChange, StoredInstance, StoredVhost } from "./records";
import { GandiVhosts } from "./vhosts";

type InstancePhase = "waiting_bill" | "being_created" | "active";

export class GandiState {
  instancesById = new Map<string, StoredInstance>();
  vhostsByKey = new Map<string, StoredVhost>();
  /** Fqdns whose ownership Gandi cannot verify: their vhosts stay in waiting_ownership. */
  ownershipRequired = new Set<string>();
  /** Free domains registered with an order: a domain outlives its instance (it is Gandi's domain API's object). */
  registeredDomains = new Set<string>();
  readonly instances = new GandiInstances(this);
  readonly vhosts = new GandiVhosts(this);
  readonly clock: EmulatorClock;
  /** Where each instance's creation stands; set by its jobs, not stored (it follows from billedAt and activeAt). */
  private phases = new WeakMap<StoredInstance, InstancePhase>();
  /** Vhosts past their readyAt; set by their jobs, not stored. */
  private readyVhosts = new WeakSet<StoredVhost>();

  constructor(
    private readonly jobs: JobClock,
    readonly timings: GandiTimings,
  ) {
    this.clock = jobs.clock;
  }

  // ---- jobs ------------------------------------------------------------

  /** Every job of an instance, from its stored times (creation and restore). */
  scheduleInstance(instance: StoredInstance): void {
    this.scheduleCreation(instance);
    for (const change of instance.pending) this.scheduleChange(instance, change);
    if (instance.boosterUntil !== null) this.scheduleBoosterEnd(instance);
    if (instance.deletedAt !== null) this.scheduleRemoval(instance);
  }

  /** waiting_bill until billedAt, being_created until activeAt, then active; scheduled again when a seed moves those times. */
  scheduleCreation(instance: StoredInstance): void {
    this.phases.set(instance, "waiting_bill");
    this.jobs.at(instance.billedAt, () => this.phases.set(instance, "being_created"), `instance:${instance.id}:billed`);
    this.jobs.at(instance.activeAt, () => this.phases.set(instance, "active"), `instance:${instance.id}:active`);
  }

  /** A PATCH's size, storage or language change applies at its applyAt. */
  scheduleChange(instance: StoredInstance, change: PendingChange): void {
    this.jobs.at(change.applyAt, () => {
      if (!instance.pending.includes(change)) return;
      if (change.size !== undefined) instance.size = change.size;
      if (change.storageAdditional !== undefined) instance.storageAdditional = change.storageAdditional;
      if (change.language !== undefined) instance.language = change.language;
      instance.pending = instance.pending.filter((pending) => pending !== change);
    });
  }

  /** The booster ends at boosterUntil, unless it was switched off or boosted again since. */
  scheduleBoosterEnd(instance: StoredInstance): void {
    this.jobs.at(instance.boosterUntil!, (dueAt) => {
      if (instance.boosterUntil === dueAt) instance.boosterUntil = null;
    });
  }

  /** A deleted instance and its vhosts are gone `deleteMs` after the delete. */
  scheduleRemoval(instance: StoredInstance): void {
    this.jobs.at(instance.deletedAt! + this.timings.deleteMs, () => {
      if (this.instancesById.get(instance.id) !== instance) return;
      this.instancesById.delete(instance.id);
      for (const [key, vhost] of this.vhostsByKey) if (vhost.instanceId === instance.id) this.vhostsByKey.delete(key);
    });
  }

  /** Every job of a vhost: running (or waiting for ownership) at readyAt, gone `vhostDeleteMs` after a delete. */
  scheduleVhost(vhost: StoredVhost): void {
    const key = this.vhostKey(vhost.instanceId, vhost.fqdn);
    this.jobs.at(vhost.readyAt, () => this.readyVhosts.add(vhost), `vhost:${key}:ready`);
    if (vhost.deletedAt !== null) this.scheduleVhostRemoval(vhost);
  }

  scheduleVhostRemoval(vhost: StoredVhost): void {
    const key = this.vhostKey(vhost.instanceId, vhost.fqdn);
    this.jobs.at(vhost.deletedAt! + this.timings.vhostDeleteMs, () => {
      if (this.vhostsByKey.get(key) === vhost) this.vhostsByKey.delete(key);
    });
  }

  // ---- statuses ----------------------------------------------------------

  instanceStatus(instance: StoredInstance): string {
    if (instance.deletedAt !== null) return "being_deleted";
    if (instance.hold) return instance.hold;
    return this.phases.get(instance) ?? "waiting_bill";
  }

  vhostStatus(vhost: StoredVhost): string {
    if (vhost.deletedAt !== null) return "being_deleted";
    if (!this.readyVhosts.has(vhost)) return "being_created";
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
      registeredDomains: [...this.registeredDomains],
    };
  }

  /** Expects the job clock cleared; schedules again the jobs of every instance and vhost from their stored times. */
  restore(snapshot: GandiSnapshot): void {
    this.instancesById = new Map(snapshot.instances.map((instance) => [instance.id, structuredClone(instance)]));
    this.vhostsByKey = new Map(snapshot.vhosts.map((vhost) => [this.vhostKey(vhost.instanceId, vhost.fqdn), structuredClone(vhost)]));
    this.ownershipRequired = new Set(snapshot.ownershipRequired ?? []);
    this.registeredDomains = new Set(snapshot.registeredDomains ?? []);
    for (const instance of this.instancesById.values()) this.scheduleInstance(instance);
    for (const vhost of this.vhostsByKey.values()) this.scheduleVhost(vhost);
  }
}
