import { z } from 'zod'

export const shellChannels = {
  'shell:open-external': {
    verb: 'openExternal',
    request: z.strictObject({ url: z.string().max(2048, '网址过长') }),
    result: z.strictObject({ opened: z.literal(true) }),
  },
} as const
