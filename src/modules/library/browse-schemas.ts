/**
 * Response schemas of the library browse endpoints (browse-routes.ts): sources, rights and the
 * compact object index. Plain zod with OpenAPI names, importable by the web app for its types.
 */
import { z } from '@hono/zod-openapi'
import { OBJECT_KIND_IDS } from '../../library/urn.ts'
import { ZReferenceView } from './schemas.ts'

const ZDateLike = z.union([z.string(), z.number()])

export const ZSourceView = z
  .object({
    id: z.string(),
    publisher: z.string(),
    title: z.string(),
    edition: ZDateLike.optional(),
    date: ZDateLike.optional(),
    kind: z.enum(['primary', 'secondary', 'internal']).optional(),
    url: z.string().nullable().optional(),
    licence: z.string().optional(),
    accessed: ZDateLike.optional(),
    note: z.string().optional(),
  })
  .openapi('LibrarySource')

export const ZRightView = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().optional(),
    references: z.array(ZReferenceView),
  })
  .openapi('LibraryRight')

export const ZIndexEntry = z
  .object({
    urn: z.string(),
    kind: z.enum(OBJECT_KIND_IDS),
    version: z.number().int(),
    title: z.string(),
    parent: z
      .string()
      .optional()
      .openapi({ description: 'URN of the framework or questionnaire it belongs to' }),
  })
  .openapi('LibraryIndexEntry')

export type TSourceView = z.infer<typeof ZSourceView>
export type TRightView = z.infer<typeof ZRightView>
export type TIndexEntry = z.infer<typeof ZIndexEntry>
