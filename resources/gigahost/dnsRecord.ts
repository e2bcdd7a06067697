import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  PRIORITY_TYPES,
  asciiName,
  normalizeRecordValue,
  recordValueProblem,
  relativeNameProblem,
  trimRecordValue,
  valueEdgeProblem,
} from "../../provider/dns";
import { OperationContext, ResourceDefinition, timeoutsInput } from "../../provider/dynamic";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { writeReconciled } from "../../provider/reconcile";
import { unlessGone } from "../../provider/errors";
import { BurstAnswer, GigahostClient, gigahostClient } from "../../provider/gigahost/client";
import { RecordBody, RecordWire } from "../../provider/gigahost/wire";
import { claimObject } from "../../provider/identity";
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { refuseFullNameInZone } from "./relativeName";
import { recordImportId } from "./importIds";

export const RECORD_TYPES = ["A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA", "TLSA", "PTR", "SSHFP"] as const;

export const MIN_TTL = 60;
export const MAX_TTL = 604_800;

export const dnsRecordArgs = z
  .object({
    zoneId: z.string().regex(/^\d+$/, "must be a Gigahost zone id (digits), e.g. a DnsZone's zoneId output"),
    name: z
      .string()
      .default("@")
      .transform((name) => name.trim().toLowerCase())
      .transform((name, context) => {
        const ascii = asciiName(name);
        const problem = ascii === undefined ? `"${name}" is not a valid internationalized name` : relativeNameProblem(ascii);
        if (problem) context.addIssue({ code: "custom", message: problem });
        return ascii ?? name;
      }),
    type: z
      .string()
      .transform((type) => type.trim().toUpperCase())
      .pipe(z.enum(RECORD_TYPES, { error: `must be one of ${RECORD_TYPES.join(", ")}` })),
    value: z
      .string()
      .transform(trimRecordValue)
      .pipe(z.string().min(1, "must not be empty"))
      .superRefine((value, context) => {
        const problem = valueEdgeProblem(value);
        if (problem) context.addIssue({ code: "custom", message: problem });
      }),
    ttl: z
      .number({ error: "must be a number of seconds" })
      .int("must be a whole number of seconds")
      .min(MIN_TTL, `must be at least ${MIN_TTL} seconds`)
      .max(MAX_TTL, `must be at most ${MAX_TTL} seconds (one week)`)
      .default(3600),
    priority: z
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(0, "must be between 0 and 65535")
      .max(65535, "must be between 0 and 65535")
      .optional(),
    adopt: z.boolean().default(false),
    timeouts: timeoutsInput,
  })
  .strict()
  .superRefine((args, context) => {
    const problem = recordValueProblem(args.type, args.value);
    if (problem) context.addIssue({ code: "custom", path: ["value"], message: problem });
    if (PRIORITY_TYPES.has(args.type) && args.priority === undefined) {
      context.addIssue({ code: "custom", path: ["priority"], message: `is required for ${args.type} records` });
    }
    if (!PRIORITY_TYPES.has(args.type) && args.priority !== undefined) {
      context.addIssue({ code: "custom", path: ["priority"], message: `applies only to MX and SRV records, not ${args.type}` });
    }
    if (args.type === "CNAME" && args.name === "@") {
      context.addIssue({ code: "custom", path: ["name"], message: "a CNAME cannot be at the zone apex (\"@\")" });
    }
  })
  .transform((args) => ({ ...args, value: normalizeRecordValue(args.type, args.value) }));

export type RecordType = (typeof RECORD_TYPES)[number];

