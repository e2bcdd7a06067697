import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { isHostname, normalizeHostname } from "../../provider/dns";
import { ResourceDefinition, timeoutsInput } from "../../provider/dynamic";
import { registerSecret } from "../../provider/redact";
import { waitFor } from "../../provider/poll";
import { writeReconciled } from "../../provider/reconcile";
import { GigahostClient, gigahostClient } from "../../provider/gigahost/client";
import { claimObject } from "../../provider/identity";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { ZoneWire } from "../../provider/gigahost/wire";
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { zoneImportId } from "./importIds";

export const ZONE_TYPES = ["NATIVE", "MASTER", "SLAVE"] as const;

/** The vendor's upload limit for BIND zone files (docs/gigahost-dns.md, "gigahost.DnsZone"). */
const MAX_ZONE_FILE_BYTES = 2 * 1024 * 1024;

export const dnsZoneArgs = z
  .object({
    name: z
      .string()
      .transform(normalizeHostname)
      .refine((name) => isHostname(name) && name.includes("."), "must be a domain name such as example.no"),
    type: z
      .string()
      .transform((type) => type.trim().toUpperCase())
      .pipe(z.enum(ZONE_TYPES, { error: `must be one of ${ZONE_TYPES.join(", ")}` }))
      .default("NATIVE"),
    createDefaultRecords: z.boolean().default(false),
    zoneFile: z
      .string()
      .refine((text) => Buffer.byteLength(text) <= MAX_ZONE_FILE_BYTES, "must be at most 2 MB (the vendor's limit)")
      .optional(),
    transferDomain: z.boolean().default(false),
    authCode: z.string().trim().min(1, "must not be empty").optional(),
    useExistingNs: z.boolean().optional(),
    adopt: z.boolean().default(false),
    timeouts: timeoutsInput,
  })
  .strict()
  .superRefine((args, context) => {
    if (args.authCode !== undefined) registerSecret(args.authCode);
    if (args.transferDomain) {
      if (args.authCode === undefined) context.addIssue({ code: "custom", path: ["authCode"], message: "is required when transferDomain is true (the domain's transfer code from its current registrar)" });
      if (!args.name.endsWith(".no")) context.addIssue({ code: "custom", path: ["transferDomain"], message: `transfers .no domains only; ${args.name} is not one` });
      if (args.zoneFile !== undefined) context.addIssue({ code: "custom", path: ["zoneFile"], message: "cannot be combined with transferDomain (a zone file import takes only the name and the file)" });
    } else {
      if (args.authCode !== undefined) context.addIssue({ code: "custom", path: ["authCode"], message: "has no effect unless transferDomain is true" });
      if (args.useExistingNs !== undefined) context.addIssue({ code: "custom", path: ["useExistingNs"], message: "goes with a transfer: set transferDomain: true, or remove it" });
    }
  });

export type ZoneType = (typeof ZONE_TYPES)[number];

/** The arguments of a `DnsZone`; see docs/gigahost-dns.md, "gigahost.DnsZone". */
export interface DnsZoneArgs {
  /**
   * The domain, e.g. `"example.no"`; lower-cased, without a trailing dot.
   * Changing it replaces the zone.
   */
  name: pulumi.Input<string>;
  /**
   * The zone type: `"NATIVE"` (default), `"MASTER"` or `"SLAVE"` (any case).
   * Changing it replaces the zone (the old one is deleted first: zone names
   * are unique at Gigahost).
   */
  type?: pulumi.Input<ZoneType | Lowercase<ZoneType>>;
  /**
   * Let Gigahost add its default records when the zone is created; default
   * false. Used at create only: later changes never cause a diff.
   */
  createDefaultRecords?: pulumi.Input<boolean>;
  /**
   * A BIND zone file (at most 2 MB) whose records are imported when the zone
   * is created, e.g. `fs.readFileSync("example.no.zone", "utf8")`. Used at
   * create only: later changes never cause a diff.
   */
  zoneFile?: pulumi.Input<string>;
  /**
   * Transfer the .no domain to Gigahost when the zone is created (`transfer_domain`,
   * billed as a registration); needs `authCode`. The zone then belongs to a domain
   * registered through Gigahost: protected, so destroying it is refused (set the
   * resource option `retainOnDelete`). Used at create only: later changes never cause a diff.
   */
  transferDomain?: pulumi.Input<boolean>;
  /** The transfer (auth) code from the domain's current registrar; kept secret. Needs `transferDomain`. Create only. */
  authCode?: pulumi.Input<string>;
  /**
   * With `transferDomain`: keep the domain's current name servers (`use_existing_ns`)
   * instead of moving it to Gigahost's. Create only.
   */
  useExistingNs?: pulumi.Input<boolean>;
  /**
   * Take over a zone of this name that exists already instead of failing
   * (its type must match); default false. Never causes a diff.
   */
  adopt?: pulumi.Input<boolean>;
  /** Deadlines for create (default 2m), update and delete, e.g. `{ create: "5m" }`. Never causes a diff. */
  timeouts?: pulumi.Input<Timeouts>;
}
// The interface names the zone types; the schema also takes them with surrounding spaces.
type ArgsAreTheSchema = Assert<ArgsMatchSchema<Omit<DnsZoneArgs, "type"> & { type?: pulumi.Input<string> }, typeof dnsZoneArgs>>;
type TypesAreAccepted = Assert<ZoneType | Lowercase<ZoneType> extends z.input<typeof dnsZoneArgs>["type"] ? true : false>;
type ZoneInputs = z.output<typeof dnsZoneArgs>;

