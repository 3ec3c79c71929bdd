type Obj = Record<string, any>;

/**
 * The double's objects by key, indexed by namespace as the API server's
 * storage is: lists and the controller read one namespace instead of every
 * object the double holds (which grows with each environment a test or the
 * bench writes).
 */
export class DoubleObjects extends Map<string, Obj> {
  readonly #byNamespace = new Map<string, Map<string, Obj>>();

  override set(key: string, object: Obj): this {
    this.delete(key);
    super.set(key, object);
    const namespace: string | undefined = object.metadata?.namespace;
    if (namespace !== undefined) {
      let objects = this.#byNamespace.get(namespace);
      if (!objects) {
        objects = new Map();
        this.#byNamespace.set(namespace, objects);
      }
      objects.set(key, object);
    }
    return this;
  }

  override delete(key: string): boolean {
    const object = super.get(key);
    if (!object) return false;
    const namespace: string | undefined = object.metadata?.namespace;
    const objects =
      namespace === undefined ? undefined : this.#byNamespace.get(namespace);
    objects?.delete(key);
    if (objects?.size === 0) this.#byNamespace.delete(namespace!);
    return super.delete(key);
  }

  override clear(): void {
    this.#byNamespace.clear();
    super.clear();
  }

  /** The objects of one namespace (a copy of the list: callers may delete). */
  inNamespace(namespace: string): Obj[] {
    return [...(this.#byNamespace.get(namespace)?.values() ?? [])];
  }
}
