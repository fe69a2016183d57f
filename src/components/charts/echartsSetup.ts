/**
 * The ECharts modules the charts use, and nothing else (echarts/core instead of the whole library keeps
 * the charts' chunk small). Imported only by EChart.vue, which is itself loaded on demand.
 */
import { use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendPlainComponent, TooltipComponent } from 'echarts/components'

use([CanvasRenderer, BarChart, LineChart, GridComponent, LegendPlainComponent, TooltipComponent])
