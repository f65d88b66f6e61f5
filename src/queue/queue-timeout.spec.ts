import { QueueUnavailableError, withinQueueTimeout } from './queue-timeout';

describe('withinQueueTimeout', () => {
  it('passes on an answer that comes in time', async () => {
    await expect(withinQueueTimeout(Promise.resolve('OK'), 1000, 'ping')).resolves.toBe('OK');
  });

  it('gives up after the timeout with a 503 in Chinese, naming the operation for the log', async () => {
    const started = Date.now();
    const never = new Promise<never>(() => undefined);
    const error: QueueUnavailableError = await withinQueueTimeout(never, 100, 'addBulk').catch((e) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    expect(error).toBeInstanceOf(QueueUnavailableError);
    expect(error).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', operation: 'addBulk' });
    expect(error.message).toContain('消息队列暂时不可用');
  });
});
