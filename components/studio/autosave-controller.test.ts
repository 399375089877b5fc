import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AutosaveController, MAX_UNSAVED_MS, SAVE_DELAY_MS, type SaveState } from "./autosave-controller";
import { readBackup } from "./local-backup";

const fields = { kicker: "", title: "标题", subtitle: "", byline: "", source: "", originalTitle: "", responsibleEditor: "", summary: "", column: "", correctionNote: "", issueDate: "" };
const draft = (text: string) => ({ fields, content: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] } });
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

let states: SaveState[];
let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  vi.useFakeTimers();
  const store = new Map<string, string>();
  vi.stubGlobal("window", {
    localStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    },
  });
  fetchMock = vi.fn();
  vi.stubGlobal("fetch", fetchMock);
  states = [];
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const controller = () => new AutosaveController("r1", 5, true, (s) => states.push(s));
const sentBody = (call: number) => JSON.parse(fetchMock.mock.calls[call]![1].body as string);

describe("AutosaveController", () => {
  it("saves at least every ten seconds while typing never pauses", async () => {
    fetchMock.mockImplementation(async () => json(200, { version: 6 + fetchMock.mock.calls.length, savedAt: new Date().toISOString() }));
    const c = controller();
    // A keystroke every 300 ms for 25 s: never a 2-second pause.
    let text = "";
    for (let elapsed = 0; elapsed < 25_000; elapsed += 300) {
      text += "字";
      c.change(draft(text));
      await vi.advanceTimersByTimeAsync(300);
    }
    expect(fetchMock.mock.calls.length).toBeGreaterThanOrEqual(2);
    const first = sentBody(0).content.content[0].content[0].text as string;
    // The first save left within the ten-second bound, not after typing stopped.
    expect(first.length).toBeLessThanOrEqual(Math.ceil(MAX_UNSAVED_MS / 300) + 1);
    c.dispose();
  });

  it("saves once, two seconds after the last change, with the version it was based on", async () => {
    fetchMock.mockResolvedValue(json(200, { version: 6, savedAt: new Date().toISOString() }));
    const c = controller();
    c.change(draft("一"));
    c.change(draft("一二"));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 10);
    expect(fetchMock).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(20);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(sentBody(0)).toMatchObject({ expectedVersion: 5, content: draft("一二").content });
    expect(c.currentVersion).toBe(6);
    expect(states.at(-1)?.kind).toBe("saved");
    expect(readBackup("r1")).toBeNull();
  });

  it("keeps the text locally and retries with back-off while the network is down", async () => {
    fetchMock.mockRejectedValueOnce(new TypeError("offline")).mockRejectedValueOnce(new TypeError("offline"));
    fetchMock.mockResolvedValue(json(200, { version: 6 }));
    const c = controller();
    c.change(draft("断网时写的"));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(states.at(-1)?.kind).toBe("retrying");
    expect(readBackup("r1")?.content).toEqual(draft("断网时写的").content);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(8_000);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(states.at(-1)?.kind).toBe("saved");
  });

  it("stops at a conflict, keeps both texts, and continues from the server's version when told", async () => {
    const server = { version: 9, fields, content: draft("对方的").content, savedBy: "乙", savedAt: "14:32" };
    fetchMock.mockResolvedValueOnce(json(409, { error: "冲突", conflict: server }));
    const c = controller();
    c.change(draft("我的"));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    const conflict = states.at(-1);
    expect(conflict).toMatchObject({ kind: "conflict", server, mine: draft("我的") });
    c.change(draft("我的，又改"));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 3);
    expect(fetchMock).toHaveBeenCalledTimes(1); // nothing overwrites while the person decides
    expect(readBackup("r1")?.content).toEqual(draft("我的，又改").content);

    fetchMock.mockResolvedValue(json(200, { version: 10 }));
    c.resolveConflict(9, draft("我的，又改"));
    expect(await c.flush()).toBe(true);
    expect(sentBody(1).expectedVersion).toBe(9);
  });

  it("does not send fields the form already knows are invalid, but keeps them locally", async () => {
    const c = controller();
    c.change({ ...draft("正文"), fields: { ...fields, title: "" } }, "请填写标题");
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 2);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(states.at(-1)).toMatchObject({ kind: "invalid" });
    expect(readBackup("r1")?.fields.title).toBe("");
  });
});
