import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// No Docker engine runs on these machines, so the production shape is checked by reading it.
type Service = {
  build?: unknown;
  image?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
};
const compose = parse(fs.readFileSync("docker-compose.yml", "utf8")) as { services: Record<string, Service> };
const dockerfile = fs.readFileSync("Dockerfile", "utf8");

describe("docker-compose.yml", () => {
  it("runs the app, PostgreSQL and an S3-compatible object store", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["app", "db", "objects"]);
    expect(compose.services.db!.image).toMatch(/^postgres:/);
    expect(compose.services.objects!.image).toMatch(/minio/);
  });

  it("builds the app from the Dockerfile and configures it only through the environment", () => {
    const app = compose.services.app!;
    expect(app.build).toBe(".");
    expect(app.environment?.DATABASE_URL).toMatch(/^postgresql:\/\/cms:.*@db:5432\/cms$/);
    expect(app.environment?.NEXTAUTH_SECRET).toContain("NEXTAUTH_SECRET");
    expect(app.environment?.S3_ENDPOINT).toBe("http://objects:9000");
    expect(app.depends_on?.db?.condition).toBe("service_healthy");
  });

  it("checks the app's health through /api/health", () => {
    expect(compose.services.app!.healthcheck?.test.join(" ")).toContain("/api/health");
  });
});

describe("Dockerfile", () => {
  it("ships Next's standalone server behind the front server, and runs migrations first", () => {
    expect(dockerfile).toContain(".next/standalone");
    expect(dockerfile).toContain("scripts/front.ts");
    expect(dockerfile).toMatch(/CMD .*node migrate\.mjs && node front\.mjs/);
    // front.mjs starts the standalone server.js behind itself.
    expect(fs.readFileSync("scripts/front.ts", "utf8")).toContain('"server.js"');
    expect(dockerfile).toMatch(/ENV .*NEXT_OUTPUT=standalone/);
    expect(fs.readFileSync("next.config.ts", "utf8")).toMatch(/NEXT_OUTPUT === "standalone" \? "standalone"/);
  });
});
