import { handleImportRequest } from "@/lib/reports/import-request";

export const dynamic = "force-dynamic";

/** Report import (preview and create); see lib/reports/import-request.ts. */
export const POST = handleImportRequest;
