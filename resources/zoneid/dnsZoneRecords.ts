import { randomUUID } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { normalizeHostname } from "../../provider/dns";
import { PropertyDiff, ResourceDefinition } from "../../provider/dynamic";
import { ResourceInitializationError } from "../../provider/errors";
import { claimObject, releaseObject } from "../../provider/identity";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import {
  IgnoreMatcher,
  RecordSet,
  ZonePlan,
  canonicalSets,
  formatPlan,
  ignoreMatcher,
  managedView,
  mergeSets,
  parseZoneFile,
  planZone,
  safetyProblem,
  setKey,
  setsFromMap,
  setsToMap,
  valueChanges,
} from "../../provider/zoneRecords";
import { RecordWire, ZoneidClient, zoneidClient } from "../../provider/zoneid/client";
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { checkIgnore, zoneRecordsOptions } from "../zoneRecordsArgs";
import { importByNamedParts, isImportRead, zonePart } from "./importIds";
import { relativeName, zoneNameProblem } from "./names";
import { ZONE_RECORD_TYPES, ZoneRecordType, bodyFromValue, canonicalCaa, pathTypeOf, valueFromWire, zoneidValueProblem } from "./zoneRecordBodies";

export { ZONE_RECORD_TYPES } from "./zoneRecordBodies";

/**
 * ZoneID records have no TTL (the API has no field for one, ZoneID's
 * OpenAPI spec, schema Record): every set carries this placeholder, in
 * plans and state, and `records[].ttl` is refused.
 */
export const ZONEID_TTL = 0;

/** The shared code needs a valid TTL to canonicalise with; it is replaced by ZONEID_TTL right after. */
const CANONICALISING_TTL = 3600;

const recordSetEntry = z
  .object({
    name: z.string({ error: "is required" }),
    type: z.string({ error: "is required" }),
    ttl: z.number().optional(),
    values: z.array(z.string()),
  })
  .strict();

const setMap = z.record(z.string(), z.object({ ttl: z.number(), values: z.array(z.string()) }));
type SetMap = z.infer<typeof setMap>;

/**
 * The declared sets of `records` and `zoneFile` (records replace the zone
 * file's set of the same name and type), or the problems, each with the
 * input property it concerns.
 */
export function declaredSets(args: { zone: string; records?: z.infer<typeof recordSetEntry>[]; zoneFile?: string }): {
  sets: RecordSet[];
  problems: { property: string; message: string }[];
} {
  const zone = normalizeHostname(args.zone);
  const problems: { property: string; message: string }[] = [];
  const records = args.records ?? [];
  records.forEach((entry, index) => {
    if (entry.ttl !== undefined) {
      problems.push({ property: "records", message: `records[${index}].ttl: ZoneID records have no TTL (the API has no field for one); remove it` });
    }
  });
  const options = { defaultTtl: CANONICALISING_TTL, types: ZONE_RECORD_TYPES };
  const fromRecords = canonicalSets(
    records.map(({ ttl: _ttl, ...entry }) => entry),
    zone,
    options,
  );
  problems.push(...fromRecords.problems.map((message) => ({ property: "records", message })));
  const fromFile = args.zoneFile === undefined ? { sets: [], problems: [] } : parseZoneFile(args.zoneFile, zone, options);
  problems.push(...fromFile.problems.map((message) => ({ property: "zoneFile", message })));
  const declaredInRecords = new Set(fromRecords.sets.map(setKey));
  const sets = mergeSets(fromFile.sets, fromRecords.sets).map((set) => zoneidSet(set));
  for (const set of sets) {
    for (const value of set.values) {
      const problem = zoneidValueProblem(set.type as ZoneRecordType, set.name, value);
      if (problem) {
        const property = declaredInRecords.has(setKey(set)) ? "records" : "zoneFile";
        problems.push({ property, message: `"${setKey(set)}": ${problem}` });
      }
    }
  }
  return { sets, problems };
}

/** A set in the form ZoneID holds it: the placeholder TTL, CAA values quoted. */
function zoneidSet(set: RecordSet): RecordSet {
  const values = set.type === "CAA" ? set.values.map((value) => canonicalCaa(value) ?? value) : set.values;
  return { ...set, ttl: ZONEID_TTL, values: [...new Set(values)].sort() };
}

