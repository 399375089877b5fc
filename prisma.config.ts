import { defineConfig } from "prisma/config";

// Prisma 7 does not read .env, and env() throws when a variable is unset, which would break
// `prisma generate` in a clean checkout; the app itself passes the URL to its adapter.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused",
  },
});
