import { describeRecordedStates } from "./recordedStates";

describeRecordedStates(["gigahost", "terrahost"]);