/** What a zone adds to its inputs in state; each property is an output of `DnsZone`. */
export const zoneState = stateSchema({
  /** The zone's Gigahost id, e.g. for a `DnsRecord`'s `zoneId`. */
  zoneId: z.string(),
  /** The zone's domain name, lower case. */
  name: z.string(),
  /** `"NATIVE"` or another zone type Gigahost reports, upper case. */
  type: z.string(),
  /** Whether Gigahost serves the zone. */
  active: z.boolean(),
  /** Registered domains are protected: Gigahost refuses to delete them. */
  protected: z.boolean(),
  /** Whether the domain is registered through Gigahost. */
  registered: z.boolean(),
  /** Whether the domain uses name servers other than Gigahost's. */
  externalDns: z.boolean(),
  /** How many records the zone holds; null when Gigahost does not say. */
  recordCount: z.number().nullable(),
  /** Whether the registration renews itself; null for a domain not registered through Gigahost. */
  autoRenew: z.boolean().nullable(),
  /** The registrar; null for a domain not registered through Gigahost. */
  registrar: z.string().nullable(),
  /** The registration's status; null for a domain not registered through Gigahost. */
  domainStatus: z.string().nullable(),
  /** When the registration expires, as Gigahost writes it; null for a domain not registered through Gigahost. */
  domainExpiryDate: z.string().nullable(),
});
export type ZoneState = z.infer<typeof zoneState>;

export function zoneFromWire(wire: ZoneWire): ZoneState {
  return {
    zoneId: wire.zone_id,
    name: normalizeHostname(wire.zone_name),
    type: (wire.zone_type ?? "NATIVE").toUpperCase(),
    active: wire.zone_active ?? true,
    protected: wire.zone_protected ?? false,
    registered: wire.zone_is_registered ?? false,
    externalDns: wire.external_dns ?? false,
    recordCount: wire.record_count,
    autoRenew: wire.domain_auto_renew ?? null,
    registrar: wire.domain_registrar,
    domainStatus: wire.domain_status,
    domainExpiryDate: wire.domain_expiry_date,
  };
}

/**
 * Zones carry nothing of ours (no comment field; the create answer has no
 * id). A zone of the name that holds nothing but name-server records, is
 * not a registered domain and has the wanted type is taken as the one an
 * interrupted create made: if it was somebody else's, it held nothing, so
 * managing (and one day deleting) it loses nothing. Anything else needs
 * `adopt`.
 */
export async function isEmptyZone(client: GigahostClient, zone: ZoneWire): Promise<boolean> {
  if (zone.zone_protected || zone.zone_is_registered) return false;
  return holdsOnlyNameServers(client, zone);
}

async function holdsOnlyNameServers(client: GigahostClient, zone: ZoneWire): Promise<boolean> {
  const records = await client.listRecords(zone.zone_id, { fresh: true });
  return records.every((record) => record.record_type === "NS" || record.record_type === "SOA");
}

