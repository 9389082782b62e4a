import { PassThrough } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { readPassword, type PromptStreams } from "../../../tools/verify/password";

function terminal(isTTY: boolean) {
  const input = new PassThrough() as PassThrough & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  input.isTTY = isTTY;
  const rawModes: boolean[] = [];
  if (isTTY) input.setRawMode = vi.fn((raw: boolean) => rawModes.push(raw));
  const written: string[] = [];
  const streams: PromptStreams = { input, output: { write: (t: string) => written.push(t) } };
  return { input, streams, written, rawModes };
}

describe("readPassword", () => {
  it("takes PGPASSWORD and never prompts", async () => {
    const t = terminal(true);
    await expect(readPassword({ PGPASSWORD: "from-env" }, t.streams, "app")).resolves.toBe("from-env");
    expect(t.written).toEqual([]);
    expect(t.rawModes).toEqual([]);
  });

  it("gives up without a terminal (CI): no password, no prompt", async () => {
    const t = terminal(false);
    await expect(readPassword({}, t.streams, "app")).resolves.toBeUndefined();
    expect(t.written).toEqual([]);
  });

  it("prompts in raw mode without echoing, honours backspace, and restores the terminal", async () => {
    const t = terminal(true);
    const answer = readPassword({}, t.streams, "app");
    t.input.write("hunter3");
    t.input.write("\u007f2\r");
    await expect(answer).resolves.toBe("hunter2");
    expect(t.written.join("")).toBe("Password for SQL user app: \n");
    expect(t.rawModes).toEqual([true, false]);
  });

  it("gives up on Ctrl-C", async () => {
    const t = terminal(true);
    const answer = readPassword({ PGPASSWORD: "" }, t.streams, "app");
    t.input.write("abc\u0003");
    await expect(answer).resolves.toBeUndefined();
    expect(t.rawModes).toEqual([true, false]);
  });
});
