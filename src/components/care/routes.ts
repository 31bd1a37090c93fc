/** Pages of notices, birthdays and the message center, in one place (src/components/routes.ts is shared). */
export const CARE_ROUTES = {
  notices: '/subpackages/notices/list/index',
  notice: '/subpackages/notices/detail/index',
  noticeEdit: '/subpackages/notices/edit/index',
  noticeReceipts: '/subpackages/notices/receipts/index',
  birthdays: '/subpackages/care/birthdays/index',
  greetingSettings: '/subpackages/care/settings/index',
  messages: '/subpackages/messages/list/index',
} as const
