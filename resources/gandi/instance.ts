import { randomUUID } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { OperationContext, ResourceDefinition, timeoutsInput } from "../../provider/dynamic";
import { CheckFailure } from "../../provider/inputs";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { ResourceInitializationError } from "../../provider/errors";
import { waitFor } from "../../provider/poll";
import { claimObject } from "../../provider/identity";
import { onlyCandidate, writeReconciled } from "../../provider/reconcile";
import { registerSecret } from "../../provider/redact";
import { GandiClient, gandiClient } from "../../provider/gandi/client";
import {
  BOOSTER_SIZES,
  CURRENT_SIZES,
  HTTPS_STRATEGIES,
  InstanceCreateBody,
  InstancePatchBody,
  InstanceWire,
  LEGACY_RESIZE_TARGETS,
  LEGACY_SIZES,
  gigabytes,
} from "../../provider/gandi/wire";
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { instanceProperty } from "./fields";
import { fqdnInput } from "./fqdn";

export const LOCATIONS = ["FR", "LU"] as const;
export const DATABASES = ["mysql", "pgsql"] as const;
export const LANGUAGES = ["php", "python", "nodejs", "ruby"] as const;
export const SIZES = [...CURRENT_SIZES, ...LEGACY_SIZES] as const;

const version = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)*$/, 'must be a version number such as "8.2" or "20"');

const initialVhost = z
  .object({
    fqdn: fqdnInput,
    application: z.object({ name: z.string().min(1), parameters: z.record(z.string(), z.unknown()).optional() }).strict().optional(),
    httpsStrategy: z.enum(HTTPS_STRATEGIES, { error: `must be one of ${HTTPS_STRATEGIES.join(", ")}` }).optional(),
    linkedDnsZone: z.object({ allowAlteration: z.boolean().default(false), allowAlterationOverride: z.boolean().default(false) }).strict().optional(),
    withFreeSsl: z.boolean().optional(),
  })
  .strict();

