/**
 * How people read the audit log (the console's 操作日志). Each module records its own action
 * codes (`<entity>.<verb>`); an action not listed here is shown by its code.
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.logout_everywhere': '退出所有设备',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.update_password': '重设密码',
  'user.deactivate': '停用用户',
  'unit.create': '新建单位',
  'unit.update': '修改单位',
  'unit.import': '导入单位',
  'channel.create': '新建载体',
  'channel.update': '修改载体',
  'channel.deactivate': '停用载体',
  'channel.import': '导入载体',
  'calendar.update_day': '修改工作日历',
  'calendar.load_year': '录入全年放假安排',
  'requirement.update': '修改工作要求',
  'checklist_item.waive': '豁免清单事项',
  'finding.create': '登记问题',
  'rectification.update_settings': '修改整改设置',
  'reminders.update_settings': '修改提醒设置',
  'disclosure_stat.create': '导入公开数据',
  'disclosure_stat.replace': '替换公开数据',
  'disclosure_stat.import': '导入公开数据文件',
};

/** What an entry is about (`entityType`). */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  user: '用户',
  unit: '单位',
  channel: '载体',
  calendar_day: '工作日历',
  calendar_year: '全年放假安排',
  requirement: '工作要求',
  checklist_item: '清单事项',
  finding: '问题',
  rectification_setting: '整改设置',
  notification_setting: '提醒设置',
  disclosure_stat: '政务公开数据',
};
