import { z } from "zod";
import { timeoutsInput } from "../provider/dynamic";
import { DEFAULT_MAX_CHANGE_SHARE, RecordSet, ignoreMatcher, ignorePatternProblem, setKey } from "../provider/zoneRecords";

/**
 * The inputs every vendor's `DnsZoneRecords` shares besides its zone and its
 * records: purge, ignore, the safety share, force and deadlines, and the
 * record sets check derives (see provider/zoneRecords.ts).
 */
export const zoneRecordsOptions = {
  purge: z.boolean().default(true),
  ignore: z.array(z.string()).default([]),
  maxChangeShare: z
    .number()
    .gt(0, "must be more than 0 and at most 1")
    .lte(1, "must be more than 0 and at most 1")
    .default(DEFAULT_MAX_CHANGE_SHARE),
  force: z.boolean().default(false),
  timeouts: timeoutsInput,
  // No args interface declares it (check derives it): its description is the provider plugin's schema's.
  recordSets: z
    .unknown()
    .optional()
    .describe("Set by the provider from `records` and `zoneFile` (what a diff compares): leave it unset; a value given here is replaced."),
};

/** Check's refusals about `ignore`: a pattern that is not one, and a declared set a pattern matches. */
export function checkIgnore(ignore: readonly string[], declared: readonly RecordSet[], context: z.RefinementCtx): void {
  ignore.forEach((pattern, index) => {
    const problem = ignorePatternProblem(pattern);
    if (problem) context.addIssue({ code: "custom", path: ["ignore", index], message: problem });
  });
  const ignored = ignoreMatcher(ignore.filter((pattern) => !ignorePatternProblem(pattern)));
  for (const set of declared.filter(ignored)) {
    context.addIssue({ code: "custom", path: ["ignore"], message: `"${setKey(set)}" is declared and matched by ignore: a set is either managed or ignored` });
  }
}
