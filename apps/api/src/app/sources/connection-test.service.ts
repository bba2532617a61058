import { ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { ResolvedConfig } from '@uptake/config';
import {
  ConnectorConfigError,
  HttpClient,
  parseConnectorConfig,
  type ConnectionCheck,
  type Connector,
} from '@uptake/connector-sdk';
import type { ConnectionTestResult } from '@uptake/contracts';
import { ActivitySourceRepository, type ActivitySource } from '@uptake/persistence';
import { decryptJson, SecretDecryptionError } from '@uptake/security';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { UPTAKE_CONFIG } from '../config/config.module';
import { SourcesService } from './sources.service';

/** The whole test, token and every request, ends within this; a request holds an API worker meanwhile. */
export const CONNECTION_TEST_TIMEOUT_MS = 15_000;

/**
 * "Test connection" of an API source: its connector checks the stored credentials and each permission the
 * read needs, here in the API process, with a deadline. Nothing is read or stored but the audit entry;
 * credentials and tokens never leave the connector (not in the answer, the audit or the log).
 */
@Injectable()
export class ConnectionTestService {
  private readonly logger = new Logger(ConnectionTestService.name);
  /** The deadline of a test (tests shorten it). */
  timeoutMs = CONNECTION_TEST_TIMEOUT_MS;

  constructor(
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    private readonly sources: SourcesService,
    private readonly audit: AuditService,
    private readonly repository: ActivitySourceRepository,
  ) {}

  async test(organisationId: string, sourceId: string, principal: Principal): Promise<ConnectionTestResult> {
    const source = await this.repository.findWithConfig(organisationId, sourceId);
    if (!source) throw new NotFoundException(`Source ${sourceId} not found`);
    const connector = this.sources.connector(source.connectorType);
    if (connector.input === 'file' || !connector.testConnection) {
      throw new ConflictException(
        `A ${source.connectorType} source ${connector.input === 'file' ? 'reads uploaded files' : 'reads no service'}: it has no connection to test`,
      );
    }
    const testedAt = new Date();
    const checks = await this.run(connector, source);
    const ok = checks.length > 0 && checks.every((check) => check.ok);
    await this.audit.record({
      action: 'source.connection_tested',
      organisationId,
      principal,
      targetType: 'source',
      targetId: sourceId,
      // What failed by name; messages stay out (they quote the service's answers).
      details: {
        connectorType: source.connectorType,
        ok,
        failed: checks.filter((c) => !c.ok).map((c) => c.check),
      },
    });
    return { ok, testedAt: testedAt.toISOString(), checks };
  }

  private async run(
    connector: Connector<unknown, unknown>,
    source: ActivitySource,
  ): Promise<ConnectionCheck[]> {
    let configuration: { settings: unknown; credentials: unknown };
    try {
      const credentials = source.encryptedConfig
        ? decryptJson(this.config.secretKey, source.encryptedConfig)
        : {};
      configuration = parseConnectorConfig(connector, source.settings, credentials);
    } catch (error) {
      if (error instanceof SecretDecryptionError) {
        return [
          failed(
            'credentials',
            'the stored credentials cannot be decrypted with the configured secret key: enter them again',
          ),
        ];
      }
      if (error instanceof ConnectorConfigError) {
        return [failed('configuration', `the stored configuration is not valid: ${error.issues.join('; ')}`)];
      }
      throw error;
    }
    const testConnection = connector.testConnection;
    if (!testConnection) return [failed('connection', 'this connector has no connection test')];
    const controller = new AbortController();
    const timeout = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
    });
    const timer = setTimeout(() => controller.abort(new Error('timeout')), this.timeoutMs);
    try {
      // The race ends the request at the deadline even if a connector overlooks the signal.
      return await Promise.race([
        testConnection.call(connector, {
          ...configuration,
          // Few requests, no waiting out long throttles: a Retry-After beyond the deadline fails the check.
          http: new HttpClient({ maxRetries: 2, baseDelayMs: 500, maxRetryAfterMs: 5_000 }),
          signal: controller.signal,
          now: () => new Date(),
        }),
        timeout,
      ]);
    } catch (error) {
      if (controller.signal.aborted) {
        return [failed('connection', `no answer within ${this.timeoutMs / 1000} s`)];
      }
      // Connector errors name requests (without query strings), never credentials; the stack stays in the log.
      this.logger.warn(`connection test of source ${source.id} failed: ${(error as Error).name}`);
      return [failed('connection', `the test could not run: ${(error as Error).message ?? String(error)}`)];
    } finally {
      clearTimeout(timer);
    }
  }
}

function failed(check: string, message: string): ConnectionCheck {
  return { check, ok: false, message, missingPermission: null };
}
