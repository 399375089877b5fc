"use server";
// The e-mail notification switch of the signed-in person (their own setting only).
import { z } from "zod";
import { getDb } from "@/lib/db";
import { authActionClient } from "./client";

export const setEmailNotificationsAction = authActionClient
  .inputSchema(z.object({ enabled: z.boolean() }))
  .action(async ({ parsedInput, ctx }) => {
    await getDb().user.update({ where: { id: ctx.actor.id }, data: { emailNotifications: parsedInput.enabled } });
    return { enabled: parsedInput.enabled };
  });
