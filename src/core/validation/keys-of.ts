/**
 * Lists the keys of `T` at run time, checked at compile time: a key `T` does not have, or one of
 * its keys left out, is a type error. So the lists of known option names that the validators
 * check against can never drift from the types they mirror.
 */
export function keysOf<T>() {
  return <const K extends readonly (keyof T & string)[]>(
    keys: K &
      ([Exclude<keyof T, K[number]>] extends [never]
        ? unknown
        : { missingKeys: Exclude<keyof T, K[number]> }),
  ): K => keys;
}
