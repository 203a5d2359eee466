/** Waits for a condition driven by real sockets (a reconnect, a frame); fails after `ms`. Not a timing assertion. */
export async function waitUntil(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
