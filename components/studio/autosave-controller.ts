// The saving logic of the editor, free of React so that it reads top to bottom (and can be
// tested without a browser). useAutosave wires it to a component.
import type { TiptapDoc } from "@/lib/content/validate";
import type { FieldErrors, ReportFields } from "@/lib/reports/rules/fields";
import type { ServerCopy } from "@/lib/reports/commands/save-draft";
import { clearBackup, writeBackup } from "./local-backup";

export interface Draft {
  fields: ReportFields;
  content: TiptapDoc;
}

export type SaveState =
  | { kind: "idle" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "retrying"; message: string }
  | { kind: "invalid"; message: string; fieldErrors: FieldErrors }
  | { kind: "conflict"; message: string; server: ServerCopy; mine: Draft }
  | { kind: "signedOut"; message: string };

export const SAVE_DELAY_MS = 2000;
/** While someone types without pausing, a save still goes out at least this often. */
export const MAX_UNSAVED_MS = 10_000;
const MAX_RETRY_DELAY_MS = 30_000;
/** Browsers cap keepalive request bodies at 64 KiB. */
const KEEPALIVE_LIMIT = 60_000;

type SaveResponse = {
  version?: number;
  savedAt?: string;
  error?: string;
  conflict?: ServerCopy;
  fieldErrors?: FieldErrors;
};

/**
 * Saves a couple of seconds after typing stops — and at least every ten seconds while typing
 * goes on — retries with back-off when the network fails,
 * and stops at a conflict or refusal until the person decides. Every save carries the version
 * it was based on. Until the server has the text, it is kept in localStorage.
 */
export class AutosaveController {
  state: SaveState = { kind: "idle" };
  private version: number;
  private latest: Draft | null = null;
  private changes = 0;
  private savedChanges = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the oldest change not yet sent was made; null when everything was sent. */
  private unsentSince: number | null = null;
  private inFlight: Promise<void> | null = null;
  private retryDelay = SAVE_DELAY_MS;
  /** A conflict, refusal or ended session: nothing is sent until the person acts. */
  private halted = false;

  constructor(
    private readonly reportId: string,
    initialVersion: number,
    private readonly enabled: boolean,
    private readonly onState: (state: SaveState) => void,
  ) {
    this.version = initialVersion;
  }

  get currentVersion() {
    return this.version;
  }

  get hasUnsaved() {
    return this.latest !== null && this.changes !== this.savedChanges;
  }

  /** Every change of fields or body; `invalid` is the form's own message when the fields fail the schema. */
  change(draft: Draft, invalid: string | null = null) {
    this.latest = draft;
    this.changes += 1;
    this.backup();
    if (!this.enabled) return;
    clearTimeout(this.timer);
    if (invalid) {
      this.setState({ kind: "invalid", message: invalid, fieldErrors: {} });
      return;
    }
    if (this.halted) {
      // After a refusal the next change is tried again; a conflict waits for the person.
      if (this.state.kind === "conflict" || this.state.kind === "signedOut") return;
      this.halted = false;
    }
    this.setState({ kind: "dirty" });
    const now = Date.now();
    this.unsentSince ??= now;
    const untilDeadline = this.unsentSince + MAX_UNSAVED_MS - now;
    this.timer = setTimeout(() => void this.save(), Math.max(0, Math.min(SAVE_DELAY_MS, untilDeadline)));
  }

  /** Save now; true when the server has everything. */
  async flush(): Promise<boolean> {
    clearTimeout(this.timer);
    await this.save();
    return !this.hasUnsaved && !this.halted;
  }

  /** The person keeps their text (or merges): continue from the server's version. */
  resolveConflict(serverVersion: number, draft: Draft) {
    this.version = serverVersion;
    this.halted = false;
    this.state = { kind: "dirty" };
    this.change(draft);
  }

  /** The person took the server's copy: nothing to save until they type again. */
  adopt(serverVersion: number) {
    this.version = serverVersion;
    this.halted = false;
    this.savedChanges = this.changes;
    clearBackup(this.reportId);
    this.setState({ kind: "idle" });
  }

  /** The page is going away: keep a local copy and try one last save that outlives the page. */
  leave() {
    if (!this.hasUnsaved || this.halted) return;
    this.backup();
    const body = this.body();
    if (body.length < KEEPALIVE_LIMIT) {
      void fetch(this.url(), { method: "PUT", headers: { "content-type": "application/json" }, body, keepalive: true }).catch(() => {});
    }
  }

  dispose() {
    clearTimeout(this.timer);
  }

  private async save(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    if (!this.hasUnsaved || this.halted) return;
    const sending = this.changes;
    const draft = this.latest!;
    this.unsentSince = null;
    this.setState({ kind: "saving" });
    this.inFlight = this.send(sending, draft);
    try {
      await this.inFlight;
    } finally {
      this.inFlight = null;
    }
  }

  private async send(sending: number, draft: Draft): Promise<void> {
    let res: Response;
    let data: SaveResponse;
    try {
      res = await fetch(this.url(), { method: "PUT", headers: { "content-type": "application/json" }, body: this.body(draft) });
      data = (await res.json().catch(() => ({}))) as SaveResponse;
    } catch {
      return this.retryLater();
    }
    if (res.ok && typeof data.version === "number") {
      this.version = data.version;
      this.savedChanges = sending;
      this.retryDelay = SAVE_DELAY_MS;
      if (this.hasUnsaved) {
        this.setState({ kind: "dirty" });
      } else {
        clearBackup(this.reportId);
        this.setState({ kind: "saved", at: new Date(data.savedAt ?? Date.now()) });
      }
      return;
    }
    if (res.status === 409 && data.conflict) {
      this.halted = true;
      this.setState({ kind: "conflict", message: data.error ?? "", server: data.conflict, mine: draft });
    } else if (res.status === 401) {
      this.halted = true;
      this.setState({ kind: "signedOut", message: data.error ?? "登录已失效" });
    } else if (res.status >= 400 && res.status < 500) {
      this.halted = true;
      this.setState({ kind: "invalid", message: data.error ?? "保存被拒绝", fieldErrors: data.fieldErrors ?? {} });
    } else {
      this.retryLater();
    }
  }

  private retryLater() {
    this.setState({ kind: "retrying", message: "保存失败，正在重试" });
    this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_DELAY_MS);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), this.retryDelay);
  }

  private backup() {
    if (this.latest) writeBackup(this.reportId, { version: this.version, ...this.latest, at: Date.now() });
  }

  private body(draft = this.latest) {
    return JSON.stringify({ expectedVersion: this.version, ...draft });
  }

  private url() {
    return `/api/reports/${this.reportId}/draft`;
  }

  private setState(state: SaveState) {
    this.state = state;
    this.onState(state);
  }
}
