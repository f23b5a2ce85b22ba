import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { resolveClient, type TClientInput } from './client.ts'

const base: TClientInput = {
  socketAddress: '10.0.0.5',
  forwardedFor: undefined,
  forwardedProto: undefined,
  urlProtocol: 'http:',
  trustProxy: false,
}

describe('resolving the client', () => {
  const cases: [string, Partial<TClientInput>, { address: string; isHttps: boolean }][] = [
    ['uses the socket without a proxy', {}, { address: '10.0.0.5', isHttps: false }],
    [
      'ignores forwarded headers unless the proxy is trusted',
      { forwardedFor: '1.2.3.4', forwardedProto: 'https' },
      { address: '10.0.0.5', isHttps: false },
    ],
    [
      'takes the right-most forwarded address from a trusted proxy',
      { trustProxy: true, forwardedFor: 'spoofed, 1.2.3.4' },
      { address: '1.2.3.4', isHttps: false },
    ],
    [
      'believes X-Forwarded-Proto from a trusted proxy',
      { trustProxy: true, forwardedProto: 'https' },
      { address: '10.0.0.5', isHttps: true },
    ],
    ['sees https from the URL itself', { urlProtocol: 'https:' }, { address: '10.0.0.5', isHttps: true }],
    [
      'falls back to unknown for in-process requests',
      { socketAddress: undefined },
      { address: 'unknown', isHttps: false },
    ],
  ]
  for (const [name, input, expected] of cases)
    it(name, () => assert.deepEqual(resolveClient({ ...base, ...input }), expected))
})
