/**
 * Middleware composition in the grammY/koa style: everything is `filter(predicate, ...middleware)`, and the sugar
 * (`command`, `hears`, `on`) is a one-liner over it. A middleware that does not call `next` ends the chain —
 * that is how guards refuse (bolt-js `ignoreSelf`).
 */
import type { Context } from './context';

export type Next = () => Promise<void>;
export type Middleware<C = Context> = (ctx: C, next: Next) => Promise<void> | void;
export type Predicate<C = Context> = (ctx: C) => boolean | Promise<boolean>;

export function compose<C>(stack: Middleware<C>[]): Middleware<C> {
  return (ctx, next) => {
    let last = -1;
    // Not an async function: each message passes dozens of middleware, and an await per step is a promise and a
    // microtask each (a sync middleware's result is passed on as it is).
    const run = (i: number): Promise<void> => {
      if (i <= last) return Promise.reject(new Error('next() called twice'));
      last = i;
      const mw = i < stack.length ? stack[i] : next;
      try {
        return Promise.resolve(mw(ctx, () => run(i + 1)));
      } catch (err) {
        return Promise.reject(err);
      }
    };
    return run(0);
  };
}

export class Composer<C extends Context = Context> {
  private readonly stack: Middleware<C>[] = [];

  use(...mw: Middleware<C>[]): this {
    this.stack.push(...mw);
    return this;
  }

  filter(predicate: Predicate<C>, ...mw: Middleware<C>[]): this {
    const inner = compose(mw);
    return this.use((ctx, next) => {
      const hit = predicate(ctx);
      if (typeof hit === 'boolean') return hit ? inner(ctx, next) : next();
      return hit.then((yes) => (yes ? inner(ctx, next) : next()));
    });
  }

  /** Matches when the text starts with one of the names, followed by nothing, a space, a line break or `#`. */
  command(names: string | string[], ...mw: Middleware<C>[]): this {
    const list = Array.isArray(names) ? names : [names];
    return this.filter((ctx) => list.some((name) => ctx.matchCommand(name)), ...mw);
  }

  hears(pattern: RegExp, ...mw: Middleware<C>[]): this {
    return this.filter((ctx) => pattern.test(ctx.text), ...mw);
  }

  on(kind: 'media' | 'text', ...mw: Middleware<C>[]): this {
    return this.filter((ctx) => (kind === 'media' ? ctx.message.media.length > 0 : ctx.text.length > 0), ...mw);
  }

  middleware(): Middleware<C> {
    return compose(this.stack);
  }
}
