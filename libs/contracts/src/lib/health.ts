export type ComponentStatus = 'up' | 'down';

export interface HealthComponent {
  status: ComponentStatus;
  /** Round-trip time of the check in milliseconds. */
  latencyMs?: number;
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  components: {
    postgres: HealthComponent;
    redis: HealthComponent;
  };
}
