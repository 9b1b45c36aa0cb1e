import { describe, expect, it } from 'vitest';
import { proxySettings } from '../../src/doctor/proxy.js';

describe('proxy settings', () => {
  it('lists every proxy variable in any case, and --proxy', () => {
    expect(proxySettings({ https_proxy: 'http://u:p@p:1', ALL_PROXY: 'socks5://tok3n@p:2', NO_PROXY: 'localhost', PATH: '/bin', HTTP_PROXY: '' }, 'http://flag:3128')).toEqual({
      '--proxy': 'http://flag:3128',
      https_proxy: 'http://u:***@p:1',
      ALL_PROXY: 'socks5://***@p:2',
      NO_PROXY: 'localhost',
    });
  });
});
