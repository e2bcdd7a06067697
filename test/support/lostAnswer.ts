import { EmulatorServer } from "../../emulator/core";

/**
 * The next request `matches` picks is applied by the emulator and then
 * answered 500 (the emulator's answer to a failing hook): the vendor did the
 * work, the client only learns that something went wrong. Returns a check
 * that the request was seen.
 */
export function failAnswerAfterApplying(server: EmulatorServer, matches: (request: { method: string; path: string }) => boolean): () => boolean {
  let failed = false;
  server.onApplied((request) => {
    if (failed || !matches(request)) return;
    failed = true;
    server.onApplied(undefined);
    throw new Error("test: the answer is lost after the vendor applied the request");
  });
  return () => failed;
}