export const dnsZoneRecordsArgs = z
  .object({
    zone: z.string().superRefine((zone, context) => {
      const problem = zoneNameProblem(zone);
      if (problem) context.addIssue({ code: "custom", message: problem });
    }),
    records: z.array(recordSetEntry).optional(),
    zoneFile: z.string().optional(),
    ...zoneRecordsOptions,
  })
  .strict()
  .transform((args, context) => {
    const zone = normalizeHostname(args.zone);
    const { sets, problems } = declaredSets(args);
    for (const problem of problems) context.addIssue({ code: "custom", path: [problem.property], message: problem.message });
    checkIgnore(args.ignore, sets, context);
    return { ...args, zone, recordSets: setsToMap(sets) as SetMap };
  });

/** One record set of `records`: all values of one name and type. */
export interface ZoneRecordSetArgs {
  /** Relative to the zone (`"@"` for the apex, `"www"`, `"*.dev"`) or fully qualified. */
  name: string;
  /** `A`, `AAAA`, `CAA`, `CNAME`, `MX`, `NS`, `SRV`, `SSHFP`, `TLSA` or `TXT`, any case. */
  type: string;
  /** Not accepted: ZoneID records have no TTL (check refuses it). Kept so the shape matches `gigahost.DnsZoneRecords`. */
  ttl?: number;
  /**
   * The values in zone-file form: A `"192.0.2.1"`; MX `"10 mail.example.com"`;
   * SRV `"10 5 5060 sip.example.com"` (priority weight port target); CAA
   * `'0 issue "letsencrypt.org"'`; SSHFP `"4 2 <hex>"`; TLSA `"3 1 1 <hex>"`;
   * TXT the text itself.
   */
  values: string[];
}

/**
 * The arguments of a `DnsZoneRecords`; see docs/zoneid.md. One resource per
 * zone: all its records as record sets, from `records`, `zoneFile` or both.
 */
export interface DnsZoneRecordsArgs {
  /** The zone, e.g. `"example.com"` (a ZoneID zone comes with a domain or hosting service). Changing it replaces the resource. */
  zone: pulumi.Input<string>;
  /** Record sets; an entry replaces the zone file's set of the same name and type. */
  records?: pulumi.Input<ZoneRecordSetArgs[]>;
  /** BIND zone-file text; SOA records are skipped (ZoneID's), TTLs are read and dropped (ZoneID has none). */
  zoneFile?: pulumi.Input<string>;
  /** Default true: records of the zone not declared are deleted (never ignored ones, never the apex NS). False leaves them alone. */
  purge?: pulumi.Input<boolean>;
  /** Names or patterns never touched: `"www"` (all types), `"www/TXT"`, `"*.dev"`, `"_acme-challenge*"`. */
  ignore?: pulumi.Input<string[]>;
  /** The share of managed record sets (of ≥ 10) an update may change or delete without `force`; default 0.3. Never causes a diff. */
  maxChangeShare?: pulumi.Input<number>;
  /** Apply a plan the safety check refuses (too large a share, apex NS). Never causes a diff: set it for one `up`. */
  force?: pulumi.Input<boolean>;
  /** Deadlines for create, update and delete (default 1h each: ZoneID takes 60 requests a minute). */
  timeouts?: pulumi.Input<Timeouts>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<DnsZoneRecordsArgs & { recordSets?: unknown }, typeof dnsZoneRecordsArgs>>;
type ZoneRecordsInputs = z.output<typeof dnsZoneRecordsArgs>;

/** What a `DnsZoneRecords` adds to its inputs in state; each property is an output. */
export const zoneRecordsState = stateSchema({
  /** The zone, lower-cased (also the Pulumi id). */
  zoneName: z.string(),
  /**
   * The record sets the resource manages as ZoneID lists them, keyed "name TYPE"
   * (`"www A"`), each `{ ttl: 0, values }` (ZoneID has no TTL). With purge, every
   * set of the zone that is not ignored (and not ZoneID's apex NS); without, the
   * declared sets only.
   */
  recordSets: setMap,
  /** How many records those sets hold. */
  recordCount: z.number(),
});
type ZoneRecordsState = z.infer<typeof zoneRecordsState>;

const KIND = "zoneid:DnsZoneRecords";
const ALL_TYPES: readonly ZoneRecordType[] = ZONE_RECORD_TYPES;

/** One listing of the zone: the records of each type listed, by type. */
type Listing = Map<ZoneRecordType, RecordWire[]>;

interface LiveZone {
  sets: RecordSet[];
  /** The records behind each set's values: setKey → value → records (more than one: duplicates at ZoneID). */
  records: Map<string, Map<string, RecordWire[]>>;
}

/** The types to list: every type when purging (ZoneID lists per type), else the declared ones. */
function typesToList(declared: RecordSet[], purge: boolean): ZoneRecordType[] {
  if (purge) return [...ALL_TYPES];
  return ALL_TYPES.filter((type) => declared.some((set) => set.type === type));
}

/**
 * Requests the HTTP core may have in flight for one apply (its own limit is
 * 4): the rate limiter sets the pace, and a few requests in flight keep each
 * one's latency from wasting the budget of 60 a minute. Writes to different
 * records do not depend on each other; a failed one stops new ones.
 */
const IN_FLIGHT = 4;

async function eachInParallel<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++];
      try {
        await task(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(IN_FLIGHT, items.length) }, worker));
  const rejected = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (rejected) throw rejected.reason;
}

