import { describe, expect, it } from 'vitest';
import { memoryLogger, redact } from '../../src/logger.ts';

describe('logs', () => {
  it('never show tokens', () => {
    expect(redact('auth with xoxb-1234-abcd and xapp-1-A0-99 failed')).toBe('auth with [redacted-token] and [redacted-token] failed');
    const logger = memoryLogger();
    logger.error('Slack said no', { token: 'xoxb-secret-token' });
    expect(logger.lines.join('\n')).not.toContain('xoxb-secret-token');
  });

  it('keep only the first line of an error, where databases do not quote arguments', () => {
    const logger = memoryLogger();
    const error = Object.assign(new Error('\nInvalid `prisma.contract.create()` invocation:\n{ data: { notes: "arrêt maladie" } }'), {
      code: 'P2002',
    });
    logger.error('saving a contract failed', { error });
    const line = logger.lines.join('\n');
    expect(line).toContain('Invalid `prisma.contract.create()` invocation:');
    expect(line).toContain('P2002');
    expect(line).not.toContain('arrêt maladie');
  });

  it('respect the level', () => {
    const logger = memoryLogger('warn');
    logger.info('not shown');
    logger.warn('shown');
    expect(logger.lines).toHaveLength(1);
  });
});