/** The arguments of a `DnsRecord`; see docs/gigahost-dns.md, "gigahost.DnsRecord". */
export interface DnsRecordArgs {
  /**
   * The zone the record belongs in: a `DnsZone`'s (or `getZone()`'s) `zoneId`,
   * digits, e.g. `zone.zoneId` or `"123"`. Changing it replaces the record.
   */
  zoneId: pulumi.Input<string>;
  /**
   * `"@"` (default) for the zone apex, or a label relative to the zone, e.g.
   * `"www"`, `"_dmarc"`, `"*.dev"`. Lower-cased; Unicode labels are stored in
   * their xn-- form (`"bücher"` becomes `"xn--bcher-kva"`). The zone's own full
   * name (`"www.example.no"` in zone example.no) is refused, naming the
   * relative form. Changing it replaces the record.
   */
  name?: pulumi.Input<string>;
  /**
   * The record type: `"A"`, `"AAAA"`, `"CNAME"`, `"MX"`, `"TXT"`, `"NS"`,
   * `"SRV"`, `"CAA"`, `"TLSA"`, `"PTR"` or `"SSHFP"` (any case). Changing it
   * replaces the record.
   */
  type: pulumi.Input<RecordType | Lowercase<RecordType>>;
  /**
   * The record's data, in the form its type takes: an IPv4 address for A,
   * `"10 443 sip.example.no"` (weight, port, target) for SRV, `"0 issue
   * \"letsencrypt.org\""` for CAA, a host name for CNAME, NS, PTR and MX
   * (see docs/gigahost-dns.md for every type). Surrounding whitespace (a
   * newline read from a file) is removed, as Gigahost does. Changes in place.
   */
  value: pulumi.Input<string>;
  /** Time to live in seconds, 60 to 604800 (one week); default 3600, e.g. `300`. Changes in place. */
  ttl?: pulumi.Input<number>;
  /**
   * The priority of an MX or SRV record, 0 to 65535, e.g. `10`: required for
   * those two types, refused for the others. Changes in place.
   */
  priority?: pulumi.Input<number>;
  /**
   * Take over an identical record (same name, type, value and priority) that
   * exists already instead of failing, e.g. after an interrupted `pulumi up`
   * (Pulumi's import does not work for dynamic resources). Default false.
   * Never causes a diff.
   */
  adopt?: pulumi.Input<boolean>;
  /** Deadlines for create, update and delete (default 2m each), e.g. `{ create: "5m" }`. Never causes a diff. */
  timeouts?: pulumi.Input<Timeouts>;
}
// The interface names the record types; the schema also takes them with surrounding spaces.
type ArgsAreTheSchema = Assert<ArgsMatchSchema<Omit<DnsRecordArgs, "type"> & { type: pulumi.Input<string> }, typeof dnsRecordArgs>>;
type TypesAreAccepted = Assert<RecordType | Lowercase<RecordType> extends z.input<typeof dnsRecordArgs>["type"] ? true : false>;
type RecordInputs = z.output<typeof dnsRecordArgs>;

export const recordState = stateSchema({
  /** The vendor's current record id. It changes whenever the record's content changes. */
  recordId: z.string(),
  /** The zone the record is in. */
  zoneId: z.string(),
  /** The record's name relative to the zone (`"@"` for the apex). */
  name: z.string(),
  /** The record type, e.g. `"A"`, `"MX"`. */
  type: z.string(),
  /** The record's content as Gigahost stores it. */
  value: z.string(),
  /** Time to live in seconds. */
  ttl: z.number(),
  /** The priority of an MX or SRV record; undefined for other types. */
  priority: z.number().optional(),
});
export type RecordState = z.infer<typeof recordState>;

/** What identifies a record's content; the TTL does not. */
export interface RecordContent {
  name: string;
  type: string;
  value: string;
  priority?: number;
}

export function recordFromWire(zoneId: string, wire: RecordWire): RecordState {
  const type = wire.record_type.toUpperCase();
  return {
    recordId: wire.record_id,
    zoneId,
    name: wire.record_name.toLowerCase(),
    type,
    value: normalizeRecordValue(type, wire.record_value),
    ttl: wire.record_ttl,
    // Only MX and SRV carry a priority; whatever the vendor lists for other types is noise.
    priority: PRIORITY_TYPES.has(type) && wire.record_priority !== null ? wire.record_priority : undefined,
  };
}

/** A record this process created that no listing has shown yet: its id is unknown. */
function recordFromBody(zoneId: string, body: RecordBody): RecordState {
  return recordFromWire(zoneId, {
    record_id: "",
    record_name: body.record_name,
    record_type: body.record_type,
    record_value: body.record_value,
    record_ttl: body.record_ttl,
    record_priority: body.record_priority ?? null,
  } as RecordWire);
}

