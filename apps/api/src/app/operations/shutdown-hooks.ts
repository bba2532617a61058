import { Injectable, type OnApplicationShutdown } from '@nestjs/common';

/** Closes resources created outside Nest's container (the queue board's queues) with the application. */
@Injectable()
export class ShutdownHooks implements OnApplicationShutdown {
  private readonly hooks: (() => Promise<void>)[] = [];

  add(hook: () => Promise<void>): void {
    this.hooks.push(hook);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.hooks.map((hook) => hook()));
  }
}
