import { DnsZone } from "../../resources/gigahost";
import { programResource } from "../harness/engine";
import { ProviderCallError } from "../harness/providerHost";
import { upKilledDuringCreate } from "../support/crash";
import { startGigahost } from "../support/gigahostFixture";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startGigahost());

type Args = ConstructorParameters<typeof DnsZone>[1];
const zone = (resourceName: string, args: Args) => programResource(() => new DnsZone(resourceName, args));
const AUTH_CODE = "Norid-Transfer-7f3a91";

test("a transfer creates a registered zone; the auth code stays secret and later changes cause no diff; the wrong code is refused with Gigahost's words", async () => {
  const { engine, gigahost } = fixture;
  gigahost.setTransferAuthCode("moving.no", AUTH_CODE);

  const wrong = await engine.up(await zone("wrong", { name: "moving.no", transferDomain: true, authCode: "not-the-code" })).catch((error) => error);
  expect(wrong).toBeInstanceOf(ProviderCallError);
  expect(String(wrong.message)).toContain("Invalid auth code");
  expect(gigahost.zoneByName("moving.no")).toBeUndefined();

  await fixture.newCommand();
  const v1 = await zone("moving", { name: "moving.no", transferDomain: true, authCode: AUTH_CODE });
  const created = await engine.up(v1);
  expect(created.entry.outputs).toMatchObject({ name: "moving.no", registered: true, protected: true, externalDns: false });
  expect(gigahost.zoneByName("moving.no")).toMatchObject({ zone_is_registered: "1" });
  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");
  // create-time only: a new code or dropping the transfer flags changes nothing
  expect((await engine.preview(await zone("moving", { name: "moving.no", transferDomain: true, authCode: "another-code" }))).changes).toBe("none");
  expect((await engine.preview(await zone("moving", { name: "moving.no" }))).changes).toBe("none");

  // the code never reached a log line or the serialized provider
  expect(fixture.host.stderr).not.toContain(AUTH_CODE);
  expect(String(v1.inputs.__provider)).not.toContain(AUTH_CODE);

  // a transferred domain is protected: destroy is refused, as for any registered zone
  await expect(engine.destroy(v1.urn)).rejects.toThrow(/registered domain, and Gigahost refuses to delete protected zones/);
  gigahost.removeZone(created.entry.id);
  await fixture.newCommand();
  expect(await engine.refresh(v1.urn)).toBeUndefined();
});

test("useExistingNs keeps the domain's name servers (external DNS)", async () => {
  const { engine, gigahost } = fixture;
  const created = await engine.up(await zone("keep-ns", { name: "keep-ns.no", transferDomain: true, authCode: "any-code", useExistingNs: true }));
  expect(created.entry.outputs).toMatchObject({ registered: true, externalDns: true });
  gigahost.removeZone(created.entry.id);
});

test("a `pulumi up` killed just after the transfer was started, then run again: the registered zone is taken, nothing is sent twice", async () => {
  const { gigahost } = fixture;
  await fixture.newCommand();
  const resource = await zone("crashy-transfer", { name: "crashy-transfer.no", transferDomain: true, authCode: AUTH_CODE });
  fixture.server.resetRequests();
  const { entry } = await upKilledDuringCreate(fixture, resource, (r) => r.method === "POST" && r.path.endsWith("/dns/zones"));
  expect(fixture.server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/dns/zones"))).toHaveLength(1);
  expect(entry.id).toBe(gigahost.zoneByName("crashy-transfer.no")!.zone_id);
  expect(entry.outputs).toMatchObject({ registered: true });
  gigahost.removeZone(entry.id);
});

test("bad transfer input is caught at check with zero API calls, naming the property", async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ name: "a.no", transferDomain: true }, "authCode"],
    [{ name: "a.no", authCode: AUTH_CODE }, "authCode"],
    [{ name: "a.no", transferDomain: true, authCode: "  " }, "authCode"],
    [{ name: "example.com", transferDomain: true, authCode: AUTH_CODE }, "transferDomain"],
    [{ name: "a.no", transferDomain: true, authCode: AUTH_CODE, zoneFile: "$ORIGIN a.no.\n" }, "zoneFile"],
    [{ name: "a.no", useExistingNs: true }, "useExistingNs"],
    [{ name: "a.no", transferDomain: "yes", authCode: AUTH_CODE }, "transferDomain"],
  ];
  await expectRefusedByCheck(fixture, cases, (args) => zone("bad-transfer", args as never));
});
