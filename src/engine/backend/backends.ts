/**
 * Starting and reporting the TF.js backends.
 *
 * {@link activateBackend} makes one backend current and proves it computes, or says why not;
 * the page measures each and keeps the fastest (backend-measure.ts). {@link initBackend} is
 * the simple path (the bench, the CLI, a backend forced by a link): the requested backend,
 * falling back to the pure-JS `cpu` one. Whatever happens, the caller gets a
 * {@link BackendInfo} with a human-readable label, so a teacher can see at a glance why the
 * page runs the way it does.
 *
 * Pure TypeScript over TF.js: no React, no DOM beyond the WebGL context TF.js owns. The wasm
 * backend's module and binaries are the caller's to provide (`prepareWasm`): a Vite page and
 * Node find them differently, and the page shell must not load them up front.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { errorMessage } from '../util';

export type BackendName = 'webgl' | 'wasm' | 'cpu';

export interface BackendOptions {
  /** Backend to try first. Defaults to 'webgl'. */
  preferred?: BackendName;
  /** Never touch WebGL (e.g. `?backend=cpu`); reported as a fallback. */
  disableWebgl?: boolean;
}

export interface ActivateOptions {
  /**
   * Registers the wasm backend and tells it where its .wasm files are (with multithreading
   * off); without it, wasm is reported unavailable. Called again on every activation, so it
   * must be idempotent.
   */
  prepareWasm?: () => Promise<void>;
}

export interface BackendInfo {
  /** The backend TF.js is now using. */
  name: BackendName;
  /** WebGL version in use; only for 'webgl'. */
  webglVersion?: 1 | 2;
  /** Raw GPU renderer string; only for 'webgl'. */
  renderer?: string;
  /** True when the WebGL renderer is a software rasteriser (SwiftShader, llvmpipe, ...). */
  software: boolean;
  /** Why WebGL is not in use; only when falling back to 'cpu'. */
  fallbackReason?: string;
  /** One line for the status badge, e.g. "WebGL 2 · SwiftShader (software)". */
  label: string;
}

export interface RendererDescription {
  /** Short, readable GPU name, e.g. "SwiftShader" or "NVIDIA GeForce RTX 3080". */
  name: string;
  /** True for CPU rasterisers that only emulate a GPU. */
  software: boolean;
}

const SOFTWARE_RENDERERS: ReadonlyArray<[RegExp, string]> = [
  [/swiftshader/i, 'SwiftShader'],
  [/llvmpipe/i, 'llvmpipe'],
  [/softpipe/i, 'softpipe'],
  [/microsoft basic render/i, 'Microsoft Basic Render'],
  [/software/i, 'software renderer'],
];

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/**
 * Turns a WebGL renderer string into a short name and a software flag.
 *
 * ANGLE wraps the real device: "ANGLE (vendor, device, driver)"; we keep the device
 * and drop Direct3D shader-model suffixes. Pure; no WebGL needed.
 */
export function describeRenderer(renderer: string): RendererDescription {
  const raw = renderer.trim();
  for (const [pattern, name] of SOFTWARE_RENDERERS) {
    if (pattern.test(raw)) return { name, software: true };
  }
  let name = raw;
  const angle = /^ANGLE \((.*)\)$/.exec(raw);
  if (angle) {
    const parts = splitTopLevel(angle[1]);
    name = parts.length > 1 ? parts[1] : parts[0];
  }
  name = name
    .replace(/^ANGLE Metal Renderer:\s*/, '')
    .replace(/\s+Direct3D\S*(\s+[vp]s_\d_\d)*$/, '')
    .replace(/\s+\(0x[0-9a-f]+\)$/i, '')
    .trim();
  if (name.length > 48) name = `${name.slice(0, 47)}…`;
  return { name: name || 'unknown GPU', software: false };
}

/** The label shown when TF.js runs on the cpu backend, with why `failed` is not in use. */
export function cpuLabel(reason?: string, failed: BackendName = 'webgl'): string {
  return reason ? `CPU (${failed === 'wasm' ? 'wasm' : 'WebGL'} unavailable: ${reason})` : 'CPU';
}

/** The label shown when TF.js runs on the wasm backend (single-threaded; SIMD where supported). */
export function wasmLabel(simd: boolean): string {
  return `wasm (${simd ? 'SIMD' : 'no SIMD'}, 1 thread)`;
}

/** The label after the WebGL context died mid-session and TF.js moved to the cpu backend. */
export function contextLostLabel(): string {
  return 'CPU (WebGL context lost; switched to CPU)';
}

/** The label shown when TF.js runs on WebGL. */
export function webglLabel(version: 1 | 2, renderer: string | undefined): string {
  if (!renderer) return `WebGL ${version}`;
  const { name, software } = describeRenderer(renderer);
  return `WebGL ${version} · ${name}${software ? ' (software)' : ''}`;
}

