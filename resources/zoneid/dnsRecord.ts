import { randomUUID } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { canonicalIPv6, isHostname, normalizeHostname, trimRecordValue, valueEdgeProblem } from "../../provider/dns";
import { ResourceDefinition, timeoutsInput } from "../../provider/dynamic";
import { camelCaseField, namingFieldsAs } from "../../provider/errors";
import { claimObject, releaseObject } from "../../provider/identity";
import { createOnce, onlyCandidate, settleTimeMs } from "../../provider/reconcile";
import { RecordType, ZoneidClient, zoneidClient } from "../../provider/zoneid/client";
import { RecordBody, RecordWire } from "../../provider/zoneid/wire";
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { importByNamedParts, inputPart, numberedPart, zonePart } from "./importIds";
import { normalizeRecordName, relativeName, zoneNameProblem } from "./names";

export const RECORD_TYPES = ["a", "aaaa", "ns", "mx", "cname", "txt", "caa", "sshfp", "srv", "url", "tlsa"] as const;

/**
 * The type-specific inputs, their wire names and which types have them
 * (ZoneID's OpenAPI spec: MXRecord, SRVRecord, CAARecord, SSHFPRecord,
 * TLSARecord, DnsRecordUrl).
 */
export const TYPE_FIELDS = {
  priority: { wire: "priority", types: ["mx", "srv"] },
  weight: { wire: "weight", types: ["srv"] },
  port: { wire: "port", types: ["srv"] },
  flag: { wire: "flag", types: ["caa"] },
  tag: { wire: "tag", types: ["caa"] },
  algorithm: { wire: "algorithm", types: ["sshfp"] },
  fingerprintType: { wire: "type", types: ["sshfp"] },
  certificateUsage: { wire: "certificate_usage", types: ["tlsa"] },
  selector: { wire: "selector", types: ["tlsa"] },
  matchingType: { wire: "matching_type", types: ["tlsa"] },
  redirectType: { wire: "type", types: ["url"] },
} as const;
type TypeField = keyof typeof TYPE_FIELDS;
const TYPE_FIELD_NAMES = Object.keys(TYPE_FIELDS) as TypeField[];

const integer = (min: number, max: number, what = "") =>
  z
    .number({ error: `must be a whole number ${min}-${max}${what}` })
    .int(`must be a whole number ${min}-${max}${what}`)
    .min(min, `must be ${min}-${max}${what}`)
    .max(max, `must be ${min}-${max}${what}`);

const hostDestination = (type: string) =>
  z
    .string()
    .refine((value) => isHostname(value.trim()), { error: (issue) => `"${issue.input}" is not a host name (a ${type.toUpperCase()} record points to one, e.g. host.example.com)` })
    .transform(normalizeHostname);
const hexDestination = (what: string) =>
  z
    .string()
    .transform((value) => value.trim().toLowerCase())
    .refine((value) => /^[0-9a-f]+$/.test(value), `must be the ${what} in hexadecimal`);

/**
 * A type-specific field before the union: any value passes here (typed for the
 * args interface); the record type's branch checks it with its own range and message.
 */
const checkedByType = <T>() => z.custom<T>().optional();

/** What every branch shares; `zone` and `name` are normalized together after the union. */
const common = {
  zone: z.string(),
  name: z.string(),
  adopt: z.boolean(),
  timeouts: timeoutsInput,
};

const branch = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.object({ ...common, type: z.literal(type), ...shape });

