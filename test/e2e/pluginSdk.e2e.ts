// `pulumi package gen-sdk` of the provider plugin's schema (dist/schema.json) for Node.js, Python,
// Go and .NET with the real CLI and the code generators scripts/pulumi-codegen.sh builds, then
// what this machine can check of each SDK: the TypeScript compiles, the Python byte-compiles, the
// Go builds and vets; the .NET files are written (no .NET SDK here). See docs/plugin-sdks.md.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO, pulumiCliDirectory } from "./support";
import { vendorRegistries } from "../../resources/vendors";

const SCHEMA = path.join(REPO, "dist", "schema.json");
const LANGUAGES = ["nodejs", "python", "go", "dotnet"] as const;

let codegen: string | undefined;
/** The directory of the code-generating language hosts: $EURO_HOSTING_CODEGEN_BIN (.ci/run), else built (and cached) by the script. */
function codegenDirectory(): string {
  codegen ??=
    process.env.EURO_HOSTING_CODEGEN_BIN ??
    execFileSync("bash", [path.join(REPO, "scripts", "pulumi-codegen.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  return codegen;
}

/** Runs a command; throws with its output unless it exits 0. Returns stdout and stderr together. */
function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): string {
  const result = spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status ?? result.signal}:\n${output}`);
  return output;
}

/** Runs `step`, logging how long it took (the e2e report's warm and cold figures). */
function timed<T>(what: string, step: () => T): T {
  const started = Date.now();
  try {
    return step();
  } finally {
    console.log(`${what}: ${((Date.now() - started) / 1000).toFixed(1)}s`);
  }
}

/** "3.274.1" vs "3.269.0": negative, zero or positive. */
function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((version) => version.split(".").map(Number));
  for (let index = 0; index < Math.max(x.length, y.length); index++) {
    if ((x[index] ?? 0) !== (y[index] ?? 0)) return (x[index] ?? 0) - (y[index] ?? 0);
  }
  return 0;
}

const kinds = Object.entries(vendorRegistries).flatMap(([vendor, registry]) => Object.keys(registry().definitions).map((kind) => ({ vendor, name: kind.split(":")[1] })));
const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

describe("SDKs generated from the plugin schema", () => {
  let root: string;
  const sdk = (language: string) => path.join(root, "sdk", language);
  const generated: Record<string, string> = {};

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "euro-hosting-sdk-"));
    const home = path.join(root, "pulumi-home");
    fs.mkdirSync(home);
    // The code generators first, for gen-sdk only: programs need the CLI's own Node host.
    const env = {
      ...process.env,
      PATH: [codegenDirectory(), pulumiCliDirectory(), process.env.PATH].join(path.delimiter),
      PULUMI_HOME: home,
      PULUMI_SKIP_UPDATE_CHECK: "1",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    };
    for (const language of LANGUAGES) {
      generated[language] = timed(`gen-sdk ${language}`, () =>
        run("pulumi", ["package", "gen-sdk", SCHEMA, "--language", language, "--out", path.join(root, "sdk")], { cwd: root, env }),
      );
    }
  });
  afterAll(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test.each(LANGUAGES)("gen-sdk %s runs the code generator built by scripts/pulumi-codegen.sh", (language) => {
    expect(generated[language]).toContain(`SDK has been written to ${sdk(language)}`);
    expect(generated[language]).toContain(path.join(codegenDirectory(), `pulumi-language-${language}`));
  });

  test("the TypeScript SDK: every kind a class, and it compiles against our @pulumi/pulumi", () => {
    for (const { vendor, name } of kinds) expect(fs.existsSync(path.join(sdk("nodejs"), vendor, `${camel(name)}.ts`))).toBe(true);
    expect(fs.readFileSync(path.join(sdk("nodejs"), "zoneid", "mailAccount.ts"), "utf8")).toContain("pulumi.secret(args.password)");
    const packageJson = JSON.parse(fs.readFileSync(path.join(sdk("nodejs"), "package.json"), "utf8"));
    expect(packageJson.name).toBe("@pulumi-euro-hosting/sdk");
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(sdk("nodejs"), "node_modules"));
    const result = timed("tsc (nodejs SDK)", () =>
      spawnSync(path.join(REPO, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.json", "--noEmit"], { cwd: sdk("nodejs"), encoding: "utf8" }),
    );
    const errors = `${result.stdout}${result.stderr}`.split("\n").filter((line) => /error TS\d+/.test(line));
    // The generator's static `exists()` calls pulumi.runtime.existsResource, new in @pulumi/pulumi
    // 3.269 (the SDK's package.json asks for it); our devDependency is older. That one error, once
    // per resource, is allowed while it is; any other fails.
    const ours = JSON.parse(fs.readFileSync(path.join(REPO, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")).version as string;
    const hasExists = fs.readFileSync(path.join(REPO, "node_modules", "@pulumi", "pulumi", "runtime", "index.d.ts"), "utf8").includes("existsResource");
    const missingExists = /error TS2551: Property 'existsResource' does not exist on type 'typeof import\(".*@pulumi\/pulumi\/runtime\/index"\)'/;
    console.log(`nodejs SDK: @pulumi/pulumi ${ours} here, the SDK asks for ${packageJson.dependencies["@pulumi/pulumi"]}; ${errors.length} errors`);
    expect(errors.filter((line) => !missingExists.test(line))).toEqual([]);
    expect(errors).toHaveLength(hasExists ? 0 : kinds.length);
  });

  test("the Python SDK byte-compiles", () => {
    for (const { vendor, name } of kinds) expect(fs.existsSync(path.join(sdk("python"), "pulumi_euro_hosting", vendor, `${snake(name)}.py`))).toBe(true);
    timed("python3 -m compileall (python SDK)", () => run("python3", ["-m", "compileall", "-q", "."], { cwd: sdk("python") }));
  });

  test("the Go SDK builds and vets", () => {
    expect(fs.readFileSync(path.join(sdk("go"), "provider.go"), "utf8")).toMatch(/^package eurohosting$/m);
    // The generator wants sdk/v3 ≥ the version the other SDKs ask for (3.269.0); that one's
    // dependencies are not all on the module proxy, the generator's own version's are.
    const minimum = /(\d+\.\d+\.\d+)/.exec(JSON.parse(fs.readFileSync(path.join(sdk("nodejs"), "package.json"), "utf8")).dependencies["@pulumi/pulumi"])![1];
    const generatorVersion = /version="\$\{PULUMI_CLI_VERSION:-v([\d.]+)\}"/.exec(fs.readFileSync(path.join(REPO, "scripts", "pulumi-cli.sh"), "utf8"))![1];
    const version = process.env.PULUMI_CLI_VERSION?.replace(/^v/, "") ?? generatorVersion;
    expect(compareVersions(version, minimum)).toBeGreaterThanOrEqual(0);
    fs.writeFileSync(
      path.join(sdk("go"), "go.mod"),
      `module github.com/pulumi-euro-hosting/pulumi-euro-hosting/sdk/go/eurohosting\n\ngo 1.25\n\nrequire github.com/pulumi/pulumi/sdk/v3 v${version}\n`,
    );
    const env = { ...process.env, GOFLAGS: "-mod=mod" };
    timed("go build ./... (go SDK)", () => run("go", ["build", "./..."], { cwd: sdk("go"), env }));
    timed("go vet ./... (go SDK)", () => run("go", ["vet", "./..."], { cwd: sdk("go"), env }));
  });

  test("the .NET SDK's files are written; no .NET SDK on this machine builds them", () => {
    expect(fs.existsSync(path.join(sdk("dotnet"), "Pulumi.EuroHosting.csproj"))).toBe(true);
    for (const { vendor, name } of kinds) {
      const file = path.join(sdk("dotnet"), vendor === "zoneid" ? "ZoneId" : vendor.charAt(0).toUpperCase() + vendor.slice(1), `${name}.cs`);
      expect(fs.readFileSync(file, "utf8")).toMatch(/^namespace Pulumi\.EuroHosting\.(Gigahost|Terrahost|ZoneId|Gigas|Gandi)$/m);
    }
    // Where `dotnet` exists, this test must build the SDK instead: it fails rather than skip.
    const dotnet = spawnSync("dotnet", ["--version"], { encoding: "utf8" });
    expect((dotnet.error as NodeJS.ErrnoException | undefined)?.code).toBe("ENOENT");
  });
});
