import { randomUUID } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { OperationContext, ResourceDefinition } from "../../provider/dynamic";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { ResourceInitializationError } from "../../provider/errors";
import { waitFor } from "../../provider/poll";
import { claimObject } from "../../provider/identity";
import { onlyCandidate, writeReconciled } from "../../provider/reconcile";
import { GandiClient, gandiClient } from "../../provider/gandi/client";
import { CURRENT_SIZES, InstanceWire } from "../../provider/gandi/wire";
import { instanceProperty } from "./fields";
import { instanceImportId, readsForImport } from "./importIds";
import { InstanceInputs, SimpleHostingInstanceArgs, simpleHostingInstanceArgs } from "./instanceArgs";
import { INSTANCE_REPLACED_BY, instanceChangeProblems, instanceFromWire, instancePatch, instanceToWire, isLegacy, showsChange } from "./instanceChanges";

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
  replaceOnChanges: [...INSTANCE_REPLACED_BY],
  ignoreChanges: ["sshKeys", "sshKeyIds", "autorenew", "duration", "vhosts", "freeDomain", "validateBeforeCreate", "adopt", "timeouts"],
  // The name is how a lost create answer is reconciled and how `adopt` finds an instance,
  // so two live instances of one name would be ambiguous: the old one goes first.
  deleteBeforeReplace: true,
  // Creation: payment, then provisioning; Gandi quotes minutes, not seconds.
  defaultTimeouts: { create: 30 * 60_000, update: 20 * 60_000, delete: 15 * 60_000 },
  checkChange: instanceChangeProblems,
  /**
   * `instanceId` (the UUID), e.g. `5c2b8f3e-1a4d-4e6b-9f7a-2d8c0b1e3a45`. Read
   * gives back every input Gandi returns, pinning `databaseVersion` and
   * `languageVersion` to the versions running; `password` is never returned
   * (the first `pulumi up` after the import sets it), the create-time inputs
   * never cause a diff, and `booster` stays unmanaged until the program sets it.
   */
  importId: instanceImportId,

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
      if (inputs.freeDomain) {
        throw new Error(
          `Gandi instance "${inputs.name}" cannot be adopted with freeDomain: adopting orders nothing, so ${inputs.freeDomain.fqdn} would not be registered. ` +
            "Remove freeDomain to adopt the instance.",
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
    if (readsForImport(state, "name")) {
      // No program values yet: every input Gandi returns is given back, the versions running included
      // (instanceFromWire refreshes only the versions a program pins).
      const running = { databaseVersion: live.database?.version ?? undefined, languageVersion: live.language?.version ?? undefined };
      return instanceFromWire(live, running);
    }
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
 * duration, vhosts and freeDomain apply at creation only (a change of
 * freeDomain is refused at check; see docs/gandi.md).
 */
export class SimpleHostingInstance extends resourceClass<
  SimpleHostingInstanceArgs,
  "currentDatabaseVersion" | "currentLanguageVersion" | "storageBaseGb" | "storageTotalGb" | "ramMb" | "cpu" | "createdAt" | "expireAt" | "sftpUser" | "adminUrl" | "databaseHost" | "consoleUrl" | "sharingSpaceId"
>()(simpleHostingInstanceDefinition) {}
