import { programConfigSource } from "../../provider/programSettings";
import { zoneidClient } from "../../provider/zoneid/client";
import { RECORD_TYPES, RecordState, recordFromWire } from "./dnsRecord";
import { ZoneState, zoneFromWire } from "./dnsZone";

/**
 * Lookups for Pulumi programs: plain async functions that run in the program
 * process with the stack's `zoneid:*` config (or ZONEID_* variables). They
 * share the process's rate limiter with nothing else, so keep them few.
 */

/** The zone's settings; fails clearly when the account has no such zone. */
export async function getZone(args: { name: string }): Promise<ZoneState> {
  const name = args.name.trim().toLowerCase().replace(/\.$/, "");
  const zone = await zoneidClient(programConfigSource).getZone(name);
  if (!zone) throw new Error(`getZone: the ZoneID account has no DNS zone named "${args.name}"`);
  return zoneFromWire(name, zone);
}

/** The zone's records, of one type or (one request per type) of all eleven. */
export async function getRecords(args: { zone: string; type?: (typeof RECORD_TYPES)[number] }): Promise<(RecordState & { system: boolean })[]> {
  const client = zoneidClient(programConfigSource);
  const zone = args.zone.trim().toLowerCase().replace(/\.$/, "");
  const types = args.type ? [args.type.toLowerCase() as (typeof RECORD_TYPES)[number]] : RECORD_TYPES;
  const records: (RecordState & { system: boolean })[] = [];
  for (const type of types) {
    const listed = await client.listRecords(zone, type, { fresh: true });
    if (listed === undefined) throw new Error(`getRecords: the ZoneID account has no DNS zone named "${args.zone}"`);
    records.push(...listed.map((wire) => recordFromWire(zone, type, wire)));
  }
  return records;
}
