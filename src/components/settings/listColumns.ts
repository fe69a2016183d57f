import { h } from 'vue'
import { NButton, NTag, type DataTableColumn } from 'naive-ui'

/** The 状态 column of a settings list: a green tag while the row is active. */
export function activeColumn<Row extends { active: boolean }>(onText: string, offText: string): DataTableColumn<Row> {
  return {
    title: '状态',
    key: 'active',
    width: 80,
    render: (row) =>
      h(NTag, { type: row.active ? 'success' : 'default', size: 'small' }, () => (row.active ? onText : offText)),
  }
}

/** The 修改 button of a settings list, opening the row in its dialog. */
export function editColumn<Row>(open: (row: Row) => void): DataTableColumn<Row> {
  return {
    title: '',
    key: 'edit',
    width: 80,
    render: (row) => h(NButton, { size: 'small', onClick: () => open(row) }, () => '修改'),
  }
}