async function listZone(client: ZoneidClient, zone: string, types: readonly ZoneRecordType[]): Promise<Listing | undefined> {
  const listing: Listing = new Map();
  let gone = false;
  await eachInParallel(types, async (type) => {
    const records = await client.readRecordsOfType(zone, pathTypeOf(type));
    if (records === undefined) gone = true;
    else listing.set(type, records);
  });
  if (gone) return undefined;
  // In the order of ALL_TYPES, whatever order the answers came in.
  return new Map(types.map((type) => [type, listing.get(type)!]));
}

function missingZone(zone: string): Error {
  return new Error(`${KIND}: the ZoneID account has no DNS zone ${zone} (zones come with a domain or hosting service)`);
}

/** The listed records as sets, values in the same canonical form check gives declared ones. */
function liveZone(zone: string, listing: Listing): LiveZone {
  const grouped = new Map<string, { name: string; type: ZoneRecordType; values: Map<string, RecordWire[]> }>();
  for (const [type, records] of listing) {
    for (const record of records) {
      const name = relativeName(record.name, zone);
      const key = setKey({ name, type });
      const group = grouped.get(key) ?? { name, type, values: new Map() };
      grouped.set(key, group);
      const value = liveValue(zone, name, type, valueFromWire(type, record));
      group.values.set(value, [...(group.values.get(value) ?? []), record]);
    }
  }
  const sets: RecordSet[] = [];
  const records = new Map<string, Map<string, RecordWire[]>>();
  for (const [key, group] of grouped) {
    sets.push({ name: group.name, type: group.type, ttl: ZONEID_TTL, values: [...group.values.keys()].sort() });
    records.set(key, group.values);
  }
  return { sets, records };
}

/** A listed value as check would canonicalise it; as listed when check would refuse it (an old value ZoneID still holds). */
function liveValue(zone: string, name: string, type: ZoneRecordType, value: string): string {
  const { sets, problems } = canonicalSets([{ name, type, values: [value] }], zone, { defaultTtl: CANONICALISING_TTL, types: ALL_TYPES });
  if (problems.length > 0 || sets.length !== 1) return value;
  return zoneidSet(sets[0]).values[0];
}

interface ApplyOptions {
  purge: boolean;
  ignore: IgnoreMatcher;
  maxChangeShare: number;
  force: boolean;
}

function applyOptions(inputs: ZoneRecordsInputs): ApplyOptions {
  return { purge: inputs.purge, ignore: ignoreMatcher(inputs.ignore), maxChangeShare: inputs.maxChangeShare, force: inputs.force };
}

/** One call of an apply. */
type Write =
  | { kind: "create"; set: string; type: ZoneRecordType; name: string; value: string }
  | { kind: "update"; set: string; type: ZoneRecordType; name: string; value: string; record: RecordWire; from: string }
  | { kind: "delete"; set: string; type: ZoneRecordType; record: RecordWire; value: string };

/**
 * The calls that carry out `plan`, fewest first: within a set, a value
 * removed and a value added become one PUT of the removed value's record;
 * what is left is a POST per added value and a DELETE per removed record.
 * Extra copies of a value in a declared set (duplicates ZoneID holds) are
 * removed too. A value already listed is never created.
 */
