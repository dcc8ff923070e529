/** A driver adapter, transaction or factory with some members replaced: the store's wrappers. */

/**
 * `inner` with `overrides` in front. Everything else is read from `inner`, and its methods run
 * on it (they use private fields), so members a later adapter version adds stay reachable.
 */
export function delegate<T extends object>(inner: T, overrides: Partial<T>): T {
  return new Proxy(inner, {
    get(target, key) {
      if (Object.hasOwn(overrides, key)) return overrides[key as keyof T];
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
