import { DeadlineExceededError, currentDeadline, operationDeadline, runWithDeadline } from "../../provider/deadline";
import { GigahostClient, ZoneBurstWrite } from "../../provider/gigahost/client";
import { vendorSettings } from "../../provider/settings";
import { fakeClock } from "../support/fakeClock";

/**
 * Each write of a zone burst runs in the async context of the operation that
 * queued it (provider/deadline.ts): the HTTP core's retries find that
 * operation's deadline, not the one of the burst's first writer. No request
 * leaves the process here: the writes are fakes.
 */
function client(): GigahostClient {
  const settings = vendorSettings("gigahost", (key) => ({ "gigahost:apiUrl": "http://127.0.0.1:9/api/v0", "gigahost:apiKey": "unused" })[key], {});
  return new GigahostClient("gigahost", settings, { retry: { maxAttempts: 1 } });
}

/** A write that records which operation's deadline its send and confirm ran under. */
function recordingWrite(seen: string[], name: string): ZoneBurstWrite<void, string> {
  return {
    send: async () => {
      seen.push(`${name} sent under ${currentDeadline()?.operation}`);
    },
    effect: () => ({ kind: "unchanged" }),
    confirm: async (answer) => {
      if (!answer.ok) throw answer.error;
      seen.push(`${name} confirmed under ${currentDeadline()?.operation}`);
      return name;
    },
  };
}

test("each write of a burst is sent and confirmed under its own operation's deadline", async () => {
  const clock = fakeClock();
  const gigahost = client();
  const seen: string[] = [];
  const first = runWithDeadline(operationDeadline("create", 60_000, clock, false), () => gigahost.writeInZoneBurst("7", recordingWrite(seen, "a")));
  const second = runWithDeadline(operationDeadline("delete", 60_000, clock, false), () => gigahost.writeInZoneBurst("7", recordingWrite(seen, "b")));
  expect(await Promise.all([first, second])).toEqual(["a", "b"]);
  expect(seen).toEqual(["a sent under create", "b sent under delete", "a confirmed under create", "b confirmed under delete"]);
});

test("a write whose operation ran out of time while it waited in the burst is not sent", async () => {
  const clock = fakeClock();
  const gigahost = client();
  const seen: string[] = [];
  const first = runWithDeadline(operationDeadline("create", 60_000, clock, false), () =>
    gigahost.writeInZoneBurst("7", {
      ...recordingWrite(seen, "a"),
      // The first write takes long: the second's short deadline passes meanwhile.
      send: async () => {
        clock.advance(10_000);
        seen.push("a sent");
      },
    }),
  );
  const second = runWithDeadline(operationDeadline("delete", 5_000, clock, true), () => gigahost.writeInZoneBurst("7", recordingWrite(seen, "b")));
  await expect(first).resolves.toBe("a");
  const error = await second.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(DeadlineExceededError);
  expect(String(error)).toMatch(/waiting for its turn to write to zone 7\. The delete deadline \(5s, timeouts\.delete\) ran out/);
  expect(seen).not.toContain("b sent under delete");
});