function writesFor(plan: ZonePlan, live: LiveZone, declared: RecordSet[], options: ApplyOptions): Write[] {
  const writes: Write[] = [];
  const changeSet = (name: string, type: ZoneRecordType, add: string[], remove: string[]) => {
    const key = setKey({ name, type });
    const byValue = live.records.get(key) ?? new Map<string, RecordWire[]>();
    const removable: { record: RecordWire; value: string }[] = [];
    for (const value of remove) for (const record of byValue.get(value) ?? []) removable.push({ record, value });
    // Duplicates of kept values: all but one copy go.
    for (const [value, records] of byValue) if (!remove.includes(value)) for (const record of records.slice(1)) removable.push({ record, value });
    const system = removable.filter(({ record }) => !record.delete || !record.modify);
    if (system.length > 0) {
      throw new Error(
        `${KIND}: "${key}" holds ZoneID system records (${system.map(({ value }) => value).join(", ")}) that the API cannot change or delete; ` +
          `declare them in the set or ignore "${name}/${type}"`,
      );
    }
    const pairs = Math.min(add.length, removable.length);
    for (let i = 0; i < pairs; i++) writes.push({ kind: "update", set: key, type, name, value: add[i], record: removable[i].record, from: removable[i].value });
    for (const value of add.slice(pairs)) writes.push({ kind: "create", set: key, type, name, value });
    for (const { record, value } of removable.slice(pairs)) writes.push({ kind: "delete", set: key, type, record, value });
  };
  for (const set of plan.creates) changeSet(set.name, set.type as ZoneRecordType, set.values, []);
  for (const { before, after } of plan.updates) {
    const change = valueChanges(before, after);
    changeSet(after.name, after.type as ZoneRecordType, change.add, change.remove);
  }
  for (const set of plan.deletes) changeSet(set.name, set.type as ZoneRecordType, [], set.values);
  // Declared sets the plan leaves alone may still hold duplicates.
  const planned = new Set([...plan.creates, ...plan.updates.map((update) => update.after), ...plan.deletes].map(setKey));
  for (const set of declared) {
    if (planned.has(setKey(set)) || options.ignore(set)) continue;
    const byValue = live.records.get(setKey(set));
    if (byValue && [...byValue.values()].some((records) => records.length > 1)) changeSet(set.name, set.type as ZoneRecordType, [], []);
  }
  return writes;
}

/** The name a write is at (a delete's from its record). */
function nameOf(zone: string, write: Write): string {
  return write.kind === "delete" ? relativeName(write.record.name, zone) : write.name;
}

/**
 * The writes in the order they must reach ZoneID: first the deletes at a name
 * where a record is created and either is a CNAME (a CNAME is the only data
 * at its name, RFC 1034 §3.6.2, so A → CNAME at `www` must remove the A
 * before the CNAME can be created, and back), then everything else in
 * writesFor's order. Only those deletes go first: a set moved to another
 * name keeps its old records until the new ones are sent.
 */
function writePhases(zone: string, writes: Write[]): Write[][] {
  const creates = writes.filter((write) => write.kind === "create");
  const mustGoFirst = (write: Write) =>
    write.kind === "delete" &&
    creates.some((create) => create.name === nameOf(zone, write) && create.type !== write.type && (create.type === "CNAME" || write.type === "CNAME"));
  const first = writes.filter(mustGoFirst);
  const rest = writes.filter((write) => !mustGoFirst(write));
  return [first, rest].filter((phase) => phase.length > 0);
}

function describeWrite(write: Write): string {
  if (write.kind === "create") return `adding ${write.value} to "${write.set}"`;
  if (write.kind === "update") return `changing ${write.from} to ${write.value} in "${write.set}" (record ${write.record.id})`;
  return `removing ${write.value} from "${write.set}" (record ${write.record.id})`;
}

async function send(client: ZoneidClient, zone: string, write: Write): Promise<void> {
  const type = pathTypeOf(write.type);
  try {
    if (write.kind === "create") await client.createRecord(zone, type, bodyFromValue(zone, write.name, write.type, write.value));
    else if (write.kind === "update") await client.updateRecord(zone, type, write.record.id, bodyFromValue(zone, write.name, write.type, write.value));
    else await client.deleteRecord(zone, type, write.record.id);
  } catch (error) {
    if (error instanceof Error) error.message = `${KIND} ${zone}: ${describeWrite(write)}: ${error.message}`;
    throw error;
  }
}

interface Applied {
  managed: RecordSet[];
  writes: number;
}

/**
 * Plans against the live zone and applies: list (one GET per type), check
 * safety, write, then list the types written again and check that nothing is
 * left to do. Convergent: a run killed half-way is finished by the next one,
 * which plans again and never creates a value that is already there.
 */
