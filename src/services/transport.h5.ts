/** Browser: the local cloud identifies the caller from its signed session cookie. */
export async function send(fn: string, payload: unknown): Promise<unknown> {
  const res = await fetch(`/api/${fn}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  })
  // A reply (even a refusal such as 413 提交的内容太大) is JSON; a failed call (the emulated cloud's 502/504
  // when an invocation is killed) is not, and rejects as wx.cloud.callFunction's fail does.
  if (!(res.headers.get('content-type') ?? '').includes('application/json'))
    throw new Error(`cloud.callFunction:fail ${res.status} ${await res.text()}`)
  return res.json()
}
