import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n";
import { invalid } from "../errors";
import type { Acknowledgement } from "../rules/proofreading";
import { applyTransition } from "./apply-transition";
import { deliverNotifications } from "./deliver-notifications";

/**
 * A reviewer approves a submitted report: it goes live now, or — with a future publishAt —
 * is scheduled. Never the reviewer's own words (two-person rule, in permissions.ts). Of two
 * reviewers approving at once exactly one succeeds; the other is told it was already approved.
 */
export async function approveReport(options: {
  actor: SessionUser;
  reportId: string;
  expectedVersion?: number;
  publishAt?: Date | null;
  /** Proofreading warnings the reviewer accepts, and why. */
  acknowledgement?: Acknowledgement;
  now?: Date;
}) {
  const now = options.now ?? new Date();
  const publishAt = options.publishAt ?? null;
  if (publishAt && publishAt.getTime() <= now.getTime()) throw invalid(messages.workflow.publishAtInPast);
  const result = await getDb().$transaction((tx) =>
    applyTransition(tx, {
      actor: options.actor,
      reportId: options.reportId,
      expectedVersion: options.expectedVersion,
      acknowledgement: options.acknowledgement,
      now,
      ...(publishAt ? { name: "schedule", set: { publishAt }, comment: formatDateTime(publishAt) } : { name: "approve" }),
    }),
  );
  await deliverNotifications(result.notices);
  return { version: result.version, status: result.to };
}
