// The editor's safety net: the unsaved text is kept in this browser until the server has it,
// so a crash, a closed tab or a dropped network never loses a person's words.
import type { TiptapDoc } from "@/lib/content/validate";
import type { ReportFields } from "@/lib/reports/rules/fields";

export interface LocalBackup {
  /** The server version the text was based on */
  version: number;
  fields: ReportFields;
  content: TiptapDoc;
  /** When it was written, ms since epoch */
  at: number;
}

const KEY_PREFIX = "cms:unsaved:";
const key = (reportId: string) => `${KEY_PREFIX}${reportId}`;

export function readBackup(reportId: string): LocalBackup | null {
  try {
    const raw = window.localStorage.getItem(key(reportId));
    return raw ? (JSON.parse(raw) as LocalBackup) : null;
  } catch {
    return null;
  }
}

export function writeBackup(reportId: string, backup: LocalBackup): boolean {
  try {
    window.localStorage.setItem(key(reportId), JSON.stringify(backup));
    return true;
  } catch {
    return false; // storage full or disabled: the server copy is all there is
  }
}

export function clearBackup(reportId: string): void {
  try {
    window.localStorage.removeItem(key(reportId));
  } catch {
    // nothing to do
  }
}

/**
 * Every unsaved text this browser keeps, removed on sign-out: office PCs are shared, and the
 * next person must not find the last one's drafts.
 */
export function clearAllBackups(): void {
  try {
    const keys: string[] = [];
    for (let i = 0; i < window.localStorage.length; i++) {
      const k = window.localStorage.key(i);
      if (k?.startsWith(KEY_PREFIX)) keys.push(k);
    }
    for (const k of keys) window.localStorage.removeItem(k);
  } catch {
    // storage disabled: nothing was kept
  }
}
