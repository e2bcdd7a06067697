// `pulumi import` of both Gandi Simple Hosting kinds (docs/gandi.md, "Importing (provider plugin)"):
// the plugin fixture program is created against the emulator, then each resource is read back from
// its import id alone and compared with the program.
import { DEFAULT_GANDI_TOKEN } from "../../emulator/gandi";
import { definitions } from "../../resources/gandi/definitions";
import { program } from "../plugin/programs/gandi";
import {
  type Created,
  type ImportHarness,
  createProgram,
  expectImportMatchesProgram,
  expectImportOfMissingIsGone,
  expectMalformedImportIdRefused,
  startImportHarness,
} from "../support/importHarness";

const definitionOf = (kind: string) => definitions[kind]();

let harness: ImportHarness;
let created: Map<string, Created>;
const providerOf = (kind: string) => harness.provider(definitionOf(kind));
const instanceId = () => created.get("shop")!.id;

beforeAll(async () => {
  harness = await startImportHarness("gandi", (url) => ({ "gandi:apiUrl": url, "gandi:personalAccessToken": DEFAULT_GANDI_TOKEN }), 120);
  created = await createProgram(program, providerOf);
}, 600_000); // a hang guard, not a budget
afterAll(() => harness?.stop());

test.each(program.resources.map((resource) => [resource.name, resource.kind] as const))("%s (%s): the import id gives the created id and the program's inputs", async (name, kind) => {
  await expectImportMatchesProgram(providerOf(kind), created.get(name)!);
});

test("an imported instance pins the versions it runs and has no password until the next up sets it", async () => {
  const imported = await providerOf("gandi:SimpleHostingInstance").read(instanceId(), {});
  expect(imported.inputs).toEqual({
    name: "example-shop",
    location: "FR",
    size: "starter",
    database: "mysql",
    databaseVersion: "8.0",
    language: "php",
    languageVersion: "8.2",
    snapshotEnabled: true,
    storageAdditionalSize: 10,
  });
  expect(JSON.stringify(imported.props)).not.toContain("Shop-Sftp-Password-2026");
});

test("a vhost's import id is found whatever the case of its name, and gives back the application's parameters Gandi returns", async () => {
  const provider = providerOf("gandi:SimpleHostingVhost");
  const www = created.get("www")!;
  expect((await provider.read(`${instanceId().toUpperCase()}/WWW.Example-Shop.FR.`, {})).id).toBe(www.id);

  const blog = await provider.check({}, { instanceId: instanceId(), fqdn: "blog.example-shop.fr", application: { name: "wordpress", parameters: { title: "Shop blog" } } });
  const { id } = await provider.create(blog.inputs);
  const imported = await provider.read(id, {});
  expect(imported.inputs).toMatchObject({ application: { name: "wordpress", parameters: { title: "Shop blog" } } });
  expect(await provider.diff(id, imported.props, blog.inputs)).toMatchObject({ changes: false });
  await provider.delete(id, imported.props);
});

test.each([
  ["gandi:SimpleHostingInstance", "example-shop"],
  ["gandi:SimpleHostingInstance", "5c2b8f3e-1a4d-4e6b-9f7a-2d8c0b1e3a45/www.example-shop.fr"],
  ["gandi:SimpleHostingVhost", "www.example-shop.fr"],
  ["gandi:SimpleHostingVhost", "example-shop/www.example-shop.fr"],
  ["gandi:SimpleHostingVhost", "5c2b8f3e-1a4d-4e6b-9f7a-2d8c0b1e3a45/"],
])("%s: the malformed import id %p is refused, naming the format and an example", async (kind, importId) => {
  await expectMalformedImportIdRefused(providerOf(kind), definitionOf(kind), importId);
});

test("import ids of nothing are gone: an unknown instance, an unknown vhost, a vhost of an unknown instance", async () => {
  await expectImportOfMissingIsGone(providerOf("gandi:SimpleHostingInstance"), "5c2b8f3e-1a4d-4e6b-9f7a-2d8c0b1e3a45");
  await expectImportOfMissingIsGone(providerOf("gandi:SimpleHostingVhost"), `${instanceId()}/shop.example.org`);
  await expectImportOfMissingIsGone(providerOf("gandi:SimpleHostingVhost"), "5c2b8f3e-1a4d-4e6b-9f7a-2d8c0b1e3a45/www.example-shop.fr");
});
