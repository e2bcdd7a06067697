import { MailAccount, MysqlDatabase, MysqlUser } from "../../resources/zoneid";
import { programResource } from "../harness/engine";
import { startZoneid } from "../support/zoneidFixture";
import { fixtureForFile } from "../support/fileFixture";

const SERVICE = "grants.example.com";

const fixture = fixtureForFile(() => startZoneid({ timeScale: 60 }));
beforeAll(() => {
  fixture.zoneid.addWebHosting(SERVICE);
});

test("MysqlUser permissions: granted per database, changed and revoked in place, drift found and converged", async () => {
  const { engine, zoneid } = fixture;
  for (const name of ["d1_shop", "d1_blog"]) await engine.up(await programResource(() => new MysqlDatabase(name, { service: SERVICE, name })));
  const user = (permissions: Record<string, string[]>) =>
    programResource(() => new MysqlUser("app", { service: SERVICE, username: "d1_app", password: "grant-Password-1", permissions }));

  const v1 = await user({ d1_shop: ["select", "insert"] });
  const created = await engine.up(v1);
  expect(created.entry.outputs.permissions).toEqual({ d1_shop: ["INSERT", "SELECT"] });
  expect(zoneid.hosting.permissions(SERVICE, "d1_app")).toMatchObject([{ database: "d1_shop", permissions: ["INSERT", "SELECT"] }]);
  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // change one grant, add another: an update, not a replacement
  const v2 = await user({ d1_shop: ["SELECT"], d1_blog: ["SELECT", "UPDATE"] });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  expect((await engine.up(v2)).operation).toBe("update");
  expect(zoneid.hosting.permission(SERVICE, "d1_app", "d1_shop").permissions).toEqual(["SELECT"]);
  expect(zoneid.hosting.permission(SERVICE, "d1_app", "d1_blog").permissions).toEqual(["SELECT", "UPDATE"]);

  // a grant added in the UI is drift: refresh shows it, up revokes it
  zoneid.hosting.setPermission(SERVICE, "d1_app", "d1_shop", { permissions: ["SELECT", "DROP"] });
  await fixture.newCommand();
  expect((await engine.refresh(v2.urn))?.outputs.permissions).toEqual({ d1_blog: ["SELECT", "UPDATE"], d1_shop: ["DROP", "SELECT"] });
  expect((await engine.up(v2)).operation).toBe("update");
  expect(zoneid.hosting.permission(SERVICE, "d1_app", "d1_shop").permissions).toEqual(["SELECT"]);

  // a database left out loses its grant
  const v3 = await user({ d1_blog: ["SELECT", "UPDATE"] });
  await engine.up(v3);
  expect(zoneid.hosting.permissions(SERVICE, "d1_app").map((grant) => grant.database)).toEqual(["d1_blog"]);
  await engine.destroy(v3.urn);
  expect(zoneid.hostingItems(SERVICE, "database/mysql/account")).toEqual([]);
});

test("a grant on a database that does not exist keeps the new user in state as an initialisation error; the next up finishes", async () => {
  const { engine, zoneid } = fixture;
  const program = await programResource(() =>
    new MysqlUser("early", { service: SERVICE, username: "d1_early", password: "grant-Password-1", permissions: { d1_later: ["SELECT"] } }),
  );
  const failure = await engine.up(program).catch((error) => error);
  expect(String(failure)).toMatch(/MySQL user d1_early of web hosting grants\.example\.com was created, but: .*404/);
  expect(zoneid.hostingItems(SERVICE, "database/mysql/account").map((item) => item.username)).toContain("d1_early");
  expect(engine.entry(program.urn).initErrors).toHaveLength(1);

  await engine.up(await programResource(() => new MysqlDatabase("later", { service: SERVICE, name: "d1_later" })));
  expect((await engine.up(program)).operation).toBe("update");
  expect(zoneid.hosting.permission(SERVICE, "d1_early", "d1_later").permissions).toEqual(["SELECT"]);
  expect(zoneid.hostingItems(SERVICE, "database/mysql/account").filter((item) => item.username === "d1_early")).toHaveLength(1);
});

test("an existing mailbox is refused unless adopted; adoption sets the declared password", async () => {
  const { engine, zoneid } = fixture;
  zoneid.hosting.create(SERVICE, "mail/account", { address: "boss@example.com", password: "ui-Password-0" });
  const args = { service: SERVICE, address: "boss@example.com", password: "declared-Password-1" };
  const refused = await engine.up(await programResource(() => new MailAccount("boss", args))).catch((error) => error);
  expect(String(refused)).toMatch(/e-mail account boss@example\.com of web hosting grants\.example\.com already exists .*Set `adopt: true`/);

  const adopted = await engine.up(await programResource(() => new MailAccount("boss2", { ...args, adopt: true })));
  expect(adopted.entry.id).toBe("boss@example.com");
  expect(zoneid.hosting.stored(SERVICE, "mail/account", "boss@example.com")).toMatchObject({ password: "declared-Password-1" });
});

test("a 409 (concurrent request) on create is retried; a missing hosting service fails clearly", async () => {
  const { engine, zoneid } = fixture;
  zoneid.refuseNext("409");
  const created = await engine.up(await programResource(() => new MysqlDatabase("retried", { service: SERVICE, name: "d1_retried" })));
  expect(created.operation).toBe("create");
  expect(zoneid.hostingItems(SERVICE, "database/mysql").filter((item) => item.name === "d1_retried")).toHaveLength(1);

  const missing = await engine.up(await programResource(() => new MysqlDatabase("missing", { service: "nowhere.example.com", name: "d1_x" }))).catch((e) => e);
  expect(String(missing)).toMatch(/no web hosting service nowhere\.example\.com/);
});
