"use server";
// Preview links (issue 11), on the one checked action client: zod input, actor loaded afresh,
// refusals in Chinese.
import { z } from "zod";
import { createPreviewLink } from "@/lib/preview/links";
import { DEFAULT_PREVIEW_DURATION, PREVIEW_DURATIONS, type PreviewDuration } from "@/lib/preview/durations";
import { authActionClient } from "./client";

const durations = Object.keys(PREVIEW_DURATIONS) as [PreviewDuration, ...PreviewDuration[]];

export const createPreviewLinkAction = authActionClient
  .inputSchema(z.object({ reportId: z.string().min(1).max(64), duration: z.enum(durations).default(DEFAULT_PREVIEW_DURATION) }))
  .action(async ({ parsedInput, ctx }) => createPreviewLink({ actor: ctx.actor, reportId: parsedInput.reportId, duration: parsedInput.duration }));
