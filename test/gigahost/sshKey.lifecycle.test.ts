import * as gigahost from "../../resources/gigahost";
import { programResource } from "../harness/engine";
import { upKilledDuringCreate } from "../support/crash";
import { failAnswerAfterApplying } from "../support/lostAnswer";
import { startGigahostPlatform } from "../support/gigahostFixture";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startGigahostPlatform());

type Args = ConstructorParameters<typeof gigahost.SshKey>[1];
const sshKey = (name: string, args: Args) => programResource(() => new gigahost.SshKey(name, args));
const api = () => fixture.brands.gigahost;

const ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@example.no";
const OTHER = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBkdq3g1uQeE2YzVVD4qN1V0m3f6l1aRr5yqNsDaT0kP ci@example.no";

test("full lifecycle: create, no drift, a rename replaces (old key removed first), drift, out-of-band delete, destroy", async () => {
  const { engine } = fixture;
  const v1 = await sshKey("deploy", { name: "ci-deploy", publicKey: `  ${ED25519}  ` });
  const created = await engine.up(v1);
  expect(created.operation).toBe("create");
  expect(created.entry.outputs).toMatchObject({ name: "ci-deploy", publicKey: ED25519, fingerprint: expect.stringMatching(/^SHA256:[A-Za-z0-9+/]{43}$/), createdAt: expect.any(String) });
  expect(created.entry.outputs.fingerprint).toBe(gigahost.sshKeyFingerprint(ED25519));
  expect(api().account.keys()).toEqual([expect.objectContaining({ keyId: created.entry.id, name: "ci-deploy", key: ED25519 })]);

  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // Gigahost has no key update: a new name replaces, the old key removed first (the account holds a key once)
  const v2 = await sshKey("deploy", { name: "ci-deploy-2", publicKey: ED25519 });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: ["name"] });
  const replaced = await engine.up(v2);
  expect(replaced.operation).toBe("replace");
  expect(api().account.keys()).toEqual([expect.objectContaining({ keyId: replaced.entry.id, name: "ci-deploy-2" })]);

  // renamed in the control panel: refresh shows it, up puts the program's key back
  api().account.renameSshKey(replaced.entry.id, "renamed-by-hand");
  await fixture.newCommand();
  expect((await engine.refresh(v2.urn))?.outputs.name).toBe("renamed-by-hand");
  await engine.up(v2);
  expect(api().account.keys().map((key) => key.name)).toEqual(["ci-deploy-2"]);

  // removed out of band: refresh drops it, up adds it again
  api().account.removeSshKey(api().account.keys()[0].keyId);
  await fixture.newCommand();
  expect(await engine.refresh(v2.urn)).toBeUndefined();
  await engine.up(v2);
  expect(api().account.keys()).toHaveLength(1);

  const last = engine.entry(v2.urn);
  await engine.destroy(v2.urn);
  expect(api().account.keys()).toEqual([]);
  await expectReadGoneAndDeleteSucceeds(fixture.host, last, v2.urn);
});

test("a key already in the account under another name is refused, naming publicKey and the key's name", async () => {
  api().account.addSshKey({ name: "added-by-hand", key: OTHER });
  const resource = await sshKey("taken", { name: "mine", publicKey: OTHER.replace(" ci@example.no", " another-comment") });
  await expect(fixture.engine.up(resource)).rejects.toThrow(/publicKey is already in the Gigahost account as "added-by-hand"/);
  expect(api().account.keys().filter((key) => key.name === "mine")).toEqual([]);
  api().account.removeSshKey(api().account.keys().find((key) => key.name === "added-by-hand")!.keyId);
});

test("bad input is caught at check with zero API calls", async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ name: "", publicKey: ED25519 }, "name"],
    [{ name: "x".repeat(256), publicKey: ED25519 }, "name"],
    [{ name: "k", publicKey: "" }, "publicKey"],
    [{ name: "k", publicKey: "ssh-ed25519" }, "publicKey"],
    [{ name: "k", publicKey: "-----BEGIN OPENSSH PRIVATE KEY-----" }, "publicKey"],
    [{ name: "k", publicKey: "ssh-foo AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6" }, "publicKey"],
    [{ name: "k", publicKey: ED25519, keyId: "1" }, ""],
  ];
  await expectRefusedByCheck(fixture, cases, (args) => sshKey("bad", args as never));
});

test("a `pulumi up` killed just after the key was added, then run again: one key, in state", async () => {
  // a new program run: the refused resource above claimed this key in the last one
  await fixture.newCommand();
  const resource = await sshKey("crashy", { name: "crashy", publicKey: OTHER });
  fixture.server.resetRequests();
  const { entry } = await upKilledDuringCreate(fixture, resource, (r) => r.method === "POST" && r.path.endsWith("/account/sshkey"));
  expect(fixture.server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/account/sshkey"))).toHaveLength(1);
  const keys = api().account.keys().filter((key) => key.name === "crashy");
  expect(keys).toHaveLength(1);
  expect(entry.id).toBe(keys[0].keyId);
  await fixture.engine.destroy(resource.urn);
  expect(api().account.keys().filter((key) => key.name === "crashy")).toEqual([]);
});

test("an add whose answer is lost after Gigahost applied it is found by fingerprint, not sent twice", async () => {
  await fixture.newCommand();
  const resource = await sshKey("lost", { name: "lost-answer", publicKey: ED25519 });
  fixture.server.resetRequests();
  const lost = failAnswerAfterApplying(fixture.server, (r) => r.method === "POST" && r.path.endsWith("/account/sshkey"));
  const created = await fixture.engine.up(resource);
  expect(lost()).toBe(true);
  expect(fixture.server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/account/sshkey"))).toHaveLength(1);
  expect(api().account.keys().filter((key) => key.name === "lost-answer")).toEqual([expect.objectContaining({ keyId: created.entry.id })]);
  await fixture.engine.destroy(resource.urn);
});
