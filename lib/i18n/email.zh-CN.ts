// Strings of the notification e-mails and the e-mail settings page.
export const emailMessages = {
  subject: {
    SUBMITTED: "【待审核】《{title}》",
    CHANGES_REQUESTED: "【退回修改】《{title}》",
    APPROVED: "【审核通过】《{title}》",
    SCHEDULED: "【定时发布】《{title}》",
    PUBLISHED: "【已发布】《{title}》",
    UNPUBLISHED: "【已撤稿】《{title}》",
    COMMENTED: "【新评论】《{title}》",
  },
  greeting: "{name}，您好：",
  open: "查看稿件：{url}",
  footer: "此邮件由机关党建工作综述系统自动发送，请勿直接回复。如不想再收到邮件通知，请在工作台“邮件通知”页面关闭：{settings}",
  system: "系统",
  settings: {
    title: "邮件通知",
    intro: "开启后，工作台中的通知（提交审核、退回修改、审核通过、发布、撤稿等）也会发送到您的邮箱。",
    address: "邮箱地址：{email}",
    noAddress: "您的账号还没有登记邮箱地址，请联系系统管理员。",
    notConfigured: "本站尚未配置邮件服务器，目前不会发送邮件。",
    on: "已开启邮件通知",
    off: "已关闭邮件通知",
    turnOn: "开启邮件通知",
    turnOff: "关闭邮件通知",
    saved: "已保存",
  },
} as const;
