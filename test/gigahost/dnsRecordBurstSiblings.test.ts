import { type EmulatorServer, startEmulatorServer } from "../../emulator/core";
import { DEFAULT_GIGAHOST_API_KEY, GigahostEmulator } from "../../emulator/gigahost";
import { realClock } from "../../provider/clock";
import { operationContext } from "../../provider/dynamic";
import { gigahostClient } from "../../provider/gigahost/client";
import { memoryLogger } from "../../provider/log";
import { dnsRecordDefinition } from "../../resources/gigahost/dnsRecord";

/**
 * A delete sent in the same zone burst as a create of its name and type
 * (docs/gigahost-dns.md, "Calls per record"). Run in process, so that the
 * test decides the order in which the two join the burst.
 */
let server: EmulatorServer;
let emulator: GigahostEmulator;
beforeEach(async () => {
  emulator = new GigahostEmulator();
  server = await startEmulatorServer([emulator]);
});
afterEach(async () => {
  jest.restoreAllMocks();
  await server.close();
});

test("a create of the burst that the closing listing does not show yet is not sent again as a 'sibling' of a delete", async () => {
  const zoneId = emulator.addZone({ name: "siblings.example.no" }).zone_id;
  const values: Record<string, string | undefined> = { "gigahost:apiUrl": server.urlFor("gigahost"), "gigahost:apiKey": DEFAULT_GIGAHOST_API_KEY };
  const settings = (key: string) => values[key];
  const context = (operation: "create" | "delete") => operationContext(operation, 120_000, { settings, logger: memoryLogger(), clock: realClock });
  const inputs = (value: string) => dnsRecordDefinition.inputs.parse({ zoneId, name: "pool", type: "A", value }) as Parameters<typeof dnsRecordDefinition.create>[0];
  const old = await dnsRecordDefinition.create(inputs("192.0.2.1"), context("create"));

  // The create joins the burst first; the delete of `old` joins it while the create is being sent.
  const client = gigahostClient("gigahost", settings, { logger: memoryLogger() });
  const original = client.writeInZoneBurst.bind(client);
  let deleting: Promise<unknown> | undefined;
  jest.spyOn(client, "writeInZoneBurst").mockImplementation((zone, write) => {
    const result = original(zone, write);
    if (!deleting) {
      deleting = Promise.resolve();
      deleting = dnsRecordDefinition.delete(old.id, old.state as Parameters<typeof dnsRecordDefinition.delete>[1], context("delete"));
    }
    return result;
  });
  // The vendor applies the create but shows it only after the burst's closing listing.
  server.onApplied((request) => {
    if (request.method !== "POST") return;
    server.onApplied(undefined);
    const hidden = emulator.records(zoneId).find((r) => r.record_value === "192.0.2.2")!;
    emulator.removeRecord(zoneId, hidden.record_id);
    const stopListening = server.onAnswered((answered) => {
      if (answered.method !== "GET" || !answered.path.endsWith("/records")) return;
      stopListening();
      emulator.addRecord(zoneId, { name: "pool", type: "A", value: "192.0.2.2", ttl: inputs("192.0.2.2").ttl });
    });
  });
  server.resetRequests();
  const created = await dnsRecordDefinition.create(inputs("192.0.2.2"), context("create"));
  await deleting;

  expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  expect(emulator.records(zoneId).map((r) => [r.record_value, r.record_id])).toEqual([["192.0.2.2", created.id]]);
});
