import * as pulumi from "@pulumi/pulumi";
import { startEmulatorServer } from "../../emulator/core";
import { DEFAULT_GIGAHOST_API_KEY, GigahostEmulator } from "../../emulator/gigahost";
import { getRecords, getZone, getZones } from "../../resources/gigahost";

test("lookups run in the program process with the stack's gigahost config", async () => {
  const gigahost = new GigahostEmulator();
  const server = await startEmulatorServer([gigahost]);
  try {
    const zone = gigahost.addZone({ name: "lookup.example.no" });
    gigahost.addRecord(zone.zone_id, { name: "www", type: "A", value: "192.0.2.5", ttl: 300 });
    await pulumi.runtime.setMocks({ newResource: (args) => ({ id: args.name, state: args.inputs }), call: (args) => args.inputs }, "p", "s", false);
    pulumi.runtime.setAllConfig({ "gigahost:apiUrl": server.urlFor("gigahost"), "gigahost:apiKey": DEFAULT_GIGAHOST_API_KEY }, ["gigahost:apiKey"]);

    expect((await getZones()).map((z) => z.name)).toEqual(["lookup.example.no"]);
    const found = await getZone({ name: "lookup.example.no." });
    expect(found.zoneId).toBe(zone.zone_id);
    expect(await getRecords({ zoneId: found.zoneId })).toEqual([
      expect.objectContaining({ name: "www", type: "A", value: "192.0.2.5", ttl: 300, zoneId: zone.zone_id }),
    ]);
    await expect(getZone({ name: "missing.example.no" })).rejects.toThrow('has no zone named "missing.example.no"');
  } finally {
    await server.close();
  }
});
