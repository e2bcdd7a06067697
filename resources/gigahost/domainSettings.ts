import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { isHostname, normalizeHostname } from "../../provider/dns";
import { ResourceDefinition } from "../../provider/dynamic";
import { sameValue } from "../../provider/inputs";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { ResourceInitializationError } from "../../provider/errors";
import { GigahostClient, gigahostClient } from "../../provider/gigahost/client";
import { DsRecordWire, ZoneWire } from "../../provider/gigahost/wire";
import { ArgsMatchSchema, Assert } from "../types";
import { vendorId } from "../vendorId";
import { readsForImport, zoneImportId } from "./importIds";

/** DNSSEC algorithms Norid accepts (docs/gigahost.md, "DomainSettings (Gigahost)"). */
export const DS_ALGORITHMS = [5, 7, 8, 10, 13, 14, 15, 16] as const;
/** Digest type → hex digest length: SHA-1, SHA-256, SHA-384. */
export const DS_DIGEST_LENGTHS: Record<number, number> = { 1: 40, 2: 64, 4: 96 };

const GIGAHOST_NAMESERVER = /(^|\.)gigahost\.no$/;

export const dsRecordInput = z
  .object({
    keyTag: z.number({ error: "must be a number from 0 to 65535" }).int("must be a whole number").min(0, "must be from 0 to 65535").max(65535, "must be from 0 to 65535"),
    algorithm: z
      .number({ error: `must be one of ${DS_ALGORITHMS.join(", ")}` })
      .refine((value) => (DS_ALGORITHMS as readonly number[]).includes(value), `must be one of ${DS_ALGORITHMS.join(", ")} (e.g. 13 for ECDSA P-256)`),
    digestType: z
      .number({ error: "must be 1 (SHA-1), 2 (SHA-256) or 4 (SHA-384)" })
      .refine((value) => value in DS_DIGEST_LENGTHS, "must be 1 (SHA-1), 2 (SHA-256) or 4 (SHA-384)"),
    digest: z
      .string()
      .trim()
      .transform((value) => value.replace(/\s/g, "").toUpperCase())
      .pipe(z.string().regex(/^[0-9A-F]+$/, "must be hexadecimal")),
  })
  .strict()
  .superRefine((record, context) => {
    const length = DS_DIGEST_LENGTHS[record.digestType];
    if (length !== undefined && record.digest.length !== length) {
      context.addIssue({ code: "custom", path: ["digest"], message: `must be ${length} hex digits for digest type ${record.digestType}` });
    }
  });

export const domainSettingsArgs = z
  .object({
    zoneId: vendorId("the zone id", "123 (see getZone)"),
    nameservers: z
      .array(
        z
          .string()
          .transform(normalizeHostname)
          .refine((name) => isHostname(name) && name.includes("."), "must be a name server host name such as ns1.example.no"),
      )
      .min(2, "needs at least two name servers")
      .refine((names) => new Set(names).size === names.length, "must not repeat a name server")
      .optional(),
    autoRenew: z.boolean().optional(),
    dnssec: z.boolean().optional(),
    externalDsRecords: z.array(dsRecordInput).optional(),
    registrantEmail: z.string().trim().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "must be an e-mail address such as hostmaster@example.no").optional(),
    whoisProtection: z.boolean().optional(),
  })
  .strict()
  .superRefine((args, context) => {
    const managed = ["nameservers", "autoRenew", "dnssec", "externalDsRecords", "registrantEmail"] as const;
    if (managed.every((key) => args[key] === undefined)) {
      context.addIssue({ code: "custom", path: ["zoneId"], message: `set at least one of ${managed.join(", ")}: nothing would be managed` });
    }
    if (args.whoisProtection !== undefined && args.registrantEmail === undefined) {
      context.addIssue({ code: "custom", path: ["whoisProtection"], message: "is set with the registrant e-mail: set `registrantEmail` too" });
    }
    if (args.externalDsRecords !== undefined && args.nameservers !== undefined && args.nameservers.every((name) => GIGAHOST_NAMESERVER.test(name))) {
      context.addIssue({ code: "custom", path: ["externalDsRecords"], message: "only apply to external name servers; these name servers are Gigahost's (use `dnssec: true` instead)" });
    }
    if (args.dnssec === true && args.nameservers !== undefined && !args.nameservers.every((name) => GIGAHOST_NAMESERVER.test(name))) {
      context.addIssue({ code: "custom", path: ["dnssec"], message: "signs with Gigahost's name servers; with external name servers publish `externalDsRecords` instead" });
    }
  });

