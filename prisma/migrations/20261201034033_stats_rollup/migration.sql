-- CreateTable
CREATE TABLE "StatsMonthly" (
    "committeeId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "authorId" TEXT NOT NULL,
    "drafted" INTEGER NOT NULL DEFAULT 0,
    "submitted" INTEGER NOT NULL DEFAULT 0,
    "published" INTEGER NOT NULL DEFAULT 0,
    "sentBack" INTEGER NOT NULL DEFAULT 0,
    "publishedChars" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "StatsMonthly_pkey" PRIMARY KEY ("committeeId","month","authorId")
);

-- CreateTable
CREATE TABLE "StatsTurnaround" (
    "committeeId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "authorId" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StatsTurnaround_pkey" PRIMARY KEY ("committeeId","month","authorId","bucket")
);

-- CreateIndex
CREATE INDEX "StatsMonthly_month_idx" ON "StatsMonthly"("month");

-- CreateIndex
CREATE INDEX "StatsTurnaround_month_idx" ON "StatsTurnaround"("month");

-- Backfill from the events already recorded (the same SQL as rebuildStats in lib/stats/rollup.ts).
INSERT INTO "StatsMonthly" ("committeeId", "month", "authorId", "drafted", "submitted", "published", "sentBack", "publishedChars")
  SELECT r."committeeId", date_trunc('month', (e."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai')::date AS "month", r."authorId",
    (count(*) FILTER (WHERE e."action" = 'CREATE'))::int AS "drafted",
    (count(*) FILTER (WHERE e."action" = 'SUBMIT'))::int AS "submitted",
    (count(*) FILTER (WHERE e."action" IN ('APPROVE', 'PUBLISH') AND e."toStatus" = 'PUBLISHED'))::int AS "published",
    (count(*) FILTER (WHERE e."action" = 'REQUEST_CHANGES'))::int AS "sentBack",
    (coalesce(sum(rv."charCount") FILTER (WHERE e."action" IN ('APPROVE', 'PUBLISH') AND e."toStatus" = 'PUBLISHED'), 0))::bigint AS "publishedChars"
  FROM "WorkflowEvent" e
  JOIN "Report" r ON r."id" = e."reportId"
  LEFT JOIN "Revision" rv ON rv."id" = e."revisionId"
  WHERE e."action" IN ('CREATE', 'SUBMIT', 'APPROVE', 'PUBLISH', 'REQUEST_CHANGES')
  GROUP BY 1, 2, 3;

INSERT INTO "StatsTurnaround" ("committeeId", "month", "authorId", "bucket", "count")
  SELECT r."committeeId", date_trunc('month', (d."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai')::date AS "month", r."authorId",
    floor(8 * log(2, 1 + greatest(floor(extract(epoch FROM d."createdAt" - s."createdAt"))::int, 0)::numeric / 60))::int AS "bucket", count(*)::int AS "count"
  FROM "WorkflowEvent" d
  JOIN "Report" r ON r."id" = d."reportId"
  JOIN LATERAL (
    SELECT x."createdAt" FROM "WorkflowEvent" x
    WHERE x."reportId" = d."reportId" AND x."action" = 'SUBMIT' AND x."createdAt" <= d."createdAt"
    ORDER BY x."createdAt" DESC LIMIT 1
  ) s ON true
  WHERE d."action" IN ('APPROVE', 'SCHEDULE', 'REQUEST_CHANGES')
  GROUP BY 1, 2, 3, 4;
