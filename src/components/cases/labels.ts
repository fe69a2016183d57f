import type { PerformanceStatus } from '../../domain/types'

export const PERFORMANCE_LABELS: Record<PerformanceStatus, string> = { full: '全部履行', partial: '部分履行', none: '未履行' }