/** One branch per record type: only its own fields, each with its own range. */
const recordUnion = z.discriminatedUnion("type", [
  branch("a", { destination: z.string().refine((v) => isIPv4(v.trim()), { error: (i) => `"${i.input}" is not an IPv4 address (an A record needs one, e.g. 192.0.2.10)` }).transform((v) => v.trim()) }),
  branch("aaaa", { destination: z.string().refine((v) => isIPv6(v.trim()), { error: (i) => `"${i.input}" is not an IPv6 address (an AAAA record needs one, e.g. 2001:db8::10)` }).transform((v) => canonicalIPv6(v.trim())) }),
  branch("ns", { destination: hostDestination("ns") }),
  branch("cname", { destination: hostDestination("cname") }),
  branch("mx", { destination: hostDestination("mx"), priority: integer(0, 65535) }),
  // ZoneID strips surrounding whitespace (a newline read from a file): so does check, or the diff never settles.
  branch("txt", {
    destination: z
      .string()
      .transform(trimRecordValue)
      .pipe(z.string().min(1, "a TXT record needs a value").max(4096, "may be at most 4096 characters"))
      .superRefine((value, context) => {
        const problem = valueEdgeProblem(value);
        if (problem) context.addIssue({ code: "custom", message: problem });
      }),
  }),
  branch("caa", {
    destination: z.string().trim().min(1, 'needs the CAA value, e.g. "letsencrypt.org"'),
    flag: integer(0, 255).default(0),
    tag: z.enum(["issue", "issuewild", "iodef"], { error: "must be issue, issuewild or iodef" }),
  }),
  branch("sshfp", {
    destination: hexDestination("fingerprint"),
    algorithm: integer(1, 4, " (1 RSA, 2 DSA, 3 ECDSA, 4 Ed25519)"),
    fingerprintType: integer(1, 2, " (1 SHA-1, 2 SHA-256)"),
  }),
  branch("srv", { destination: hostDestination("srv"), priority: integer(0, 65535), weight: integer(0, 65535), port: integer(0, 65535) }),
  branch("url", {
    destination: z.string().trim().regex(/^https?:\/\/[^\s/]+\S*$/i, "must be the http(s) URL to redirect to, e.g. https://www.example.com"),
    redirectType: z.union([z.literal(301), z.literal(302)], { error: "must be 301 or 302" }).default(301),
  }),
  branch("tlsa", {
    destination: hexDestination("certificate association data"),
    certificateUsage: integer(0, 3),
    selector: integer(0, 1),
    matchingType: integer(0, 2),
  }),
]);

/** A record type in any case, lower-cased: the path segment of `/dns/{zone}/{type}`. */
const recordType = z
  .string()
  .transform((type) => type.trim().toLowerCase())
  .pipe(z.enum(RECORD_TYPES, { error: `must be one of ${RECORD_TYPES.join(", ")}` }));

export const dnsRecordArgs = z
  .object({
    zone: z.string().superRefine((zone, context) => {
      const problem = zoneNameProblem(zone);
      if (problem) context.addIssue({ code: "custom", message: problem });
    }),
    type: recordType,
    name: z.string().default("@"),
    destination: z.string({ error: "is required" }),
    priority: checkedByType<number>(),
    weight: checkedByType<number>(),
    port: checkedByType<number>(),
    flag: checkedByType<number>(),
    tag: checkedByType<"issue" | "issuewild" | "iodef">(),
    algorithm: checkedByType<number>(),
    fingerprintType: checkedByType<number>(),
    certificateUsage: checkedByType<number>(),
    selector: checkedByType<number>(),
    matchingType: checkedByType<number>(),
    redirectType: checkedByType<301 | 302>(),
    adopt: z.boolean().default(false),
    timeouts: timeoutsInput,
  })
  .strict()
  .superRefine((args, context) => {
    for (const field of TYPE_FIELD_NAMES) {
      const types: readonly string[] = TYPE_FIELDS[field].types;
      if (args[field] !== undefined && !types.includes(args.type)) {
        context.addIssue({ code: "custom", path: [field], message: `applies only to ${types.join(", ")} records, not ${args.type}` });
      }
    }
    const name = normalizeRecordName(args.name, args.zone);
    if ("problem" in name) context.addIssue({ code: "custom", path: ["name"], message: name.problem });
    else if (args.type === "cname" && name.relative === "@") {
      context.addIssue({ code: "custom", path: ["name"], message: 'a CNAME cannot be at the zone apex ("@")' });
    }
  })
  .pipe(recordUnion)
  .transform((args) => {
    const name = normalizeRecordName(args.name, args.zone) as { relative: string; fqdn: string };
    return { ...args, zone: normalizeHostname(args.zone), name: name.relative };
  });

/**
 * The arguments of a `DnsRecord`; see docs/zoneid.md. `type` decides which of the
 * type-specific fields apply; `check` refuses the others. Changing `zone` or `type`
 * replaces the record (the old one is deleted first); everything else changes in place.
 */
