import { describe, expect, it } from 'vitest';
import { hidePassword, proxySettings } from '../../src/doctor/proxy.js';

describe('proxy settings', () => {
  it('hides the password of a proxy URL', () => {
    expect(hidePassword('http://me:pa55@proxy.corp:8080')).toBe('http://me:***@proxy.corp:8080');
    expect(hidePassword('http://proxy.corp:8080')).toBe('http://proxy.corp:8080');
  });

  it('lists every proxy variable in any case, and --proxy', () => {
    expect(proxySettings({ https_proxy: 'http://u:p@p:1', NO_PROXY: 'localhost', PATH: '/bin', HTTP_PROXY: '' }, 'http://flag:3128')).toEqual({
      '--proxy': 'http://flag:3128',
      https_proxy: 'http://u:***@p:1',
      NO_PROXY: 'localhost',
    });
  });
});
