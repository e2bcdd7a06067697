import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { isHostname, normalizeHostname } from "../../provider/dns";
import { OperationContext, ResourceDefinition, timeoutsInput } from "../../provider/dynamic";
import { CheckFailure, sameValue } from "../../provider/inputs";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { ResourceInitializationError, WaitTimeoutError } from "../../provider/errors";
import { BRAND_LABELS, GigahostClient, gigahostClient } from "../../provider/gigahost/client";
import { ServerWire, UpgradePackageWire } from "../../provider/gigahost/wire";
import { waitFor } from "../../provider/poll";
import { registerSecret } from "../../provider/redact";
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { Brand } from "./brand";
import { vendorId } from "../vendorId";
import { readsForImport, serverImportId } from "./importIds";

export const serverOsInput = z
  .object({
    osId: vendorId("the operating system id", "101 (see getOperatingSystems)"),
    language: z.string().regex(/^[a-z]{2}_[A-Z]{2}$/, 'must be a locale such as "en_US" or "nb_NO"'),
    keyboard: z.string().regex(/^[a-z]{2}(-[a-z0-9]+)?$/, 'must be a keyboard layout such as "no" or "en"'),
    timezone: z
      .string()
      .regex(/^(UTC|[A-Z][A-Za-z_]+(\/[A-Za-z0-9_+-]+)+)$/, 'must be an IANA time zone such as "Europe/Oslo" or "UTC"'),
    hostname: z
      .string()
      .transform(normalizeHostname)
      .refine((name) => isHostname(name), "must be a host name such as web1.example.no"),
  })
  .strict();

export const serverArgs = z
  .object({
    serverId: vendorId("the server id", "3523"),
    name: z.string().trim().min(1, "must not be empty").max(255, "must be at most 255 characters").optional(),
    powerState: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).optional(),
    os: serverOsInput.optional(),
    allowReinstall: z.boolean().default(false),
    packageId: vendorId("a package id", "4 (see getUpgradePackages)").optional(),
    mountedIsoId: vendorId("an ISO id", "17 (see getIsos)").optional(),
    rebootTrigger: z
      .union([z.string().trim().min(1, "must not be empty"), z.number()], { error: "must be a string or a number" })
      .transform(String)
      .optional(),
    timeouts: timeoutsInput,
  })
  .strict();

/** The operating system a `Server` is installed with. */
export interface ServerOsArgs {
  /** The system to install: an `osId` from `getOperatingSystems()`, digits, e.g. `"101"`. */
  osId: string | number;
  /** The system's locale, e.g. `"en_US"` or `"nb_NO"`. Cannot be read back. */
  language: string;
  /** The keyboard layout, e.g. `"no"` or `"en"`. Cannot be read back. */
  keyboard: string;
  /** The IANA time zone, e.g. `"Europe/Oslo"` or `"UTC"`. Cannot be read back. */
  timezone: string;
  /** The host name the system is installed with, e.g. `"web1.example.no"`. */
  hostname: string;
}

/**
 * The arguments of a `Server`, at Gigahost and at Terrahost; see
 * docs/gigahost.md, "Server (Gigahost and Terrahost)".
 */