export interface DnsRecordArgs {
  /**
   * The zone, e.g. `"example.com"` or a `DnsZone`'s `name` (case and trailing dot
   * normalized, Unicode in xn-- form). Changing it replaces the record.
   */
  zone: pulumi.Input<string>;
  /**
   * The record type, any case: `"a"`, `"aaaa"`, `"ns"`, `"mx"`, `"cname"`, `"txt"`,
   * `"caa"`, `"sshfp"`, `"srv"`, `"url"` or `"tlsa"` (see `RECORD_TYPES`). Changing it
   * replaces the record (the old one is deleted first).
   */
  type: pulumi.Input<string>;
  /**
   * The record's name: `"@"` (default) for the apex, relative (`"www"`) or fully
   * qualified (`"www.example.com"`), any case; stored relative. A CNAME cannot be at
   * `"@"`. Changes in place.
   */
  name?: pulumi.Input<string>;
  /**
   * The value, by type: a: an IPv4 address (`"192.0.2.10"`); aaaa: an IPv6 address;
   * ns, cname, mx, srv: a host name (`"mail.example.com"`); txt: 1-4096 characters
   * (surrounding whitespace removed, as ZoneID removes it); caa: the value
   * (`"letsencrypt.org"`); sshfp, tlsa: hexadecimal; url: the http(s) URL to redirect
   * to. Changes in place.
   */
  destination: pulumi.Input<string>;
  /** mx and srv only, required there: 0-65535, lower is preferred. Changes in place. */
  priority?: pulumi.Input<number>;
  /** srv only, required there: 0-65535. Changes in place. */
  weight?: pulumi.Input<number>;
  /** srv only, required there: the service's port, 0-65535. Changes in place. */
  port?: pulumi.Input<number>;
  /** caa only: 0-255, default 0. Changes in place. */
  flag?: pulumi.Input<number>;
  /** caa only, required there: `"issue"`, `"issuewild"` or `"iodef"`. Changes in place. */
  tag?: pulumi.Input<"issue" | "issuewild" | "iodef">;
  /** sshfp only, required there: 1 RSA, 2 DSA, 3 ECDSA, 4 Ed25519. Changes in place. */
  algorithm?: pulumi.Input<number>;
  /** sshfp only, required there: 1 SHA-1, 2 SHA-256. Changes in place. */
  fingerprintType?: pulumi.Input<number>;
  /** tlsa only, required there: 0-3. Changes in place. */
  certificateUsage?: pulumi.Input<number>;
  /** tlsa only, required there: 0-1. Changes in place. */
  selector?: pulumi.Input<number>;
  /** tlsa only, required there: 0-2. Changes in place. */
  matchingType?: pulumi.Input<number>;
  /** url only: the redirect's HTTP status, 301 (default) or 302. Changes in place. */
  redirectType?: pulumi.Input<301 | 302>;
  /**
   * No longer needed: an identical existing record is always taken over (ZoneID
   * records carry nothing but their content, so the record an interrupted create
   * made looks like any identical one). Accepted so existing programs still check.
   * Never causes a diff.
   */
  adopt?: pulumi.Input<boolean>;
  /** Deadlines for create, update and delete (default 10m each). */
  timeouts?: pulumi.Input<Timeouts>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<DnsRecordArgs, typeof dnsRecordArgs>>;
type RecordInputs = z.output<typeof dnsRecordArgs>;

/** The record's content as the resource stores it: the inputs without adopt/timeouts. */
export type RecordContent = DistributiveOmit<RecordInputs, "adopt" | "timeouts">;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a `DnsRecord` adds to its inputs in state; each property is an output. */
export const recordState = stateSchema({
  /** ZoneID's id of the record (also the Pulumi id). */
  recordId: z.string(),
  /** The record's full host name, e.g. "www.example.com". */
  fqdn: z.string(),
  /** The zone, lower-cased. */
  zone: z.string(),
  /** The record type, lower case. */
  type: z.string(),
  /** The name relative to the zone, `"@"` for the apex. */
  name: z.string(),
  /** The value as ZoneID holds it (normalized as `check` normalizes it). */
  destination: z.string(),
});
/** The record's content (every field of its type) and the state schema's properties: resource code keeps both. */
export type RecordState = RecordContent & z.infer<typeof recordState>;

export function fqdnOf(content: { name: string; zone: string }): string {
  return content.name === "@" ? content.zone : `${content.name}.${content.zone}`;
}

/**
 * The input a record field named in a refusal concerns: the wire's `type`
 * is the SSHFP fingerprint type or the URL redirect type (the record type
 * itself is in the path); the other fields are the inputs in snake_case.
 */
export function recordInputFor(type: string): (field: string) => string {
  return (field) => {
    for (const input of TYPE_FIELD_NAMES) {
      const { wire, types } = TYPE_FIELDS[input];
      if (wire === field && (types as readonly string[]).includes(type)) return input;
    }
    return camelCaseField(field);
  };
}

export function recordToWire(content: RecordContent): RecordBody {
  const body: RecordBody = { name: fqdnOf(content), destination: content.destination };
  for (const field of TYPE_FIELD_NAMES) {
    const value = (content as Record<string, unknown>)[field];
    if (typeof value === "number" || typeof value === "string") body[TYPE_FIELDS[field].wire] = value;
  }
  return body;
}

/** The record as the resource sees it, parsed with the same rules as `check`. */
export function recordFromWire(zone: string, type: RecordType, wire: RecordWire): RecordState & { system: boolean } {
  const content: Record<string, unknown> = { zone, type, name: relativeName(wire.name, zone), destination: wire.destination };
  for (const field of TYPE_FIELD_NAMES) {
    const { wire: wireName, types } = TYPE_FIELDS[field];
    if (!(types as readonly string[]).includes(type)) continue;
    const value = (wire as Record<string, unknown>)[wireName];
    if (value !== null && value !== undefined) content[field] = value;
  }
  const parsed = recordUnion.safeParse({ ...content, adopt: false });
  // A record the API holds but our rules would reject (e.g. an old value) is still reported as listed.
  const normalized = parsed.success ? { ...parsed.data, name: content.name as string } : (content as RecordContent);
  const { adopt: _adopt, timeouts: _timeouts, ...rest } = normalized as RecordInputs;
  return { ...(rest as RecordContent), recordId: wire.id, fqdn: wire.name.toLowerCase(), system: !wire.modify || !wire.delete };
}

/** Same name, value and type-specific fields. */
export function sameContent(a: RecordContent, b: RecordContent): boolean {
  const fields: string[] = ["zone", "type", "name", "destination", ...TYPE_FIELD_NAMES];
  return fields.every((field) => ((a as Record<string, unknown>)[field] ?? null) === ((b as Record<string, unknown>)[field] ?? null));
}

export function describeRecord(record: RecordContent): string {
  const extras = TYPE_FIELD_NAMES.map((field) => (record as Record<string, unknown>)[field]).filter((value) => value !== undefined);
  return `${fqdnOf(record)} ${record.type.toUpperCase()} ${[...extras, record.destination].join(" ")}`;
}

function stateOf(record: RecordState & { system: boolean }): RecordState {
  const { system: _system, ...state } = record;
  return state;
}

async function listed(client: ZoneidClient, zone: string, type: RecordType, fresh: boolean, maxAgeMs?: number) {
  const records = await client.listRecords(zone, type, { fresh, maxAgeMs });
  return records?.map((wire) => recordFromWire(zone, type, wire));
}

/** The record at the vendor, for claims: zone, type, normalized name and content. */
function recordObjectKey(content: RecordContent): string {
  const fields = TYPE_FIELD_NAMES.map((field) => (content as Record<string, unknown>)[field] ?? null);
  return `zoneid:dns/${content.zone}/${content.type}/${JSON.stringify([content.name, content.destination, ...fields])}`;
}

function refuseSystem(record: RecordContent, what: "changed" | "deleted" | "managed"): Error {
  return new Error(
    `zoneid:DnsRecord ${describeRecord(record)} is a system record (ZoneID marks it modify: false / delete: false); ` +
      `it cannot be ${what} through the API` +
      (what === "deleted" ? ". Remove it from the stack with `pulumi state delete` to stop managing it." : "."),
  );
}

export const dnsRecordDefinition: ResourceDefinition<RecordInputs, typeof recordState, RecordState> = {
  kind: "zoneid:DnsRecord",
  inputs: dnsRecordArgs,
  state: recordState,
  // A record of another type lives at another endpoint: a new record.
  replaceOnChanges: ["zone", "type"],
  ignoreChanges: ["adopt", "timeouts"],
  // A CNAME or URL record cannot share its name with records of other types:
  // the old one must go before the new one can be created.
  deleteBeforeReplace: true,
  /**
   * `zone/type/recordId`, e.g. `example.com/a/12345`: the record's path in
   * ZoneID's API (`/dns/{zone}/{type}/{id}`); the id is the number
   * `GET /dns/{zone}/{type}` lists for it, and the resource's id.
   */
  importId: importByNamedParts([zonePart, inputPart("type", recordType), numberedPart("recordId")], "example.com/a/12345", ([zone, type, id]) => ({
    id,
    state: { zone, type },
  })),

  async create(inputs, context) {
    const client = zoneidClient(context.settings, context);
    const { adopt: _adopt, timeouts: _timeouts, ...content } = inputs;
    const owner = context.creationTag ?? `untagged:${randomUUID()}`;
    // Two declarations of one record ("dup" and "DUP.example.com") would own one record: the second fails here.
    claimObject(recordObjectKey(content), owner, `zoneid:DnsRecord ${describeRecord(content)}`);
    try {
      // One write at a time per zone: a look at the zone and the write that follows it are not interleaved with another resource's.
      return await client.withZoneLock(content.zone, async () => {
        let fresh = false;
        const { object: record } = await createOnce({
          attempt: async () => recordFromWire(content.zone, content.type, await namingFieldsAs(recordInputFor(content.type), () => client.createRecord(content.zone, content.type, recordToWire(content)))),
          // ZoneID records carry nothing but their content: an identical record is the one an interrupted create made (docs/zoneid.md).
          // The first look may use the command's cached listing only while it is younger than the settle time:
          // a write of an earlier, killed run applied late (within the settle time) may have landed since.
          find: async () => {
            const records = await listed(client, content.zone, content.type, fresh, settleTimeMs());
            fresh = true;
            if (records === undefined) {
              throw new Error(`zoneid:DnsRecord: the ZoneID account has no DNS zone ${content.zone} (zones come with a domain or hosting service)`);
            }
            const existing = onlyCandidate(records.filter((record) => sameContent(record, content)), (record) => record.recordId, `zoneid:DnsRecord ${describeRecord(content)}`);
            if (existing?.system) throw refuseSystem(content, "managed");
            return existing;
          },
          description: `creating ${describeRecord(content)}`,
          clock: context.clock,
          logger: context.logger,
        });
        return { id: record.recordId, state: stateOf(record) };
      });
    } catch (error) {
      releaseObject(recordObjectKey(content), owner);
      throw error;
    }
  },

  async read(id, state, context) {
    const client = zoneidClient(context.settings, context);
    const records = await listed(client, state.zone, state.type, false);
    const record = records?.find((candidate) => candidate.recordId === id);
    return record ? stateOf(record) : undefined;
  },

  async update(id, olds, news, context) {
    const client = zoneidClient(context.settings, context);
    const { adopt: _adopt, timeouts: _timeouts, ...content } = news;
    const wire = await client.getRecord(olds.zone, olds.type, id);
    if (!wire) {
      throw new Error(`zoneid:DnsRecord ${describeRecord(olds)} no longer exists; run \`pulumi refresh\` and then \`pulumi up\` to create it again`);
    }
    if (!wire.modify) throw refuseSystem(olds, "changed");
    const updated = await client.withZoneLock(content.zone, () => namingFieldsAs(recordInputFor(content.type), () => client.updateRecord(content.zone, content.type, id, recordToWire(content))));
    return stateOf(recordFromWire(content.zone, content.type, updated));
  },

  async delete(id, state, context) {
    const client = zoneidClient(context.settings, context);
    const wire = await client.getRecord(state.zone, state.type, id);
    if (!wire) return;
    if (!wire.delete) throw refuseSystem(state, "deleted");
    await client.withZoneLock(state.zone, () => client.deleteRecord(state.zone, state.type, id));
  },
};

/**
 * One DNS record in a ZoneID zone, of any of the eleven types the API has.
 *
 * `type` picks which fields apply (MX: priority; SRV: priority, weight, port;
 * CAA: flag, tag; SSHFP: algorithm, fingerprintType; TLSA: certificateUsage,
 * selector, matchingType; URL: redirectType) and `check` rejects the others.
 * Changing `zone` or `type` replaces the record (the old one is deleted
 * first); everything else updates in place.
 */
export class DnsRecord extends resourceClass<DnsRecordArgs>()(dnsRecordDefinition) {}
