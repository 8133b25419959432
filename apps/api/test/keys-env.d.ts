import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      KEY_PEPPER: string;
      OPERATOR_TOKEN: string;
      TEST_ANON_LIMITER: RateLimit;
      TEST_KEY_LIMITER: RateLimit;
      TEST_ANON_RATE_LIMIT: string;
      TEST_KEY_RATE_LIMIT: string;
    }
  }
}
