/** A minimal typed event emitter (no Node `events` import: this runs in browsers). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (...args: any[]) => void;

export class Emitter<Map extends object> {
  private readonly handlers = new globalThis.Map<keyof Map, Set<Handler>>();

  on<K extends keyof Map>(type: K, handler: Map[K]): () => void {
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    set.add(handler as Handler);
    return () => void set.delete(handler as Handler);
  }

  /** A throwing handler must not break delivery to the others, nor the client: it is reported. */
  emit<K extends keyof Map>(type: K, arg: Map[K] extends Handler ? Parameters<Map[K]>[0] : never, onThrow: (err: unknown) => void, meta?: unknown): void {
    const set = this.handlers.get(type);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        handler(arg, meta);
      } catch (err) {
        onThrow(err);
      }
    }
  }

  clear(): void {
    this.handlers.clear();
  }
}
