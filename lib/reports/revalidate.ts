import "server-only";
import { revalidatePath } from "next/cache";

/** After publish, unpublish or a correction: every public page that may show these reports. */
export function revalidatePublicPages(reportIds: string[]): void {
  try {
    revalidatePath("/", "layout");
    for (const id of reportIds) revalidatePath(`/reports/${id}`);
  } catch {
    // Outside a request (the scheduler) there may be no cache to revalidate; pages are dynamic.
  }
}
