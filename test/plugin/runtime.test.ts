import { stderrLogger, routeLogs } from "../../provider/log";
import { registerSecret } from "../../provider/redact";
import { engineLogSink, forResource, routeLogsToEngine } from "../../provider/plugin/runtime";
import { startFakeEngine } from "./fakeEngine";

const URN = "urn:pulumi:dev::p::euro-hosting:gigas:Template::golden";

afterEach(() => routeLogs(undefined));

test("the provider's lines reach the engine's Log service, redacted, under the resource whose request logged them", async () => {
  const engine = await startFakeEngine();
  const stop = routeLogsToEngine(engine.address);
  try {
    registerSecret("s3cret-in-a-line");
    await forResource(URN, async () => stderrLogger.info("waiting for the template: pending, key s3cret-in-a-line"));
    stderrLogger.warn("not a resource's line");
    expect(await engine.lineMatching((line) => line.message.startsWith("waiting"))).toEqual({
      severity: "info",
      message: "waiting for the template: pending, key [REDACTED]",
      urn: URN,
    });
    expect(await engine.lineMatching((line) => line.severity === "warning")).toEqual({ severity: "warning", message: "not a resource's line", urn: "" });
  } finally {
    stop();
    await engine.close();
  }
});

test("a line the engine cannot take goes to stderr instead", async () => {
  const written: string[] = [];
  const wroteIt = new Promise<void>((resolve) => {
    jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      resolve();
      return true;
    });
  });
  // Nothing listens on port 1.
  const sink = engineLogSink("127.0.0.1:1");
  try {
    sink("warning", "the vendor is slow");
    await wroteIt;
    expect(written).toEqual(["[euro-hosting] warning: the vendor is slow\n"]);
  } finally {
    sink.close();
    jest.restoreAllMocks();
  }
});
