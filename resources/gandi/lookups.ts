import { unlessGone } from "../../provider/errors";
import { gandiClient } from "../../provider/gandi/client";
import { ApplicationWire, InstanceWire, VhostWire, gigabytes } from "../../provider/gandi/wire";
import { programConfigSource } from "../../provider/programSettings";
import { pathSegmentArgument } from "../../provider/urlPath";
import { fqdnInput } from "./fqdn";

/**
 * Functions for Pulumi programs and scripts: plain async functions that run
 * in the program process with the stack's `gandi:*` config (or GANDI_*
 * variables).
 */

export interface Application {
  name: string;
  label: string | null;
  requirements: {
    language: string | null;
    languageVersion: string | null;
    database: string | null;
    databaseVersion: string | null;
    minimumSize: string | null;
    /** Whether the application must be the instance's only vhost; null when Gandi does not say. */
    singleApplication: boolean | null;
  }[];
}

/** One vhost of an instance, as Gandi lists it. */
export interface VhostSummary {
  fqdn: string;
  /** `being_created`, `running`, `being_deleted`, `locked`, `waiting_ownership`, `ownership_validated` or `validation_failed`. */
  status: string;
  createdAt: string | null;
  isTestVhost: boolean;
  /** Present only when the vhost has a certificate (reference). */
  httpsStrategy: string | null;
  application: { name: string; status: string | null } | null;
  /** Whether Gandi may write the vhost's records in its LiveDNS zone; null when Gandi does not say. */
  linkedDnsZoneAllowAlteration: boolean | null;
  certificateIds: string[];
}

export interface InstanceSummary {
  instanceId: string;
  name: string;
  size: string;
  status: string;
  location: string | null;
  datacenter: string | null;
  language: string | null;
  languageVersion: string | null;
  database: string | null;
  databaseVersion: string | null;
  storageTotalGb: number | null;
  expireAt: string | null;
  vhostFqdns: string[];
}

export interface InstanceUsage {
  diskSizeBytes: number;
  diskUsedBytes: number | null;
}

function applicationFromWire(wire: ApplicationWire): Application {
  return {
    name: wire.name,
    label: wire.name_label,
    requirements: wire.requirements.map((requirement) => ({
      language: requirement.language?.name ?? null,
      languageVersion: requirement.language?.version ?? null,
      database: requirement.database?.name ?? null,
      databaseVersion: requirement.database?.version ?? null,
      minimumSize: requirement.instance_minimum_size,
      singleApplication: requirement.language?.single_application ?? null,
    })),
  };
}

function instanceSummary(wire: InstanceWire, vhostFqdns: string[]): InstanceSummary {
  return {
    instanceId: wire.id,
    name: wire.name,
    size: wire.size,
    status: wire.status,
    location: wire.datacenter?.region ?? null,
    datacenter: wire.datacenter?.code ?? null,
    language: wire.language?.name ?? null,
    languageVersion: wire.language?.version ?? null,
    database: wire.database?.name ?? null,
    databaseVersion: wire.database?.version ?? null,
    storageTotalGb: gigabytes(wire.storage?.total),
    expireAt: wire.expire_at,
    vhostFqdns,
  };
}

/** Applications that can be installed on a vhost; filters accept Gandi's `*` patterns ("py*"). */
export async function getApplications(args: { language?: string; database?: string } = {}): Promise<Application[]> {
  const client = gandiClient(programConfigSource);
  return (await client.listApplications(args)).map(applicationFromWire);
}

/**
 * One application's details (GET /applications/{name}): the languages,
 * databases and minimum size it needs. Fails, naming `name`, when Gandi has
 * no application of that name.
 */
export async function getApplication(args: { name: string }): Promise<Application> {
  const name = pathSegmentArgument("getApplication", "name", args.name);
  const application = await gandiClient(programConfigSource).getApplication(name);
  if (!application) throw new Error(`getApplication: \`name\` ${JSON.stringify(name)} is not a Gandi application; getApplications() lists them`);
  return applicationFromWire(application);
}

