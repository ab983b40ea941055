import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { type AppServer, startAppServer } from '../simulator/app-server.js';
import { postNotification, runUrl } from '../src/adapters/notify.js';
import { inputFailureReport, type NotificationFields, shouldNotify } from '../src/core/run-report.js';
import { notificationBody, notificationText } from '../src/render/notification.js';

let receiver: AppServer;
beforeEach(async () => {
  receiver = await startAppServer();
});
afterEach(() => receiver.close());

function failed(message: string, url: string | null = null): NotificationFields {
  return inputFailureReport({ kind: 'app', app: 'shop-app' }, message, url).notification;
}

describe('notifications', () => {
  it.each([
    ['failure', 'failed', true],
    ['failure', 'changed', false],
    ['failure', 'unchanged', false],
    ['change', 'failed', true],
    ['change', 'changed', true],
    ['change', 'unchanged', false],
    ['always', 'unchanged', true],
  ] as const)('notify-on %s with a %s run: %s', (on, status, expected) => {
    expect(shouldNotify(on, status)).toBe(expected);
  });

  it('links the run when the runner says where it is', () => {
    expect(
      runUrl({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '7' }),
    ).toBe('https://github.com/o/r/actions/runs/7');
    expect(runUrl({})).toBeNull();
  });

  it('posts text and content that Slack and Discord accept, plus fields', async () => {
    const fields = failed('could not reach the Heroku API', 'https://github.com/o/r/actions/runs/7');
    expect(await postNotification(`${receiver.url}/hook`, notificationBody(fields))).toBeNull();
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request.body);
    expect(body.text).toBe(
      'Heroku Autoscale FAILED for shop-app: could not reach the Heroku API. Run: https://github.com/o/r/actions/runs/7',
    );
    expect(body.content).toBe(body.text);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.heroku_autoscale).toMatchObject({
      app: 'shop-app',
      status: 'failed',
      run_url: expect.any(String),
    });
  });

  it('retries once, then reports the problem without throwing', async () => {
    receiver.behave({ kind: 'ok', status: 500 });
    const problem = await postNotification(receiver.url, notificationBody(failed('b')));
    expect(problem).toContain('failed (HTTP 500, then HTTP 500');
    expect(receiver.requests).toHaveLength(2);
  });

  it('recovers when the retry succeeds', async () => {
    receiver.behave({ kind: 'reset' }, { kind: 'ok' });
    expect(await postNotification(receiver.url, notificationBody(failed('b')))).toBeNull();
    expect(receiver.requests).toHaveLength(2);
  });

  it('keeps the text within Discord limits', () => {
    expect(notificationText(failed('x'.repeat(5000))).length).toBeLessThanOrEqual(1900);
  });
});
