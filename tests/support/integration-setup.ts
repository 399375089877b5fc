// globalSetup of the integration project: one real PostgreSQL for the run, a migrated
// template database; each test file copies the template into a database of its own.
import type { TestProject } from "vitest/node";
import { createMigratedTemplate, startTestPostgres } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const postgres = await startTestPostgres();
  await createMigratedTemplate(postgres.adminUrl, "cms_template");
  project.provide("adminDatabaseUrl", postgres.adminUrl);
  project.provide("templateDatabase", "cms_template");
  return () => postgres.stop();
}
