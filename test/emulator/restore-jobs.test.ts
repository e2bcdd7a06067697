// Work in progress survives a save and restore: jobs are not stored, the due
// times in the state are, and restore() schedules the jobs again from them.
// The snapshots are taken through JSON, as the state file holds them, and the
// format is the one written before the job clock existed.
import { createEmulatorClock, startEmulatorServer } from "../../emulator/core";
import { DEFAULT_GIGAHOST_API_KEY, GigahostEmulator } from "../../emulator/gigahost";
import { DEFAULT_ZONEID_API_KEY, DEFAULT_ZONEID_USERNAME, ZoneidEmulator } from "../../emulator/zoneid";
import { basicAuth, callJson } from "./harness";

const throughJson = (state: unknown) => JSON.parse(JSON.stringify(state)) as unknown;

describe("restoring saved state reschedules vendor jobs from stored due times", () => {
  it("Gigahost: a pending snapshot, an installing server, and a deploy order mid-way finish after restore", async () => {
    const clock = createEmulatorClock({ scale: 1e-9 });
    const before = new GigahostEmulator({ clock });
    const server = before.servers.addServer({ label: "web" });
    before.servers.createSnapshot(server.id, "nightly");
    before.servers.reinstall(server.id, { os_id: "110", language: "en", keyboard: "no", timezone: "UTC", hostname: "web.example.no" });
    const [orderId] = before.deploy.order({ pid: 2058, price_id: 311, region_id: 1, os_id: 101, billing_period: "monthly", quantity: 1, hostnames: ["new.example.no"] });
    const saved = throughJson(before.snapshot()) as { servers: { servers: { snapshots: { readyAt: number }[] }[] } };
    expect(saved.servers.servers[0].snapshots[0].readyAt).toEqual(expect.any(Number));

    const after = new GigahostEmulator({ clock });
    after.restore(saved);
    const http = await startEmulatorServer([after]);
    const call = (path: string) => callJson(`${http.urlFor("gigahost")}${path}`, "GET", undefined, `Bearer ${DEFAULT_GIGAHOST_API_KEY}`);
    try {
      expect((await call(`/servers/${server.id}/snapshots`)).body.data[0].snap_state).toBe("pending");
      expect((await call(`/servers/${server.id}`)).body.data[0].srv_status_install).toBe(true);
      expect((await call(`/deploy/status?ids=${orderId}`)).body.data).toMatchObject([{ status: "waiting" }]);

      clock.advance(60_000);
      expect((await call(`/deploy/status?ids=${orderId}`)).body.data).toMatchObject([{ status: "installing", srv_id: expect.any(Number) }]);
      clock.advance(10 * 60_000);
      expect((await call(`/servers/${server.id}/snapshots`)).body.data[0].snap_state).toBe("completed");
      expect((await call(`/servers/${server.id}`)).body.data[0].srv_status_install).toBe(false);
      expect((await call(`/deploy/status?ids=${orderId}`)).body.data).toEqual([]);
      expect((await call("/servers")).body.data.map((listed: { srv_hostname: string }) => listed.srv_hostname)).toContain("new.example.no");
    } finally {
      await http.close();
    }
  });

  it("ZoneID: a cloud order placed before the save gains its VM after restore, locked until its boot ends", async () => {
    const clock = createEmulatorClock({ scale: 1e-9 });
    const before = new ZoneidEmulator({ clock });
    before.addZone("keep.ee");
    const order = before.cloud.createOrder({ datacenter: "tll01", package: "vps-s", os: "debian-12", billing_period: 1, ssh_public_key: "ssh-ed25519 AAAA" });
    const saved = throughJson(before.snapshot());

    const after = new ZoneidEmulator({ clock });
    after.restore(saved);
    const http = await startEmulatorServer([after]);
    const call = (method: string, path: string) => callJson(`${http.urlFor("zoneid")}${path}`, method, undefined, basicAuth(DEFAULT_ZONEID_USERNAME, DEFAULT_ZONEID_API_KEY));
    try {
      expect((await call("GET", `/order/cloud/${order.identificator}`)).body).toMatchObject([{ status: "pending", container: null }]);
      clock.advance(after.cloud.timings.orderMs);
      const [completed] = (await call("GET", `/order/cloud/${order.identificator}`)).body;
      expect(completed).toMatchObject({ status: "completed", container: expect.any(String) });
      expect((await call("DELETE", `/cloud/${completed.container}`)).status).toBe(400);
      clock.advance(after.cloud.timings.operationMs);
      expect((await call("GET", `/cloud/${completed.container}`)).body).toMatchObject([{ state: "running" }]);
    } finally {
      await http.close();
    }
  });
});
