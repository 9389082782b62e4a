// Public surface of the fake CockroachDB Cloud API: start it, and the types of its contract.
import { startFakeCloud as start } from "./start";
import type { StartFakeCloud } from "./types";

export const startFakeCloud = start satisfies StartFakeCloud;
export type * from "./types";
