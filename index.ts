// The Pulumi program. All of it lives in program/ as a function, so tests and `npm run plan` can run it under mocks.
import { runProgram } from "./program";

export = () => runProgram();
