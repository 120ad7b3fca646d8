/**
 * The TF.js backends as the page reports them: their names, what starting one returns, and
 * the human-readable labels, so a teacher can see at a glance why the page runs the way it
 * does. Starting one is activate.ts; its WebGL context (renderer, loss) is webglContext.ts.
 *
 * Pure TypeScript, no TF.js: describing a renderer string needs no WebGL.
 */

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
