// Refusals a person reads. Every command throws CommandError with a Chinese message; server
// actions and HTTP routes turn it into their answer (status, message, field errors).
import type { FieldErrors } from "./rules/fields";
import type { DenialCode } from "./rules/permissions";
import type { ReportStatus } from "./rules/workflow";
import { format, messages } from "@/lib/i18n";

export type CommandErrorCode =
  | DenialCode
  | "INVALID"
  | "SIGNED_OUT"
  | "CONFLICT"
  | "STALE_STATE"
  | "NOT_PUBLISHABLE"
  | "FORBIDDEN"
  | "PASSWORD_CHANGE_REQUIRED";

const HTTP_STATUS: Record<CommandErrorCode, number> = {
  NOT_FOUND: 404,
  NOT_MEMBER: 403,
  REVIEWER_REQUIRED: 403,
  TWO_PERSON_RULE: 403,
  NOT_SUBMITTER: 403,
  WRONG_STATE: 409,
  NOT_LIVE: 409,
  STALE_STATE: 409,
  CONFLICT: 409,
  INVALID: 422,
  SIGNED_OUT: 401,
  NOT_PUBLISHABLE: 422,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
};

export class CommandError extends Error {
  readonly status: number;
  constructor(
    readonly code: CommandErrorCode,
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
    this.name = "CommandError";
    this.status = HTTP_STATUS[code];
  }
}

/** A permission refusal in words. */
export function denied(code: DenialCode, status: ReportStatus): CommandError {
  return new CommandError(code, format(messages.permission[code], { status: messages.status[status] }));
}

export function invalid(message: string, fieldErrors: FieldErrors = {}): CommandError {
  return new CommandError("INVALID", message, fieldErrors);
}
