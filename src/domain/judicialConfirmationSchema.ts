/**
 * The shape of a 司法确认 record as typed (judicialConfirmation.ts holds its rules): apart, because it
 * needs zod, which the first screen does not load (labels and the dashboard read judicialConfirmation.ts).
 */
import { z } from 'zod'
import { isIsoDate } from './dates'
import { JUDICIAL_CONFIRMATION_RESULTS } from './judicialConfirmation'

/** The input's shape and the Chinese message for each wrong field; the rules between fields are below. */
export const JUDICIAL_CONFIRMATION_SCHEMA = z.object(
  {
    appliedOn: z
      .string({ error: '请填写申请日期' })
      .trim()
      .min(1, { error: '请填写申请日期' })
      .refine(isIsoDate, { error: '申请日期应写作 2026-11-05 这样的格式' }),
    court: z
      .string({ error: '请填写受理法院' })
      .trim()
      .min(1, { error: '请填写受理法院' })
      .max(200, { error: '受理法院名称过长' }),
    result: z.enum(JUDICIAL_CONFIRMATION_RESULTS, { error: '请选择法院的处理结果' }).optional(),
    decidedOn: z
      .string({ error: '裁定日期应写作 2026-11-05 这样的格式' })
      .trim()
      .refine((s) => s === '' || isIsoDate(s), { error: '裁定日期应写作 2026-11-05 这样的格式' })
      .optional(),
    rulingNo: z.string({ error: '裁定书文号应为文字' }).trim().max(200, { error: '裁定书文号过长' }).optional(),
  },
  { error: '司法确认情况不完整，请重新填写' },
)
