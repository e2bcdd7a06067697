import { type EmulatorServer, startEmulatorServer } from "../../emulator/core";
import { DEFAULT_GIGAHOST_API_KEY, GigahostEmulator } from "../../emulator/gigahost";
import { routeKey } from "../../emulator/gigahost/documented";
import { TERRAHOST_DOCUMENTED_ROUTES, TerrahostEmulator } from "../../emulator/terrahost";
import { GigahostClient } from "../../provider/gigahost/client";
import { NotFoundError } from "../../provider/errors";
import { vendorSettings } from "../../provider/settings";
import { callJson } from "./harness";

const NOT_FOUND = { meta: { status: 404, status_message: "404 Not Found", message: "Endpoint not found." } };

describe("Terrahost emulator: only what Terrahost's API v3 documents", () => {
  let terrahost: TerrahostEmulator;
  let server: EmulatorServer;
  const call = (method: string, path: string, body?: unknown) =>
    callJson(server.urlFor("terrahost") + path, method, body, `Bearer ${DEFAULT_GIGAHOST_API_KEY}`);

  beforeEach(async () => {
    terrahost = new TerrahostEmulator({ zoneWriteMs: 0 });
    server = await startEmulatorServer([terrahost]);
  });
  afterEach(() => server.close());

  it("serves exactly the documented routes, at /terrahost/api/v3", () => {
    expect(terrahost.basePath).toBe("/terrahost/api/v3");
    expect(terrahost.routes().map((route) => routeKey(route.method, route.pattern)).sort()).toEqual([...TERRAHOST_DOCUMENTED_ROUTES].sort());
    // Every Terrahost route is one the platform (Gigahost's emulator) implements.
    const platform = new GigahostEmulator().routes().map((route) => routeKey(route.method, route.pattern));
    expect(platform).toEqual(expect.arrayContaining([...TERRAHOST_DOCUMENTED_ROUTES]));
  });

  it.each([
    ["GET", "/dns/zones", undefined],
    ["POST", "/dns/zones", { zone_name: "example.no" }],
    ["POST", "/dns/zones/ptr", { prefix: "185.181.63.0/24", ip_version: "ipv4", zone_name: "63.181.185.in-addr.arpa" }],
    ["GET", "/dns/domains/check/example.no", undefined],
    ["GET", "/dns/zones/1/redirect", undefined],
    ["GET", "/bgp", undefined],
    ["POST", "/bgp/asn", { asn: "212345" }],
    ["GET", "/deploy/servers", undefined],
    ["GET", "/deploy/status", undefined],
  ])("refuses the Gigahost-only %s %s with 404 in the vendor's envelope", async (method: string, path: string, body: unknown) => {
    const answer = await call(method, path, body);
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual(NOT_FOUND);
  });

  it("refuses POST /servers/{id}/cancel (Gigahost's, undocumented at Terrahost) and leaves the server running", async () => {
    const added = terrahost.servers.addServer({ label: "backup.example.no" });
    const answer = await call("POST", `/servers/${added.id}/cancel`);
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual(NOT_FOUND);
    expect((await call("GET", `/servers/${added.id}`)).status).toBe(200);
  });

  it("answers the documented server routes", async () => {
    const added = terrahost.servers.addServer({ label: "backup.example.no" });
    expect((await call("GET", "/servers")).body.data).toHaveLength(1);
    expect((await call("GET", `/servers/${added.id}/powerstate`)).body.meta.powerstate).toBe(true);
    expect((await call("PUT", `/servers/${added.id}/name`, { name: "backup-1" })).status).toBe(200);
    expect((await call("GET", "/reinstall/distro")).status).toBe(200);
  });

  it("a Terrahost client calling a Gigahost-only path fails", async () => {
    const settings = vendorSettings("terrahost", (key) => ({ "terrahost:apiUrl": server.urlFor("terrahost"), "terrahost:apiKey": DEFAULT_GIGAHOST_API_KEY })[key], {});
    const client = new GigahostClient("terrahost", settings, { retry: { maxAttempts: 1 } });
    await expect(client.listZones()).rejects.toThrow(NotFoundError);
    await expect(client.listZones({ fresh: true })).rejects.toThrow("Terrahost API GET /dns/zones answered 404: Endpoint not found.");
    await expect(client.bgp.overview()).rejects.toThrow(NotFoundError);
    await expect(client.deploy.catalog()).rejects.toThrow(NotFoundError);
  });
});
