// The plugin as the engine runs it: bin/pulumi-resource-euro-hosting (which
// loads dist/: run `npm run build` first), its port handshake, and its end.
import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { engineAddressOf } from "../../provider/plugin/main";
import { FakeEngine, startFakeEngine } from "./fakeEngine";
import { PluginClient } from "./pluginClient";

const BIN = path.resolve(__dirname, "../../bin/pulumi-resource-euro-hosting");

interface Started {
  child: ChildProcess;
  port: number;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the plugin as the engine does (stdin a pipe it never writes to) and reads the port it prints. */
async function startPlugin(args: string[]): Promise<Started> {
  const child = spawn(BIN, args, { stdio: ["pipe", "pipe", "pipe"], env: { PATH: process.env.PATH ?? "" } });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^(\d+)\n/.exec(stdout);
      if (match) resolve(Number(match[1]));
    });
    exited.then(({ code }) => reject(new Error(`the plugin exited (${code}) before printing its port: ${stderr}`)));
  });
  return { child, port, stderr: () => stderr, exited };
}

let engine: FakeEngine;
const running: ChildProcess[] = [];

beforeAll(async () => {
  engine = await startFakeEngine();
});

afterAll(async () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await engine.close();
});

test("the engine's address is the argument left after the flags the engine may add", () => {
  expect(engineAddressOf(["127.0.0.1:4567"])).toBe("127.0.0.1:4567");
  expect(engineAddressOf(["--logtostderr", "-v=9", "--tracing", "file:/tmp/trace", "127.0.0.1:4567"])).toBe("127.0.0.1:4567");
  expect(engineAddressOf([])).toBeUndefined();
});

test("prints its port alone on stdout, serves GetPluginInfo there, and ends on SIGTERM", async () => {
  const plugin = await startPlugin(["--logtostderr", "-v=9", engine.address]);
  running.push(plugin.child);
  const client = new PluginClient(plugin.port);
  try {
    expect(await client.getPluginInfo()).toBe(require("../../package.json").version);
  } finally {
    client.close();
  }
  plugin.child.kill("SIGTERM");
  expect(await plugin.exited).toEqual({ code: 0, signal: null });
  expect(plugin.stderr()).toBe("");
});

test("ends on SIGINT, the engine's way of closing a plugin", async () => {
  const plugin = await startPlugin([engine.address]);
  running.push(plugin.child);
  plugin.child.kill("SIGINT");
  expect(await plugin.exited).toEqual({ code: 0, signal: null });
});

test("ends when the engine goes away (its end of the stdin pipe closes), without a signal", async () => {
  const plugin = await startPlugin([engine.address]);
  running.push(plugin.child);
  const client = new PluginClient(plugin.port);
  try {
    expect(await client.getPluginInfo()).toMatch(/^\d+\.\d+\.\d+/);
  } finally {
    client.close();
  }
  plugin.child.stdin!.end();
  expect(await plugin.exited).toEqual({ code: 0, signal: null });
});
