import { gigahostClient } from "../../provider/gigahost/client";
import { programConfigSource } from "../../provider/programSettings";
import { RecordState, recordFromWire } from "./dnsRecord";
import { ZoneState, zoneFromWire } from "./dnsZone";

/**
 * Lookups for Pulumi programs: plain async functions that run in the program
 * process with the stack's `gigahost:*` config (or GIGAHOST_* variables).
 */

export async function getZones(): Promise<ZoneState[]> {
  const client = gigahostClient("gigahost", programConfigSource);
  return (await client.listZones()).map(zoneFromWire);
}

/** The zone of this name; fails clearly when the account has none. */
export async function getZone(args: { name: string }): Promise<ZoneState> {
  const client = gigahostClient("gigahost", programConfigSource);
  const zone = await client.findZoneByName(args.name.trim().replace(/\.$/, ""));
  if (!zone) throw new Error(`getZone: the Gigahost account has no zone named "${args.name}"`);
  return zoneFromWire(zone);
}

export async function getRecords(args: { zoneId: string }): Promise<RecordState[]> {
  const client = gigahostClient("gigahost", programConfigSource);
  return (await client.listRecords(args.zoneId)).map((record) => recordFromWire(args.zoneId, record));
}
