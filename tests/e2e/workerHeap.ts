/**
 * A Web Worker's V8 heap, read through the DevTools protocol: a worker has no
 * performance.memory, and Playwright gives no CDP session for one. A browser-level session
 * attaches to the worker's target (non-flattened: commands and answers travel as
 * Target.sendMessageToTarget / receivedMessageFromTarget) and asks for a full GC, then the usage.
 */
import type { Browser, CDPSession } from '@playwright/test';

/** After a full GC, MB: V8 heap in use, and ArrayBuffer backing stores (typed arrays' data). */
export interface HeapUsage {
  usedMb: number;
  backingMb: number;
}

export class WorkerHeap {
  private nextId = 1;
  private readonly answers = new Map<
    number,
    (msg: { result?: unknown; error?: unknown }) => void
  >();

  private constructor(
    private readonly cdp: CDPSession,
    private readonly sessionId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      if (e.sessionId !== sessionId) return;
      const msg = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown };
      if (msg.id !== undefined) this.answers.get(msg.id)?.(msg);
    });
  }

  /** Attaches to the (first) dedicated worker whose script URL contains `urlPart`. */
  static async attach(browser: Browser, urlPart: string): Promise<WorkerHeap> {
    const cdp = await browser.newBrowserCDPSession();
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'worker' && t.url.includes(urlPart));
    if (!target) throw new Error(`no worker whose URL contains ${urlPart}`);
    const { sessionId } = await cdp.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    });
    return new WorkerHeap(cdp, sessionId);
  }

  private async call<T>(method: string, params: object = {}): Promise<T> {
    const id = this.nextId++;
    const answer = new Promise<{ result?: unknown; error?: unknown }>((resolve) =>
      this.answers.set(id, resolve),
    );
    const message = JSON.stringify({ id, method, params });
    await this.cdp.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message });
    const { result, error } = await answer;
    this.answers.delete(id);
    if (error) throw new Error(`${method} in the worker: ${JSON.stringify(error)}`);
    return result as T;
  }

  /** Collects garbage in the worker, then reads its heap. */
  async usage(): Promise<HeapUsage> {
    await this.call('HeapProfiler.collectGarbage');
    const u = await this.call<{ usedSize: number; backingStorageSize?: number }>(
      'Runtime.getHeapUsage',
    );
    return { usedMb: u.usedSize / 2 ** 20, backingMb: (u.backingStorageSize ?? NaN) / 2 ** 20 };
  }

  async detach(): Promise<void> {
    await this.cdp.detach();
  }
}
