// One bounded autocannon run. The client runs in a worker thread so it does not share the event
// loop with the servers under test (which run on this process's main thread).
import autocannon from 'autocannon';

export type LoadOptions = {
  durationS: number;
  connections: number;
  headers?: Record<string, string>;
};
export type LoadResult = {
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerReq: number;
};

export async function load(url: string, o: LoadOptions): Promise<LoadResult> {
  const r = await autocannon({
    url,
    connections: o.connections,
    duration: o.durationS,
    headers: o.headers ?? {},
    workers: 1,
    timeout: 10,
  });
  const ok = r['2xx'];
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    mean: r.latency.average,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    bytesPerReq: ok ? Math.round(r.throughput.total / ok) : 0,
  };
}
