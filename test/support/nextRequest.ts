import { EmulatorServer, RequestRecord } from "../../emulator/core";

/**
 * Resolves with the next vendor request `matches` picks, once the emulator
 * has answered it (requests already recorded do not count), so a test waits
 * for an event instead of polling on a timer. `during` is the work expected
 * to send it (e.g. an `up`): if that ends first, this rejects with its error,
 * or with one naming the request it never sent, instead of waiting forever.
 */
export function nextRequest(
  server: EmulatorServer,
  matches: (request: RequestRecord) => boolean,
  during: Promise<unknown>,
  description = "the awaited request",
): Promise<RequestRecord> {
  return new Promise<RequestRecord>((resolve, reject) => {
    const stop = server.onAnswered((request) => {
      if (!matches(request)) return;
      stop();
      resolve(request);
    });
    during.then(
      () => {
        stop();
        reject(new Error(`nextRequest: the work ended without sending ${description}`));
      },
      (error: unknown) => {
        stop();
        reject(error);
      },
    );
  });
}
