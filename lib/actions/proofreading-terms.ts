"use server";
// The site admin's proofreading list (lib/proofreading-terms). Every refusal is decided again
// in the commands, on the server.
import { z } from "zod";
import { addProofreadingTerm } from "@/lib/proofreading-terms/add-term";
import { archiveProofreadingTerm } from "@/lib/proofreading-terms/archive-term";
import { authActionClient } from "./client";

const lines = z.string().max(5_000);

/** The form sends the lists one entry a line. */
const splitLines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

export const addProofreadingTermAction = authActionClient
  .inputSchema(z.object({ kind: z.enum(["FORMULATION", "TYPO", "STYLE"]), correct: z.string().max(200), wrong: lines, items: lines, note: z.string().max(500) }))
  .action(async ({ parsedInput, ctx }) =>
    addProofreadingTerm({
      actor: ctx.actor,
      input: { ...parsedInput, wrong: splitLines(parsedInput.wrong), items: splitLines(parsedInput.items) },
    }),
  );

export const archiveProofreadingTermAction = authActionClient
  .inputSchema(z.object({ termId: z.string().min(1).max(64) }))
  .action(async ({ parsedInput, ctx }) => archiveProofreadingTerm({ actor: ctx.actor, termId: parsedInput.termId }));