export function recordToWire(inputs: RecordContent & { ttl: number }): RecordBody {
  return {
    record_name: inputs.name,
    record_type: inputs.type,
    record_value: inputs.value,
    record_ttl: inputs.ttl,
    ...(inputs.priority !== undefined ? { record_priority: inputs.priority } : {}),
  };
}

export function sameContent(a: RecordContent, b: RecordContent): boolean {
  return a.name === b.name && a.type === b.type && a.value === b.value && (a.priority ?? null) === (b.priority ?? null);
}

/**
 * Finds our record in a zone listing: by id while the id is current, else by
 * content (ids are content hashes, so a TTL change made elsewhere can change
 * the id while the content stays ours).
 */
export function findRecord(records: RecordState[], recordId: string | undefined, content: RecordContent): RecordState | undefined {
  return records.find((record) => recordId !== undefined && record.recordId === recordId) ?? records.find((record) => sameContent(record, content));
}

/**
 * The `value` query parameter that narrows a delete to one record: for MX
 * "<priority> <host>." (docs/gigahost-dns.md, "DNS quirks handled"), for other types the value as listed.
 */
export function deleteMatchValue(record: RecordState): string {
  return record.type === "MX" ? `${record.priority} ${record.value}.` : record.value;
}

/** Names the record at the vendor, for claims: zone and content (its id changes with its content). */
function recordKey(record: RecordContent & { zoneId: string }): string {
  return `gigahost:record:${record.zoneId}:${record.name}:${record.type}:${record.priority ?? ""}:${record.value}`;
}

function describeRecord(record: RecordContent): string {
  const priority = record.priority !== undefined ? `${record.priority} ` : "";
  return `${record.name} ${record.type} ${priority}${record.value}`;
}

async function listState(client: GigahostClient, zoneId: string, fresh: boolean): Promise<RecordState[]> {
  return (await client.listRecords(zoneId, { fresh })).map((wire) => recordFromWire(zoneId, wire));
}

/** For read and delete: a zone that no longer exists holds no records. */
async function listStateOrEmpty(client: GigahostClient, zoneId: string, fresh: boolean): Promise<RecordState[]> {
  return (await unlessGone(listState(client, zoneId, fresh))) ?? [];
}

/** The record exactly as the program wants it (content and TTL), in a fresh listing. */
async function findWritten(client: GigahostClient, inputs: RecordInputs): Promise<RecordState | undefined> {
  const listed = await listState(client, inputs.zoneId, true);
  return listed.find((record) => sameContent(record, inputs) && record.ttl === inputs.ttl);
}

/**
 * Writes, then discovers the record in the zone listing (the answers carry
 * no id). The listing that confirms the write usually has it; otherwise waits
 * for it within the operation's deadline.
 */
async function writeAndDiscover(
  client: GigahostClient,
  inputs: RecordInputs,
  context: OperationContext,
  what: string,
  write: () => Promise<void>,
): Promise<RecordState> {
  return writeReconciled({
    attempt: write,
    find: () => findWritten(client, inputs),
    description: `${what} ${describeRecord(inputs)} in zone ${inputs.zoneId}`,
    deadline: context,
    clock: context.clock,
    logger: context.logger,
  });
}

/**
 * Confirms a create sent in a zone burst: the burst's closing listing (served
 * by the cache) usually shows the record exactly as written. When it does
 * not (the write failed, its answer was lost, or the vendor has not shown,
 * dropped or altered it), `writeReconciled` takes over from the answer the
 * burst got: it looks before it writes again, and waits for the record to
 * show within the operation's deadline. Its first step (the look at the
 * closing listing) runs under the zone lock; after that it holds no lock
 * and takes it to write again.
 */
async function confirmCreate(
  client: GigahostClient,
  inputs: RecordInputs,
  context: OperationContext,
  answer: BurstAnswer<void>,
): Promise<RecordState> {
  if (answer.ok) {
    const listed = await unlessListingFails(listState(client, inputs.zoneId, false));
    const written = listed?.find((record) => sameContent(record, inputs) && record.ttl === inputs.ttl);
    if (written) return written;
  }
  let replayed = false;
  return writeAndDiscover(client, inputs, context, "creating", async () => {
    if (!replayed) {
      // The burst's attempt: its outcome stands for the first try.
      replayed = true;
      if (!answer.ok) throw answer.error;
      return;
    }
    await client.withZoneLock(inputs.zoneId, () => client.createRecord(inputs.zoneId, recordToWire(inputs)));
  });
}

