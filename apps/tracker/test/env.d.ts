import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
declare module "vitest" {
  export interface ProvidedContext {
    emulatorUrl: string;
    navUrl: string;
    navStaticUrl: string;
    ocdsValidatorUrl: string;
    webhookReceiverUrl: string;
  }
}
