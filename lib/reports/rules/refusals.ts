import { format, messages } from "@/lib/i18n";
import type { ReportStatus, TransitionName } from "./workflow";

type RefusedAction = TransitionName | "edit";

/**
 * Why an action cannot be taken in the report's current state, in the words of what happened
 * ("该稿件已被其他审核人通过"), not of the state machine.
 */
export function refusalMessage(action: RefusedAction, status: ReportStatus): string {
  const r = messages.workflow.refused;
  const approved = status === "PUBLISHED" || status === "SCHEDULED";
  switch (action) {
    case "approve":
    case "schedule":
    case "requestChanges":
      if (approved) return r.alreadyApproved;
      if (status === "DRAFT") return r.backToDraft;
      break;
    case "submit":
      if (status === "SUBMITTED") return r.alreadySubmitted;
      if (status === "PUBLISHED") return r.alreadyPublished;
      break;
    case "withdraw":
      if (status === "DRAFT") return r.backToDraft;
      if (approved) return r.cannotWithdrawApproved;
      break;
    case "unschedule":
      if (status !== "SCHEDULED") return r.notScheduled;
      break;
    case "startNewEdition":
      if (status === "DRAFT") return r.alreadyNewEdition;
      break;
    case "edit":
      if (status === "PUBLISHED" || status === "UNPUBLISHED") return r.editPublished;
      if (status === "SUBMITTED") return r.editWhileSubmitted;
      if (status === "SCHEDULED") return r.editWhileScheduled;
      break;
  }
  return format(messages.permission.WRONG_STATE, { status: messages.status[status] });
}
