/** Request parameters every module's routes share: the language of text, and ids in the path. */
import { z } from '@hono/zod-openapi'
import { LOCALES } from '../content/index.ts'

/** `?locale=` for routes that return localised text (English when absent). */
export const ZLocaleQuery = z.object({
  locale: z
    .enum(LOCALES)
    .default('en')
    .openapi({
      param: { name: 'locale', in: 'query' },
      description: 'Language of names and titles',
      example: 'fr',
    }),
})

/** A path parameter holding an id of at most `max` characters, e.g. `pathId('userId')` for `/{userId}`. */
export const pathId = <TName extends string>(name: TName, options: { max?: number; example?: string } = {}) =>
  z.object({
    [name]: z
      .string()
      .min(1)
      .max(options.max ?? 100)
      .openapi({ param: { name, in: 'path' }, ...(options.example ? { example: options.example } : {}) }),
  } as { [K in TName]: z.ZodString })
