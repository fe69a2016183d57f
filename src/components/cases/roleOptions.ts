export const ROLE_OPTIONS = (['申请人', '被申请人', '第三人'] as const).map((r) => ({ label: r, value: r }))