/** A listing that failed confirms nothing: the caller looks again. */
async function unlessListingFails<T>(listing: Promise<T>): Promise<T | undefined> {
  return listing.catch(() => undefined);
}

/** What a delete sent in a zone burst found and did. */
interface DeleteSent {
  /** Our record as listed before the delete; undefined when it was gone already. */
  target?: RecordState;
  /**
   * The other records with its name and type that a listing showed. Records created earlier in
   * the same burst are left out: the listing may not show them yet, and putting one back
   * could create it twice; each such create confirms itself (exactly once).
   */
  siblings: RecordState[];
  /** False when the vendor answered that nothing matched (404). */
  deleted: boolean;
  /** The error the delete request failed with: the vendor may still have applied it. */
  failure?: { error: unknown };
}

async function sendDelete(client: GigahostClient, state: RecordState): Promise<DeleteSent> {
  const before = await listStateOrEmpty(client, state.zoneId, false);
  const target = findRecord(before, state.recordId, state);
  if (!target) return { siblings: [], deleted: false };
  const siblings = before.filter(
    (record) => record.name === target.name && record.type === target.type && record.recordId !== target.recordId && !sameContent(record, target),
  );
  try {
    const deleted = await client.sendRecordDelete(state.zoneId, target.recordId, {
      name: target.name,
      type: target.type,
      value: deleteMatchValue(target),
    });
    return { target, siblings, deleted };
  } catch (error) {
    return { target, siblings, deleted: false, failure: { error } };
  }
}

/**
 * Checks a delete against the burst's closing listing: the record must be
 * gone and its siblings kept. The documented API deletes the whole name+type
 * set; the live API narrows by `value`. Either way, siblings must survive:
 * put back any that went. A delete whose request failed is checked the same
 * way (the vendor may have applied it), then fails with its error. Runs under
 * the zone lock.
 */
async function confirmDelete(client: GigahostClient, state: RecordState, context: OperationContext, sent: DeleteSent): Promise<void> {
  const { target, siblings, failure } = sent;
  if (!target) return;
  const after = await listState(client, state.zoneId, false);
  const lost = siblings.filter((sibling) => !after.some((record) => sameContent(record, sibling)));
  for (const sibling of lost) {
    await writeReconciled({
      attempt: () => client.createRecord(state.zoneId, recordToWire(sibling)),
      find: async () => findRecord(await listState(client, state.zoneId, true), undefined, sibling),
      description: `restoring ${describeRecord(sibling)}`,
      clock: context.clock,
      logger: context.logger,
    });
  }
  if (lost.length > 0) {
    context.logger.warn(
      `Gigahost deleted ${lost.length} other ${target.type} record(s) named ${target.name} together with ` +
        `${describeRecord(target)}; they were recreated with their previous content (their record ids changed).`,
    );
  }
  if (failure) throw failure.error;
  if (after.some((record) => sameContent(record, target))) {
    throw new Error(`Gigahost did not delete ${describeRecord(target)} from zone ${state.zoneId}; try again`);
  }
}

