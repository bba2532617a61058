import { Injectable, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';

/**
 * Closes resources created outside Nest's container (the queue board's queues) with the application, and
 * runs what must happen as shutdown begins (Nest's first hook, before the HTTP server is closed).
 */
@Injectable()
export class ShutdownHooks implements OnModuleDestroy, OnApplicationShutdown {
  private readonly starting: (() => void)[] = [];
  private readonly hooks: (() => Promise<void>)[] = [];

  /** Runs when shutdown begins, while requests are still served (e.g. shedding keep-alive connections). */
  onStart(hook: () => void): void {
    this.starting.push(hook);
  }

  add(hook: () => Promise<void>): void {
    this.hooks.push(hook);
  }

  onModuleDestroy(): void {
    for (const hook of this.starting) hook();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.hooks.map((hook) => hook()));
  }
}