function vhostSummary(wire: VhostWire): VhostSummary {
  return {
    fqdn: wire.fqdn,
    status: wire.status,
    createdAt: wire.created_at ?? null,
    isTestVhost: wire.is_a_test_vhost ?? false,
    httpsStrategy: wire.https_strategy ?? null,
    application: wire.application ? { name: wire.application.name, status: wire.application.status ?? null } : null,
    linkedDnsZoneAllowAlteration: wire.linked_dns_zone?.allow_alteration ?? null,
    certificateIds: (wire.certificates ?? []).flatMap((certificate) => (certificate.id ? [certificate.id] : [])),
  };
}

/**
 * The vhosts of one instance (GET /instances/{id}/vhosts, all pages), managed
 * or not; `fqdn` takes Gandi's `*` patterns ("*.example.com"), `status` one
 * vhost status.
 */
export async function getVhosts(args: { instanceId: string; fqdn?: string; status?: string }): Promise<VhostSummary[]> {
  const instanceId = pathSegmentArgument("getVhosts", "instanceId", args.instanceId);
  const vhosts = await gandiClient(programConfigSource).listVhosts(instanceId, { fqdn: args.fqdn, status: args.status });
  return vhosts.map(vhostSummary);
}

/**
 * Every instance the credentials can see (all pages); `name` and `fqdn` accept
 * `*` patterns. The list items carry no vhosts (reference), so each
 * instance's vhosts come from its own listing (GET /instances/{id}/vhosts):
 * one more request per instance.
 */
export async function getInstances(args: { name?: string; fqdn?: string; status?: string } = {}): Promise<InstanceSummary[]> {
  const client = gandiClient(programConfigSource);
  const instances = await client.listInstances(args);
  return Promise.all(
    instances.map(async (instance) => {
      // An instance deleted since the listing has no vhosts left.
      const vhosts = (await unlessGone(client.listVhosts(instance.id))) ?? [];
      return instanceSummary(instance, vhosts.filter((vhost) => vhost.status !== "being_deleted").map((vhost) => vhost.fqdn));
    }),
  );
}

export async function getInstanceUsage(args: { instanceId: string }): Promise<InstanceUsage> {
  const instanceId = pathSegmentArgument("getInstanceUsage", "instanceId", args.instanceId);
  const usage = await gandiClient(programConfigSource).getInstanceUsage(instanceId);
  return { diskSizeBytes: usage.disk_size_bytes, diskUsedBytes: usage.disk_used_bytes };
}

/** Restarts the instance's services (POST …/action `restart`). Not retried: a lost answer may still have restarted it. */
export async function restartInstance(args: { instanceId: string }): Promise<void> {
  await gandiClient(programConfigSource).instanceAction(pathSegmentArgument("restartInstance", "instanceId", args.instanceId), "restart");
}

/** Resets the database password (POST …/action `reset_database_password`). */
export async function resetDatabasePassword(args: { instanceId: string }): Promise<void> {
  await gandiClient(programConfigSource).instanceAction(pathSegmentArgument("resetDatabasePassword", "instanceId", args.instanceId), "reset_database_password");
}

/** Activates the emergency console (POST …/action `console`); its address is the instance's `consoleUrl`. */
export async function enableConsole(args: { instanceId: string }): Promise<void> {
  await gandiClient(programConfigSource).instanceAction(pathSegmentArgument("enableConsole", "instanceId", args.instanceId), "console");
}

/** Purges the web accelerator cache of one vhost. */
export async function purgeVhostCache(args: { instanceId: string; fqdn: string }): Promise<void> {
  const instanceId = pathSegmentArgument("purgeVhostCache", "instanceId", args.instanceId);
  const fqdn = fqdnInput.safeParse(args.fqdn);
  if (!fqdn.success) throw new Error(`purgeVhostCache: \`fqdn\` ${fqdn.error.issues[0].message}; got ${JSON.stringify(args.fqdn)}`);
  await gandiClient(programConfigSource).purgeVhostCache(instanceId, fqdn.data);
}
