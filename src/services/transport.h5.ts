/** Browser: the local cloud identifies the caller from its signed session cookie. */
export async function send(fn: string, payload: unknown): Promise<unknown> {
  const res = await fetch(`/api/${fn}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  })
  return res.json()
}
