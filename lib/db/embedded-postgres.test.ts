import { describe, expect, it } from "vitest";
import { serverMemorySettings } from "./embedded-postgres";

describe("serverMemorySettings", () => {
  it("gives shared_buffers a quarter of the memory and effective_cache_size three quarters", () => {
    expect(serverMemorySettings(24 * 2 ** 30)).toEqual({ shared_buffers: "6144MB", effective_cache_size: "18432MB" });
  });

  it("never goes below PostgreSQL's own default of 128 MB", () => {
    expect(serverMemorySettings(256 * 2 ** 20)).toEqual({ shared_buffers: "128MB", effective_cache_size: "192MB" });
  });
});
