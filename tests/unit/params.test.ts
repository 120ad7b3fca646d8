import { describe, expect, it } from 'vitest';
import { readBackendRequest } from '../../src/app/params';

describe('readBackendRequest', () => {
  it('forces the cpu fallback from the query or the hash', () => {
    expect(readBackendRequest('?backend=cpu', '')).toEqual({ disableWebgl: true });
    expect(readBackendRequest('', '#backend=cpu')).toEqual({ disableWebgl: true });
    expect(readBackendRequest('?x=1&backend=CPU', '#cell=lstm')).toEqual({ disableWebgl: true });
  });

  it('lets the query win over the hash', () => {
    expect(readBackendRequest('?backend=webgl', '#backend=cpu')).toEqual({ preferred: 'webgl' });
  });

  it('asks for wasm or WebGL by name', () => {
    expect(readBackendRequest('?backend=wasm', '')).toEqual({ preferred: 'wasm' });
    expect(readBackendRequest('', '#backend=WebGL')).toEqual({ preferred: 'webgl' });
  });

  it('ignores missing or unknown values (the page then measures and picks)', () => {
    expect(readBackendRequest('', '')).toEqual({});
    expect(readBackendRequest('?backend=auto', '')).toEqual({});
    expect(readBackendRequest('?backend=cuda', '')).toEqual({});
  });
});