export const dnsZoneDefinition: ResourceDefinition<ZoneInputs, typeof zoneState> = {
  kind: "gigahost:DnsZone",
  inputs: dnsZoneArgs,
  state: zoneState,
  replaceOnChanges: ["name", "type"],
  ignoreChanges: ["createDefaultRecords", "zoneFile", "transferDomain", "authCode", "useExistingNs", "adopt", "timeouts"],
  secretProperties: ["authCode"],
  // Zone names are unique at Gigahost: the old zone must go before a new one of the same name.
  deleteBeforeReplace: true,
  defaultTimeouts: { create: 2 * 60_000 },
  /** `zoneId`, e.g. `123` (GET /dns/zones' `zone_id`): read gives back `name` and `type`; the other inputs apply at create only. */
  importId: zoneImportId,

  async create(inputs, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    if (context.creationTag) claimObject(`gigahost:zone:${inputs.name}`, context.creationTag, `gigahost:DnsZone ${inputs.name}`);
    const existing = await client.findZoneByName(inputs.name);
    if (existing) {
      const zone = zoneFromWire(existing);
      if (!inputs.adopt) {
        // A zone file brings records of its own: such a zone cannot be told from somebody else's.
        // A transfer leaves a registered zone: one holding nothing but name-server records is the domain an
        // interrupted create transferred (if it was registered through Gigahost before, it is the domain asked for).
        if (inputs.transferDomain && zone.registered && zone.type === inputs.type && (await holdsOnlyNameServers(client, existing))) {
          context.logger.info(`gigahost:DnsZone ${inputs.name}: zone ${zone.zoneId} is registered and holds no records of its own; taking it as the transfer an interrupted create started`);
          return { id: zone.zoneId, state: zone };
        }
        if (inputs.zoneFile === undefined && zone.type === inputs.type && (await isEmptyZone(client, existing))) {
          context.logger.info(`gigahost:DnsZone ${inputs.name}: zone ${zone.zoneId} exists and holds no records of its own; taking it as the one an interrupted create made`);
          return { id: zone.zoneId, state: zone };
        }
        throw new Error(
          `gigahost:DnsZone ${inputs.name} already exists (zone id ${zone.zoneId}). ` +
            "Set `adopt: true` to manage the existing zone (e.g. when an earlier `pulumi up` was interrupted after creating it).",
        );
      }
      if (zone.type !== inputs.type) {
        throw new Error(
          `gigahost:DnsZone ${inputs.name} exists with type ${zone.type}, but the program says ${inputs.type}. ` +
            "Set `type` to match before adopting; changing the type would replace the zone and its records.",
        );
      }
      return { id: zone.zoneId, state: zone };
    }
    // The documented answer names the zone (`data.zone_id`); the live one does not (docs/gigahost-dns.md, "DNS quirks handled"):
    // then the zone is found by name.
    const { zoneId } = await writeReconciled<{ zoneId: string }>({
      attempt: async () => {
        const zoneId = await client.createZone(
          {
            zone_name: inputs.name,
            zone_type: inputs.type,
            create_default_records: inputs.createDefaultRecords,
            ...(inputs.transferDomain
              ? { transfer_domain: true, auth_code: inputs.authCode, ...(inputs.useExistingNs !== undefined ? { use_existing_ns: inputs.useExistingNs } : {}) }
              : {}),
          },
          inputs.zoneFile,
        );
        return zoneId === undefined ? undefined : { zoneId };
      },
      find: async () => {
        const zone = await client.findZoneByName(inputs.name, { fresh: true });
        return zone && { zoneId: zone.zone_id };
      },
      description: `creating zone ${inputs.name}`,
      deadline: context,
      clock: context.clock,
      logger: context.logger,
    });
    const created = await waitFor(
      () => client.findZoneById(zoneId, { fresh: true }),
      (zone) => zone !== undefined,
      {
        description: `zone ${inputs.name} to be listed`,
        deadline: context,
        initialDelayMs: 500,
        clock: context.clock,
        logger: context.logger,
      },
    );
    const zone = zoneFromWire(created!);
    return { id: zone.zoneId, state: zone };
  },

  async read(id, _state, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    const zone = await client.findZoneById(id);
    return zone && zoneFromWire(zone);
  },

  async update(id, _olds, news, context) {
    // Every input either replaces the zone or applies at create only: nothing to send.
    const client = gigahostClient("gigahost", context.settings, context);
    const zone = await client.findZoneById(id);
    if (!zone) throw new Error(`gigahost:DnsZone ${news.name} (zone id ${id}) no longer exists; run \`pulumi refresh\``);
    return zoneFromWire(zone);
  },

  async delete(id, state, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    const zone = await client.findZoneById(id);
    if (!zone) return;
    if (zone.zone_protected) {
      throw new Error(
        `gigahost:DnsZone ${state.name} is a registered domain, and Gigahost refuses to delete protected zones. ` +
          "To stop managing it without deleting it, set the resource option `retainOnDelete: true`, run `pulumi up`, " +
          "then remove it from the program.",
      );
    }
    await client.deleteZone(id);
  },
};

/**
 * A DNS zone at Gigahost. Changing `name` or `type` replaces the zone (and
 * with it every record in it); `createDefaultRecords` and `zoneFile` apply at
 * creation only.
 */
export class DnsZone extends resourceClass<DnsZoneArgs>()(dnsZoneDefinition) {}