async function applyZone(client: ZoneidClient, zone: string, declared: RecordSet[], options: ApplyOptions, onFirstWrite: () => void, logger: { info(message: string): void }): Promise<Applied> {
  // Record writes to the zone by this process (DnsRecord resources beside this one) wait for the whole apply.
  return client.withZoneLock(zone, async () => {
    const listing = await listZone(client, zone, typesToList(declared, options.purge));
    if (!listing) throw missingZone(zone);
    const live = liveZone(zone, listing);
    const view = { purge: options.purge, ignore: options.ignore };
    const plan = planZone(live.sets, declared, view);
    const problem = safetyProblem(plan, managedView(live.sets, declared, view).length, {
      maxChangeShare: options.maxChangeShare,
      force: options.force,
      resource: `${KIND} ${zone}`,
    });
    if (problem) throw new Error(problem);
    const writes = writesFor(plan, live, declared, options);
    if (writes.length === 0) return { managed: managedView(live.sets, declared, view), writes: 0 };
    logger.info(`${KIND} ${zone}: ${writes.length} record writes (ZoneID takes 60 requests a minute):\n${formatPlan(plan)}`);
    onFirstWrite();
    // Each phase completes before the next is sent; a failed write stops the apply.
    for (const phase of writePhases(zone, writes)) await eachInParallel(phase, (write) => send(client, zone, write));
    const touched = [...new Set(writes.map((write) => write.type))];
    const fresh = await listZone(client, zone, touched);
    if (!fresh) throw missingZone(zone);
    for (const [type, records] of fresh) listing.set(type, records);
    const after = liveZone(zone, listing);
    const left = planZone(after.sets, declared, view);
    if (left.creates.length + left.updates.length + left.deletes.length > 0) {
      throw new Error(`${KIND} ${zone}: ZoneID lists a zone that still differs after the writes (changed meanwhile?); run \`pulumi up\` again. Still to do:\n${formatPlan(left)}`);
    }
    return { managed: managedView(after.sets, declared, view), writes: writes.length };
  });
}

function stateFrom(zone: string, managed: RecordSet[]): ZoneRecordsState {
  return { zoneName: zone, recordSets: setsToMap(managed), recordCount: managed.reduce((count, set) => count + set.values.length, 0) };
}

function declaredOf(inputs: { recordSets: unknown }): RecordSet[] {
  return setsFromMap(inputs.recordSets as SetMap);
}

/**
 * The declared sets of stored state: its inputs `records` and `zoneFile`,
 * canonicalised again. Never its `recordSets`: stored state holds the output
 * there (the managed view of the live zone, with purge every undeclared set
 * too), which a refresh also reports as the input.
 */
function declaredOfState(state: ZoneRecordsInputs & ZoneRecordsState, id: string): RecordSet[] {
  return declaredSets({ zone: state.zone ?? id, records: state.records, zoneFile: state.zoneFile }).sets;
}

/** The preview's detail: one entry per record set that is added, changed or removed (`recordSets["www A"]`). */
function detailedDiff(olds: Record<string, unknown>, news: Record<string, unknown>): Record<string, PropertyDiff> {
  const before = (olds.recordSets ?? {}) as SetMap;
  const after = (news.recordSets ?? {}) as SetMap;
  const diff: Record<string, PropertyDiff> = {};
  const replace = typeof olds.zone === "string" && typeof news.zone === "string" && olds.zone !== news.zone;
  if (replace) diff.zone = { kind: "update-replace", inputDiff: true };
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const path = `recordSets["${key}"]`;
    if (!(key in before)) diff[path] = { kind: "add", inputDiff: true };
    else if (!(key in after)) diff[path] = { kind: "delete", inputDiff: true };
    else if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) diff[path] = { kind: "update", inputDiff: true };
  }
  for (const key of ["purge", "ignore"] as const) {
    if (JSON.stringify(olds[key] ?? null) !== JSON.stringify(news[key] ?? null)) diff[key] = { kind: "update", inputDiff: true };
  }
  return diff;
}

