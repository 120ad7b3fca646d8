import { describe, expect, it } from 'vitest';
import { initBackend } from '../../src/engine/backend/activate';
import {
  contextLostLabel,
  cpuLabel,
  describeRenderer,
  webglLabel,
} from '../../src/engine/backend/backends';
import { watchContextLoss, webglContextLost } from '../../src/engine/backend/webglContext';

describe('describeRenderer', () => {
  it.each([
    [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'SwiftShader',
      true,
    ],
    ['llvmpipe (LLVM 15.0.6, 256 bits)', 'llvmpipe', true],
    [
      'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'Microsoft Basic Render',
      true,
    ],
    [
      'ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 (0x00002206) Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'NVIDIA GeForce RTX 3080',
      false,
    ],
    [
      'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)',
      'Mesa Intel(R) UHD Graphics 620 (KBL GT2)',
      false,
    ],
    ['ANGLE (Apple, ANGLE Metal Renderer: Apple M1, Unspecified Version)', 'Apple M1', false],
    ['Adreno (TM) 650', 'Adreno (TM) 650', false],
    ['', 'unknown GPU', false],
  ])('%j → %s', (renderer, name, software) => {
    expect(describeRenderer(renderer)).toEqual({ name, software });
  });

  it('shortens very long names', () => {
    expect(describeRenderer('x'.repeat(80)).name).toHaveLength(48);
  });
});

describe('labels', () => {
  it('says which WebGL, which GPU and whether it is emulated', () => {
    expect(
      webglLabel(2, 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device), SwiftShader driver)'),
    ).toBe('WebGL 2 · SwiftShader (software)');
    expect(webglLabel(1, 'Apple GPU')).toBe('WebGL 1 · Apple GPU');
    expect(webglLabel(2, undefined)).toBe('WebGL 2');
  });

  it('says why the cpu backend is in use', () => {
    expect(cpuLabel('disabled by request')).toBe('CPU (WebGL unavailable: disabled by request)');
    expect(cpuLabel()).toBe('CPU');
  });
});

describe('initBackend in Node', () => {
  it('falls back to cpu because there is no canvas', async () => {
    const info = await initBackend();
    expect(info).toMatchObject({ name: 'cpu', software: false });
    expect(info.label).toBe('CPU (WebGL unavailable: no canvas in this environment)');
  });

  it('reports a requested fallback', async () => {
    const info = await initBackend({ disableWebgl: true });
    expect(info.name).toBe('cpu');
    expect(info.label).toBe('CPU (WebGL unavailable: disabled by request)');
  });

  it('uses cpu without complaint when asked to prefer it', async () => {
    const info = await initBackend({ preferred: 'cpu' });
    expect(info).toEqual({ name: 'cpu', software: false, fallbackReason: undefined, label: 'CPU' });
  });
});

describe('context loss', () => {
  it('labels the mid-session switch to cpu', () => {
    expect(contextLostLabel()).toBe('CPU (WebGL context lost; switched to CPU)');
  });

  it('reports no loss and ignores the watch when TF.js is not on WebGL', async () => {
    await initBackend({ preferred: 'cpu' });
    let called = false;
    watchContextLoss(() => (called = true));
    expect(webglContextLost()).toBe(false);
    expect(called).toBe(false);
  });
});
