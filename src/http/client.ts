/**
 * Who is on the other end: client address (for login rate limits) and whether the request came
 * over https (for Secure cookies). Behind a reverse proxy (CUSTOS_TRUST_PROXY=1) the proxy's
 * X-Forwarded-For / X-Forwarded-Proto are believed; otherwise they are ignored, since any client
 * could send them.
 */
export type TClientInput = {
  socketAddress: string | undefined
  forwardedFor: string | undefined
  forwardedProto: string | undefined
  urlProtocol: string
  trustProxy: boolean
}

export const resolveClient = (input: TClientInput): { address: string; isHttps: boolean } => {
  if (input.trustProxy) {
    // The right-most entry was added by our proxy; entries to its left are client-controlled.
    const forwarded = input.forwardedFor
      ?.split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .at(-1)
    const proto = input.forwardedProto?.split(',')[0]?.trim().toLowerCase()
    return {
      address: forwarded ?? input.socketAddress ?? 'unknown',
      isHttps: proto ? proto === 'https' : input.urlProtocol === 'https:',
    }
  }
  return { address: input.socketAddress ?? 'unknown', isHttps: input.urlProtocol === 'https:' }
}