/** A DS record to publish for a zone signed on external name servers. */
export interface DsRecordArgs {
  /** The key tag, 0 to 65535, e.g. `2371`. */
  keyTag: number;
  /** The DNSSEC algorithm number: 5, 7, 8, 10, 13, 14, 15 or 16, e.g. `13` (ECDSA P-256). */
  algorithm: number;
  /** The digest type: 1 (SHA-1), 2 (SHA-256) or 4 (SHA-384). */
  digestType: number;
  /** The digest in hexadecimal: 40, 64 or 96 digits for digest type 1, 2 or 4; spaces are ignored. */
  digest: string;
}

/**
 * The arguments of a `DomainSettings`; see docs/gigahost.md, "DomainSettings (Gigahost)".
 * Each setting is managed only when set; set at least one of `nameservers`,
 * `autoRenew`, `dnssec`, `externalDsRecords`, `registrantEmail`.
 */
export interface DomainSettingsArgs {
  /**
   * The domain: a registered (protected) .no zone of the account, by a
   * `DnsZone`'s or `getZone()`'s `zoneId`, e.g. `zone.zoneId` or `"123"`.
   * Changing it replaces the resource (the old zone's settings are put back first).
   */
  zoneId: pulumi.Input<string | number>;
  /**
   * The domain's name servers, at least two and distinct, e.g.
   * `["ns1.example.net", "ns2.example.net"]`; Gigahost checks that they answer
   * for the domain before switching. Cannot be read back, so changes made
   * elsewhere are not detected, and delete leaves them as they are. Unmanaged
   * when unset. Changes in place.
   */
  nameservers?: pulumi.Input<string[]>;
  /** Renew the domain automatically, e.g. `true`. Unmanaged when unset. Changes in place. */
  autoRenew?: pulumi.Input<boolean>;
  /**
   * DNSSEC signing by Gigahost (with Gigahost's name servers only); the DS
   * records to publish are output as `dsRecords`. Unmanaged when unset. Changes in place.
   */
  dnssec?: pulumi.Input<boolean>;
  /**
   * DS records to publish for a zone signed on external name servers
   * (refused with Gigahost's own), e.g.
   * `[{ keyTag: 2371, algorithm: 13, digestType: 2, digest: "1F9B…" }]`;
   * replaces all of them. Unmanaged when unset. Changes in place.
   */
  externalDsRecords?: pulumi.Input<DsRecordArgs[]>;
  /** The registrant's e-mail address, e.g. `"hostmaster@example.no"`. Unmanaged when unset. Changes in place. */
  registrantEmail?: pulumi.Input<string>;
  /**
   * WHOIS protection of the registrant e-mail, e.g. `true`; needs
   * `registrantEmail` (the two are sent together). Cannot be read back.
   * Unmanaged when unset. Changes in place.
   */
  whoisProtection?: pulumi.Input<boolean>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<DomainSettingsArgs, typeof domainSettingsArgs>>;
type SettingsInputs = z.output<typeof domainSettingsArgs>;
type DsRecord = z.output<typeof dsRecordInput>;

/** What delete puts back: the values read before this resource first changed them (null: not managed). */
const previousSettings = z.object({
  autoRenew: z.boolean().nullable(),
  dnssec: z.boolean().nullable(),
  externalDsRecords: z.array(z.object({ keyTag: z.number(), algorithm: z.number(), digestType: z.number(), digest: z.string() })).nullable(),
  registrantEmail: z.string().nullable(),
});
type Previous = z.infer<typeof previousSettings>;

export const domainSettingsState = stateSchema({
  /** The zone's domain name. */
  zoneName: z.string(),
  /** Whether the zone uses name servers other than Gigahost's (`external_dns`). */
  externalDns: z.boolean(),
  /** The DS records of Gigahost's DNSSEC signing (empty while it is off), to give a parent zone. */
  dsRecords: z.array(z.object({ keyTag: z.number().nullable(), algorithm: z.number().nullable(), digestType: z.number().nullable(), digest: z.string() })),
  /** What delete puts back: the settings as they were before this resource first changed them (null: not managed). */
  previous: previousSettings,
  /** The name servers as managed; undefined when `nameservers` is not set. */
  nameservers: z.array(z.string()).optional(),
  /** Auto-renewal as managed; undefined when `autoRenew` is not set. */
  autoRenew: z.boolean().optional(),
  /** DNSSEC signing as managed; undefined when `dnssec` is not set. */
  dnssec: z.boolean().optional(),
  /** The DS records for external name servers as managed; undefined when not set. */
  externalDsRecords: z.array(z.object({ keyTag: z.number(), algorithm: z.number(), digestType: z.number(), digest: z.string() })).optional(),
  /** The registrant e-mail as managed; undefined when not set. */
  registrantEmail: z.string().optional(),
  /** WHOIS protection as managed; undefined when not set. */
  whoisProtection: z.boolean().optional(),
  /** The zone whose domain settings these are. */
  zoneId: z.string(),
});
export type DomainSettingsState = z.infer<typeof domainSettingsState>;

const KIND = "gigahost:DomainSettings";

function dsFromWire(records: DsRecordWire[]): DsRecord[] {
  return records.map((record) => ({ keyTag: record.keyTag ?? 0, algorithm: record.algorithm ?? 0, digestType: record.digestType ?? 0, digest: record.digest }));
}

async function registeredZone(client: GigahostClient, zoneId: string): Promise<ZoneWire> {
  const zone = await client.findZoneById(zoneId, { fresh: true });
  if (!zone) throw new Error(`${KIND}: the Gigahost account has no zone ${zoneId}`);
  return refuseUnregistered(zone);
}

function refuseUnregistered(zone: ZoneWire): ZoneWire {
  if (!zone.zone_protected && !zone.zone_is_registered) {
    throw new Error(
      `${KIND}: zone ${zone.zone_id} (${zone.zone_name}) is not a domain registered through Gigahost; ` +
        "name servers, auto-renew, DNSSEC, DS records and the registrant only exist for registered (protected) .no zones",
    );
  }
  return zone;
}

/** The live settings; managed inputs the program left unset stay undefined. */
async function liveState(client: GigahostClient, zone: ZoneWire, managed: Partial<SettingsInputs>, previous: Previous): Promise<Omit<DomainSettingsState, "zoneId">> {
  const zoneId = zone.zone_id;
  const ds = await client.domains.dsRecords(zoneId);
  const external = managed.externalDsRecords !== undefined ? await client.domains.externalDsRecords(zoneId) : undefined;
  return {
    zoneName: zone.zone_name,
    externalDns: zone.external_dns ?? false,
    dsRecords: (ds ?? []).map((record) => ({ ...record })),
    previous,
    // Not readable through the API: kept as applied.
    nameservers: managed.nameservers ?? undefined,
    autoRenew: managed.autoRenew == null ? undefined : (zone.domain_auto_renew ?? false),
    dnssec: managed.dnssec == null ? undefined : ds !== undefined,
    externalDsRecords: managed.externalDsRecords == null ? undefined : dsFromWire(external ?? []),
    registrantEmail: managed.registrantEmail == null ? undefined : ((await client.domains.registrantEmail(zoneId)) ?? undefined),
    whoisProtection: managed.whoisProtection ?? undefined,
  };
}

/**
 * The settings of an imported domain: every one the API returns, as if the program managed each
 * (auto-renew, DNSSEC, the registrant e-mail, and the external DS records where the domain uses
 * external name servers: GET …/ds-records/external answers 400 otherwise). Not the name servers nor
 * WHOIS protection, which cannot be read. Nothing was changed by the resource: delete puts nothing back.
 */
async function importedState(client: GigahostClient, zone: ZoneWire): Promise<DomainSettingsState> {
  const zoneId = zone.zone_id;
  const ds = await client.domains.dsRecords(zoneId);
  const external = zone.external_dns ? await client.domains.externalDsRecords(zoneId) : undefined;
  return {
    zoneName: zone.zone_name,
    externalDns: zone.external_dns ?? false,
    dsRecords: (ds ?? []).map((record) => ({ ...record })),
    previous: emptyPrevious(),
    autoRenew: zone.domain_auto_renew ?? false,
    dnssec: ds !== undefined,
    externalDsRecords: external && dsFromWire(external),
    registrantEmail: (await client.domains.registrantEmail(zoneId)) ?? undefined,
    zoneId,
  };
}

/** Applies the managed settings that differ from `current`; name servers first, since they decide external_dns. */
async function apply(client: GigahostClient, zoneId: string, wanted: SettingsInputs, current: Partial<SettingsInputs>): Promise<void> {
  const domains = client.domains;
  if (wanted.nameservers !== undefined && !sameValue(wanted.nameservers, current.nameservers)) await domains.setNameservers(zoneId, wanted.nameservers);
  if (wanted.autoRenew !== undefined && wanted.autoRenew !== current.autoRenew) await domains.setAutoRenew(zoneId, wanted.autoRenew);
  if (
    wanted.registrantEmail !== undefined &&
    (wanted.registrantEmail !== current.registrantEmail || (wanted.whoisProtection !== undefined && wanted.whoisProtection !== current.whoisProtection))
  ) {
    await domains.setRegistrantEmail(zoneId, wanted.registrantEmail, wanted.whoisProtection);
  }
  if (wanted.dnssec !== undefined && wanted.dnssec !== current.dnssec) await domains.setDnssec(zoneId, wanted.dnssec);
  if (wanted.externalDsRecords !== undefined && !sameValue(wanted.externalDsRecords, current.externalDsRecords)) {
    await domains.replaceExternalDsRecords(
      zoneId,
      wanted.externalDsRecords.map((record) => ({ keyTag: record.keyTag, alg: record.algorithm, digestType: record.digestType, digest: record.digest })),
    );
  }
}

export const domainSettingsDefinition: ResourceDefinition<SettingsInputs, typeof domainSettingsState> = {
  kind: KIND,
  inputs: domainSettingsArgs,
  state: domainSettingsState,
  // The zone exists already: this kind only changes its domain's settings.
  createsObjects: false,
  replaceOnChanges: ["zoneId"],
  // One resource per zone: two would fight over the same settings.
  deleteBeforeReplace: true,
  /**
   * `zoneId`, e.g. `123` (GET /dns/zones' `zone_id`, a registered domain): read gives back
   * `autoRenew`, `dnssec`, `registrantEmail` and, with external name servers, `externalDsRecords`;
   * never `nameservers` nor `whoisProtection` (the API cannot read them).
   */
  importId: zoneImportId,

  async create(inputs, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    const zone = await registeredZone(client, inputs.zoneId);
    // Remember what was there, for delete to put back.
    const before = await liveState(client, zone, inputs, emptyPrevious());
    const previous: Previous = {
      autoRenew: inputs.autoRenew !== undefined ? (before.autoRenew ?? null) : null,
      dnssec: inputs.dnssec !== undefined ? (before.dnssec ?? null) : null,
      externalDsRecords: inputs.externalDsRecords !== undefined && zone.external_dns ? (before.externalDsRecords ?? null) : null,
      registrantEmail: inputs.registrantEmail !== undefined ? (before.registrantEmail ?? null) : null,
    };
    try {
      await apply(client, inputs.zoneId, inputs, { ...before, nameservers: undefined, whoisProtection: undefined });
    } catch (error) {
      // Some settings may be applied: keep the zone and what to restore, so the next up finishes and delete restores.
      const partial = await liveState(client, await registeredZone(client, inputs.zoneId), inputs, previous).catch(() => ({ previous }));
      throw new ResourceInitializationError(inputs.zoneId, { ...inputs, ...partial, nameservers: undefined }, [error instanceof Error ? error.message : String(error)]);
    }
    return { id: inputs.zoneId, state: await liveState(client, await registeredZone(client, inputs.zoneId), inputs, previous) };
  },

  async read(id, state, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    const zone = await client.findZoneById(id, { fresh: true });
    if (!zone) return undefined;
    if (readsForImport(state, "zoneId")) return importedState(client, refuseUnregistered(zone));
    return liveState(client, zone, state, state.previous ?? emptyPrevious());
  },

  async update(id, olds, news, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    const zone = await registeredZone(client, id);
    const live = await liveState(client, zone, news, olds.previous ?? emptyPrevious());
    await apply(client, id, news, { ...live, nameservers: olds.nameservers, whoisProtection: olds.whoisProtection });
    return liveState(client, await registeredZone(client, id), news, olds.previous ?? emptyPrevious());
  },

  async delete(id, state, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    const zone = await client.findZoneById(id, { fresh: true });
    if (!zone) return;
    const previous = state.previous ?? emptyPrevious();
    if (previous.dnssec !== null) await client.domains.setDnssec(id, previous.dnssec);
    if (previous.autoRenew !== null) await client.domains.setAutoRenew(id, previous.autoRenew);
    if (previous.registrantEmail !== null) await client.domains.setRegistrantEmail(id, previous.registrantEmail, undefined);
    if (previous.externalDsRecords !== null && zone.external_dns) {
      await client.domains.replaceExternalDsRecords(
        id,
        previous.externalDsRecords.map((record) => ({ keyTag: record.keyTag, alg: record.algorithm, digestType: record.digestType, digest: record.digest })),
      );
    }
    const kept = [state.nameservers !== undefined ? "name servers" : "", state.whoisProtection !== undefined ? "WHOIS protection" : ""].filter(Boolean);
    if (kept.length > 0) {
      context.logger.warn(
        `${KIND} ${id} (${zone.zone_name}): ${kept.join(" and ")} stay as they are (the API cannot read their earlier values); ` +
          "other settings were put back as they were before",
      );
    }
  },
};

function emptyPrevious(): Previous {
  return { autoRenew: null, dnssec: null, externalDsRecords: null, registrantEmail: null };
}

/**
 * Settings of a .no domain registered through Gigahost (a protected zone):
 * name servers, auto-renew, DNSSEC, external DS records, registrant e-mail
 * and WHOIS protection. Each is managed only when set. Delete puts back the
 * earlier auto-renew, DNSSEC, DS records and e-mail; name servers and WHOIS
 * protection stay as they are.
 */
export class DomainSettings extends resourceClass<DomainSettingsArgs>()(domainSettingsDefinition) {}
