/** The part of autocannon's programmatic API our benchmarks use (the package ships no types). */
declare module 'autocannon' {
  type TAutocannonOptions = {
    url: string
    connections?: number
    duration?: number
    amount?: number
    workers?: number
    method?: string
    headers?: Record<string, string>
    body?: string
  }
  type THistogram = { average: number; mean: number; p50: number; p90: number; p99: number; max: number }
  type TAutocannonResult = {
    requests: THistogram
    latency: THistogram
    throughput: THistogram
    errors: number
    timeouts: number
    non2xx: number
  }
  function autocannon(options: TAutocannonOptions): Promise<TAutocannonResult>
  export default autocannon
}
