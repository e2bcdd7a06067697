import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UsageError, exportLines, main, parseArguments } from "../../emulator/cli";
import type { EmulatorServer } from "../../emulator/core";
import { DEFAULT_GIGAHOST_API_KEY, DEFAULT_GIGAHOST_PASSWORD, DEFAULT_GIGAHOST_USERNAME } from "../../emulator/gigahost";
import { callJson } from "./harness";

describe("emulator CLI", () => {
  let server: EmulatorServer | undefined;
  afterEach(() => server?.close());

  it("starts every vendor and prints its URL and default credentials", async () => {
    const lines: string[] = [];
    server = await main(["--port", "0", "--quiet"], (line) => lines.push(line));
    expect(lines[0]).toMatch(/^gigahost +http:\/\/127\.0\.0\.1:\d+\/gigahost\/api\/v0$/);
    expect(lines).toContainEqual(expect.stringMatching(/^terrahost +http:\/\/127\.0\.0\.1:\d+\/terrahost\/api\/v3$/));
    expect(lines.join("\n")).toContain(DEFAULT_GIGAHOST_API_KEY);
    expect(lines.join("\n")).toContain(DEFAULT_GIGAHOST_USERNAME);
    expect(lines.join("\n")).toContain(DEFAULT_GIGAHOST_PASSWORD);

    const url = lines[0].split(/\s+/)[1];
    const answer = await callJson(`${url}/dns/zones`, "GET", undefined, `Bearer ${DEFAULT_GIGAHOST_API_KEY}`);
    expect(answer.status).toBe(200);
  });

  it("--help prints every option and starts nothing", async () => {
    const lines: string[] = [];
    expect(await main(["--help"], (line) => lines.push(line))).toBeUndefined();
    const usage = lines.join("\n");
    for (const option of ["--port", "--host", "--state", "--latency", "--faults", "--time-scale", "--real-time", "--empty", "--quiet", "--help"]) {
      expect(usage).toContain(option);
    }
  });

  it("prints export lines that point each vendor's settings at it, and the provider's clock at its speed", async () => {
    const lines: string[] = [];
    server = await main(["--port", "0", "--quiet"], (line) => lines.push(line));
    const exports = lines.filter((line) => line.startsWith("export "));
    expect(exports).toContain(
      `export GIGAHOST_API_URL=${server!.urlFor("gigahost")} GIGAHOST_API_KEY=${DEFAULT_GIGAHOST_API_KEY}`,
    );
    expect(exports.find((line) => line.startsWith("export ZONEID_"))).toMatch(/^export ZONEID_API_URL=\S+ ZONEID_USERNAME=\S+ ZONEID_API_KEY=\S+$/);
    for (const vendor of ["TERRAHOST", "GANDI", "GIGAS"]) expect(exports.some((line) => line.startsWith(`export ${vendor}_API_URL=`))).toBe(true);
    expect(exports).toContain("export EURO_HOSTING_TIME_SCALE=60   # only while using the emulator");
    expect(exportLines({ "x:apiKey": "it's" }, 1)).toEqual([`export X_API_KEY='it'\\''s'`]);
  });

  it("logs each request unless --quiet, and keeps state with --state", async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-cli-"));
    try {
      const statePath = path.join(directory, "state.json");
      const lines: string[] = [];
      server = await main(["--port", "0", "--state", statePath, "--latency", "1"], (line) => lines.push(line));
      const created = await callJson(`${server!.urlFor("gigahost")}/dns/zones`, "POST", { zone_name: "cli.no" }, `Bearer ${DEFAULT_GIGAHOST_API_KEY}`);
      expect(created.status).toBe(201);
      expect(lines).toContain("POST /gigahost/api/v0/dns/zones -> 201");
      expect(lines).toContain(`state     ${statePath}`);
      expect(JSON.parse(fs.readFileSync(statePath, "utf8")).gigahost.dns.zones).toHaveLength(1);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it.each([
    [[], { port: 8787, host: "127.0.0.1", latencyMs: 0, timeScale: 60, empty: false, quiet: false, help: false }],
    [["--time-scale", "5", "--empty"], { port: 8787, host: "127.0.0.1", latencyMs: 0, timeScale: 5, empty: true, quiet: false, help: false }],
    [["--real-time"], { port: 8787, host: "127.0.0.1", latencyMs: 0, timeScale: 1, empty: false, quiet: false, help: false }],
    [["-h"], { port: 8787, host: "127.0.0.1", latencyMs: 0, timeScale: 60, empty: false, quiet: false, help: true }],
    [
      ["--port", "9000", "--host", "0.0.0.0", "--state", "s.json", "--latency", "250", "--faults", "0.1", "--quiet"],
      { port: 9000, host: "0.0.0.0", statePath: "s.json", latencyMs: 250, faults: { rate: 0.1 }, timeScale: 60, empty: false, quiet: true, help: false },
    ],
  ])("parses %j", (argv, expected) => {
    expect(parseArguments(argv)).toEqual(expected);
  });

  it.each([[["--port"]], [["--port", "http"]], [["--faults", "2"]], [["--latency", ""]], [["--verbose"]]])("refuses %j", (argv) => {
    expect(() => parseArguments(argv)).toThrow(UsageError);
  });
});
