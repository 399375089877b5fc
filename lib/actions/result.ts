// What a server action answers, as the components read it (no server code: imported by both).
import type { FieldErrors } from "@/lib/reports/rules/fields";

export interface ActionFailure {
  code: string;
  message: string;
  fieldErrors: FieldErrors;
}

export type ActionResult<T = unknown> = { ok: true; data: T } | { ok: false; message: string; fieldErrors?: FieldErrors };

/** Turns next-safe-action's result into ok / the message to show. */
export function toActionResult<T>(result: {
  data?: T;
  serverError?: ActionFailure;
  validationErrors?: unknown;
} | undefined): ActionResult<T> {
  if (!result) return { ok: false, message: INVALID_INPUT };
  if (result.serverError) return { ok: false, message: result.serverError.message, fieldErrors: result.serverError.fieldErrors };
  if (result.validationErrors) return { ok: false, message: INVALID_INPUT };
  return { ok: true, data: result.data as T };
}

const INVALID_INPUT = "提交的内容无效，请刷新页面后重试";