export interface ServerArgs {
  /**
   * The server to manage, by its id in the account (see `getServers()`),
   * digits, e.g. `"3523"`. Servers are ordered outside this API (at Gigahost
   * also with `DeployedServer`). Changing it replaces the resource: the old
   * server is only released, never touched.
   */
  serverId: pulumi.Input<string | number>;
  /**
   * The descriptive name shown in the control panel (`srv_label`), 1 to 255
   * characters, e.g. `"web-1"`. Unmanaged when unset. Changes in place.
   */
  name?: pulumi.Input<string>;
  /**
   * `"on"` or `"off"`. Unmanaged when unset. Changes in place. KVM VPS servers
   * do not support power control (the change fails, naming this input).
   */
  powerState?: pulumi.Input<"on" | "off">;
  /**
   * The installed operating system, e.g. `{ osId: "101", language: "en_US",
   * keyboard: "no", timezone: "Europe/Oslo", hostname: "web1.example.no" }`.
   * Unmanaged when unset. Changing it reinstalls the server in place, erasing
   * its disks, and only with `allowReinstall: true` (else refused at preview).
   */
  os?: pulumi.Input<ServerOsArgs>;
  /**
   * Consent to reinstall (erase) the server when `os` changes, or does not
   * match the installed system when the server is taken over; default false.
   * Never causes a diff.
   */
  allowReinstall?: pulumi.Input<boolean>;
  /**
   * The package (size) of a VPS: a `packageId` from `getUpgradePackages()`,
   * digits, e.g. `"4"`. Unmanaged when unset. Changes in place through the
   * vendor's upgrade, waited for until the server shows the new package; a
   * package the server is not offered is refused, naming the offered ones.
   */
  packageId?: pulumi.Input<string | number>;
  /**
   * The ISO mounted on the server: an `isoId` from `getIsos()`, digits, e.g.
   * `"17"`. Unmanaged when unset. Changes in place (a new mount replaces the
   * old). The API has no unmount: removing the input leaves the ISO mounted.
   */
  mountedIsoId?: pulumi.Input<string | number>;
  /**
   * Any value, e.g. a date or a counter: the server is rebooted once each time
   * it changes (not when the resource is created, nor when it is removed).
   * Never read back.
   */
  rebootTrigger?: pulumi.Input<string | number>;
  /**
   * Deadlines for create and update (default 30m each: a reinstall or package
   * upgrade is waited for) and delete (1m), e.g. `{ update: "1h" }`. Never
   * causes a diff.
   */
  timeouts?: pulumi.Input<Timeouts>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<ServerArgs, typeof serverArgs>>;
type ServerInputs = z.output<typeof serverArgs>;
type ServerOs = z.output<typeof serverOsInput>;

/** A server as Gigahost lists it: the outputs `Server` and `DeployedServer` share, and what the lookups return. */
export const serverFactsShape = {
  /** The server's Gigahost id, e.g. for a `ReverseDns`, `ServerSnapshot` or `BgpSession`. */
  serverId: z.string(),
  /** The descriptive name shown in the control panel (`srv_label`); null if the server has none. */
  label: z.string().nullable(),
  /** The host name the server reports (`srv_hostname`); null if it has none. */
  hostname: z.string().nullable(),
  /** `"online"`, `"offline"`, `"installing"`, `"rescue"` or `"suspended"`. */
  status: z.string(),
  /** The data centre, e.g. `"DC2"`; null if not reported. */
  location: z.string().nullable(),
  /** The server type, e.g. `"vps"` or `"dedicated"`; null if not reported. */
  type: z.string().nullable(),
  /** The VPS technology, e.g. `"kvm"`; null for a dedicated server. */
  virtualization: z.string().nullable(),
  /** CPU cores; null if not reported. */
  cores: z.number().nullable(),
  /** Memory in GB; null if not reported. */
  ramGb: z.number().nullable(),
  /** The server's disks: `diskId`, `type` (e.g. `"SSD"`) and `sizeGb`. */
  disks: z.array(z.object({ diskId: z.string(), type: z.string().nullable(), sizeGb: z.number().nullable() })),
  /** The IPv4 addresses: `ipId` (for a `ReverseDns`), `address`, `reverse`, `type` (`"primary"`, `"extra"`), `netmask`, `gateway`. */
  ipv4: z.array(
    z.object({
      ipId: z.string(),
      address: z.string(),
      reverse: z.string().nullable(),
      type: z.string().nullable(),
      netmask: z.string().nullable(),
      gateway: z.string().nullable(),
    }),
  ),
  /** The IPv6 subnets: `subnetId` (for a `ReverseDns`), `cidr`, `gateway`, `nameServer`. */
  ipv6Subnets: z.array(z.object({ subnetId: z.string(), cidr: z.string().nullable(), gateway: z.string().nullable(), nameServer: z.string().nullable() })),
  /**
   * The server's primary IPv4 address, e.g. for a DNS record's `destination`. Gigahost
   * gives every server one (the listing's `srv_primary_ip`, the address of type `primary`),
   * so a successful create always sets it; null only if a refresh finds the server without
   * one, which the documents never show.
   */
  primaryIp: z.string().nullable(),
  /** The installed operating system: `osId` and `name`, null where not reported. */
  installedOs: z.object({ osId: z.string().nullable(), name: z.string().nullable() }),
};
export const serverFacts = stateSchema(serverFactsShape);
export type ServerFacts = z.infer<typeof serverFacts>;

/**
 * Managed inputs the program leaves unset stay undefined (absent from state),
 * never null: state is handed back as the old inputs, which must stay valid.
 */
export const serverState = stateSchema({
  ...serverFactsShape,
  /** The control-panel name this resource manages; undefined when `name` is not set. */
  name: z.string().optional(),
  /** `"on"` or `"off"` as managed; undefined when `powerState` is not set. */
  powerState: z.enum(["on", "off"]).optional(),
  /** The operating system as managed (`osId` read back, the rest as given); undefined when `os` is not set. */
  os: z.object({ osId: z.string(), language: z.string(), keyboard: z.string(), timezone: z.string(), hostname: z.string() }).optional(),
  /** Whether the server is on, where Gigahost reports the power state; null where it does not (KVM VPS). */
  poweredOn: z.boolean().nullable(),
  /** The root password of the last reinstall this resource ran; a secret. Null when it ran none. */
  rootPassword: z.string().nullable(),
  /** The package as managed, read back from the server's product; undefined when `packageId` is not set. */
  packageId: z.string().optional(),
  /** The mounted ISO as managed, read back (`"0"`: none mounted); undefined when `mountedIsoId` is not set. */
  mountedIsoId: z.string().optional(),
  /** The reboot trigger as given; undefined when `rebootTrigger` is not set. */
  rebootTrigger: z.string().optional(),
});
export type ServerState = z.infer<typeof serverState>;

export function serverStatus(wire: ServerWire): string {
  if (wire.srv_suspended) return "suspended";
  if (wire.srv_status_install) return "installing";
  if (wire.srv_status_rescue) return "rescue";
  return wire.srv_status ? "online" : "offline";
}

export function serverFactsFromWire(wire: ServerWire): ServerFacts {
  const ips = wire.ips ?? [];
  const ipv4 = ips.filter((ip) => (ip.ip_v4v6 ?? "ipv4") === "ipv4");
  return {
    serverId: wire.srv_id,
    label: wire.srv_label,
    hostname: wire.srv_hostname,
    status: serverStatus(wire),
    location: wire.srv_location,
    type: wire.srv_type,
    virtualization: wire.srv_vps_type || null,
    cores: wire.srv_cores,
    ramGb: wire.srv_ram,
    disks: (wire.hdds ?? []).map((disk) => ({ diskId: disk.hdd_id, type: disk.hdd_type, sizeGb: disk.hdd_size })),
    ipv4: ipv4.map((ip) => ({
      ipId: ip.ip_id,
      address: ip.ip_address,
      reverse: ip.ip_reverse,
      type: ip.ip_type,
      netmask: ip.ip_netmask,
      gateway: ip.ip_gateway,
    })),
    ipv6Subnets: (wire.subnets ?? [])
      .filter((subnet) => (subnet.sub_type ?? "ipv6") === "ipv6")
      .map((subnet) => ({ subnetId: subnet.sub_id, cidr: subnet.sub_cidr, gateway: subnet.sub_gateway, nameServer: subnet.sub_ns || null })),
    // The listing has srv_primary_ip; the detail view only marks the primary IP.
    primaryIp: wire.srv_primary_ip || ipv4.find((ip) => ip.ip_type === "primary")?.ip_address || null,
    installedOs: { osId: installedOsId(wire), name: wire.os?.os_name ?? null },
  };
}

/** The id of the operating system installed, where the server reports it. */
const installedOsId = (wire: ServerWire): string | null => wire.os?.os_id ?? wire.os_id ?? null;

/** "on"/"off" from a power state reading; null when the server type does not report one. */
const powerWord = (poweredOn: boolean | undefined): "on" | "off" | null => (poweredOn === undefined ? null : poweredOn ? "on" : "off");

function reinstallRefusal(brand: Brand, serverId: string, from: string | null, to: string): string {
  return (
    `changing the operating system of ${BRAND_LABELS[brand]} server ${serverId} (${from ?? "unknown"} → os ${to}) reinstalls it ` +
    "and erases its disks; set `allowReinstall: true` to allow that, or put back the previous `os`"
  );
}

/**
 * The package the server is on: the offered package whose product is the server's. Undefined when
 * none matches (the list may leave the current package out: it is not documented whether it does).
 */
async function currentPackage(client: GigahostClient, wire: ServerWire): Promise<UpgradePackageWire | undefined> {
  if (wire.product_id == null || wire.product_id === "0") return undefined;
  return (await client.servers.upgradePackages(wire.srv_id)).find((pkg) => pkg.product_id === wire.product_id);
}

/** The collection gigahost:Server, terrahost:Server and gigahost:DeployedServer hold server ids in (provider/identity.ts). */
export function serverCollection(brand: Brand): string {
  return `${brand}:servers`;
}

export function serverDefinition(brand: Brand): ResourceDefinition<ServerInputs, typeof serverState> {
  const kind = `${brand}:Server`;
  const clientFor = (context: OperationContext) => gigahostClient(brand, context.settings, context);

  /** The live state, keeping the managed fields the program set (and only those) so drift shows against them. */
  async function liveState(
    client: GigahostClient,
    wire: ServerWire,
    managed: Pick<ServerInputs, "name" | "powerState" | "packageId" | "mountedIsoId" | "rebootTrigger"> & { os?: ServerOs | null },
    rootPassword: string | null,
  ): Promise<ServerState> {
    const facts = serverFactsFromWire(wire);
    const poweredOn = await client.servers.powerState(facts.serverId);
    const packageId = managed.packageId == null ? undefined : ((await currentPackage(client, wire))?.pkg_id ?? managed.packageId);
    return {
      ...facts,
      name: managed.name == null ? undefined : (facts.label ?? undefined),
      // "Gets your servers powerstate if supported" (the documents): where it is not, the managed value is
      // kept, so drift cannot be seen but is not invented either.
      powerState: managed.powerState == null ? undefined : (powerWord(poweredOn) ?? managed.powerState),
      // language, keyboard and timezone cannot be read back; the OS itself can.
      os: managed.os == null ? undefined : { ...managed.os, osId: facts.installedOs.osId ?? managed.os.osId },
      poweredOn: poweredOn ?? null,
      rootPassword,
      packageId,
      mountedIsoId: managed.mountedIsoId == null ? undefined : (wire.iso_id ?? "0"),
      rebootTrigger: managed.rebootTrigger ?? undefined,
    };
  }

  /**
   * The state of an imported server: every managed input the vendor returns, `mountedIsoId` while
   * an ISO is mounted. Not `os`, whose language, keyboard and timezone are never returned (the
   * first `up` after the import records the program's, reinstalling only another OS than the one
   * installed: see `update`), nor `rebootTrigger`.
   */
  async function importedState(client: GigahostClient, wire: ServerWire): Promise<ServerState> {
    const facts = serverFactsFromWire(wire);
    const poweredOn = await client.servers.powerState(facts.serverId);
    return {
      ...facts,
      name: facts.label ?? undefined,
      powerState: powerWord(poweredOn) ?? undefined,
      os: undefined,
      poweredOn: poweredOn ?? null,
      rootPassword: null,
      packageId: (await currentPackage(client, wire))?.pkg_id,
      mountedIsoId: wire.iso_id && wire.iso_id !== "0" ? wire.iso_id : undefined,
      rebootTrigger: undefined,
    };
  }

  async function waitForInstall(client: GigahostClient, serverId: string, context: OperationContext): Promise<ServerWire> {
    const server = await waitFor(
      () => client.servers.get(serverId),
      (wire) => wire !== undefined && !wire.srv_status_install,
      {
        description: `${BRAND_LABELS[brand]} server ${serverId} to finish installing`,
        deadline: context,
        describe: (wire) => (wire ? serverStatus(wire) : "not listed"),
        initialDelayMs: 5_000,
        maxDelayMs: 30_000,
        clock: context.clock,
        logger: context.logger,
      },
    );
    return server!;
  }

  async function reinstall(client: GigahostClient, serverId: string, os: ServerOs): Promise<string> {
    const password = await client.servers.reinstall(serverId, {
      os_id: Number(os.osId),
      language: os.language,
      keyboard: os.keyboard,
      timezone: os.timezone,
      hostname: os.hostname,
    });
    registerSecret(password);
    return password;
  }

  /**
   * Moves the server to `packageId` when it is on another one, and waits until it shows the new
   * package (the documents say nothing of how long an upgrade takes). Only a package the server is
   * offered is sent. `requested` is the package the state records: when it is this one, an earlier
   * update sent the upgrade and ran out of time, so it is waited for, not sent again.
   */
  async function changePackage(
    client: GigahostClient,
    current: ServerWire,
    packageId: string,
    rootPassword: string | null,
    inputs: ServerInputs,
    context: OperationContext,
    requested: string | undefined,
  ): Promise<void> {
    const serverId = current.srv_id;
    const offered = await client.servers.upgradePackages(serverId);
    const wanted = offered.find((pkg) => pkg.pkg_id === packageId);
    if (!wanted) {
      const list = offered.map((pkg) => `${pkg.pkg_id}${pkg.product_name ? ` (${pkg.product_name})` : ""}`).join(", ");
      throw new Error(
        `${kind} ${serverId}: packageId ${packageId} is not offered for this server; ` +
          (list ? `offered: ${list} (see getUpgradePackages)` : "it is offered no packages (dedicated servers cannot be resized)"),
      );
    }
    if (wanted.product_id != null && current.product_id === wanted.product_id) return;
    if (requested === packageId) context.logger.info(`${kind} ${serverId}: the upgrade to package ${packageId} was sent earlier; waiting for it`);
    else await client.servers.upgrade(serverId, packageId);
    if (wanted.product_id == null) return;
    try {
      await waitFor(
        () => client.servers.get(serverId),
        (wire) => wire?.product_id === wanted.product_id,
        {
          description: `${BRAND_LABELS[brand]} server ${serverId} to show package ${packageId}`,
          deadline: context,
          describe: (wire) => (wire ? `product ${wire.product_id ?? "unknown"}` : "not listed"),
          initialDelayMs: 5_000,
          maxDelayMs: 30_000,
          clock: context.clock,
          logger: context.logger,
        },
      );
    } catch (error) {
      if (!(error instanceof WaitTimeoutError)) throw error;
      // The upgrade goes on at the vendor, which refuses a second one meanwhile: the partial state records
      // the package asked for, so the next `pulumi up` does not send it again; a refresh shows where it is.
      const partial = await liveState(client, (await client.servers.get(serverId)) ?? current, inputs, rootPassword);
      throw new ResourceInitializationError(serverId, { ...inputs, ...partial, packageId }, [error.message]);
    }
  }

  /** Applies name, OS and power; the OS first, since an install powers the server on. */
  async function converge(
    client: GigahostClient,
    current: ServerWire,
    inputs: ServerInputs,
    wantReinstall: boolean,
    rootPassword: string | null,
    context: OperationContext,
    wantReboot = false,
    requestedPackage?: string,
  ): Promise<ServerState> {
    const serverId = current.srv_id;
    if (inputs.name !== undefined && inputs.name !== current.srv_label) await client.servers.rename(serverId, inputs.name);
    let password = rootPassword;
    if (wantReinstall && inputs.os) {
      password = await reinstall(client, serverId, inputs.os);
      try {
        await waitForInstall(client, serverId, context);
      } catch (error) {
        if (!(error instanceof WaitTimeoutError)) throw error;
        // Keep the new root password: the install goes on at the vendor.
        const partial = await liveState(client, (await client.servers.get(serverId)) ?? current, inputs, password);
        // The host cannot serialize undefined: strip it as the bridge does for results.
        throw new ResourceInitializationError(serverId, { ...inputs, ...partial }, [error.message]);
      }
    }
    if (inputs.packageId !== undefined) await changePackage(client, current, inputs.packageId, password, inputs, context, requestedPackage);
    if (inputs.mountedIsoId !== undefined && (current.iso_id ?? "0") !== inputs.mountedIsoId) {
      await client.servers.mountIso(serverId, inputs.mountedIsoId);
    }
    if (inputs.powerState !== undefined) {
      const poweredOn = await client.servers.powerState(serverId);
      if (powerWord(poweredOn) !== inputs.powerState) await client.servers.power(serverId, inputs.powerState);
    }
    if (wantReboot) {
      await client.servers.reboot(serverId);
      context.logger.info(`${kind} ${serverId}: rebooted (rebootTrigger changed)`);
    }
    const after = await client.servers.find(serverId);
    if (!after) throw new Error(`${kind} ${serverId} disappeared while being configured`);
    return liveState(client, after, inputs, password);
  }

  return {
    kind,
    // The servers of the account, which DeployedServer orders: one it holds is never another's half-made deployment.
    holds: serverCollection(brand),
    secretProperties: ["rootPassword"],
    inputs: serverArgs,
    state: serverState,
    // Servers are ordered elsewhere: this kind only takes one over.
    createsObjects: false,
    /**
     * `serverId`, e.g. `3523` (GET /servers' `srv_id`): read gives back `name`, `powerState` (where
     * the server reports it), `packageId` and `mountedIsoId`; not `os` (see `importedState`) nor `rebootTrigger`.
     */
    importId: serverImportId,
    replaceOnChanges: ["serverId"],
    ignoreChanges: ["allowReinstall", "timeouts"],
    defaultTimeouts: { create: 30 * 60_000, update: 30 * 60_000, delete: 60_000 },

    checkChange(olds, news): CheckFailure[] {
      // An `os` not managed before (added, or after an import) is taken over as at create: only the live OS tells (update).
      if (news.os === undefined || olds.os === undefined || sameValue(olds.os, news.os) || news.allowReinstall) return [];
      return [{ property: "os", reason: reinstallRefusal(brand, news.serverId, olds.os?.osId ?? null, news.os.osId) }];
    },

    async create(inputs, context) {
      const client = clientFor(context);
      const current = await client.servers.find(inputs.serverId);
      if (!current) {
        throw new Error(
          `${kind}: the ${BRAND_LABELS[brand]} account has no server ${inputs.serverId}. ` +
            "Server takes over an existing server; order new ones in the control panel" +
            (brand === "gigahost" ? " or with DeployedServer." : "."),
        );
      }
      // Taking over: the OS already installed is accepted as is; anything else needs consent.
      const liveOs = installedOsId(current);
      const wantReinstall = inputs.os !== undefined && liveOs !== inputs.os.osId;
      if (wantReinstall && !inputs.allowReinstall) throw new Error(`${kind}: ${reinstallRefusal(brand, inputs.serverId, liveOs, inputs.os!.osId)}`);
      const state = await converge(client, current, inputs, wantReinstall, null, context);
      return { id: inputs.serverId, state };
    },

    async read(id, state, context) {
      const client = clientFor(context);
      const current = await client.servers.find(id);
      if (!current) return undefined;
      if (readsForImport(state, "serverId")) return importedState(client, current);
      return liveState(client, current, state, state.rootPassword ?? null);
    },

    async update(id, olds, news, context) {
      const client = clientFor(context);
      const current = await client.servers.find(id);
      if (!current) throw new Error(`${kind} ${id} no longer exists in the ${BRAND_LABELS[brand]} account; run \`pulumi refresh\``);
      // An `os` managed before reinstalls when it changes; one not managed before (added, or after an
      // import, which cannot read language, keyboard and timezone) is taken over as at create.
      const wantReinstall =
        news.os !== undefined && (olds.os === undefined ? installedOsId(current) !== news.os.osId : !sameValue(olds.os, news.os));
      if (wantReinstall && !news.allowReinstall) {
        throw new Error(`${kind}: ${reinstallRefusal(brand, id, olds.os?.osId ?? installedOsId(current), news.os!.osId)}`);
      }
      // A trigger that changes (or appears) reboots once; one removed does nothing.
      const wantReboot = news.rebootTrigger !== undefined && news.rebootTrigger !== olds.rebootTrigger;
      return converge(client, current, news, wantReinstall, olds.rootPassword ?? null, context, wantReboot, olds.packageId);
    },

    async delete(id, _state, context) {
      // The server is billed and may hold data: deleting the resource only stops managing it.
      context.logger.info(`${kind} ${id}: removed from the stack; the server itself keeps running (cancel it in the control panel)`);
    },
  };
}

/**
 * An existing Gigahost server, taken over by `serverId`: its name, power
 * state and operating system (a reinstall only with `allowReinstall: true`).
 * Deleting the resource stops managing the server; it keeps running.
 */
export class Server extends resourceClass<ServerArgs, "primaryIp">()(serverDefinition("gigahost")) {}
