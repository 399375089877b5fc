import "server-only";
import { revalidatePath } from "next/cache";
import { createSafeActionClient } from "next-safe-action";
import { getSessionUser } from "@/lib/auth/session";
import { messages } from "@/lib/i18n";
import { adminMessages } from "@/lib/i18n/admin.zh-CN";
import { CommandError } from "@/lib/reports/errors";
import type { ActionFailure } from "./result";

/**
 * Every server action goes through this client (STYLE.md 5): the input is validated with the
 * action's zod schema before any code of ours runs, the actor is loaded afresh from the
 * database, and a refusal comes back as its Chinese message (with field errors for the form),
 * never as a stack trace. Anything unexpected is logged and told as a generic failure.
 */
export const actionClient = createSafeActionClient<undefined, ActionFailure>({
  handleServerError(error): ActionFailure {
    if (error instanceof CommandError) return { code: error.code, message: error.message, fieldErrors: error.fieldErrors };
    console.error("server action failed", error);
    return { code: "UNEXPECTED", message: messages.errors.generic, fieldErrors: {} };
  },
});

/**
 * Actions a signed-in person may take even while holding a one-time password: changing it,
 * and ending their own sessions.
 */
export const accountActionClient = actionClient.use(async ({ next }) => {
  const actor = await getSessionUser();
  if (!actor) throw new CommandError("SIGNED_OUT", messages.auth.sessionEnded);
  const result = await next({ ctx: { actor } });
  if (result.success) revalidatePath("/studio", "layout");
  return result;
});

/** Actions of signed-in people: `ctx.actor`, and the back office re-rendered after a change. */
export const authActionClient = accountActionClient.use(async ({ next, ctx }) => {
  if (ctx.actor.mustChangePassword) throw new CommandError("PASSWORD_CHANGE_REQUIRED", adminMessages.account.mustChange);
  return next({ ctx });
});