export const simpleHostingInstanceArgs = z
  .object({
    /**
     * The instance's name. Gandi would generate one, but a name lets a create
     * whose answer was lost be found instead of ordering (and paying for) a
     * second instance.
     */
    name: z.string().trim().min(1, "must not be empty"),
    location: z
      .string()
      .transform((value) => value.trim().toUpperCase())
      .pipe(z.enum(LOCATIONS, { error: `must be one of ${LOCATIONS.join(", ")}` })),
    size: z
      .string()
      .transform((value) => value.trim().toLowerCase())
      .pipe(z.enum(SIZES, { error: `must be one of ${CURRENT_SIZES.join(", ")} (or a legacy size ${LEGACY_SIZES.join(", ")} of an adopted instance)` })),
    database: z.enum(DATABASES, { error: `must be one of ${DATABASES.join(", ")}` }),
    /** Omit for Gandi's recommended version. Changing it replaces the instance (there is no database upgrade in the API). */
    databaseVersion: version.optional(),
    language: z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(", ")}` }),
    /** Omit for Gandi's recommended version. Raising it upgrades in place (one of the instance's `upgradeTo` versions). */
    languageVersion: version.optional(),
    snapshotEnabled: z.boolean().default(false),
    /** Extra storage in GB, 0–1004. Gandi only supports increases. */
    storageAdditionalSize: z
      .number({ error: "must be a number of GB" })
      .int("must be a whole number of GB")
      .min(0, "must be at least 0")
      .max(1004, "must be at most 1004 GB (the vendor's limit)")
      .default(0),
    /**
     * SFTP, git and control-panel password: clear text, or unix crypt (MD5, SHA-256, SHA-512).
     * The reference sets no length rule; Gandi's own refusal comes back from the dry run.
     */
    password: z.string().min(1, "must not be empty").optional(),
    /** Create-time only: SSH public keys (OpenSSH format) for SFTP and git. */
    sshKeys: z.array(z.string().regex(/^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-\S+|sk-\S+) \S+/, "must be an OpenSSH public key")).optional(),
    /** Create-time only: ids of keys registered through Gandi's SSH keys API. */
    sshKeyIds: z.array(z.string().uuid("must be a UUID")).optional(),
    /** Create-time only: renew automatically at expiry. */
    autorenew: z.boolean().default(false),
    /** Create-time only: months the instance is bought for (reference: minimum 1, no maximum given). */
    duration: z.number().int("must be a whole number of months").min(1, "must be at least 1 month").default(1),
    /** Create-time only: vhosts created with the instance. Manage later vhosts with SimpleHostingVhost. */
    vhosts: z.array(initialVhost).optional(),
    /** A temporary performance boost; omit to leave it unmanaged. */
    booster: z.boolean().optional(),
    boosterSize: z.enum(BOOSTER_SIZES, { error: `must be one of ${BOOSTER_SIZES.join(", ")}` }).optional(),
    /** Send the create request with `Dry-Run: 1` first, so a bad specification fails before anything is ordered. */
    validateBeforeCreate: z.boolean().default(true),
    /** Take over an existing instance of this name instead of failing. */
    adopt: z.boolean().default(false),
    timeouts: timeoutsInput,
  })
  .strict()
  .superRefine((args, context) => {
    if (args.password !== undefined) registerSecret(args.password);
    if (args.boosterSize !== undefined && args.booster !== true) {
      context.addIssue({ code: "custom", path: ["boosterSize"], message: "has no effect unless booster is true" });
    }
    if (args.password === undefined && (args.sshKeys?.length || args.sshKeyIds?.length)) {
      context.addIssue({ code: "custom", path: ["password"], message: "is required when SSH keys are given (Gandi sets keys together with a password)" });
    }
    const fqdns = (args.vhosts ?? []).map((vhost) => vhost.fqdn);
    const duplicate = fqdns.find((fqdn, index) => fqdns.indexOf(fqdn) !== index);
    if (duplicate) context.addIssue({ code: "custom", path: ["vhosts"], message: `lists ${duplicate} twice` });
  });

/** A vhost created together with its instance (create-time only). */
export interface InitialVhostArgs {
  /** The domain name served, e.g. `"www.example.com"`. */
  fqdn: string;
  /** An application to install, from `getApplications()`, e.g. `{ name: "wordpress" }`. */
  application?: { name: string; parameters?: Record<string, unknown> };
  /** `"HTTP_only"`, `"allow_HTTP_and_HTTPS"` (Gandi's default) or `"redirect_HTTP_to_HTTPS"`. */
  httpsStrategy?: (typeof HTTPS_STRATEGIES)[number];
  /** Let Gandi write the vhost's records in its LiveDNS zone; both default to false. */
  linkedDnsZone?: { allowAlteration?: boolean; allowAlterationOverride?: boolean };
  /** Ask for a free certificate. */
  withFreeSsl?: boolean;
}

/** The arguments of a `SimpleHostingInstance`; see docs/gandi.md. */
export interface SimpleHostingInstanceArgs {
  /**
   * The instance's name, e.g. `"shop"`. A name lets a create whose answer was lost
   * be found instead of ordering (and paying for) a second instance. Changes in place.
   */
  name: pulumi.Input<string>;
  /** The datacenter: `"FR"` or `"LU"`. Changing it replaces the instance. */
  location: pulumi.Input<string>;
  /**
   * The plan: `"starter"`, `"advanced"`, `"pro"` or `"business"`. Gandi's API cannot
   * change these plans, so a change is refused at check. An adopted legacy instance
   * (`"s"`, `"s+"`, `"m"`, `"l"`, `"xl"`, `"xxl"`) resizes in place to `"s+"`, `"m"`,
   * `"l"` or `"xxl"`.
   */
  size: pulumi.Input<string>;
  /** `"mysql"` or `"pgsql"`. Changing it replaces the instance. */
  database: pulumi.Input<(typeof DATABASES)[number]>;
  /**
   * The database version, e.g. `"8.0"`; omit for Gandi's recommended one. Changing it
   * replaces the instance (the API has no database upgrade).
   */
  databaseVersion?: pulumi.Input<string>;
  /** `"php"`, `"python"`, `"nodejs"` or `"ruby"`. Changing it replaces the instance. */
  language: pulumi.Input<(typeof LANGUAGES)[number]>;
  /**
   * The language version, e.g. `"8.2"`; omit for Gandi's recommended one. Raising it
   * upgrades in place, to one of the instance's `upgradeTo` versions.
   */
  languageVersion?: pulumi.Input<string>;
  /** Gandi's automatic snapshots (default false). Changes in place. */
  snapshotEnabled?: pulumi.Input<boolean>;
  /** Extra storage in GB, 0–1004 (default 0). Grows in place; Gandi cannot shrink it. */
  storageAdditionalSize?: pulumi.Input<number>;
  /**
   * The SFTP, git and control-panel password: clear text, or unix crypt (MD5,
   * SHA-256, SHA-512). Kept secret in state. Changes in place.
   */
  password?: pulumi.Input<string>;
  /** SSH public keys (OpenSSH format) for SFTP and git; needs `password`. Create-time only: never causes a diff. */
  sshKeys?: pulumi.Input<string[]>;
  /** Ids (UUIDs) of keys registered through Gandi's SSH keys API; needs `password`. Create-time only. */
  sshKeyIds?: pulumi.Input<string[]>;
  /** Renew automatically at expiry (default false). Create-time only. */
  autorenew?: pulumi.Input<boolean>;
  /** Months the instance is bought for, at least 1 (default 1). Create-time only. */
  duration?: pulumi.Input<number>;
  /** Vhosts created with the instance. Create-time only: manage later vhosts with `SimpleHostingVhost`. */
  vhosts?: pulumi.Input<InitialVhostArgs[]>;
  /** A temporary performance boost; omit to leave it unmanaged. Changes in place. */
  booster?: pulumi.Input<boolean>;
  /**
   * The size the booster lends the instance while active (Gandi's `booster_options.size`),
   * e.g. `"business"`; omit for Gandi's choice. Needs `booster: true`. Changes in place.
   */
  boosterSize?: pulumi.Input<(typeof BOOSTER_SIZES)[number]>;
  /**
   * Send the order with `Dry-Run: 1` first (default true), so a bad specification fails
   * before anything is ordered. Never causes a diff.
   */
  validateBeforeCreate?: pulumi.Input<boolean>;
  /** Take over an existing instance of this name instead of failing (default false). Never causes a diff. */
  adopt?: pulumi.Input<boolean>;
  /** Deadlines for create (default 30m: payment, then provisioning), update (20m) and delete (15m). */
  timeouts?: pulumi.Input<Timeouts>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<SimpleHostingInstanceArgs, typeof simpleHostingInstanceArgs>>;
type InstanceInputs = z.output<typeof simpleHostingInstanceArgs>;

export const deployAccess = z.object({
  fqdn: z.string().nullable(),
  gitUrl: z.string().nullable(),
  gitRemote: z.string().nullable(),
  gitDeploy: z.string().nullable(),
  sftpUrl: z.string().nullable(),
  sftpServer: z.string().nullable(),
  directory: z.string().nullable(),
  documentRoot: z.string().nullable(),
});
export type DeployAccess = z.infer<typeof deployAccess>;

export const instanceState = stateSchema({
  /** The instance's Gandi id (a UUID), e.g. for a `SimpleHostingVhost`'s `instanceId`. */
  instanceId: z.string(),
  /** The instance's name. */
  name: z.string(),
  /** The region the instance runs in, `"FR"` or `"LU"`. */
  location: z.string(),
  /** The size (offer), e.g. `"starter"`. */
  size: z.string(),
  /** The database kind, e.g. `"mysql"`. */
  database: z.string(),
  /** The language runtime, e.g. `"php"`. */
  language: z.string(),
  /** Whether Gandi takes snapshots of the instance's data. */
  snapshotEnabled: z.boolean(),
  /** Storage added to the size's own, in GB. */
  storageAdditionalSize: z.number(),
  /** The database version as pinned by the program, refreshed from Gandi; undefined when `databaseVersion` is not set. */
  databaseVersion: z.string().optional(),
  /** The language version as pinned by the program, refreshed from Gandi; undefined when `languageVersion` is not set. */
  languageVersion: z.string().optional(),
  /** Whether the booster is active, as managed; undefined when `booster` is not set. */
  booster: z.boolean().optional(),
  /** The booster's size as managed, refreshed from Gandi; undefined when `boosterSize` is not set. */
  boosterSize: z.string().optional(),
  /** `"being_created"`, `"active"`, `"paused"`, `"locked"` and so on, as Gandi reports it. */
  status: z.string(),
  /** The data centre: `code` (e.g. `"FR-SD5"`), `name` and `region`. */
  datacenter: z.object({ code: z.string().nullable(), name: z.string().nullable(), region: z.string() }),
  /** The database version running, e.g. `"8.0"`. Gandi's instance document marks it required, so a successful create always sets it. */
  currentDatabaseVersion: z.string().nullable(),
  /** The language version running, e.g. `"8.2"`. Gandi's instance document marks it required, so a successful create always sets it. */
  currentLanguageVersion: z.string().nullable(),
  /** The size's own storage in GB. Gandi's instance document marks it required, so a successful create always sets it. */
  storageBaseGb: z.number().nullable(),
  /** All the instance's storage in GB. Gandi's instance document marks it required, so a successful create always sets it. */
  storageTotalGb: z.number().nullable(),
  /** Memory in MB. Gandi's instance document marks it required, so a successful create always sets it. */
  ramMb: z.number().nullable(),
  /** CPUs. Gandi's instance document marks it required, so a successful create always sets it. */
  cpu: z.number().nullable(),
  /** When Gandi created the instance (ISO 8601). Gandi's instance document marks it required, so a successful create always sets it. */
  createdAt: z.string().nullable(),
  /** When the instance's paid period ends (ISO 8601). Gandi's instance document marks it required, so a successful create always sets it. */
  expireAt: z.string().nullable(),
  /** How many months each automatic renewal buys; null without automatic renewal (Gandi's document makes `autorenew` optional). */
  autorenewMonths: z.number().nullable(),
  /** Whether Gandi offers a language upgrade. */
  availableUpgrade: z.boolean(),
  /** The upgrades Gandi offers: `name`, `type` and `version`. */
  upgradeTo: z.array(z.object({ name: z.string(), type: z.string().nullable(), version: z.string() })),
  /** The domain names of the instance's vhosts. */
  vhostFqdns: z.array(z.string()),
  /** The SFTP and deploy user name. Gandi's instance document marks it required, so a successful create always sets it. */
  sftpUser: z.string().nullable(),
  /** The URL of the instance's admin panel. Gandi's instance document marks it required, so a successful create always sets it. */
  adminUrl: z.string().nullable(),
  /** The database host the site connects to. Gandi's instance document marks it required, so a successful create always sets it. */
  databaseHost: z.string().nullable(),
  /** The database's UNIX socket path; null when it listens on a network port instead (optional in Gandi's document). */
  databaseSocket: z.string().nullable(),
  /** How to deploy each vhost: `fqdn`, `gitUrl`, `gitRemote`, `gitDeploy`, `sftpUrl`, `sftpServer`, `directory`, `documentRoot`. */
  deploy: z.array(deployAccess),
  /** The SSH address of the emergency console. Gandi's instance document marks it required, so a successful create always sets it. */
  consoleUrl: z.string().nullable(),
  /** Whether a booster is running now. */
  boosterActive: z.boolean(),
  /** The organisation (sharing space) that owns the instance. Gandi's instance document marks it required, so a successful create always sets it. */
  sharingSpaceId: z.string().nullable(),
  /** When the SFTP password last changed; null when Gandi does not say (optional in its document). */
  passwordUpdatedAt: z.string().nullable(),
});
export type InstanceState = z.infer<typeof instanceState>;

/** The live instance, with the inputs it determines refreshed (`previous` keeps what cannot be read back). */
export function instanceFromWire(wire: InstanceWire, previous: Partial<InstanceInputs>): InstanceState {
  const boosterActive = ["active", "being_created"].includes(wire.booster?.current?.status ?? "");
  const access = wire.access_information;
  return {
    instanceId: wire.id,
    name: wire.name,
    location: wire.datacenter?.region ?? previous.location ?? "",
    size: wire.size,
    database: wire.database?.name ?? previous.database ?? "",
    language: wire.language?.name ?? previous.language ?? "",
    // An omitted version means "Gandi's choice": only a pinned version is refreshed, so it can show drift.
    ...(previous.databaseVersion !== undefined && wire.database?.version ? { databaseVersion: wire.database.version } : {}),
    ...(previous.languageVersion !== undefined && wire.language?.version ? { languageVersion: wire.language.version } : {}),
    snapshotEnabled: wire.snapshot_enabled ?? false,
    storageAdditionalSize: gigabytes(wire.storage?.additional) ?? 0,
    ...(previous.booster !== undefined ? { booster: boosterActive } : {}),
    ...(previous.boosterSize !== undefined && boosterActive && wire.booster?.current?.size_override
      ? { boosterSize: wire.booster.current.size_override }
      : {}),
    status: wire.status,
    datacenter: { code: wire.datacenter?.code ?? null, name: wire.datacenter?.name ?? null, region: wire.datacenter?.region ?? "" },
    currentDatabaseVersion: wire.database?.version ?? null,
    currentLanguageVersion: wire.language?.version ?? null,
    storageBaseGb: gigabytes(wire.storage?.base),
    storageTotalGb: gigabytes(wire.storage?.total),
    ramMb: wire.ram ? (wire.ram.unit.toUpperCase() === "GB" ? wire.ram.value * 1024 : wire.ram.value) : null,
    cpu: wire.cpu,
    createdAt: wire.created_at,
    expireAt: wire.expire_at,
    autorenewMonths: wire.autorenew?.duration ?? null,
    availableUpgrade: wire.available_upgrade ?? false,
    upgradeTo: (wire.upgrade_to ?? []).map((upgrade) => ({ name: upgrade.name, type: upgrade.type, version: upgrade.version })),
    vhostFqdns: (wire.vhosts ?? []).map((vhost) => vhost.fqdn),
    sftpUser: access?.user ?? null,
    adminUrl: access?.admin_url ?? null,
    databaseHost: access?.database?.host ?? null,
    databaseSocket: access?.database?.socket ?? null,
    deploy: (access?.deploy ?? []).map((entry) => ({
      fqdn: entry.vhost?.fqdn ?? null,
      gitUrl: entry.git?.url ?? null,
      gitRemote: entry.git?.remote ?? null,
      gitDeploy: entry.git?.deploy ?? null,
      sftpUrl: entry.sftp?.url ?? null,
      sftpServer: entry.sftp?.server ?? null,
      directory: entry.sftp?.directory ?? null,
      documentRoot: entry.sftp?.document_root ?? null,
    })),
    consoleUrl: wire.console?.url ?? null,
    boosterActive,
    sharingSpaceId: wire.sharing_space?.id ?? null,
    passwordUpdatedAt: wire.password_updated_at,
  };
}

export function instanceToWire(inputs: InstanceInputs): InstanceCreateBody {
  const body: InstanceCreateBody = {
    location: inputs.location,
    size: inputs.size,
    name: inputs.name,
    type: {
      database: { name: inputs.database, ...(inputs.databaseVersion ? { version: inputs.databaseVersion } : {}) },
      language: { name: inputs.language, ...(inputs.languageVersion ? { version: inputs.languageVersion } : {}) },
    },
    autorenew: inputs.autorenew,
    duration: inputs.duration,
    duration_unit: "m",
    snapshot_enabled: inputs.snapshotEnabled,
    storage_additional_size: inputs.storageAdditionalSize,
  };
  if (inputs.password !== undefined) {
    body.authentication = {
      password: inputs.password,
      ...(inputs.sshKeys?.length ? { ssh_keys: inputs.sshKeys } : {}),
      ...(inputs.sshKeyIds?.length ? { keys: inputs.sshKeyIds } : {}),
    };
  }
  if (inputs.vhosts?.length) {
    body.vhosts = inputs.vhosts.map((vhost) => ({
      fqdn: vhost.fqdn,
      ...(vhost.application ? { application: vhost.application } : {}),
      ...(vhost.httpsStrategy ? { https_strategy: vhost.httpsStrategy } : {}),
      ...(vhost.linkedDnsZone
        ? { linked_dns_zone: { allow_alteration: vhost.linkedDnsZone.allowAlteration, allow_alteration_override: vhost.linkedDnsZone.allowAlterationOverride } }
        : {}),
      ...(vhost.withFreeSsl !== undefined ? { with_free_ssl: vhost.withFreeSsl } : {}),
    }));
  }
  return body;
}

const isLegacy = (size: string) => (LEGACY_SIZES as readonly string[]).includes(size);

/**
 * Why Gandi cannot resize `from` to `to`, or undefined when it can. PATCH
 * `size` takes one of "s+", "m", "l", "xxl" and is "Only supported for s, s+,
 * m, l, xl, and xxl instances" (reference): an instance of a current size
 * (starter … business) cannot be resized at all.
 */
export function sizeChangeProblem(from: string, to: string): string | undefined {
  if (from === to) return undefined;
  if (!isLegacy(from)) {
    return (
      `cannot change from ${from} to ${to}: Gandi resizes only ${LEGACY_SIZES.join(", ")} instances (to ${LEGACY_RESIZE_TARGETS.join(", ")}); ` +
      `a ${CURRENT_SIZES.join("/")} instance keeps the size it was ordered with. Keep size ${from}, or create a new instance of size ${to} and move the site`
    );
  }
  if (!(LEGACY_RESIZE_TARGETS as readonly string[]).includes(to)) {
    return `cannot change from ${from} to ${to}: Gandi resizes ${LEGACY_SIZES.join(", ")} instances to ${LEGACY_RESIZE_TARGETS.join(", ")} only`;
  }
  return undefined;
}

/** "8.2" < "8.10": compares dotted versions numerically. */
export function compareVersions(a: string, b: string): number {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Changes Gandi cannot make, refused at check time (before anything is sent or paid). */
export function instanceChangeProblems(olds: InstanceInputs, news: InstanceInputs): CheckFailure[] {
  const failures: CheckFailure[] = [];
  if (news.storageAdditionalSize < olds.storageAdditionalSize) {
    failures.push({
      property: "storageAdditionalSize",
      reason:
        `can only grow: Gandi supports only increases of additional storage (currently ${olds.storageAdditionalSize} GB, ` +
        `asked ${news.storageAdditionalSize} GB). Keep ${olds.storageAdditionalSize} or more.`,
    });
  }
  const resize = sizeChangeProblem(olds.size, news.size);
  if (resize) failures.push({ property: "size", reason: resize });
  if (olds.languageVersion !== undefined && news.languageVersion !== undefined && compareVersions(news.languageVersion, olds.languageVersion) < 0) {
    failures.push({
      property: "languageVersion",
      reason: `can only be upgraded (from ${olds.languageVersion}); Gandi has no downgrade. Replacing the instance would lose its files.`,
    });
  }
  return failures;
}

function describeStatus(instance: InstanceWire | undefined): string {
  return instance ? `status ${instance.status}` : "not found";
}

/** Statuses in which an instance will not become active without the user acting. */
function stuckReason(instance: InstanceWire): string | undefined {
  if (instance.status === "locked") return "Gandi locked the instance (usually a billing or abuse hold); see the Gandi admin console";
  if (instance.status === "paused") return "the instance is paused (expired or suspended); renew or resume it in the Gandi admin console";
  if (instance.status === "being_deleted") return "the instance is being deleted";
  return undefined;
}

function waitOptions(context: OperationContext, description: string) {
  return {
    description,
    // The operation's one deadline: the dry run, the order and every earlier wait of the same
    // create (or update) have already drawn from it.
    deadline: context,
    initialDelayMs: 2000,
    maxDelayMs: 20_000,
    describe: describeStatus,
    clock: context.clock,
    logger: context.logger,
  };
}

/** Waits for `active`, failing early on locked, paused or a vanished instance. */
async function waitUntilActive(client: GandiClient, id: string, name: string, context: OperationContext, settled: (wire: InstanceWire) => boolean = () => true) {
  const instance = await waitFor(
    () => client.getInstance(id),
    (wire) => {
      if (!wire) throw new Error(`Gandi instance ${name} (${id}) disappeared while waiting for it`);
      const stuck = stuckReason(wire);
      if (stuck) throw new Error(`Gandi instance ${name} (${id}) will not become active: ${stuck}`);
      return wire.status === "active" && settled(wire);
    },
    waitOptions(context, `Gandi instance ${name} to be active`),
  );
  return instance!;
}

/** The PATCH that brings the live instance to the inputs; empty when nothing differs. */
export function instancePatch(live: InstanceWire, olds: Partial<InstanceInputs>, news: InstanceInputs): InstancePatchBody {
  const patch: InstancePatchBody = {};
  if (live.name !== news.name) patch.name = news.name;
  if (live.size !== news.size) {
    // Adopting, or a size changed outside the program: the PATCH Gandi would refuse is not sent.
    const resize = sizeChangeProblem(live.size, news.size);
    if (resize) throw new Error(`Gandi instance ${news.name}: size ${resize}`);
    patch.size = news.size;
  }
  if ((live.snapshot_enabled ?? false) !== news.snapshotEnabled) patch.snapshot_enabled = news.snapshotEnabled;
  if ((gigabytes(live.storage?.additional) ?? 0) < news.storageAdditionalSize) patch.storage_additional_size = news.storageAdditionalSize;
  if (news.password !== undefined && news.password !== olds.password) patch.password = news.password;
  if (news.booster !== undefined) {
    const active = ["active", "being_created"].includes(live.booster?.current?.status ?? "");
    if (active !== news.booster) patch.booster = news.booster;
    if (news.booster && news.boosterSize !== undefined && (!active || live.booster?.current?.size_override !== news.boosterSize)) {
      patch.booster = true;
      patch.booster_options = { size: news.boosterSize };
    }
  }
  if (news.languageVersion !== undefined && live.language?.version !== news.languageVersion) {
    const upgrade = (live.upgrade_to ?? []).find(
      (candidate) => candidate.type === "language" && candidate.name === news.language && candidate.version === news.languageVersion,
    );
    if (!upgrade?.id) {
      const offered = (live.upgrade_to ?? []).filter((candidate) => candidate.type === "language").map((candidate) => candidate.version);
      throw new Error(
        `Gandi instance ${news.name} runs ${news.language} ${live.language?.version}; ${news.languageVersion} is not an available upgrade ` +
          `(available: ${offered.length ? offered.join(", ") : "none"})`,
      );
    }
    patch.language_id = upgrade.id;
  }
  return patch;
}

/** Whether the live instance shows the requested change (PATCH answers 202 and applies later). */
function showsChange(live: InstanceWire, patch: InstancePatchBody, news: InstanceInputs): boolean {
  if (patch.name !== undefined && live.name !== patch.name) return false;
  if (patch.size !== undefined && live.size !== patch.size) return false;
  if (patch.snapshot_enabled !== undefined && live.snapshot_enabled !== patch.snapshot_enabled) return false;
  if (patch.storage_additional_size !== undefined && (gigabytes(live.storage?.additional) ?? 0) < patch.storage_additional_size) return false;
  if (patch.language_id !== undefined && live.language?.version !== news.languageVersion) return false;
  return true;
}

async function converge(client: GandiClient, id: string, live: InstanceWire, olds: Partial<InstanceInputs>, news: InstanceInputs, context: OperationContext) {
  const patch = instancePatch(live, olds, news);
  if (Object.keys(patch).length === 0) return live;
  if (live.status !== "active") await waitUntilActive(client, id, news.name, context);
  await client.updateInstance(id, patch);
  const changed = Object.keys(patch).filter((key) => key !== "password");
  context.logger.info(`Gandi instance ${news.name}: ${changed.length ? `changing ${changed.join(", ")}` : "password changed"}`);
  return waitUntilActive(client, id, news.name, context, (wire) => showsChange(wire, patch, news));
}

/** Instances of this exact name (the list filter takes patterns), not on their way out. */
async function instancesNamed(client: GandiClient, name: string): Promise<InstanceWire[]> {
  const listed = await client.listInstances({ name });
  return listed.filter((instance) => instance.name === name && instance.status !== "being_deleted");
}

/**
 * An order still being carried out (reference: `waiting_bill`, then
 * `being_created`). Instances have no field a creation tag could go into, so
 * after a killed `pulumi up` the half-made instance is recognised by its
 * name and this state: only the create that ordered it is waiting for it.
 */
export function isBeingCreated(instance: Pick<InstanceWire, "status">): boolean {
  return instance.status === "waiting_bill" || instance.status === "being_created";
}

/** The key under which one program's resources claim an instance name (two resources of one name would share one instance). */
export function instanceClaimKey(name: string): string {
  return `gandi:instance-name:${name}`;
}

/** The key under which a vhost's fqdn is claimed, by SimpleHostingVhost and by an instance's create-time `vhosts`. */
export function vhostClaimKey(fqdn: string): string {
  return `gandi:vhost:${fqdn}`;
}

/** Takes over a finished instance of this name (`adopt: true`); its identity fields must match the program. */
async function adoptInstance(client: GandiClient, existing: InstanceWire, inputs: InstanceInputs, context: OperationContext) {
  const liveValue = (key: "location" | "database" | "language") =>
    key === "location" ? existing.datacenter?.region : key === "database" ? existing.database?.name : existing.language?.name;
  const mismatch = (["location", "database", "language"] as const).filter((key) => liveValue(key) !== undefined && liveValue(key) !== inputs[key]);
  if (mismatch.length) {
    throw new Error(
      `Gandi instance "${inputs.name}" cannot be adopted: its ${mismatch.join(", ")} differ from the program ` +
        `(${mismatch.map((key) => `${key} is ${liveValue(key)}`).join(", ")}), and changing them would replace it.`,
    );
  }
  const detail = (await client.getInstance(existing.id)) ?? existing;
  const converged = await converge(client, existing.id, detail, {}, inputs, context);
  return { id: existing.id, state: instanceFromWire(converged, inputs) };
}

/**
 * Waits for the ordered (or resumed) instance and brings it to the inputs
 * (booster is not part of the order; a program changed since an interrupted
 * create may differ). A failure keeps the id in state, so nothing is ordered twice.
 */
async function finishCreate(client: GandiClient, id: string, inputs: InstanceInputs, context: OperationContext) {
  try {
    const active = await waitUntilActive(client, id, inputs.name, context);
    const live = await converge(client, id, active, inputs, inputs, context);
    return { id, state: instanceFromWire(live, inputs) };
  } catch (error) {
    const partial = { ...inputs, instanceId: id, status: "unknown" };
    throw new ResourceInitializationError(id, partial, [
      `Gandi instance ${inputs.name} (${id}) was ordered but is not ready: ${(error as Error).message}. ` +
        "The next `pulumi up` continues waiting for it; nothing is ordered twice.",
    ]);
  }
}

export const simpleHostingInstanceDefinition: ResourceDefinition<InstanceInputs, typeof instanceState> = {
  kind: "gandi:SimpleHostingInstance",
  inputForField: instanceProperty,
  secretProperties: ["password"],
  inputs: simpleHostingInstanceArgs,
  state: instanceState,
  replaceOnChanges: ["location", "database", "databaseVersion", "language"],
  ignoreChanges: ["sshKeys", "sshKeyIds", "autorenew", "duration", "vhosts", "validateBeforeCreate", "adopt", "timeouts"],
  // The name is how a lost create answer is reconciled and how `adopt` finds an instance,
  // so two live instances of one name would be ambiguous: the old one goes first.
  deleteBeforeReplace: true,
  // Creation: payment, then provisioning; Gandi quotes minutes, not seconds.
  defaultTimeouts: { create: 30 * 60_000, update: 20 * 60_000, delete: 15 * 60_000 },
  checkChange: instanceChangeProblems,

  async create(inputs, context) {
    const client = gandiClient(context.settings, context);
    const description = `Gandi instance "${inputs.name}"`;
    // Without a creation tag (a program of an older version) each create is its own owner.
    const owner = context.creationTag ?? randomUUID();
    claimObject(instanceClaimKey(inputs.name), owner, description);
    for (const vhost of inputs.vhosts ?? []) claimObject(vhostClaimKey(vhost.fqdn), owner, `Gandi vhost ${vhost.fqdn}`);

    const named = await instancesNamed(client, inputs.name);
    const halfMade = onlyCandidate(named.filter(isBeingCreated), (instance) => instance.id, description);
    if (halfMade) {
      context.logger.info(`${description} (${halfMade.id}) is ${halfMade.status}: an interrupted create ordered it; continuing with it`);
      return finishCreate(client, halfMade.id, inputs, context);
    }
    if (named.length) {
      const existing = named[0];
      if (!inputs.adopt) {
        throw new Error(
          `Gandi instance "${inputs.name}" already exists (id ${existing.id}, status ${existing.status}). ` +
            "Set `adopt: true` to manage it, or choose another name.",
        );
      }
      const adopted = onlyCandidate(named, (instance) => instance.id, `${description} (to adopt)`)!;
      return adoptInstance(client, adopted, inputs, context);
    }
    if (isLegacy(inputs.size)) {
      throw new Error(`size ${inputs.size} is a legacy size Gandi no longer sells; order one of ${CURRENT_SIZES.join(", ")} (legacy sizes work for adopted instances)`);
    }

    const body = instanceToWire(inputs);
    if (inputs.validateBeforeCreate) {
      const verdict = await client.validateInstance(body);
      if (verdict.status !== "success") {
        const problems = verdict.errors.map((error) => `${error.name ? instanceProperty(error.name) : (error.location ?? "request")}: ${error.description}`);
        throw new Error(
          `Gandi refused the instance "${inputs.name}" in a dry run, so nothing was ordered: ${problems.join("; ") || verdict.status}`,
        );
      }
    }

    // No instance had this name a moment ago, so after an order whose answer was lost
    // any instance of the name, whatever its status, is the one just ordered.
    const ordered = await writeReconciled<Pick<InstanceWire, "id">>({
      attempt: async () => ({ id: await client.createInstance(body) }),
      find: async () => onlyCandidate(await instancesNamed(client, inputs.name), (instance) => instance.id, description),
      description: `ordering ${description}`,
      clock: context.clock,
      logger: context.logger,
    });
    return finishCreate(client, ordered.id, inputs, context);
  },

  async read(id, state, context) {
    const client = gandiClient(context.settings, context);
    const live = await client.getInstance(id);
    if (!live || live.status === "being_deleted") return undefined;
    return instanceFromWire(live, state);
  },

  async update(id, olds, news, context) {
    const client = gandiClient(context.settings, context);
    const live = await client.getInstance(id);
    if (!live) throw new Error(`Gandi instance ${olds.name} (${id}) no longer exists; run \`pulumi refresh\` and \`pulumi up\` to order it again`);
    const converged = await converge(client, id, live, olds, news, context);
    return instanceFromWire(converged, news);
  },

  async delete(id, state, context) {
    const client = gandiClient(context.settings, context);
    if (!(await client.deleteInstance(id))) return;
    await waitFor(
      () => client.getInstance(id),
      (wire) => wire === undefined,
      waitOptions(context, `Gandi instance ${state.name} to be deleted`),
    );
  },
};

/**
 * A Gandi Simple Hosting instance (PaaS web hosting with a language runtime
 * and a database).
 *
 * Updates in place: name, size, snapshotEnabled, storageAdditionalSize (grow
 * only), password, languageVersion (upgrade) and booster. Replaces: location,
 * database, databaseVersion, language. sshKeys, sshKeyIds, autorenew,
 * duration and vhosts apply at creation only.
 */
export class SimpleHostingInstance extends resourceClass<
  SimpleHostingInstanceArgs,
  "currentDatabaseVersion" | "currentLanguageVersion" | "storageBaseGb" | "storageTotalGb" | "ramMb" | "cpu" | "createdAt" | "expireAt" | "sftpUser" | "adminUrl" | "databaseHost" | "consoleUrl" | "sharingSpaceId"
>()(simpleHostingInstanceDefinition) {}
