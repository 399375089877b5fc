import { handleExportRequest } from "@/lib/reports/export-request";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleExportRequest((await params).id);
}
