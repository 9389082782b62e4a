// Stops the standalone fake when whoever started it is gone. `npm run fake-cloud` runs npm -> sh -> tsx -> node (this
// server); a SIGTERM to npm ends npm and sh but not tsx, so the server would stay behind on its port, reparented. So
// the server watches the processes of its own launch (the ancestors whose command line names fake-cloud, and its
// parent) and stops when one of them ends or it is reparented.
import { readFileSync } from "node:fs";

/** How often the launch chain is checked. Short enough that a restart right away finds the port free. */
const WATCH_INTERVAL_MS = 250;

/** Calls `onGone` once, when a process of the launch chain has ended. The timer never keeps the process alive. */
export function stopWhenLauncherEnds(onGone: (why: string) => void): () => void {
  const parent = process.ppid;
  const chain = launchChain(parent);
  const timer = setInterval(() => {
    const ended = process.ppid !== parent ? parent : chain.find((pid) => !isAlive(pid));
    if (ended === undefined) return;
    clearInterval(timer);
    onGone(`the process that started it (pid ${ended}) has ended`);
  }, WATCH_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** The parent, and the ancestors above it that are part of this launch (their command line names fake-cloud). */
function launchChain(parent: number): number[] {
  const chain = [parent];
  let pid = parentOf(parent);
  while (pid !== undefined && pid > 1 && /fake-cloud/.test(commandLine(pid))) {
    chain.push(pid);
    pid = parentOf(pid);
  }
  return chain;
}

/** Linux /proc; elsewhere undefined, and only the direct parent is watched. */
function parentOf(pid: number): number | undefined {
  try {
    // The command name (field 2) is in parentheses and may contain spaces: the fields after it start past the ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "";
  }
}

/** Alive, and not a zombie (ended, not yet reaped: kill(pid, 0) still succeeds on one). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc: kill(pid, 0) is all we know
  }
}
