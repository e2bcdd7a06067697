import { randomUUID } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { PRIORITY_TYPES, normalizeHostname } from "../../provider/dns";
import { OperationContext, PropertyDiff, ResourceDefinition } from "../../provider/dynamic";
import { ResourceInitializationError, unlessGone } from "../../provider/errors";
import { GigahostClient, gigahostClient } from "../../provider/gigahost/client";
import { RecordBody } from "../../provider/gigahost/wire";
import { ZoneRecordWrites } from "../../provider/gigahost/zoneRecordWrites";
import { claimObject, releaseObject } from "../../provider/identity";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import {
  DEFAULT_MAX_CHANGE_SHARE,
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
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { checkIgnore, zoneRecordsOptions } from "../zoneRecordsArgs";
import { MAX_TTL, MIN_TTL, RECORD_TYPES, RecordState, deleteMatchValue, recordFromWire } from "./dnsRecord";
import { readsForImport, zoneRecordsImportId } from "./importIds";

const KIND = "gigahost:DnsZoneRecords";
const DEFAULT_TTL = 3600;
/**
 * Rounds of apply → fresh listing → re-plan before giving up. The first
 * round does the work; a second one repairs what the vendor did otherwise
 * (a set-wide DELETE that took siblings, a PUT on an id that had changed).
 */
const MAX_ROUNDS = 4;

type SetMap = Record<string, { ttl: number; values: string[]; ttls?: number[] }>;
const setMap = z.record(z.string(), z.object({ ttl: z.number(), values: z.array(z.string()), ttls: z.array(z.number()).optional() }));

const recordSetEntry = z
  .object({
    name: z.string(),
    type: z.string(),
    ttl: z
      .number({ error: "must be a number of seconds" })
      .int("must be a whole number of seconds")
      .min(MIN_TTL, `must be at least ${MIN_TTL} seconds`)
      .max(MAX_TTL, `must be at most ${MAX_TTL} seconds (one week)`)
      .optional(),
    values: z.array(z.string()),
  })
  .strict();

interface DeclaredInputs {
  zoneName?: string;
  records?: { name: string; type: string; ttl?: number; values: string[] }[];
  zoneFile?: string;
}

/**
 * The declared sets of `records` and `zoneFile` (records win per name+type),
 * with problems by property. Without zoneName, names must be relative and
 * there can be no zone file (its relative names need the origin).
 */
function declaredSets(args: DeclaredInputs): { sets: RecordSet[]; problems: { property: string; message: string }[] } {
  const problems: { property: string; message: string }[] = [];
  const zone = args.zoneName === undefined ? "" : normalizeHostname(args.zoneName);
  if (args.zoneName === undefined) {
    const dotted = (args.records ?? []).findIndex((entry) => entry.name.trim().endsWith("."));
    if (args.zoneFile !== undefined) {
      problems.push({ property: "zoneName", message: "is required with zoneFile (the file's relative names need it), e.g. zone.zoneName" });
    } else if (dotted >= 0) {
      problems.push({ property: "zoneName", message: `is required for the fully qualified name in records[${dotted}].name, or write that name relative to the zone` });
    }
    if (problems.length > 0) return { sets: [], problems };
  }
  const options = { defaultTtl: DEFAULT_TTL, types: RECORD_TYPES };
  const fromFile = args.zoneFile === undefined ? { sets: [], problems: [] } : parseZoneFile(args.zoneFile, zone, options);
  for (const message of fromFile.problems) problems.push({ property: "zoneFile", message });
  for (const set of fromFile.sets) {
    if (set.ttl < MIN_TTL || set.ttl > MAX_TTL) {
      problems.push({ property: "zoneFile", message: `"${setKey(set)}": TTL ${set.ttl} is outside Gigahost's ${MIN_TTL} to ${MAX_TTL} seconds` });
    }
  }
  const fromRecords = canonicalSets(args.records ?? [], zone, options);
  for (const message of fromRecords.problems) {
    const match = message.match(/^(records\[\d+\](?:\.\w+)?)/);
    problems.push({ property: match ? match[1] : "records", message: message.replace(/^records\[\d+\](?:\.\w+)?(\[\d+\])?: /, "") });
  }
  const sets = mergeSets(fromFile.sets, fromRecords.sets);
  for (const set of sets) {
    if (set.type === "CNAME" && set.name === "@") problems.push({ property: "records", message: 'a CNAME cannot be at the zone apex ("@")' });
  }
  return { sets, problems };
}

export const dnsZoneRecordsArgs = z
  .object({
    zoneId: z.string().regex(/^\d+$/, "must be a Gigahost zone id (digits), e.g. a DnsZone's zoneId output"),
    zoneName: z.string().optional(),
    records: z.array(recordSetEntry).optional(),
    zoneFile: z.string().optional(),
    ...zoneRecordsOptions,
  })
  .strict()
  .transform((args, context) => {
    const zoneName = args.zoneName === undefined ? undefined : normalizeHostname(args.zoneName);
    const { sets, problems } = declaredSets({ ...args, zoneName });
    for (const problem of problems) context.addIssue({ code: "custom", path: problem.property.split(/[.[\]]+/).filter(Boolean), message: problem.message });
    checkIgnore(args.ignore, sets, context);
    return { ...args, zoneName, recordSets: setsToMap(sets) as SetMap };
  });

/** One record set of `records`: all values of one name and type. */
export interface ZoneRecordSetArgs {
  /** Relative to the zone: `"@"` for the apex, `"www"`, `"*.dev"`; a fully qualified name (`"www.example.no."`) needs `zoneName`. */
  name: string;
  /** `A`, `AAAA`, `CNAME`, `MX`, `TXT`, `NS`, `SRV`, `CAA`, `TLSA`, `PTR` or `SSHFP`, any case. */
  type: string;
  /** Seconds, 60 to 604800; default 3600. One TTL for the whole set. */
  ttl?: number;
  /**
   * The values in zone-file form: A `"192.0.2.1"`; MX `"10 mail.example.no"`;
   * SRV `"10 5 5060 sip.example.no"` (priority weight port target); CAA
   * `'0 issue "letsencrypt.org"'`; TXT the text itself.
   */
  values: string[];
}

/**
 * The arguments of a `DnsZoneRecords`; see docs/gigahost-dns.md,
 * "gigahost.DnsZoneRecords". One resource per zone: its records as record
 * sets, from `records`, `zoneFile` or both.
 */
export interface DnsZoneRecordsArgs {
  /** The zone: a `DnsZone`'s (or `getZone()`'s) `zoneId`, digits, e.g. `zone.zoneId`. Changing it replaces the resource. */
  zoneId: pulumi.Input<string>;
  /**
   * The zone's name, e.g. `zone.zoneName` or `"example.no"`: required with
   * `zoneFile` and for fully qualified names in `records`; checked against
   * the zone at apply.
   */
  zoneName?: pulumi.Input<string>;
  /** Record sets; an entry replaces the zone file's set of the same name and type. */
  records?: pulumi.Input<ZoneRecordSetArgs[]>;
  /** BIND zone-file text ($ORIGIN, $TTL, parentheses, comments, quoted TXT); SOA records are skipped (Gigahost's). */
  zoneFile?: pulumi.Input<string>;
  /** Default true: records of the zone not declared are deleted (never ignored ones, never the apex NS/SOA). False leaves them alone. */
  purge?: pulumi.Input<boolean>;
  /** Names or patterns never touched: `"www"` (all types), `"www/TXT"`, `"*.dev"`, `"_acme-challenge*"`. */
  ignore?: pulumi.Input<string[]>;
  /** The share of managed record sets (of ≥ 10) one apply may change or delete without `force`; default 0.3. Never causes a diff. */
  maxChangeShare?: pulumi.Input<number>;
  /** Apply a plan the safety check refuses (too large a share, apex NS/SOA). Never causes a diff: set it for one `up`. */
  force?: pulumi.Input<boolean>;
  /** Deadlines for create, update and delete (default 10m each), e.g. `{ create: "30m" }`. Never causes a diff. */
  timeouts?: pulumi.Input<Timeouts>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<DnsZoneRecordsArgs & { recordSets?: unknown }, typeof dnsZoneRecordsArgs>>;
type ZoneRecordsInputs = z.output<typeof dnsZoneRecordsArgs>;

/** What a `DnsZoneRecords` adds to its inputs in state; each property is an output. */
export const zoneRecordsState = stateSchema({
  /** The zone's name as Gigahost lists it, lower-cased. */
  zoneName: z.string(),
  /**
   * The record sets the resource manages as Gigahost lists them, keyed
   * "name TYPE" (`"www A"`), each `{ ttl, values }`; a set whose records
   * carry different TTLs also has `ttls` (each TTL; `ttl` is the lowest),
   * which the next apply makes one. With purge, every set of
   * the zone that is not ignored (and not the apex NS/SOA unless declared);
   * without, the declared sets only.
   */
  recordSets: setMap,
  /** How many records those sets hold. */
  recordCount: z.number(),
});
type ZoneRecordsState = z.infer<typeof zoneRecordsState>;

/** One listed record, with what a write needs: its current id and content. */
interface LiveRecord {
  value: string;
  record: RecordState;
}

interface LiveZone {
  sets: RecordSet[];
  records: Map<string, LiveRecord[]>;
}

/** A record's value in the canonical set form: MX and SRV with their priority first. */
function canonicalLiveValue(record: RecordState): string {
  return PRIORITY_TYPES.has(record.type) ? `${record.priority ?? 0} ${record.value}` : record.value;
}

/**
 * A listed record name as the sets spell it: the apex as "@" however it is
 * listed ("@", "", the zone's own name with or without the trailing dot), so
 * the apex NS/SOA are always recognised as Gigahost's.
 */
function relativeName(name: string, zoneName: string | undefined): string {
  const bare = name.replace(/\.$/, "");
  return bare === "" || bare === "@" || (zoneName !== undefined && bare === zoneName) ? "@" : name;
}

/**
 * A listing as record sets. A set whose records carry different TTLs gets
 * its lowest as `ttl` and all of them as `ttls`, so it never equals a
 * declared set: the plan rewrites the records whose TTL differs.
 */
export function liveZone(zoneId: string, listing: Parameters<typeof recordFromWire>[1][], zoneName?: string): LiveZone {
  const records = new Map<string, LiveRecord[]>();
  for (const wire of listing) {
    const listed = recordFromWire(zoneId, wire);
    const record = { ...listed, name: relativeName(listed.name, zoneName) };
    const key = setKey(record);
    records.set(key, [...(records.get(key) ?? []), { value: canonicalLiveValue(record), record }]);
  }
  const sets = [...records.entries()].map(([, members]): RecordSet => {
    const ttls = [...new Set(members.map((member) => member.record.ttl))].sort((a, b) => a - b);
    return {
      name: members[0].record.name,
      type: members[0].record.type,
      ttl: ttls[0],
      ...(ttls.length > 1 ? { ttls } : {}),
      values: [...new Set(members.map((member) => member.value))].sort(),
    };
  });
  return { sets, records };
}

/** The wire body of one value of a set: MX and SRV carry their priority apart. */
function recordBody(set: { name: string; type: string; ttl: number }, value: string): RecordBody {
  if (PRIORITY_TYPES.has(set.type)) {
    const space = value.indexOf(" ");
    return { record_name: set.name, record_type: set.type, record_value: value.slice(space + 1), record_ttl: set.ttl, record_priority: Number(value.slice(0, space)) };
  }
  return { record_name: set.name, record_type: set.type, record_value: value, record_ttl: set.ttl };
}

async function listLive(client: GigahostClient, zoneId: string, zoneName: string, fresh: boolean): Promise<LiveZone | undefined> {
  const listing = await unlessGone(client.listRecords(zoneId, { fresh }));
  return listing && liveZone(zoneId, listing, zoneName);
}

interface ApplyOptions {
  purge: boolean;
  ignore: IgnoreMatcher;
  maxChangeShare: number;
  force: boolean;
}

/**
 * The options of inputs, or of stored state: the partial state of a create
 * that 0.2.0 left half-done holds only `zoneName`, so a missing option takes
 * its input default.
 */
function applyOptions(inputs: { purge?: boolean; ignore?: string[]; maxChangeShare?: number; force?: boolean }): ApplyOptions {
  return {
    purge: inputs.purge ?? true,
    ignore: ignoreMatcher(inputs.ignore ?? []),
    maxChangeShare: inputs.maxChangeShare ?? DEFAULT_MAX_CHANGE_SHARE,
    force: inputs.force ?? false,
  };
}

function planIsEmpty(plan: ZonePlan): boolean {
  return plan.creates.length + plan.updates.length + plan.deletes.length === 0;
}

/**
 * Sends one plan's writes, the fewest calls per set: a value whose TTL alone
 * changes is rewritten in place (PUT); a removed value and an added one are
 * paired into one PUT; what is left over is POSTed or DELETEd narrowed by
 * value; a set no longer declared goes in one DELETE by name and type,
 * before any create (a CNAME may replace it at its name).
 * Deletes narrowed by value come last in their set: where the vendor deletes
 * the whole set anyway (the documented API), the next round's listing shows
 * the values missing and puts them back.
 */
async function sendPlan(writes: ZoneRecordWrites, plan: ZonePlan, live: LiveZone, onWrite: () => void): Promise<void> {
  // Sets no longer declared go first: a CNAME created where an A set is being removed must not meet it.
  for (const set of plan.deletes) {
    const first = live.records.get(setKey(set))?.[0];
    if (!first) continue;
    onWrite();
    await writes.delete(first.record.recordId, { name: set.name, type: set.type });
  }
  for (const set of plan.creates) {
    for (const value of set.values) {
      onWrite();
      await writes.create(recordBody(set, value));
    }
  }
  for (const { before, after } of plan.updates) {
    const members = live.records.get(setKey(after)) ?? [];
    const change = valueChanges(before, after);
    // One record per value: a value listed twice (two TTLs) keeps its first record and loses the others.
    const seen = new Set<string>();
    const extra: LiveRecord[] = [];
    const kept: LiveRecord[] = [];
    const removed: LiveRecord[] = [];
    for (const member of members) {
      if (seen.has(member.value)) extra.push(member);
      else if (change.keep.includes(member.value)) kept.push(member);
      else removed.push(member);
      seen.add(member.value);
    }
    for (const member of kept.filter((candidate) => candidate.record.ttl !== after.ttl)) {
      onWrite();
      await writes.update(member.record.recordId, recordBody(after, member.value));
    }
    const adds = [...change.add];
    while (adds.length > 0 && removed.length > 0) {
      const member = removed.shift()!;
      onWrite();
      await writes.update(member.record.recordId, recordBody(after, adds.shift()!));
    }
    for (const value of adds) {
      onWrite();
      await writes.create(recordBody(after, value));
    }
    for (const member of [...removed, ...extra]) {
      onWrite();
      await writes.delete(member.record.recordId, { name: member.record.name, type: member.record.type, value: deleteMatchValue(member.record) });
    }
  }
}

/**
 * Makes the zone match `declared`: one fresh listing, the plan and its
 * safety check, the writes, then one fresh listing that must show the plan
 * done. What it does not show done is planned and sent again, up to
 * MAX_ROUNDS or the deadline. Every round plans from a listing, so a value
 * already there is never created again: an apply killed halfway and run
 * again converges.
 */
async function applyZone(
  client: GigahostClient,
  zoneId: string,
  zoneName: string,
  declared: RecordSet[],
  options: ApplyOptions,
  context: OperationContext,
  onWrite: () => void,
): Promise<{ managed: RecordSet[] }> {
  const view = { purge: options.purge, ignore: options.ignore };
  return client.withZoneLock(zoneId, async () => {
    let live = await listLive(client, zoneId, zoneName, true);
    if (!live) throw new Error(`${KIND}: zoneId ${zoneId} is not a zone of this account (it lists no records)`);
    let plan = planZone(live.sets, declared, view);
    const problem = safetyProblem(plan, managedView(live.sets, declared, view).length, {
      maxChangeShare: options.maxChangeShare,
      force: options.force,
      resource: `${KIND} zone ${zoneId}`,
    });
    if (problem) throw new Error(problem);
    const writes = new ZoneRecordWrites(client, zoneId);
    for (let round = 1; !planIsEmpty(plan); round++) {
      if (round > MAX_ROUNDS) {
        throw new Error(`${KIND} zone ${zoneId}: the zone still differs after ${MAX_ROUNDS} rounds of writes; what remains:\n${formatPlan(plan)}`);
      }
      if (round > 1) context.logger.warn(`${KIND} zone ${zoneId}: the listing after the writes still differs; writing again:\n${formatPlan(plan)}`);
      await sendPlan(writes, plan, live, onWrite);
      live = (await listLive(client, zoneId, zoneName, true)) ?? { sets: [], records: new Map() };
      plan = planZone(live.sets, declared, view);
    }
    context.logger.debug(`${KIND} zone ${zoneId}: ${writes.sent} writes`);
    return { managed: managedView(live.sets, declared, view) };
  });
}

/**
 * The zone's name (state's zoneName), checked against `zoneName` when given;
 * without it, a record name spelling the zone's full name (Gigahost would
 * store "www.example.no.example.no") is refused, naming the relative form.
 */
async function zoneNameFor(client: GigahostClient, inputs: { zoneId: string; zoneName?: string }, declared: RecordSet[]): Promise<string> {
  const zone = (await client.findZoneById(inputs.zoneId)) ?? (await client.findZoneById(inputs.zoneId, { fresh: true }));
  if (!zone) throw new Error(`${KIND}: zoneId ${inputs.zoneId} is not a zone of this account`);
  const name = normalizeHostname(zone.zone_name);
  if (inputs.zoneName !== undefined && inputs.zoneName !== name) {
    throw new Error(`${KIND}: zoneName "${inputs.zoneName}" is not the name of zone ${inputs.zoneId} (${name})`);
  }
  if (inputs.zoneName === undefined) {
    const full = declared.find((set) => set.name === name || set.name.endsWith(`.${name}`));
    if (full) {
      const relative = full.name === name ? "@" : full.name.slice(0, -(name.length + 1));
      throw new Error(`${KIND}: records name "${full.name}" is the full name of a name in zone ${name}; write it relative to the zone: "${relative}"`);
    }
  }
  return name;
}

function declaredOf(inputs: { recordSets?: unknown }): RecordSet[] {
  return setsFromMap((inputs.recordSets ?? {}) as SetMap);
}

/** The declared sets of stored state: its inputs, canonicalised again (its `recordSets` is the live view). */
function declaredOfState(state: ZoneRecordsInputs & ZoneRecordsState): RecordSet[] {
  return declaredSets({ zoneName: state.zoneName, records: state.records, zoneFile: state.zoneFile }).sets;
}

function stateFrom(zoneName: string, managed: RecordSet[]): ZoneRecordsState {
  return { zoneName, recordSets: setsToMap(managed), recordCount: managed.reduce((count, set) => count + set.values.length, 0) };
}

/** The preview's detail: one entry per record set that is added, changed or removed (`recordSets["www A"]`). */
export function zoneRecordsDetailedDiff(olds: Record<string, unknown>, news: Record<string, unknown>): Record<string, PropertyDiff> {
  const before = (olds.recordSets ?? {}) as SetMap;
  const after = (news.recordSets ?? {}) as SetMap;
  const diff: Record<string, PropertyDiff> = {};
  if (olds.zoneId !== undefined && news.zoneId !== undefined && olds.zoneId !== news.zoneId) diff.zoneId = { kind: "update-replace", inputDiff: true };
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
  replaceOnChanges: ["zoneId"],
  // `recordSets` is what records and zoneFile say, compared set by set; force, maxChangeShare and timeouts only steer.
  // zoneName only spells the zone (state always holds it, whether given or not): what it changes shows in recordSets.
  ignoreChanges: ["records", "zoneFile", "zoneName", "force", "maxChangeShare", "timeouts"],
  defaultTimeouts: { create: 10 * 60_000, update: 10 * 60_000, delete: 10 * 60_000 },
  detailedDiff: zoneRecordsDetailedDiff,
  /**
   * `zoneId`, e.g. `123` (GET /dns/zones' `zone_id`). An imported resource
   * manages the whole zone, as the inputs' defaults do (`purge` on, nothing
   * in `ignore`): its `recordSets` are every set but the apex NS/SOA, to be
   * declared in `records` or `zoneFile`.
   */
  importId: zoneRecordsImportId,

  async create(inputs, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    const declared = declaredOf(inputs);
    const zoneName = await zoneNameFor(client, inputs, declared);
    const owner = context.creationTag ?? `untagged:${randomUUID()}`;
    const objectKey = `gigahost:zone-records:${inputs.zoneId}`;
    // One zone resource per zone: two would purge each other's records.
    claimObject(objectKey, owner, `${KIND} zone ${inputs.zoneId} (the records of one zone)`);
    let wrote = false;
    try {
      const applied = await applyZone(client, inputs.zoneId, zoneName, declared, applyOptions(inputs), context, () => (wrote = true));
      return { id: inputs.zoneId, state: stateFrom(zoneName, applied.managed) };
    } catch (error) {
      releaseObject(objectKey, owner);
      // Some records were written: the resource exists (its id is the zone) and the next `up` re-plans and finishes.
      // Its inputs stay (the bridge takes out secret ones), so a refresh or destroy before that `up` knows the
      // declared sets and options; no set is confirmed, and the update re-plans against the live zone anyway.
      if (wrote) {
        throw new ResourceInitializationError(inputs.zoneId, { ...inputs, ...stateFrom(zoneName, []) }, [error instanceof Error ? error.message : String(error)]);
      }
      throw error;
    }
  },

  async read(id, state, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    if (readsForImport(state, "zoneName")) {
      // The import id gives the zone only: its name comes from the zone, its sets from the listing.
      const zone = await client.findZoneById(id, { fresh: true });
      if (!zone) return undefined;
      state = { ...state, zoneName: normalizeHostname(zone.zone_name) };
    }
    const live = await listLive(client, id, state.zoneName, false);
    if (!live) return undefined;
    const declared = declaredOfState(state);
    // Every declared set gone (deleted out of band, or by this resource's delete): the resource is gone.
    const liveKeys = new Set(live.sets.map(setKey));
    if (declared.length > 0 && !declared.some((set) => liveKeys.has(setKey(set)))) return undefined;
    const options = applyOptions(state);
    return stateFrom(state.zoneName, managedView(live.sets, declared, { purge: options.purge, ignore: options.ignore }));
  },

  async update(_id, _olds, news, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    const declared = declaredOf(news);
    const zoneName = await zoneNameFor(client, news, declared);
    const applied = await applyZone(client, news.zoneId, zoneName, declared, applyOptions(news), context, () => undefined);
    return stateFrom(zoneName, applied.managed);
  },

  /**
   * With purge, removes the records of the declared sets (never undeclared,
   * ignored or apex NS/SOA ones), one DELETE per set; without purge, leaves
   * the zone as it is. The zone itself stays (a DnsZone owns it). A set also
   * holding values added elsewhere loses only the declared ones (DELETE
   * narrowed by value); where the vendor took the whole set (the documented
   * DELETE), the confirming listing shows the others missing and they are
   * created again, with a warning naming them.
   */
  async delete(id, state, context) {
    if (!state.purge) return;
    const client = gigahostClient("gigahost", context.settings, context);
    const options = applyOptions(state);
    const declared = declaredOfState(state).filter((set) => !options.ignore(set) && !(set.name === "@" && (set.type === "NS" || set.type === "SOA")));
    await client.withZoneLock(id, async () => {
      const live = await listLive(client, id, state.zoneName, true);
      if (!live) return;
      const writes = new ZoneRecordWrites(client, id);
      /** Records of the declared sets that are not declared (added elsewhere): they must survive. */
      const others: LiveRecord[] = [];
      for (const set of declared) {
        const members = live.records.get(setKey(set)) ?? [];
        const ours = members.filter((member) => set.values.includes(member.value));
        if (ours.length === 0) continue;
        if (ours.length === members.length) {
          await writes.delete(ours[0].record.recordId, { name: set.name, type: set.type });
          continue;
        }
        // Only the declared values go, narrowed by value; the documented DELETE takes the whole set (put back below).
        others.push(...members.filter((member) => !set.values.includes(member.value)));
        for (const member of ours) {
          await writes.delete(member.record.recordId, { name: member.record.name, type: member.record.type, value: deleteMatchValue(member.record) });
        }
      }
      const listed = (zone: LiveZone | undefined, member: LiveRecord) =>
        (zone?.records.get(setKey(member.record)) ?? []).some((candidate) => candidate.value === member.value);
      let after = await listLive(client, id, state.zoneName, true);
      const lost = others.filter((member) => !listed(after, member));
      if (lost.length > 0) {
        const names = lost.map((member) => `${setKey(member.record)} ${member.value}`).join(", ");
        context.logger.warn(`${KIND} zone ${id}: Gigahost deleted records not declared with the declared ones; creating them again: ${names}`);
        for (const member of lost) await writes.create(recordBody(member.record, member.value));
        after = await listLive(client, id, state.zoneName, true);
        const missing = lost.filter((member) => !listed(after, member));
        if (missing.length > 0) {
          throw new Error(`${KIND} zone ${id}: records not declared were deleted with the declared ones and are still missing: ${missing.map((member) => `${setKey(member.record)} ${member.value}`).join(", ")}; create them again`);
        }
      }
      const left = declared.filter((set) => (after?.records.get(setKey(set)) ?? []).some((member) => set.values.includes(member.value)));
      if (left.length > 0) throw new Error(`${KIND} zone ${id}: Gigahost still lists ${left.map(setKey).join(", ")} after the deletes; try again`);
    });
  },
};

/**
 * All the records of one Gigahost zone, as record sets (octoDNS-style): a
 * plan against the live zone, refused when it would change or delete more
 * than `maxChangeShare` of the managed sets (or touch the apex NS/SOA) unless
 * `force`; `purge` and `ignore` for zones shared with other tools or with
 * per-record `DnsRecord` resources. The id is the zone id.
 */
export class DnsZoneRecords extends resourceClass<DnsZoneRecordsArgs>()(dnsZoneRecordsDefinition) {}