export const dnsZoneRecordsDefinition: ResourceDefinition<ZoneRecordsInputs, typeof zoneRecordsState> = {
  kind: KIND,
  inputs: dnsZoneRecordsArgs,
  state: zoneRecordsState,
  replaceOnChanges: ["zone"],
  // `recordSets` is what records and zoneFile say, compared set by set; force, maxChangeShare and timeouts only steer.
  ignoreChanges: ["records", "zoneFile", "force", "maxChangeShare", "timeouts"],
  // At 60 requests a minute a 1,000-record zone takes 17 minutes.
  defaultTimeouts: { create: 60 * 60_000, update: 60 * 60_000, delete: 60 * 60_000 },
  detailedDiff,
  /**
   * `zone`, e.g. `example.com` (the resource's id). The import reads the zone
   * as a resource with the default `purge: true` and no `ignore`: every
   * record set but ZoneID's apex NS, as `records` (diff compares the sets,
   * whether the program writes them as `records` or `zoneFile`). A program
   * with `purge: false` or `ignore` shows those as changes until its first
   * `up`, which writes nothing for them.
   */
  importId: importByNamedParts([zonePart], "example.com", ([zone]) => ({ id: zone, state: { zone, purge: true } })),

  async create(inputs, context) {
    const client = zoneidClient(context.settings, context);
    const owner = context.creationTag ?? `untagged:${randomUUID()}`;
    const objectKey = `zoneid:zone-records:${inputs.zone}`;
    claimObject(objectKey, owner, `${KIND} ${inputs.zone} (the records of one zone)`);
    let wrote = false;
    try {
      const applied = await applyZone(client, inputs.zone, declaredOf(inputs), applyOptions(inputs), () => (wrote = true), context.logger);
      return { id: inputs.zone, state: stateFrom(inputs.zone, applied.managed) };
    } catch (error) {
      releaseObject(objectKey, owner);
      // Some records were written: the resource exists (its id is the zone) and the next `up` finishes the job.
      // Its inputs stay (a diff against the program then sees no zone change), the declared sets included: a destroy
      // before the next `up` deletes what was written of them. No set is confirmed: the update re-plans them all.
      if (wrote) {
        const partial = { ...inputs, ...stateFrom(inputs.zone, []), recordSets: inputs.recordSets };
        throw new ResourceInitializationError(inputs.zone, partial, [error instanceof Error ? error.message : String(error)]);
      }
      throw error;
    }
  },

  async read(id, state, context) {
    const client = zoneidClient(context.settings, context);
    const declared = declaredOfState(state, id);
    const options = applyOptions(state);
    const listing = await listZone(client, id, typesToList(declared, options.purge));
    if (!listing) return undefined;
    const live = liveZone(id, listing);
    const managed = managedView(live.sets, declared, { purge: options.purge, ignore: options.ignore });
    // The declared sets all gone (deleted out of band, or by this resource's delete): the resource is gone.
    const liveKeys = new Set(live.sets.map(setKey));
    if (declared.length > 0 && !declared.some((set) => liveKeys.has(setKey(set)))) return undefined;
    // An import (stored state without the sets, which every create stores) declares the sets it manages, as a program would.
    if (isImportRead(state, "recordSets")) return { ...stateFrom(id, managed), records: managed.map(({ name, type, values }) => ({ name, type, values })) };
    return stateFrom(id, managed);
  },

  async update(id, olds, news, context) {
    const client = zoneidClient(context.settings, context);
    const applied = await applyZone(client, news.zone, declaredOf(news), applyOptions(news), () => undefined, context.logger);
    return stateFrom(news.zone, applied.managed);
  },

  /**
   * With purge, removes the records of the declared sets (never undeclared,
   * ignored or system ones); without purge, leaves the zone as it is. The zone
   * itself stays: ZoneID zones come and go with their domain or hosting service.
   */
  async delete(id, state, context) {
    if (!state.purge) return;
    const client = zoneidClient(context.settings, context);
    const options = applyOptions(state);
    const declared = declaredOfState(state, id).filter((set) => !options.ignore(set) && !(set.name === "@" && set.type === "NS"));
    await client.withZoneLock(id, async () => {
      const listing = await listZone(client, id, typesToList(declared, false));
      if (!listing) return;
      const live = liveZone(id, listing);
      const deletes: Write[] = declared.flatMap((set) =>
        [...(live.records.get(setKey(set)) ?? [])].flatMap(([value, records]) =>
          records.filter((record) => record.delete).map((record): Write => ({ kind: "delete", set: setKey(set), type: set.type as ZoneRecordType, record, value })),
        ),
      );
      await eachInParallel(deletes, (write) => send(client, id, write));
    });
  },
};

/**
 * All the records of one ZoneID zone, as record sets (octoDNS-style): a plan
 * against the live zone, refused when it would change or delete more than
 * `maxChangeShare` of the managed sets (or touch the apex NS) unless `force`;
 * `purge` and `ignore` for zones shared with other tools. The id is the zone.
 */
export class DnsZoneRecords extends resourceClass<DnsZoneRecordsArgs>()(dnsZoneRecordsDefinition) {}
