// Gandi Simple Hosting as the fake stores it: instances, vhosts, the
// timings of Gandi's asynchronous work, and the snapshot shape. Snapshots hold
// these shapes as they are: change them only with a conversion in restore.
export interface GandiTimings {
  /** How long a new instance waits for its bill to be paid; default 20 s. */
  billMs: number;
  /** Provisioning after payment; default 3 min. */
  provisionMs: number;
  /** How long a resize, storage increase or language upgrade takes to apply; default 1 min. */
  changeMs: number;
  /** being_deleted → gone; default 30 s. */
  deleteMs: number;
  /** Vhost being_created → running; default 20 s. */
  vhostCreateMs: number;
  /** Vhost being_deleted → gone; default 10 s. */
  vhostDeleteMs: number;
}

export const DEFAULT_TIMINGS: GandiTimings = {
  billMs: 20_000,
  provisionMs: 180_000,
  changeMs: 60_000,
  deleteMs: 30_000,
  vhostCreateMs: 20_000,
  vhostDeleteMs: 10_000,
};

export type Software = { name: string; version: string };

export interface PendingChange {
  applyAt: number;
  size?: string;
  storageAdditional?: number;
  language?: Software;
}

export interface StoredInstance {
  id: string;
  name: string;
  size: string;
  region: "FR" | "LU";
  database: Software;
  language: Software;
  snapshotEnabled: boolean;
  storageAdditional: number;
  autorenew: boolean;
  duration: number;
  passwordUpdatedAt: string | null;
  sshKeys: string[];
  sharingId: string;
  createdAt: number;
  billedAt: number;
  activeAt: number;
  /** An out-of-band hold ("locked", "paused") overriding the derived status. */
  hold: "locked" | "paused" | null;
  pending: PendingChange[];
  deletedAt: number | null;
  consoleEnabled: boolean;
  boosterUntil: number | null;
  /** PATCH `booster_options.size`; Gandi's choice ("business" here, a guess) without it. */
  boosterSize: string | null;
  restarts: number;
  databasePasswordResets: number;
  /** POST `domain`: the free domain registered with the order, as sent. Absent in older snapshots and without one. */
  freeDomain?: Record<string, unknown>;
}

export interface StoredVhost {
  instanceId: string;
  fqdn: string;
  createdAt: number;
  readyAt: number;
  application: { name: string; parameters: Record<string, unknown> } | null;
  httpsStrategy: string;
  allowAlteration: boolean;
  allowAlterationOverride: boolean;
  /**
   * Whether the vhost has a TLS certificate; `https_strategy` is only shown
   * with one ("This field is only present if you have a certificate").
   * Instance-create vhosts get one with `with_free_ssl`; vhosts posted later
   * get Gandi's free certificate (emulator's guess). Absent in older snapshots: true.
   */
  certificate?: boolean;
  ownership: "validated" | "required" | "failed";
  deletedAt: number | null;
  cachePurges: number;
}

export interface GandiSnapshot {
  instances: StoredInstance[];
  vhosts: StoredVhost[];
  ownershipRequired: string[];
  /** Free domains registered with an order (they outlive the instance). Absent in older snapshots. */
  registeredDomains?: string[];
}

/** A vhost link as instances list them. */
export type VhostLink = { fqdn: string; href: string };

export const DEFAULT_SHARING_ID = "5f2b2e3c-0000-4000-a000-00000000d0d0";

export interface SeedInstance {
  name: string;
  size?: string;
  location?: "FR" | "LU";
  database?: string;
  databaseVersion?: string;
  language?: string;
  languageVersion?: string;
  storageAdditionalSize?: number;
  snapshotEnabled?: boolean;
}
