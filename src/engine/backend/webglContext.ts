/**
 * The webgl backend's own WebGL context: which GPU it runs on, and what happens when it is lost
 * (GPU reset, driver crash, too many contexts): the page moves to cpu.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { type BackendInfo, contextLostLabel } from './backends';

export interface GlLike {
  RENDERER: number;
  getParameter(p: number): unknown;
  getExtension(name: string): unknown;
  isContextLost(): boolean;
  canvas: unknown;
}

/** The webgl backend's context, read through TF.js internals (stable across 4.x). */
export function webglContext(): GlLike | undefined {
  return (tf.backend() as unknown as { gpgpu?: { gl?: GlLike } }).gpgpu?.gl;
}

/** Reads the unmasked renderer string from the webgl backend's own context. */
export function readRenderer(): string | undefined {
  try {
    const gl = webglContext();
    if (!gl) return undefined;
    const plain = gl.getParameter(gl.RENDERER);
    // Chromium masks RENDERER as "WebKit WebGL"; Firefox returns the real one and
    // warns when the debug extension is requested, so only ask when masked.
    if (typeof plain === 'string' && plain && !/^WebKit WebGL$/i.test(plain)) return plain;
    const ext = gl.getExtension('WEBGL_debug_renderer_info') as {
      UNMASKED_RENDERER_WEBGL: number;
    } | null;
    const unmasked = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : undefined;
    if (typeof unmasked === 'string' && unmasked) return unmasked;
    return typeof plain === 'string' ? plain : undefined;
  } catch {
    return undefined;
  }
}

/** The context watched by {@link watchContextLoss}; kept after the loss so the loss stays visible. */
let watchedGl: GlLike | undefined;
/** The computations {@link unlessContextLost} holds, each by its reject function. */
const inFlight = new Set<(e: Error) => void>();
const LOST_DURING = 'the WebGL context was lost during the computation';

/**
 * True once the WebGL context this session started on has been lost. Engine callers use it to
 * tell a failure caused by the loss (retried on cpu after the switch) from a real error.
 */
export function webglContextLost(): boolean {
  return watchedGl?.isContextLost() ?? false;
}

/**
 * Calls `onLost` once when the active webgl backend's context is lost (GPU reset, driver crash,
 * too many contexts). No-op when TF.js is not on WebGL.
 *
 * Also installs `window.__gatescopeLoseContext()`, which forces that loss through the
 * WEBGL_lose_context extension: the e2e suite's only way to reach TF.js's private canvas.
 */
export function watchContextLoss(onLost: () => void): void {
  const gl = tf.getBackend() === 'webgl' ? webglContext() : undefined;
  const canvas = gl?.canvas as EventTarget | undefined;
  // Once per context: the page calls this on every switch to WebGL.
  if (!gl || gl === watchedGl || typeof canvas?.addEventListener !== 'function') return;
  watchedGl = gl;
  canvas.addEventListener(
    'webglcontextlost',
    () => {
      const lostError = new Error(LOST_DURING);
      for (const reject of inFlight) reject(lostError);
      inFlight.clear();
    },
    { once: true },
  );
  canvas.addEventListener('webglcontextlost', onLost, { once: true });
  (globalThis as { __gatescopeLoseContext?: () => void }).__gatescopeLoseContext = () => {
    const ext = gl.getExtension('WEBGL_lose_context') as { loseContext(): void } | null;
    ext?.loseContext();
  };
}

/**
 * Moves TF.js to the cpu backend after the WebGL context was lost, and unregisters webgl so
 * no later setBackend/ready() picks the dead backend again. Tensors still on webgl are lost;
 * callers rebuild from the plain-JS weights they keep.
 */
export async function switchToCpu(): Promise<BackendInfo> {
  if (!(await tf.setBackend('cpu'))) throw new Error('TF.js cpu backend failed to initialise');
  try {
    tf.removeBackend('webgl');
  } catch {
    // Disposing a backend whose context is gone may fail; it is unusable either way.
  }
  await tf.ready();
  return {
    name: 'cpu',
    software: false,
    fallbackReason: 'WebGL context lost',
    label: contextLostLabel(),
  };
}

/**
 * `work` (running on the watched WebGL context), or a rejection as soon as that context is
 * lost. Needed because TF.js waits for a GPU readback by polling a fence, and the fence of a lost
 * context never signals: a trace in flight at the loss would never settle, and the switch to cpu
 * (which waits for the traces in flight) would wait forever.
 */
export function unlessContextLost<T>(work: Promise<T>): Promise<T> {
  if (!watchedGl || tf.getBackend() !== 'webgl') return work;
  if (watchedGl.isContextLost()) return Promise.reject(new Error(LOST_DURING));
  // Held only until `work` settles (a race against a promise pending until the loss would
  // keep every result alive as long as the page lives).
  return new Promise<T>((resolve, reject) => {
    inFlight.add(reject);
    work.then(resolve, reject).finally(() => inFlight.delete(reject));
  });
}
