// The SQL password: PGPASSWORD (libpq's variable), else a prompt that does not echo. Never a flag, never printed.

/** The parts of a terminal the prompt uses; process.stdin/stderr in the CLI, fakes in tests. */
export interface PromptStreams {
  input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  output: { write(text: string): unknown };
}

export async function readPassword(
  env: NodeJS.ProcessEnv,
  streams: PromptStreams,
  user: string,
): Promise<string | undefined> {
  if (env.PGPASSWORD !== undefined && env.PGPASSWORD !== "") return env.PGPASSWORD;
  if (!streams.input.isTTY || !streams.input.setRawMode) return undefined;
  return promptHidden(streams, `Password for SQL user ${user}: `);
}

/** Reads one line in raw mode, echoing nothing. Ctrl-C or Ctrl-D with nothing typed give up (undefined). */
export function promptHidden(streams: PromptStreams, question: string): Promise<string | undefined> {
  const { input, output } = streams;
  output.write(question);
  input.setRawMode?.(true);
  input.resume();
  return new Promise((resolve) => {
    let typed = "";
    const done = (answer: string | undefined) => {
      input.removeListener("data", onData);
      input.setRawMode?.(false);
      input.pause();
      output.write("\n");
      resolve(answer);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return done(typed);
        if (ch === "\u0003" || (ch === "\u0004" && typed === "")) return done(undefined);
        if (ch === "\u007f" || ch === "\b") typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    input.on("data", onData);
  });
}
