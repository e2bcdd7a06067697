import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { Project, REPO, TEMPLATE_TSCONFIG, type Workspace, createWorkspace, useWorkspaceAndEmulators } from "./support";
import { leftovers } from "../support/demoFixture";

/**
 * The packed package compiles in a project made by `pulumi new typescript` (its tsconfig:
 * `"moduleResolution": "node"`, no `esModuleInterop`, no `skipLibCheck`), and with node16 and
 * bundler resolution; the examples use exactly that template's settings.
 */
function readmeFirstProgram(): string {
  const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## A first program"));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error("README has no TypeScript block under 'A first program'");
  return match[1];
}

const ROOT_IMPORT_PROGRAM = `import * as euro from "pulumi-euro-hosting";

const zone = new euro.gigahost.DnsZone("zone", { name: "example.no" });
new euro.zoneid.DnsRecord("www", { zone: "example.ee", type: "a", name: "www", destination: "192.0.2.10" });
export const zoneId = zone.zoneId;
`;

const VARIANTS: Record<string, Record<string, string>> = {
  "the template (node)": {},
  node16: { module: "node16", moduleResolution: "node16" },
  bundler: { module: "esnext", moduleResolution: "bundler" },
};

describe("a `pulumi new typescript` project", () => {
  let workspace: Workspace;
  beforeAll(() => {
    workspace = createWorkspace();
  });
  afterAll(() => workspace?.remove());

  function compile(name: string, program: string, overrides: Record<string, string>): string {
    const directory = path.join(workspace.root, name);
    fs.mkdirSync(directory, { recursive: true });
    const tsconfig = { ...TEMPLATE_TSCONFIG, compilerOptions: { ...TEMPLATE_TSCONFIG.compilerOptions, ...overrides, noEmit: true } };
    fs.writeFileSync(path.join(directory, "tsconfig.json"), JSON.stringify(tsconfig));
    fs.writeFileSync(path.join(directory, "index.ts"), program);
    try {
      return execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", directory, "--pretty", "false"], { encoding: "utf8" });
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string };
      throw new Error(`tsc failed for ${name}:\n${failed.stdout ?? ""}${failed.stderr ?? ""}`);
    }
  }

  test.each(Object.keys(VARIANTS))("compiles the README's first program and the root import with %s", (variant) => {
    const slug = variant.replace(/\W+/g, "-");
    expect(compile(`readme-${slug}`, readmeFirstProgram(), VARIANTS[variant])).toBe("");
    expect(compile(`root-${slug}`, ROOT_IMPORT_PROGRAM, VARIANTS[variant])).toBe("");
  });

  test("every example uses the template's compiler options", () => {
    for (const example of fs.readdirSync(path.join(REPO, "examples"))) {
      const file = path.join(REPO, "examples", example, "tsconfig.json");
      if (!fs.existsSync(file)) continue;
      expect({ example, ...JSON.parse(fs.readFileSync(file, "utf8")).compilerOptions }).toEqual({ example, ...TEMPLATE_TSCONFIG.compilerOptions });
    }
  });
});

describe("the README's first program, deployed through the Pulumi CLI in a `pulumi new typescript` project", () => {
  const setup = useWorkspaceAndEmulators(60);

  test("up, a clean preview, destroy", async () => {
    const { workspace, emulators } = setup;
    const project = Project.create(workspace, "readme-first", readmeFirstProgram(), { EURO_HOSTING_TIME_SCALE: "60" });
    await project.initStack(emulators.config);
    await project.run(["up", "--yes", "--skip-preview"]);
    await project.run(["preview", "--refresh", "--expect-no-changes"]);
    const state = await project.exportState();
    expect(state.resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic")).map((r) => r.urn.split("::").pop()).sort()).toEqual(["mx", "www", "zone"]);
    // Issue 17: a DNS record's state (its entry in the exported deployment: inputs, outputs, the
    // provider stub in both, URN, timestamps …) is at most 3 KB; it was 7.4 KB with the 3.4 KB stub.
    const records = state.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/gigahost:DnsRecord");
    expect(records).toHaveLength(2);
    const sizes = records.map((record) => ({
      name: record.urn.split("::").pop(),
      stubBytes: Buffer.byteLength(String(record.outputs?.__provider)),
      stateBytes: Buffer.byteLength(JSON.stringify(record)),
    }));
    expect(sizes.filter((size) => size.stubBytes > 1536 || size.stateBytes > 3072)).toEqual([]);
    await project.run(["destroy", "--yes", "--skip-preview"]);
    expect(leftovers(emulators.all)).toEqual([]);
  });
});
