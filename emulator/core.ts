// The vendor-neutral half of the emulator, one module per concern:
//   clock.ts        the (scalable) emulator clock
//   jobs.ts         the job clock: vendor work due at a time, run before each request
//   errors.ts       EmulatorError, the one error type, and its constructors
//   routing.ts      route tables, middleware, matching and body parsing
//   vendor.ts       what a vendor fake supplies (VendorEmulator)
//   faults.ts       fault injection
//   echo.ts         echo mode (requests repeated in error answers)
//   persistence.ts  the state file
//   server.ts       the HTTP server that mounts every vendor
//   admin.ts        admin routes every vendor shares (clock advance)
// This file re-exports them, so `../core` stays the one import for vendors.
export { type EmulatorClock, createEmulatorClock } from "./clock";
export { type ScheduledJob, JobClock } from "./jobs";
export { EmulatorError, type EmulatorErrorOptions, badRequest, internalError, invalidField, notFound, objectBody } from "./errors";
export { type EmulatorRequest, type EmulatorResponse, type ErrorRenderer, type Middleware, type Route, type RouteHandler } from "./routing";
export type { VendorEmulator } from "./vendor";
export type { FaultKind, FaultOptions } from "./faults";
export { type EmulatorServer, type EmulatorServerOptions, type RequestRecord, startEmulatorServer } from "./server";
export { adminBody, adminOk, clockAdvanceRoute } from "./admin";
