import { DeadlineExceededError } from "../../provider/deadline";
import { operationContext } from "../../provider/dynamic";
import { GigasClient } from "../../provider/gigas/client";
import { whenUnlocked } from "../../provider/gigas/locks";
import { memoryLogger } from "../../provider/log";
import { vendorSettings } from "../../provider/settings";
import { fakeClock } from "../support/fakeClock";
import { ScriptedAnswer, scriptedServer } from "../support/scriptedServer";

const vm = { id: "7", label: "web", hostname: "web", status: "running", locked: false, memory: 1024, cpus: 1 };
const lockedRefusal: ScriptedAnswer = { status: 409, body: { error: "Virtual machine 7 is locked by another operation", code: 409 } };

// Issue 15: HttpCore retried "locked" 6 times and whenUnlocked wrapped that 5 times: up to 30 DELETEs for one VM delete.
test("a VM delete the vendor keeps refusing as locked (while its GET says free) sends one DELETE per busy wait and ends at the deadline", async () => {
  // Each try: the VM looks free, the DELETE is refused. More answers than any bounded retry needs.
  const server = await scriptedServer(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? { body: vm } : lockedRefusal)));
  const clock = fakeClock();
  const logger = memoryLogger();
  const settings = vendorSettings("gigas", (key) => ({ "gigas:apiKey": "key", "gigas:accountId": "22666", "gigas:apiUrl": server.url })[key], {});
  const client = new GigasClient(settings, { clock, logger, random: () => 1 });
  const context = operationContext("delete", 60_000, { settings: () => undefined, clock, logger, configured: true });
  try {
    const started = clock.now();
    const failure = await whenUnlocked(client, "7", "deleting it", context, () => client.deleteVirtualMachine("7")).catch((error) => error);
    expect(failure).toBeInstanceOf(DeadlineExceededError);
    expect(failure.message).toMatch(/deleting it \(virtual machine 7\) \(the object stayed busy: .*409: Virtual machine 7 is locked.*The delete deadline \(1m, timeouts\.delete\) ran out/);
    const deletes = server.received.filter((request) => request.method === "DELETE");
    // Busy waits of 1, 2, 4, 8 and 16 s; the next (30 s) would end past the minute.
    expect(deletes.length).toBe(6);
    expect(deletes.every((request) => request.url === "/account/22666/virtual_machine/7")).toBe(true);
    expect(server.received.map((request) => request.method)).toEqual(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? "GET" : "DELETE")));
    expect(clock.now() - started).toBeLessThanOrEqual(60_000);
    expect(logger.lines.filter((line) => /Gigas says the object is busy \(409/.test(line))).toHaveLength(6);
  } finally {
    await server.close();
  }
});
