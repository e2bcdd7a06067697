import * as path from "node:path";
import { ProviderHost, ProviderCallError } from "../harness/providerHost";

/**
 * The partial state of a create that fails with ResourceInitializationError,
 * through Pulumi's own dynamic-provider host: the host stores it verbatim as
 * the resource's outputs and loads the provider of every later read and
 * delete from their `__provider`, so the bridge must keep it there, whatever
 * the resource code chose to keep.
 */

const DIST = path.resolve(__dirname, "../../dist/provider");

/** A provider stub (the form state holds) whose kind creates half-made objects: the built bridge over a toy definition. */
const toyStub = [
  `const z=require(${JSON.stringify(require.resolve("zod"))});`,
  `const {bridge}=require(${JSON.stringify(path.join(DIST, "dynamic.js"))});`,
  `const {ResourceInitializationError}=require(${JSON.stringify(path.join(DIST, "errors.js"))});`,
  "const definition={kind:'toy:HalfMade',inputs:z.object({name:z.string()}),state:z.object({objectId:z.string()}),replaceOnChanges:[],",
  // Resource code keeps only what it made (no inputs, no provider): the forced update finishes the work.
  "async create(){throw new ResourceInitializationError('obj-1',{objectId:'obj-1'},['still building'])},",
  "async read(id,state){return {...state,objectId:id}},",
  "async update(id,olds,news){return {...news,objectId:id}},",
  "async delete(){}};",
  "exports.handler=()=>bridge(definition,{logger:{debug(){},info(){},warn(){}},settings:()=>undefined});",
].join("");

const URN = "urn:pulumi:test::toy::toy:HalfMade::thing";

let host: ProviderHost;
beforeAll(async () => {
  host = await ProviderHost.start();
});
afterAll(async () => {
  await host.stop();
});

test("after a create fails to initialise, read and delete of the partial state work in the real host", async () => {
  const inputs = { name: "thing", __provider: toyStub };
  const failure = await host.create(URN, inputs).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(ProviderCallError);
  const partial = (failure as ProviderCallError).initFailure!;
  expect(partial).toMatchObject({ id: "obj-1", reasons: ["still building"] });
  // Only the provider is added: the resource code's choice stands otherwise.
  expect(partial.properties).toEqual({ objectId: "obj-1", __provider: toyStub });

  // `pulumi refresh`, then `pulumi destroy`, with the outputs the engine stored (a new host, as a new command).
  await host.stop();
  host = await ProviderHost.start();
  const read = await host.read("obj-1", URN, partial.properties, inputs);
  expect(read.id).toBe("obj-1");
  await expect(host.delete("obj-1", URN, partial.properties)).resolves.toBeUndefined();
});
