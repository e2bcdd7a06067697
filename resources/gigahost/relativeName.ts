import { normalizeHostname, recordNameInZone } from "../../provider/dns";
import { GigahostClient } from "../../provider/gigahost/client";

/**
 * Gigahost takes names relative to the zone and stores a full name as given,
 * so "www.example.no" in zone example.no would become www.example.no.example.no.
 * `check` sees only the zone's id, not its name, so the first write refuses
 * such a name, naming the relative form to write instead.
 */
export async function refuseFullNameInZone(client: GigahostClient, what: { kind: string; property: string; zoneId: string; name: string }): Promise<void> {
  if (what.name === "@") return;
  // A zone created moments ago may not be in the shared listing yet.
  const zone = (await client.findZoneById(what.zoneId)) ?? (await client.findZoneById(what.zoneId, { fresh: true }));
  if (!zone) return;
  const zoneName = normalizeHostname(zone.zone_name);
  const inZone = recordNameInZone(`${what.name}.`, zoneName);
  if ("relative" in inZone) {
    throw new Error(
      `${what.kind}: ${what.property} "${what.name}" is the full name of ${inZone.fqdn} in zone ${zoneName} (id ${what.zoneId}); ` +
        `write it relative to the zone: ${what.property}: "${inZone.relative}"`,
    );
  }
}
