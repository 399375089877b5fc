// Strings of previews (issue 11): the studio preview, signed preview links and their control in
// the editing page. Kept apart from zh-CN.ts so that it can be merged in later without touching
// that file meanwhile.
export const previewMessages = {
  pageTitle: "预览：{title}",
  banner: "预览 — 尚未发布",
  bannerPublished: "预览 — 已发布",
  currentStatus: "当前状态：{status}",
  liveBanner: "公开版本 — 读者现在看到的内容",
  modeWorking: "编辑中的版本",
  modeLive: "公开版本",
  modes: "预览内容",
  noLiveEdition: "该稿件目前没有公开版本。",
  backToEditing: "返回编辑",
  linkBanner: "预览链接，有效期至 {at}（北京时间）",
  linkNote: "稿件尚未定稿，内容以正式发布为准。请勿转发。",
  expiredTitle: "预览链接已过期",
  expiredBody: "该预览链接已超过有效期。如需继续阅读，请联系发送链接的同志重新生成。",
  invalidTitle: "预览链接无效",
  invalidBody: "该预览链接不完整、已被修改，或对应的稿件已不存在。请核对链接，或联系发送链接的同志。",
  backHome: "返回首页",
  // The editing page's control
  open: "预览",
  openHint: "在新标签页中按公开页面的样式预览（显示已保存的内容）",
  createLink: "生成预览链接",
  duration: "有效期",
  durations: { "1h": "1小时", "1d": "1天", "7d": "7天" },
  creating: "生成中…",
  linkLabel: "预览链接",
  expiresAt: "有效期至 {at}（北京时间）",
  linkHint: "无需账号即可打开，请只发给需要审阅的人。链接显示打开时的最新保存内容。",
  copy: "复制",
  copied: "已复制",
  copyFailed: "无法自动复制，请选中链接后手动复制",
  // Refusals of the action
  noSecret: "服务器未配置密钥，暂时无法生成预览链接",
} as const;