interface GlLike {
  RENDERER: number;
  getParameter(p: number): unknown;
  getExtension(name: string): unknown;
  isContextLost(): boolean;
  canvas: unknown;
}

/** The webgl backend's context, read through TF.js internals (stable across 4.x). */
function webglContext(): GlLike | undefined {
  return (tf.backend() as unknown as { gpgpu?: { gl?: GlLike } }).gpgpu?.gl;
}

/** Reads the unmasked renderer string from the webgl backend's own context. */
function readRenderer(): string | undefined {
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

/** A first kernel compiles (WebGL: a shader) and reads back: the real test of a backend. */
async function probe(): Promise<string | undefined> {
  const out = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.scalar(1)));
  const values = await out.data();
  out.dispose();
  return values[0] === 2 && values[1] === 3 ? undefined : 'produced wrong results';
}

/** Tries to make 'webgl' the active backend; returns why not on failure. */
async function tryWebgl(): Promise<string | undefined> {
  if (typeof document === 'undefined' && typeof OffscreenCanvas === 'undefined') {
    return 'no canvas in this environment';
  }
  if (webglContextLost()) return 'the WebGL context was lost';
  // Let TF.js use software WebGL (SwiftShader) instead of refusing it outright.
  tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
  try {
    if (tf.env().getNumber('WEBGL_VERSION') === 0) return 'no WebGL context';
    if (!(await tf.setBackend('webgl'))) return 'WebGL backend failed to initialise';
    if (webglContext()?.isContextLost()) return 'the WebGL context was lost';
    const wrong = await probe();
    return wrong && `WebGL ${wrong}`;
  } catch (err) {
    return errorMessage(err);
  }
}

/** Tries to make 'wasm' the active backend; returns why not on failure. */
async function tryWasm(prepare: ActivateOptions['prepareWasm']): Promise<string | undefined> {
  if (!prepare) return 'not available here';
  if (typeof WebAssembly === 'undefined') return 'this browser has no WebAssembly';
  try {
    await prepare();
    if (!(await tf.setBackend('wasm'))) return 'its .wasm file failed to load or compile';
    const wrong = await probe();
    return wrong && `wasm ${wrong}`;
  } catch (err) {
    return errorMessage(err);
  }
}

function webglInfo(): BackendInfo {
  const version = tf.env().getNumber('WEBGL_VERSION') === 1 ? 1 : 2;
  const renderer = readRenderer();
  return {
    name: 'webgl',
    webglVersion: version,
    renderer,
    software: renderer ? describeRenderer(renderer).software : false,
    label: webglLabel(version, renderer),
  };
}

/**
 * Makes `name` the active backend and checks it computes. Throws an Error whose message says
 * why not (shown to the user as the reason the backend was skipped). Cheap when the backend
 * was activated before: TF.js keeps initialised backends.
 */
export async function activateBackend(
  name: BackendName,
  opts: ActivateOptions = {},
): Promise<BackendInfo> {
  if (name === 'webgl') {
    const reason = await tryWebgl();
    if (reason !== undefined) throw new Error(reason);
    return webglInfo();
  }
  if (name === 'wasm') {
    const reason = await tryWasm(opts.prepareWasm);
    if (reason !== undefined) throw new Error(reason);
    const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
    return { name: 'wasm', software: false, label: wasmLabel(simd) };
  }
  if (!(await tf.setBackend('cpu'))) throw new Error('TF.js cpu backend failed to initialise');
  await tf.ready();
  return { name: 'cpu', software: false, label: cpuLabel() };
}

/**
 * Initialises TF.js on one backend, falling back to cpu.
 *
 * Order: `preferred` (default 'webgl'), then 'cpu'. With `disableWebgl` WebGL is not
 * touched at all and the result is reported as a fallback.
 */
export async function initBackend(
  opts: BackendOptions & ActivateOptions = {},
): Promise<BackendInfo> {
  const preferred = opts.preferred ?? 'webgl';
  let reason: string | undefined;
  if (opts.disableWebgl && preferred === 'webgl') {
    reason = 'disabled by request';
  } else if (preferred !== 'cpu') {
    try {
      return await activateBackend(preferred, opts);
    } catch (err) {
      reason = errorMessage(err);
    }
  }
  if (!(await tf.setBackend('cpu'))) throw new Error('TF.js cpu backend failed to initialise');
  await tf.ready();
  return {
    name: 'cpu',
    software: false,
    fallbackReason: reason,
    label: cpuLabel(reason, preferred),
  };
}

/** The context watched by {@link watchContextLoss}; kept after the loss so the loss stays visible. */
let watchedGl: GlLike | undefined;

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