export const dnsRecordDefinition: ResourceDefinition<RecordInputs, typeof recordState> = {
  kind: "gigahost:DnsRecord",
  inputs: dnsRecordArgs,
  state: recordState,
  replaceOnChanges: ["zoneId", "name", "type"],
  ignoreChanges: ["adopt", "timeouts"],
  defaultTimeouts: { create: 2 * 60_000, update: 2 * 60_000, delete: 2 * 60_000 },
  /**
   * `zoneId/recordId`, e.g. `123/6f1ed002ab5595859014ebf0951522d9`: the zone and the record's
   * current `record_id` (GET /dns/zones/{zone_id}/records). Read gives back every input.
   */
  importId: recordImportId,

  async create(inputs, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    await refuseFullNameInZone(client, { kind: "gigahost:DnsRecord", property: "name", zoneId: inputs.zoneId, name: inputs.name });
    // One record, one owner in a program (adopting included): a second owner would rewrite its TTL, and its destroy would delete the first's record.
    if (context.creationTag) {
      claimObject(recordKey(inputs), context.creationTag, `gigahost:DnsRecord ${describeRecord(inputs)} in zone ${inputs.zoneId}`);
    }
    // Outside the zone lock: the cached listing serves every create of a burst (claims keep their content apart).
    const existing = findRecord(await listState(client, inputs.zoneId, false), undefined, inputs);
    if (existing) {
      // A record carries nothing of ours (no comment field, and its id is a content hash): one left by an
      // interrupted create cannot be told from somebody else's, so it is never taken without `adopt`.
      if (!inputs.adopt) {
        throw new Error(
          `gigahost:DnsRecord ${describeRecord(inputs)} already exists in zone ${inputs.zoneId} ` +
            `(record id ${existing.recordId}). Set \`adopt: true\` to manage the existing record ` +
            "(e.g. when an earlier `pulumi up` was interrupted after creating it).",
        );
      }
      if (existing.ttl === inputs.ttl) return { id: existing.recordId, state: existing };
      const adopted = await client.withZoneLock(inputs.zoneId, () =>
        writeAndDiscover(client, inputs, context, "adopting", () => client.updateRecord(inputs.zoneId, existing.recordId, recordToWire(inputs))),
      );
      return { id: existing.recordId, state: adopted };
    }
    // Sent with the zone's other writes; one listing after them all finds this record (its id).
    const body = recordToWire(inputs);
    const created = await client.writeInZoneBurst(inputs.zoneId, {
      send: async (unlisted) => {
        // Claims already keep two resources of a program off one record; this covers a host that sends no creation tag.
        if (unlisted.some((other) => sameContent(recordFromBody(inputs.zoneId, other), inputs))) {
          throw new Error(`gigahost:DnsRecord ${describeRecord(inputs)} is being created in zone ${inputs.zoneId} by another resource of this program`);
        }
        await client.sendRecordCreate(inputs.zoneId, body);
      },
      effect: () => ({ kind: "created", record: body }),
      confirm: (answer) => confirmCreate(client, inputs, context, answer),
      confirmsWithoutLock: true,
    });
    return { id: created.recordId, state: created };
  },

  async read(_id, state, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    return findRecord(await listStateOrEmpty(client, state.zoneId, false), state.recordId, state);
  },

  async update(_id, olds, news, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    return client.withZoneLock(news.zoneId, async () => {
      const current = findRecord(await listState(client, olds.zoneId, true), olds.recordId, olds);
      if (!current) {
        throw new Error(
          `gigahost:DnsRecord ${describeRecord(olds)} no longer exists in zone ${olds.zoneId}; ` +
            "run `pulumi refresh` and then `pulumi up` to create it again",
        );
      }
      // Ids are content hashes: the update gives the record a new id (docs/gigahost-dns.md, "DNS quirks handled").
      return writeAndDiscover(client, news, context, "updating", () =>
        client.updateRecord(news.zoneId, current.recordId, recordToWire(news)),
      );
    });
  },

  async delete(_id, state, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    // Sent with the zone's other writes; every delete is checked against the burst's closing listing.
    // One that may have taken siblings (others of its name and type were listed, the vendor answered
    // 404, or the request failed) ends its burst, so that its repairs come before the next write.
    await client.writeInZoneBurst(state.zoneId, {
      send: () => sendDelete(client, state),
      effect: (sent) =>
        !sent.target
          ? { kind: "unchanged" }
          : sent.deleted && sent.siblings.length === 0
            ? { kind: "removed", recordId: sent.target.recordId }
            : { kind: "unknown" },
      confirm: async (answer) => {
        if (!answer.ok) throw answer.error;
        await confirmDelete(client, state, context, answer.value);
      },
    });
  },
};

/**
 * One DNS record in a Gigahost zone.
 *
 * Changing `zoneId`, `name` or `type` replaces the record; `value`, `ttl` and
 * `priority` update in place. Delete removes exactly this record and never its
 * siblings with the same name and type.
 */
export class DnsRecord extends resourceClass<DnsRecordArgs>()(dnsRecordDefinition) {}
