import { Injectable } from '@nestjs/common';

/** Modules add warnings to `GET /health` (e.g. next year's calendar is missing) by registering here. */
export interface HealthContributor {
  warnings(): Promise<string[]>;
}

@Injectable()
export class HealthRegistry {
  private readonly contributors: HealthContributor[] = [];

  register(contributor: HealthContributor): void {
    this.contributors.push(contributor);
  }

  async warnings(): Promise<string[]> {
    const lists = await Promise.all(this.contributors.map((c) => c.warnings().catch((e: Error) => [`health check failed: ${e.message}`])));
    return lists.flat();
  }
}
